#!/usr/bin/python3
"""Recall of a model by roof appearance on one fAIr area: which kinds of roof does it find, which does it miss?

    /usr/bin/python3 models/recall_by_roof.py --model models/vigil-buildings.onnx --area area1_zanzibar_tz

Each OSM building of the area is put in one class by the colours inside its outline at the model GSD:
  open        more than 40% green pixels ((2G-R-B)/(R+G+B) > 0.1): unroofed walls, foundations, roofs under trees
  red-brown   saturated red to orange: rusted metal sheet, clay tile
  dark        dark and unsaturated: thatch, weathered metal, shadowed roofs
  grey-white  the rest: new metal sheet, concrete, light tile
A building is found when at least half of its pixels are predicted building (the card's probability threshold), and
matched when a predicted region (building pixels outside the separation band) overlaps it at IoU >= 0.5. Use a model
whose training left the area out (train.py --holdout AREA) for figures on unseen imagery.
Colour classes are a proxy: the labels carry no roof material.
"""
import argparse
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import train as T

CLASSES = ("grey-white", "red-brown", "dark", "open")


def roof_class(rgb):
    """rgb: [n, 3] float 0..255 of one building's pixels -> one of CLASSES."""
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    if ((2 * g - r - b) / np.maximum(r + g + b, 1) > 0.1).mean() > 0.4:
        return "open"
    mx, mn = rgb.max(1), rgb.min(1)
    sat = np.median((mx - mn) / np.maximum(mx, 1))
    red = np.median(r - b)
    if sat > 0.25 and red > 25:
        return "red-brown"
    if np.median(mx) < 110:
        return "dark"
    return "grey-white"


def probabilities(model, x255):
    """The ONNX model over [1,3,H,W] at the model GSD, in 256-px windows like Vigil's tiles -> [2,H,W]."""
    _, _, H, W = x255.shape
    Hp, Wp = -(-H // 32) * 32, -(-W // 32) * 32
    x = F.pad(T.normalise(x255), (0, Wp - W, 0, Hp - H), mode="replicate")
    out = torch.zeros(2, Hp, Wp)
    with torch.no_grad():
        for r in range(0, Hp, T.TILE):
            for c in range(0, Wp, T.TILE):
                out[:, r:r + T.TILE, c:c + T.TILE] = T.run_onnx_with_torch(model, x[:, :, r:r + T.TILE, c:c + T.TILE])[0]
    return out[:, :H, :W].numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=T.HERE / "vigil-buildings.onnx")
    ap.add_argument("--area", default="area1_zanzibar_tz", choices=T.ALL_AREAS)
    ap.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    args = ap.parse_args()
    torch.set_num_threads(2)
    card = json.loads(args.model.with_suffix(".card.json").read_text())
    thr, sep = card["thresholds"]["probability"], card["thresholds"]["separation"]
    tally = {c: [0, 0, 0] for c in CLASSES}                      # truth, found, matched
    for m in T.load_area(args.data, args.area):
        x, _ = T.resample_to_gsd(m["image"], None, m["gsd"])
        p = probabilities(args.model, x)
        img = x[0].permute(1, 2, 0).numpy()
        truth = F.interpolate(torch.from_numpy(m["inst"])[None, None].float(), size=p.shape[1:],
                              mode="nearest")[0, 0].numpy().astype(np.int64)
        building = p[0] >= thr
        pred = T.regrow(T.label_components(building & (p[1] < sep)), building)
        pred_area = np.bincount(pred.ravel())
        for t in np.unique(truth[truth > 0]):
            inside = truth == t
            cls = roof_class(img[inside])
            ids, inter = np.unique(pred[inside], return_counts=True)
            iou = [n / (pred_area[i] + inside.sum() - n) for i, n in zip(ids, inter) if i > 0]
            tally[cls][0] += 1
            tally[cls][1] += int((p[0][inside] >= thr).mean() >= 0.5)
            tally[cls][2] += int(max(iou, default=0) >= 0.5)
    print(f"{args.area}, {args.model.name} (probability {thr}, separation {sep})")
    print(f"{'roof':<12}{'buildings':>10}{'found':>8}{'matched':>9}")
    for c in CLASSES:
        n, f, k = tally[c]
        print(f"{c:<12}{n:>10}{f / max(n, 1):>8.2f}{k / max(n, 1):>9.2f}")
    print(json.dumps({c: dict(buildings=v[0], found=round(v[1] / max(v[0], 1), 3), matched=round(v[2] / max(v[0], 1), 3))
                      for c, v in tally.items()}))


if __name__ == "__main__":
    main()
