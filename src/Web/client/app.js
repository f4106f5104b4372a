// vigil serve's pages: sign-in, map with filters and case details, review queue, dispatch, the field list and the
// dashboard. Every write goes to the server with the page's antiforgery token; the server checks the role.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './style.css';
import { TEXT, STATUS_COLORS, KIND_DASH, CARD_COLORS } from './text.js';

const state = { me: null, token: null, view: 'map', flash: null };
const t = () => TEXT[state.me?.language ?? 'zh-CN'] ?? TEXT['zh-CN'];
const statusText = (s) => t().statuses[s] ?? s;
const kindText = (k) => t().kinds[k] ?? k;

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c);
  return el;
}

async function refreshToken() {
  const r = await fetch('/api/antiforgery', { credentials: 'same-origin' });
  state.token = (await r.json()).token;
}

async function api(method, url, body) {
  const headers = { 'X-CSRF-TOKEN': state.token };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  const json = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) {
    const error = new Error(json?.error ?? `HTTP ${r.status}`);
    error.status = r.status;
    throw error;
  }
  return json;
}

function message(text, ok = false) {
  const el = document.getElementById('message');
  if (!el) return;
  el.textContent = text ?? '';
  el.className = ok ? 'message ok' : 'message error';
}

async function start() {
  await refreshToken();
  try {
    state.me = await api('GET', '/api/me');
    shell();
  } catch {
    login();
  }
}

function login() {
  document.documentElement.lang = 'zh-CN';
  const tx = TEXT['zh-CN'];
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', {
    id: 'login-form', class: 'login',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        state.me = await api('POST', '/api/login', { name: name.value, password: password.value });
        await refreshToken();
        shell();
      } catch (err) {
        message(err.message);
      }
    },
  },
  h('h1', { text: `${tx.title} · Vigil` }),
  h('label', {}, `${tx.name} / Name`, name),
  h('label', {}, `${tx.password} / Password`, password),
  h('button', { type: 'submit', id: 'login-submit', text: `${tx.signIn} / Sign in` }),
  h('p', { id: 'message', class: 'message' }));
  document.getElementById('app').replaceChildren(form);
}

const VIEWS = {
  map: { roles: null, render: mapView },
  review: { roles: ['admin', 'analyst'], render: reviewView },
  dispatch: { roles: ['admin', 'teamlead'], render: dispatchView },
  field: { roles: ['admin', 'teamlead', 'member'], render: fieldView },
  dashboard: { roles: null, render: dashboardView },
};
const allowed = (view) => !VIEWS[view].roles || VIEWS[view].roles.includes(state.me.role);

function shell(view) {
  state.view = view ?? (state.me.role === 'member' ? 'field' : state.view);
  if (!allowed(state.view)) state.view = 'map';
  document.documentElement.lang = state.me.language;
  const tx = t();
  const nav = h('nav', {},
    Object.keys(VIEWS).filter(allowed).map((v) => h('button', {
      id: `nav-${v}`, class: v === state.view ? 'active' : null, text: tx[v], onclick: () => shell(v),
    })),
    h('span', { class: 'who', id: 'who', text: `${state.me.displayName} · ${tx.roles[state.me.role] ?? state.me.role}${state.me.team ? ' · ' + state.me.team : ''}` }),
    h('button', {
      id: 'language', text: tx.language,
      onclick: async () => {
        state.me = await api('PUT', '/api/me/language', { language: state.me.language === 'en' ? 'zh-CN' : 'en' });
        shell(state.view);
      },
    }),
    h('button', {
      id: 'sign-out', text: tx.signOut,
      onclick: async () => { await api('POST', '/api/logout'); state.me = null; await refreshToken(); login(); },
    }));
  const main = h('main', { id: 'view', class: `view-${state.view}` });
  document.getElementById('app').replaceChildren(h('header', {}, nav), h('p', { id: 'message', class: 'message' }), main);
  if (state.flash) { message(state.flash, true); state.flash = null; }
  VIEWS[state.view].render(main).catch((err) => message(err.message));
}

// ---- map ---------------------------------------------------------------------------------------------------------

function options(values, labels, selected) {
  return [h('option', { value: '', text: t().any }),
    ...values.map((v) => h('option', { value: v, text: labels(v), selected: v === selected }))];
}

async function mapView(main) {
  const tx = t();
  const started = performance.now();
  // The cases are asked for at once, beside the layers the filters need.
  let firstLoad = api('GET', '/api/cases');
  const flightsLoad = api('GET', '/api/flights');
  const layers = await api('GET', '/api/layers');
  const teams = layers.teams.map((a) => a.team);
  const f = {
    status: h('select', { id: 'filter-status' }, options(Object.keys(tx.statuses), statusText)),
    kind: h('select', { id: 'filter-kind' }, options(Object.keys(tx.kinds), kindText)),
    team: h('select', { id: 'filter-team' }, options(teams, (x) => x)),
    card: h('select', { id: 'filter-card' }, options(['yellow', 'red', 'none'], (c) => tx.cards[c])),
    flight: h('input', { id: 'filter-flight', size: 10 }),
    from: h('input', { id: 'filter-from', type: 'date' }),
    to: h('input', { id: 'filter-to', type: 'date' }),
  };
  const count = h('span', { id: 'case-count' });
  const filterQuery = () => new URLSearchParams(Object.entries(f).filter(([, el]) => el.value).map(([k, el]) => [k, el.value]));
  // The server answers the CSV as an attachment: the page stays, the browser saves the file.
  const exportCsv = () => { window.location.href = `/api/cases.csv?${filterQuery()}`; };
  const filters = h('form', { class: 'filters', id: 'filters', onsubmit: (e) => { e.preventDefault(); load(); } },
    ...Object.entries(f).map(([k, el]) => h('label', {}, tx[k], el)),
    h('button', { type: 'submit', text: tx.apply }),
    h('button', { type: 'button', id: 'export-csv', text: tx.exportCsv, onclick: exportCsv }), count);
  const mapDiv = h('div', { id: 'map' });
  // Analysts may select several detected cases (Ctrl- or Shift-click) and decide them at once, each with its own version.
  const selected = new Map();
  const selectionText = h('span', { id: 'selection-count' });
  const selectionReason = h('input', { id: 'selection-reason', placeholder: tx.reason });
  const decideSelected = async (decision) => {
    const failures = [];
    for (const p of selected.values()) {
      try {
        await api('POST', `/api/cases/${p.number}/review`, { decision, reason: selectionReason.value, version: p.version });
      } catch (err) {
        failures.push(`${p.number}: ${err.message}`);
      }
    }
    selected.clear();
    if (failures.length) message(failures.join(' · ')); else message(tx.saved, true);
    await load();
  };
  const selectionBar = h('div', { class: 'actions selection', id: 'selection', hidden: true }, selectionText, selectionReason,
    h('button', { id: 'confirm-selected', text: tx.confirm, onclick: () => decideSelected('confirm') }),
    h('button', { id: 'reject-selected', text: tx.reject, onclick: () => decideSelected('reject') }));
  const canReview = ['admin', 'analyst'].includes(state.me.role);
  const toggle = (p, marker) => {
    if (selected.has(p.number)) { selected.delete(p.number); marker.setStyle({ weight: 2, color: STATUS_COLORS[p.status] }); }
    else { selected.set(p.number, p); marker.setStyle({ weight: 5, color: '#000' }); }
    selectionText.textContent = `${selected.size} ${tx.selected}`;
    selectionBar.hidden = selected.size === 0;
  };
  const side = h('aside', { id: 'case-panel' }, h('p', { text: tx.selectCase }));
  const list = h('ul', { id: 'case-list', class: 'case-list' });
  main.append(filters, selectionBar, h('div', { class: 'map-row' }, mapDiv, side), list);

  // The zoom range is the map's own: the imagery layers' ranges would otherwise bound it.
  const map = L.map(mapDiv, { preferCanvas: false, zoomSnap: 0.25, minZoom: 0, maxZoom: 24 });
  // Without imagery (none at hand, or the server could not list it) the map still shows the cases.
  imageryLayers(map, await flightsLoad.catch(() => []));
  L.geoJSON({ type: 'FeatureCollection', features: layers.teams.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: a })) }, {
    style: { color: '#3b6ea8', weight: 2, dashArray: '8 4', fill: false },
    onEachFeature: (feat, layer) => layer.bindTooltip(feat.properties.team, { sticky: true }),
  }).addTo(map);
  L.geoJSON({ type: 'FeatureCollection', features: layers.zones.map((z) => ({ type: 'Feature', geometry: z.geometry, properties: z })) }, {
    style: (feat) => ({ color: CARD_COLORS[feat.properties.card] ?? '#777', weight: 1, fillOpacity: 0.25 }),
    onEachFeature: (feat, layer) => layer.bindTooltip(`${feat.properties.name} · ${tx.cards[feat.properties.card ?? 'none']}`),
  }).addTo(map);
  const casesLayer = L.featureGroup().addTo(map);
  const canvas = L.canvas({ padding: 0.2 });
  // Outlines are drawn once they are larger than the markers (zoom 16 and in): a district of cases opens fast.
  let outlines = null;
  const showOutlines = () => {
    if (!outlines) return;
    if (map.getZoom() >= 16) outlines.addTo(map);
    else outlines.remove();
  };
  map.on('zoomend', showOutlines);
  // One tooltip for all markers: a tooltip per case costs a second with thousands of cases.
  casesLayer.on('mouseover', (e) => {
    const p = e.layer.options.caseSummary;
    if (p) e.layer.bindTooltip(`${p.number} · ${statusText(p.status)} · ${kindText(p.kind)}`).openTooltip();
  });

  async function load() {
    const data = await (firstLoad ?? api('GET', `/api/cases?${filterQuery()}`));
    firstLoad = null;
    casesLayer.clearLayers();
    selected.clear();
    selectionBar.hidden = true;
    outlines?.remove();
    list.replaceChildren();
    // SVG keeps each case an element (clickable, testable); past a thousand cases one canvas draws them much faster.
    const renderer = data.features.length > 1000 ? canvas : undefined;
    outlines = L.geoJSON(data, {
      renderer,
      style: (feat) => ({ color: STATUS_COLORS[feat.properties.status] ?? '#000', weight: 2, dashArray: KIND_DASH[feat.properties.kind] }),
      onEachFeature: (feat, layer) => layer.on('click', () => showCase(feat.properties.number)),
    });
    for (const feat of data.features) {
      const p = feat.properties;
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: 6, color: STATUS_COLORS[p.status] ?? '#000', weight: 2, fillOpacity: 0.7, dashArray: KIND_DASH[p.kind],
        className: `case-marker case-${p.number}`, renderer, caseSummary: p,
      });
      marker.on('click', (e) => {
        const many = e.originalEvent.ctrlKey || e.originalEvent.shiftKey;
        if (many && canReview && p.status === 'detected') toggle(p, marker); else showCase(p.number);
      }).addTo(casesLayer);
      if (data.features.length <= 300) {
        list.append(h('li', { id: `row-${p.number}`, onclick: () => showCase(p.number) },
          h('span', { class: `dot s-${p.status}` }), `${p.number} · ${statusText(p.status)} · ${kindText(p.kind)} · ${p.team ?? tx.noTeam}`));
      }
    }
    count.textContent = `${data.features.length} ${tx.cases}`;
    const bounds = casesLayer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.1));
    else map.setView([30.25, 120.15], 12);
    showOutlines();
    document.body.dataset.mapReady = String(data.features.length);
    document.body.dataset.mapMs = String(Math.round(performance.now() - started));
  }

  async function showCase(number) {
    try {
      side.replaceChildren(await caseDetail(number, () => { load(); showCase(number); }));
    } catch (err) {
      message(err.message);
    }
  }

  await load();
}

// Each flight's orthophoto as a base layer under the cases (the latest shown first); tiles are rendered by the server
// through GDAL and drawn from the flight's own level of detail down to a few levels out.
function imageryLayers(map, flights) {
  const tx = t();
  const bases = { [tx.noImagery]: L.layerGroup() };
  for (const f of flights) {
    const label = `${tx.imagery}: ${f.flight}${f.captured ? ` · ${f.captured.slice(0, 10)}` : ''}`;
    bases[label] = L.tileLayer(f.tiles, {
      bounds: f.bounds, minZoom: f.minZoom, maxNativeZoom: f.nativeZoom, maxZoom: 24,
      className: 'imagery-layer', attribution: `${tx.flight} ${f.flight}`,
    });
  }
  const shown = Object.values(bases)[flights.length];
  shown.addTo(map);
  if (flights.length) L.control.layers(bases, null, { collapsed: false, position: 'bottomleft' }).addTo(map);
}

async function caseDetail(number, changed) {
  const tx = t();
  const d = await api('GET', `/api/cases/${encodeURIComponent(number)}`);
  const s = d.summary;
  const facts = [
    [tx.status, statusText(s.status)], [tx.kind, kindText(s.kind)], [tx.team, `${s.team ?? tx.noTeam}${s.dispatched ? ` (${tx.dispatched})` : ''}`],
    [tx.area, `${s.areaSquareMeters} m²`], [tx.height, s.heightMeters === null ? tx.none : `${s.heightMeters} m`],
    [tx.confidence, s.confidence], [tx.firstSeen, `${s.firstSeen.slice(0, 10)} · ${s.firstFlight}`],
    [tx.lastSeen, `${s.lastSeen.slice(0, 10)} · ${s.lastFlight}`], [tx.card, tx.cards[s.card ?? 'none']],
    [tx.zone, s.zone ?? tx.none], [tx.coordinates, `${s.lat}, ${s.lon}`],
  ];
  const panel = h('div', { class: 'case-detail', id: `detail-${s.number}` },
    h('h2', { text: s.number }),
    d.editedOutside ? h('p', { class: 'warning', id: 'edited-outside', text: tx.editedOutside }) : null,
    h('dl', {}, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })])));
  panel.append(...actions(d, changed));
  if (d.crops.length) {
    panel.append(h('h3', { text: tx.imagery }), h('div', { class: 'evidence', id: 'crops' }, d.crops.map((c) => h('figure', {},
      h('img', { src: c.url, alt: c.flight, onerror: (e) => e.target.closest('figure').remove() }), h('figcaption', { text: c.flight })))));
  }
  if (d.evidence.length) {
    panel.append(h('h3', { text: tx.evidence }),
      h('div', { class: 'evidence' }, d.evidence.map((e) => h('figure', {},
        h('img', { src: e.url, alt: `${e.kind} ${e.at}` }), h('figcaption', { text: `${e.kind} · ${e.actor} · ${e.at.slice(0, 16)}` })))));
  }
  panel.append(h('h3', { text: tx.history }), h('ol', { class: 'history', id: 'history' },
    d.history.map((e) => h('li', { class: `event-${e.kind}` },
      `${e.at.slice(0, 16).replace('T', ' ')} · ${e.kind} · ${e.actor}`,
      e.detail.to ? ` · ${statusText(e.detail.from)} → ${statusText(e.detail.to)}` : '',
      e.detail.team ? ` · ${e.detail.team}` : '',
      e.detail.reason ? ` · ${e.detail.reason}` : '',
      e.detail.client ? ` · ${e.detail.client}` : ''))));
  return panel;
}

function actions(d, changed) {
  const tx = t();
  const s = d.summary;
  const role = state.me.role;
  const out = [];
  const done = async (promise) => {
    try { await promise; message(tx.saved, true); changed(); } catch (err) { message(err.message); }
  };
  if (['admin', 'analyst'].includes(role) && d.next.includes('confirmed')) {
    const reason = h('input', { id: 'review-reason', placeholder: tx.reason });
    out.push(h('div', { class: 'actions' },
      h('button', { id: 'confirm', text: tx.confirm, onclick: () => done(api('POST', `/api/cases/${s.number}/review`, { decision: 'confirm', reason: reason.value, version: s.version })) }),
      reason,
      h('button', { id: 'reject', text: tx.reject, onclick: () => done(api('POST', `/api/cases/${s.number}/review`, { decision: 'reject', reason: reason.value, version: s.version })) })));
  }
  if (['admin', 'teamlead'].includes(role) && !['detected', 'rejected', 'demolished', 'verified-demolished'].includes(s.status)) {
    const team = h('select', { id: 'dispatch-team' }, d.teams.map((x) => h('option', { value: x, text: x, selected: x === s.team })));
    out.push(h('div', { class: 'actions' }, h('label', {}, tx.dispatchTo, team),
      h('button', { id: 'dispatch', text: tx.dispatch, onclick: () => done(api('POST', `/api/cases/${s.number}/dispatch`, { team: team.value, version: s.version })) })));
  }
  if (['admin', 'teamlead', 'member'].includes(role)) {
    const next = d.next.filter((x) => ['notified', 'scheduled', 'demolished'].includes(x));
    if (next.length) out.push(fieldForm(s, next, changed));
  }
  return out;
}

function fieldForm(s, next, changed) {
  const tx = t();
  const status = h('select', { name: 'status', class: 'field-status' }, next.map((x) => h('option', { value: x, text: statusText(x) })));
  const note = h('input', { name: 'note', class: 'field-note', placeholder: tx.note });
  const photo = h('input', { name: 'photo', class: 'field-photo', type: 'file', accept: 'image/jpeg,image/png', capture: 'environment' });
  return h('form', {
    class: 'actions field-form', id: `field-${s.number}`,
    onsubmit: async (e) => {
      e.preventDefault();
      const body = new FormData();
      body.append('status', status.value);
      body.append('note', note.value);
      body.append('version', String(s.version));
      if (photo.files[0]) body.append('photo', photo.files[0]);
      try {
        await api('POST', `/api/cases/${s.number}/field`, body);
        message(tx.saved, true);
        changed();
      } catch (err) { message(err.message); }
    },
  }, status, note, h('label', { class: 'photo-label' }, tx.photo, photo), h('button', { type: 'submit', class: 'field-send', text: tx.record }));
}

// ---- review queue --------------------------------------------------------------------------------------------------

async function reviewView(main) {
  const tx = t();
  const data = await api('GET', '/api/cases?status=detected');
  const queue = data.features.map((f) => f.properties.number);
  let index = 0;
  const panel = h('div', { id: 'review-panel' });
  main.append(h('p', { class: 'hint', text: tx.reviewKeys }), panel);
  async function show() {
    if (index >= queue.length) { panel.replaceChildren(h('p', { id: 'queue-done', text: tx.queueDone })); return; }
    panel.replaceChildren(h('p', { id: 'queue-position', text: `${index + 1} / ${queue.length}` }),
      await caseDetail(queue[index], () => { index += 1; show(); }));
  }
  document.onkeydown = (e) => {
    if (state.view !== 'review' || e.target.tagName === 'INPUT') {
      if (e.key === 'Enter' && e.target.id === 'review-reason') document.getElementById('reject')?.click();
      return;
    }
    if (e.key === 'c') document.getElementById('confirm')?.click();
    else if (e.key === 'r') { e.preventDefault(); document.getElementById('review-reason')?.focus(); }
    else if (e.key === 's') { index += 1; show(); }
  };
  await show();
}

// ---- dispatch --------------------------------------------------------------------------------------------------------

async function dispatchView(main) {
  const tx = t();
  const data = await api('GET', '/api/cases?status=confirmed');
  const waiting = data.features.map((f) => f.properties).filter((p) => !p.dispatched);
  const panel = h('aside', { id: 'case-panel' });
  const list = h('ul', { class: 'case-list', id: 'dispatch-list' }, waiting.length ? waiting.map((p) => h('li', {
    id: `row-${p.number}`,
    onclick: async () => panel.replaceChildren(await caseDetail(p.number, () => { state.flash = tx.saved; shell('dispatch'); })),
  }, `${p.number} · ${kindText(p.kind)} · ${p.areaSquareMeters} m² · ${p.team ?? tx.noTeam}`)) : h('li', { text: tx.noCases }));
  main.append(h('div', { class: 'map-row' }, list, panel));
}

// ---- field (phone-sized) ------------------------------------------------------------------------------------------------

async function fieldView(main) {
  const tx = t();
  const query = state.me.team ? `?team=${encodeURIComponent(state.me.team)}` : '';
  const data = await api('GET', `/api/cases${query}`);
  const mine = data.features.map((f) => f.properties)
    .filter((p) => p.dispatched && ['confirmed', 'notified', 'scheduled', 'rebuilt'].includes(p.status));
  const list = h('ul', { class: 'field-list', id: 'field-list' });
  for (const p of mine) {
    const next = { confirmed: ['notified', 'scheduled', 'demolished'], notified: ['scheduled', 'demolished'], scheduled: ['demolished'], rebuilt: ['notified', 'scheduled', 'demolished'] }[p.status];
    list.append(h('li', { id: `field-item-${p.number}` },
      h('strong', { text: p.number }), ` · ${statusText(p.status)} · ${kindText(p.kind)} · ${p.areaSquareMeters} m²`,
      h('div', {}, `${tx.coordinates}: ${p.lat.toFixed(6)}, ${p.lon.toFixed(6)} `,
        h('a', { class: 'geo-link', href: `geo:${p.lat},${p.lon}?q=${p.lat},${p.lon}(${encodeURIComponent(p.number)})`, text: tx.openInMaps })),
      fieldForm(p, next, () => { state.flash = tx.saved; shell('field'); })));
  }
  if (!mine.length) list.append(h('li', { text: tx.noCases }));
  main.append(list);
}

// ---- dashboard -------------------------------------------------------------------------------------------------------

async function dashboardView(main) {
  const tx = t();
  const layers = await api('GET', '/api/layers');
  const team = h('select', { id: 'dashboard-team', disabled: state.me.role === 'member' },
    h('option', { value: '', text: tx.allTeams }), layers.teams.map((a) => h('option', { value: a.team, text: a.team })));
  const from = h('input', { id: 'dashboard-from', type: 'date' });
  const to = h('input', { id: 'dashboard-to', type: 'date' });
  const out = h('div', { id: 'dashboard' });
  async function load() {
    const query = new URLSearchParams([['team', team.value], ['from', from.value], ['to', to.value]].filter(([, v]) => v));
    const d = await api('GET', `/api/dashboard?${query}`);
    out.replaceChildren(
      h('p', { class: 'figures', id: 'dashboard-figures', text: `${tx.openCases}: ${d.openCases} · ${tx.demolishedM2}: ${d.demolishedSquareMeters}` }),
      h('table', { id: 'closure' }, d.closure.map((c) => h('tr', {}, h('td', { text: c.team }), h('td', { text: `${c.closed}/${c.total}` })))),
      h('div', { class: 'charts' }, d.charts.map((c) => h('img', { src: c.png, alt: c.name, class: `chart chart-${c.name}` }))));
  }
  main.append(h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load().catch((err) => message(err.message)); } },
    h('label', {}, tx.team, team), h('label', {}, tx.from, from), h('label', {}, tx.to, to), h('button', { type: 'submit', id: 'dashboard-show', text: tx.show })), out);
  await load();
}

start().catch((err) => message(err.message));
