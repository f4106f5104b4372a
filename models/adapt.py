#!/usr/bin/python3
"""Fine-tune a shipped Vigil model on an office's own imagery, with its register of buildings as labels.
Started by `vigil adapt` (src/Runs/Adapt), which checks the inputs first; it can be run by hand the same way:

    /usr/bin/python3 models/adapt.py --image FLIGHT.tif [--image ...] --register REGISTER.geojson \
        --base models/vigil-buildings.onnx --out city-model.onnx --work WORK [--minutes 60] [--threads 2]

Register outlines are imperfect labels, so they are used with care:
- each outline is moved onto the roof the base model sees (the shift, within 4 m, that puts the most building
  probability inside it) and a band around every aligned outline is ignored;
- pixels the base model sees as building with confidence but no outline covers are ignored (the register lacks the
  newest and the illegal buildings), never taught as background;
- outlines over which the base model is confidently background are ignored (buildings demolished since), unless
  that is over a quarter of them: then the base model does not see this city's roofs, and every outline is taught.
A contiguous block of the imagery (--holdout-share, 15 % by default) is never trained on: pixel IoU and object F1 there,
before and after, decide whether the adapted model is written at all.

The network is the base model's own ONNX graph, run by torch ops with its weights trainable (train.OnnxGraph), and
written back into the same graph. A checkpoint under --work every few minutes; a rerun with the same arguments
resumes. The same inputs, seed and step count give the same model. Progress lines on stdout: `PROGRESS f eta msg`.
Exit codes: 0 written, 2 bad input (message on stderr), 3 refused (the adapted model is worse than the base).
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time
from pathlib import Path

_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "10000000000", "MALLOC_TRIM_THRESHOLD_": "10000000000"}
if __name__ == "__main__" and any(os.environ.get(k) != v for k, v in _MALLOC.items()):
    os.environ.update(_MALLOC)
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np
import torch
import torch.nn.functional as F
from osgeo import gdal, ogr, osr

import train as T

gdal.UseExceptions()
MIN_BUILDINGS = 20
ALIGN_METERS = 4.0               # register outlines sit 1-4 m off the roofs
BAND_METERS = 0.45               # ignored on each side of an aligned outline
GONE_SHARE = 0.8                 # an outline this much confidently background is a demolished building
MAX_GONE_SHARE = 0.25            # ... unless the base model sees that many registered buildings as bare ground
CHECKPOINT_MINUTES = 5.0
CROP = 256


def fail(message, code=2):
    print(message, file=sys.stderr)
    sys.exit(code)


def progress(fraction, eta_seconds, message):
    print(f"PROGRESS {fraction:.4f} {int(eta_seconds)} {message}", flush=True)


# ------------------------------------------------------------------------------------------ imagery
def utm_of(ds):
    """The UTM zone (EPSG) of a raster's centre."""
    gt = ds.GetGeoTransform()
    x, y = gt[0] + gt[1] * ds.RasterXSize / 2, gt[3] + gt[5] * ds.RasterYSize / 2
    src = osr.SpatialReference()
    src.ImportFromWkt(ds.GetProjection())
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _ = osr.CoordinateTransformation(src, wgs).TransformPoint(x, y)
    return (32600 if lat >= 0 else 32700) + int((lon + 180) // 6) + 1


def read_imagery(path, gsd):
    """An orthophoto warped to its UTM zone at the model GSD: (uint8 HxWx3, valid HxW bool, geotransform, EPSG)."""
    try:
        ds = gdal.Open(str(path))
    except RuntimeError as e:
        fail(f"{path}: cannot be read as imagery ({e})")
    if not ds.GetProjection():
        fail(f"{path}: not georeferenced (no coordinate system)")
    epsg = utm_of(ds)
    warped = gdal.Warp("", ds, format="MEM", dstSRS=f"EPSG:{epsg}", xRes=gsd, yRes=gsd, resampleAlg="bilinear",
                       dstAlpha=True, multithread=False)
    n = warped.RasterCount - 1
    bands = [warped.GetRasterBand(b + 1).ReadAsArray() for b in range(n)]
    valid = warped.GetRasterBand(n + 1).ReadAsArray() > 0
    if n >= 4:                                   # RGBA: the source's alpha masks too
        valid &= bands[3] > 0
    rgb = bands[:3] if n >= 3 else [bands[0]] * 3
    a = np.stack(rgb, -1).astype(np.float32)
    if a.max() > 255:                            # 16-bit: stretched between the 2nd and 98th percentile
        lo, hi = np.percentile(a[valid], [2, 98]) if valid.any() else (0, 1)
        a = (a - lo) / max(hi - lo, 1) * 255
    return np.clip(a, 0, 255).astype(np.uint8), valid, warped.GetGeoTransform(), epsg


def rasterize_register(register, shape, gt, epsg):
    """Instance ids (1..n, 0 = none) of the register's polygons on the imagery's grid."""
    try:
        src = ogr.Open(str(register))
    except RuntimeError as e:
        fail(f"{register}: cannot be read as a register ({e})")
    dst_srs = osr.SpatialReference()
    dst_srs.ImportFromEPSG(epsg)
    dst_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("register")
    lyr = mem.CreateLayer("register", dst_srs)
    lyr.CreateField(ogr.FieldDefn("iid", ogr.OFTInteger))
    iid = 0
    for k in range(src.GetLayerCount()):
        layer = src.GetLayer(k)
        srs = layer.GetSpatialRef()
        if srs is None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(4326)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        tr = osr.CoordinateTransformation(srs, dst_srs)
        for f in layer:
            g = f.GetGeometryRef()
            if g is None or g.GetGeometryType() not in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbPolygon25D,
                                                        ogr.wkbMultiPolygon25D):
                continue
            g = g.Clone()
            g.Transform(tr)
            iid += 1
            out = ogr.Feature(lyr.GetLayerDefn())
            out.SetGeometry(g)
            out.SetField("iid", iid)
            lyr.CreateFeature(out)
    h, w = shape
    ras = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Int32)
    ras.SetGeoTransform(gt)
    ras.SetProjection(dst_srs.ExportToWkt())
    gdal.RasterizeLayer(ras, [1], lyr, options=["ATTRIBUTE=iid"])
    return ras.GetRasterBand(1).ReadAsArray().astype(np.int64)


# ------------------------------------------------------------------------------------------ labels
@torch.no_grad()
def probabilities(graph, image, card, tile=CROP):
    """The model's two output channels over a whole mosaic (non-overlapping windows, as train.predict)."""
    x = torch.from_numpy(image).permute(2, 0, 1)[None].float()
    H, W = x.shape[2:]
    Hp, Wp = -(-H // 32) * 32, -(-W // 32) * 32
    x = F.pad(normalise(x, card), (0, Wp - W, 0, Hp - H), mode="replicate")
    out = torch.zeros(2, Hp, Wp)
    for r in range(0, Hp, tile):
        for c in range(0, Wp, tile):
            out[:, r:r + tile, c:c + tile] = graph(x[:, :, r:r + tile, c:c + tile])[0, :2]
    return out[:, :H, :W].numpy()


def normalise(x255, card):
    inp = card["input"]
    mean = torch.tensor(inp["mean"]).view(1, 3, 1, 1)
    std = torch.tensor(inp["std"]).view(1, 3, 1, 1)
    return (x255 * inp["pixelScale"] - mean) / std


def align(inst, prob, reach):
    """Each outline moved by the shift (within `reach` px) that puts the most building evidence (2p - 1) inside it;
    returns the aligned instance map and the shifts (metres are for the card's summary)."""
    aligned = np.zeros_like(inst)
    shifts = []
    signal = torch.from_numpy(2 * prob - 1)
    H, W = inst.shape
    ids = np.unique(inst[inst > 0])
    rows, cols = np.nonzero(inst)
    order = np.argsort(inst[rows, cols], kind="stable")
    rows, cols, labs = rows[order], cols[order], inst[rows, cols][order]
    starts = np.flatnonzero(np.r_[True, labs[1:] != labs[:-1]])
    for a, b in zip(starts, np.r_[starts[1:], len(labs)]):
        r, c = rows[a:b], cols[a:b]
        r0, r1, c0, c1 = r.min(), r.max() + 1, c.min(), c.max() + 1
        kernel = torch.zeros(1, 1, r1 - r0, c1 - c0)
        kernel[0, 0, r - r0, c - c0] = 1
        pr0, pc0 = max(r0 - reach, 0), max(c0 - reach, 0)
        patch = signal[pr0:min(r1 + reach, H), pc0:min(c1 + reach, W)]
        if patch.shape[0] < kernel.shape[2] or patch.shape[1] < kernel.shape[3]:
            dy = dx = 0
        else:
            score = F.conv2d(patch[None, None], kernel)[0, 0]
            here = score[r0 - pr0, c0 - pc0]
            best = int(torch.argmax(score))
            by, bx = divmod(best, score.shape[1])
            # move only when the roof is clearly better covered (a missed roof gives a flat score)
            dy, dx = (by + pr0 - r0, bx + pc0 - c0) if score[by, bx] - here > 0.05 * (b - a) else (0, 0)
        rr, cc = np.clip(r + dy, 0, H - 1), np.clip(c + dx, 0, W - 1)
        aligned[rr, cc] = labs[a]
        shifts.append(math.hypot(dy, dx))
    return aligned, shifts, len(ids)


def labels(image_valid, inst, prob, card, gsd):
    """Targets (building, separation, weight) from the aligned register; see the module's description."""
    thr = card["thresholds"]["probability"]
    background = card["thresholds"].get("background", thr * 0.05)
    confident = thr + (1 - thr) * 0.5
    aligned, shifts, n = align(inst, prob[0], int(round(ALIGN_METERS / gsd)))
    gone = []
    ids = np.unique(aligned[aligned > 0])
    for i in ids:
        where = aligned == i
        if (prob[0][where] <= background).mean() >= GONE_SHARE:
            gone.append(i)
    blind = len(ids) > 0 and len(gone) > MAX_GONE_SHARE * len(ids)
    if blind:
        # Demolitions are a few in a hundred; when the base model sees bare ground under this many registered
        # buildings, it does not see this city's roofs: its verdicts are the model's blindness, and the outlines are
        # exactly what adaptation must teach.
        gone = []
    gone_mask = np.isin(aligned, gone)
    aligned[gone_mask] = 0
    t = torch.from_numpy(aligned.astype(np.float32))[None, None]
    building = (t > 0).float()
    sep = T.separation(t)
    band = int(max(1, round(BAND_METERS / gsd)))
    grown = F.max_pool2d(building, 2 * band + 1, 1, band)
    shrunk = -F.max_pool2d(-building, 2 * band + 1, 1, band)
    weight = torch.ones_like(building)
    weight[(grown > 0) & (shrunk == 0)] = 0                                 # the band around every outline
    unregistered = torch.from_numpy(prob[0] >= confident)[None, None] & ~(grown > 0)
    unregistered = F.max_pool2d(unregistered.float(), 2 * band + 1, 1, band) > 0
    weight[unregistered] = 0                                                  # new or illegal: not background
    gone_t = F.max_pool2d(torch.from_numpy(gone_mask.astype(np.float32))[None, None], 2 * band + 1, 1, band) > 0
    weight[gone_t] = 0                                                        # demolished since the register
    weight[torch.from_numpy(~image_valid)[None, None]] = 0
    # The separation between two aligned neighbours lies in the ignored band; it is what keeps touching roofs apart,
    # so the separation output is taught there (where both outlines are the register's, not the model's).
    between = (sep > 0) & ~gone_t & torch.from_numpy(image_valid)[None, None]
    sep_weight = weight.clone()
    sep_weight[between] = 1
    # The gap between two aligned neighbours is ground in both outlines: taught so, the extent stops bridging it
    # (merged neighbours are what adapting lost most on a city whose roofs sit close together).
    weight[between & (building == 0)] = 1
    y = torch.cat([building, sep, weight, sep_weight], 1)[0]
    summary = {"outlines": n, "ignoredAsDemolished": len(gone), "baseModelBlindToRoofs": bool(blind),
               "medianShiftMeters": round(float(np.median(shifts)) * gsd, 2) if shifts else 0.0,
               "ignoredUnregisteredSquareMeters": round(float(unregistered.sum()) * gsd * gsd, 1)}
    return y, aligned, summary


# ------------------------------------------------------------------------------------------ validation
@torch.no_grad()
def validate(graph, block, card, gsd):
    """Pixel IoU (weighted pixels) and object F1 at IoU 0.5 on the held-out block, with the card's thresholds."""
    th = card["thresholds"]
    prob = probabilities(graph, block["image"], card)
    w = block["y"][2].numpy() > 0
    truth = block["y"][0].numpy() > 0.5
    pred = prob[0] >= th["probability"]
    tp, fp, fn = (pred & truth & w).sum(), (pred & ~truth & w).sum(), (~pred & truth & w).sum()
    objects = prob[0] >= th["probability"]
    comp = T.regrow(T.label_components(objects & (prob[1] < th.get("separation", 0.5))), objects)
    n = int(comp.max()) + 1
    area = np.bincount(comp.ravel(), minlength=n)
    conf = np.bincount(comp.ravel(), weights=prob[0].ravel(), minlength=n) / np.maximum(area, 1)
    keep = np.zeros(n, bool)
    keep[1:] = (area[1:] * gsd * gsd >= th["minAreaSquareMeters"]) & (conf[1:] >= th.get("minConfidence", 0.0))
    inst = block["aligned"]
    ids = np.unique(inst[inst > 0])
    remap = np.zeros(int(inst.max()) + 1, np.int64)
    remap[ids] = np.arange(1, len(ids) + 1)
    truth_ids = remap[inst]
    t_area = np.bincount(truth_ids.ravel(), minlength=len(ids) + 1)
    both = (comp > 0) & (truth_ids > 0) & keep[comp]
    pairs, inter = np.unique(comp[both] * (len(ids) + 1) + truth_ids[both], return_counts=True)
    pi, ti = pairs // (len(ids) + 1), pairs % (len(ids) + 1)
    iou = inter / (area[pi] + t_area[ti] - inter)
    matched = len(set(pi[iou >= 0.5].tolist()))
    predicted = int(keep.sum())
    return {"pixelIoU": round(float(tp / max(1, tp + fp + fn)), 4),
            "objectF1": round(2 * matched / max(1, predicted + len(ids)), 4),
            "buildings": int(len(ids)), "detected": predicted, "matched": matched}


# ------------------------------------------------------------------------------------------ training
def split(mosaics, share):
    """The largest mosaic's last `share` of columns (or rows, when it is taller than wide) is the held-out block;
    a guard of one crop keeps training crops out of it."""
    big = max(range(len(mosaics)), key=lambda k: mosaics[k]["image"].shape[0] * mosaics[k]["image"].shape[1])
    m = mosaics[big]
    H, W = m["image"].shape[:2]
    wide = W >= H
    size = W if wide else H
    cut = int(round(size * (1 - share)))
    guard = max(0, cut - CROP // 2)
    def part(a, lo, hi):
        return a[..., :, lo:hi] if wide else a[..., lo:hi, :]
    block = {"image": part(m["image"].transpose(2, 0, 1), cut, size).transpose(1, 2, 0),
             "y": part(m["y"], cut, size), "aligned": part(m["aligned"], cut, size)}
    train = [dict(x) for x in mosaics]
    train[big] = {"image": part(m["image"].transpose(2, 0, 1), 0, guard).transpose(1, 2, 0),
                  "y": part(m["y"], 0, guard), "aligned": part(m["aligned"], 0, guard)}
    return [t for t in train if min(t["image"].shape[:2]) >= CROP], block


def batch(mosaics, rng, n, card):
    xs, ys = [], []
    sizes = np.array([m["image"].shape[0] * m["image"].shape[1] for m in mosaics], np.float64)
    for _ in range(n):
        m = mosaics[rng.choice(len(mosaics), p=sizes / sizes.sum())]
        H, W = m["image"].shape[:2]
        r, c = rng.integers(0, H - CROP + 1), rng.integers(0, W - CROP + 1)
        x = torch.from_numpy(np.ascontiguousarray(m["image"][r:r + CROP, c:c + CROP])).permute(2, 0, 1).float()
        y = m["y"][:, r:r + CROP, c:c + CROP]
        k = int(rng.integers(4))
        x, y = torch.rot90(x, k, (1, 2)), torch.rot90(y, k, (1, 2))
        if rng.random() < 0.5:
            x, y = x.flip(2), y.flip(2)
        x = (x * float(rng.uniform(0.85, 1.15))).clamp(0, 255)        # exposure
        xs.append(x)
        ys.append(y)
    return normalise(torch.stack(xs), card), torch.stack(ys)


def fingerprint(args):
    h = hashlib.sha256()
    for p in sorted(map(str, args.image)) + [str(args.register), str(args.base)]:
        h.update(p.encode())
        st = os.stat(p)
        h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
    h.update(f"{args.seed}:{args.holdout_share}:{args.lr}:{args.batch}".encode())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image", type=Path, action="append", required=True)
    ap.add_argument("--register", type=Path, required=True)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True, help="labels cache and the resumable checkpoint")
    ap.add_argument("--minutes", type=float, default=60.0, help="wall-clock budget of the whole adaptation")
    ap.add_argument("--steps", type=int, default=0, help="fixed step count (the same inputs and seed give the same model)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--holdout-share", type=float, default=0.15)
    args = ap.parse_args()
    t_start = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    args.work.mkdir(parents=True, exist_ok=True)
    card_path = args.base.with_name(args.base.stem + ".card.json")
    if not card_path.exists():
        fail(f"{args.base}: no model card {card_path.name} beside it")
    card = json.loads(card_path.read_text())
    gsd = card["gsdMeters"]
    graph = T.OnnxGraph(args.base)
    logits_name = graph.logits_name()

    progress(0.0, 0, "reading imagery and register")
    mosaics, summaries = [], []
    for k, path in enumerate(args.image):
        image, valid, gt, epsg = read_imagery(path, gsd)
        inst = rasterize_register(args.register, valid.shape, gt, epsg)
        prob = probabilities(graph, image, card)
        y, aligned, summary = labels(valid, inst, prob, card, gsd)
        summaries.append({"image": str(path), **summary})
        mosaics.append({"image": image, "y": y, "aligned": aligned})
        progress(0.05 * (k + 1) / len(args.image), 0, f"labels of {path.name}: {summary['outlines']} outlines")
    outlines = sum(s["outlines"] for s in summaries)
    if outlines < MIN_BUILDINGS:
        fail(f"{args.register}: {outlines} building(s) over the imagery; at least {MIN_BUILDINGS} are needed to learn from")
    train_m, block = split(mosaics, args.holdout_share)
    if not train_m or not (block["aligned"] > 0).any():
        fail(f"the imagery is too small to hold out a block of {args.holdout_share:.0%} and train on the rest")
    before = validate(graph, block, card, gsd)
    progress(0.08, 0, f"held-out block before: pixel IoU {before['pixelIoU']}, object F1 {before['objectF1']}")

    params = [p for p in graph.parameters()]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=1e-4)
    ck_path = args.work / "adapt-checkpoint.pt"
    key = fingerprint(args)
    step, total, trained = 0, args.steps, 0.0
    if ck_path.exists():
        ck = torch.load(ck_path)
        if ck["key"] == key:
            graph.load_state_dict(ck["graph"])
            opt.load_state_dict(ck["opt"])
            step, total, trained = ck["step"], ck["total"], ck["trained"]
            rng.bit_generator.state = ck["rng"]
            torch.set_rng_state(ck["torch_rng"])
            print(f"resumed at step {step} of {total}", flush=True)
    validation_seconds = time.time() - t_start
    t0 = time.time() - trained
    next_ck = time.time() + CHECKPOINT_MINUTES * 60
    while total == 0 or step < total:
        if total == 0 and step == 10:
            per = (time.time() - t0) / 10
            budget = args.minutes * 60 - (time.time() - t_start) - 2 * validation_seconds - 30
            total = max(20, int(budget / per) // 10 * 10)
            print(f"{per:.2f} s per step: {total} steps fit in {args.minutes:g} minutes", flush=True)
        frac = step / total if total else 0.0
        lr = args.lr * min(1.0, (step + 1) / 20) * 0.5 * (1 + math.cos(math.pi * frac))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = batch(train_m, rng, args.batch, card)
        loss = T.loss_fn(graph(x, logits_name), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        step += 1
        if total and step % 5 == 0:
            el = time.time() - t0
            progress(0.1 + 0.85 * step / total, el / step * (total - step) + validation_seconds,
                     f"step {step}/{total} loss {loss.item():.3f}")
        if time.time() >= next_ck or step == total:
            next_ck = time.time() + CHECKPOINT_MINUTES * 60
            tmp = ck_path.with_suffix(".tmp")
            torch.save({"key": key, "graph": graph.state_dict(), "opt": opt.state_dict(), "step": step,
                        "total": total, "trained": time.time() - t0, "rng": rng.bit_generator.state,
                        "torch_rng": torch.get_rng_state()}, tmp)
            os.replace(tmp, ck_path)

    after = validate(graph, block, card, gsd)
    progress(0.98, 0, f"held-out block after: pixel IoU {after['pixelIoU']}, object F1 {after['objectF1']}")
    result = {"before": before, "after": after, "steps": step}
    if after["objectF1"] < before["objectF1"] or (after["objectF1"] == before["objectF1"]
                                                   and after["pixelIoU"] < before["pixelIoU"] - 0.01):
        print(json.dumps({"refused": True, **result}), flush=True)
        fail(f"the adapted model is worse than {args.base.name} on the held-out block (object F1 "
             f"{after['objectF1']} against {before['objectF1']}, pixel IoU {after['pixelIoU']} against "
             f"{before['pixelIoU']}): not written", code=3)
    graph.save(args.out)
    adapted = dict(card)
    adapted["onnxFile"] = args.out.name
    adapted["version"] = f"{card['version']}-adapted.{time.strftime('%Y%m%d')}"
    adapted["adaptation"] = {
        "baseModel": f"{card['name']} {card['version']} ({args.base.name})",
        "imagery": [str(p) for p in args.image], "register": str(args.register),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "minutes": round((time.time() - t_start) / 60, 1),
        "steps": step, "batch": args.batch, "learningRate": args.lr, "seed": args.seed, "threads": args.threads,
        "labels": summaries,
        "heldOutBlock": f"the last {args.holdout_share:.0%} of the largest image's longer side, never trained on",
        "validation": {"before": before, "after": after},
        "command": "vigil adapt " + " ".join(f"--input {p}" for p in args.image) +
                   f" --baseline {args.register} --model {args.base} --out {args.out} --steps {step} --seed {args.seed}"}
    tmp = args.out.with_name(args.out.stem + ".card.json.tmp")
    tmp.write_text(json.dumps(adapted, indent=2, ensure_ascii=False))
    os.replace(tmp, args.out.with_name(args.out.stem + ".card.json"))
    print(json.dumps({"written": str(args.out), **result}), flush=True)
    progress(1.0, 0, "done")


if __name__ == "__main__":
    main()
