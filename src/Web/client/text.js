// Page text in English and Simplified Chinese; the user's language is kept in the ledger's users table.
export const TEXT = {
  en: {
    title: 'Vigil', signIn: 'Sign in', name: 'Name', password: 'Password', signOut: 'Sign out',
    map: 'Map', review: 'Review', dispatch: 'Dispatch', field: 'Field', dashboard: 'Dashboard',
    status: 'Status', kind: 'Kind', team: 'Team', card: 'Card', flight: 'Flight', from: 'From', to: 'To', any: 'any',
    apply: 'Apply', cases: 'cases', area: 'Area', height: 'Height', confidence: 'Confidence', firstSeen: 'First seen',
    lastSeen: 'Last seen', imagery: 'Flights', zone: 'Black-list zone', history: 'History', evidence: 'Evidence', none: 'none',
    confirm: 'Confirm', reject: 'Reject', skip: 'Skip', reason: 'Reason', send: 'Send', note: 'Note', photo: 'Photo',
    dispatchTo: 'Dispatch to', openInMaps: 'Open in maps', coordinates: 'Coordinates', noCases: 'No cases.',
    reviewKeys: 'Keys: C confirm · R reject (type the reason, Enter) · S skip', queueDone: 'Nothing left to review.',
    editedOutside: 'Changed outside Vigil (QGIS or SQL): see the history.', saved: 'Saved.', show: 'Show',
    openCases: 'Open cases', demolishedM2: 'm² demolished', allTeams: 'all teams', language: '中文', noTeam: 'no team',
    dispatched: 'dispatched', selected: 'selected (Ctrl-click)', record: 'Record', selectCase: 'Click a case on the map or in the list.', noImagery: 'No imagery', exportCsv: 'Export CSV',
    statuses: {
      detected: 'detected', confirmed: 'confirmed', rejected: 'rejected', notified: 'notified', scheduled: 'scheduled',
      demolished: 'demolished', 'verified-demolished': 'verified demolished', rebuilt: 'rebuilt',
    },
    kinds: { new: 'new', expanded: 'expanded', 'known-violation': 'known violation', 'demolished-candidate': 'demolished?' },
    cards: { yellow: 'yellow', red: 'red', none: 'no card' },
    roles: { admin: 'administrator', analyst: 'analyst', teamlead: 'team lead', member: 'team member', viewer: 'viewer' },
  },
  'zh-CN': {
    title: '违建巡查', signIn: '登录', name: '用户名', password: '密码', signOut: '退出',
    map: '地图', review: '审核', dispatch: '派单', field: '现场', dashboard: '统计',
    status: '状态', kind: '类型', team: '中队', card: '挂牌', flight: '航次', from: '起', to: '止', any: '全部',
    apply: '筛选', cases: '件', area: '面积', height: '高度', confidence: '置信度', firstSeen: '首次发现',
    lastSeen: '最近发现', imagery: '航拍影像', zone: '黑名单区域', history: '记录', evidence: '证据', none: '无',
    confirm: '确认', reject: '驳回', skip: '跳过', reason: '理由', send: '提交', note: '备注', photo: '照片',
    dispatchTo: '派往', openInMaps: '在地图中打开', coordinates: '坐标', noCases: '没有案件。',
    reviewKeys: '快捷键：C 确认 · R 驳回（填写理由后回车）· S 跳过', queueDone: '没有待审核的案件。',
    editedOutside: '此案件曾在 Vigil 之外被修改（QGIS 或 SQL），见记录。', saved: '已保存。', show: '显示',
    openCases: '在办案件', demolishedM2: '已拆除 m²', allTeams: '全部中队', language: 'English', noTeam: '无中队',
    dispatched: '已派单', selected: '件已选（Ctrl 点击）', record: '登记', selectCase: '点击地图或列表中的案件。', noImagery: '不显示影像', exportCsv: '导出 CSV',
    statuses: {
      detected: '待审核', confirmed: '已确认', rejected: '已驳回', notified: '已通知', scheduled: '已排期',
      demolished: '已拆除', 'verified-demolished': '核实已拆除', rebuilt: '复建',
    },
    kinds: { new: '新建', expanded: '扩建', 'known-violation': '已知违建', 'demolished-candidate': '疑似已拆' },
    cards: { yellow: '黄牌', red: '红牌', none: '未挂牌' },
    roles: { admin: '管理员', analyst: '审核员', teamlead: '中队长', member: '队员', viewer: '查看' },
  },
};

export const STATUS_COLORS = {
  detected: '#f28e2b', confirmed: '#e15759', rejected: '#9d9d9d', notified: '#b07aa1', scheduled: '#4e79a7',
  demolished: '#59a14f', 'verified-demolished': '#2f6b2a', rebuilt: '#222222',
};

export const KIND_DASH = { new: null, expanded: '6 3', 'known-violation': '2 3', 'demolished-candidate': '1 5' };

export const CARD_COLORS = { yellow: '#f1ce2e', red: '#d62728' };
