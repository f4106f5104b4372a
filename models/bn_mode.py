#!/usr/bin/python3
"""Pixel IoU of a run's EMA weights on a held-out area and on the training-area strips, with BatchNorm's running
statistics (what the exported model does) and with per-window statistics (BatchNorm in training mode, one 256-px
window at a time): tells a domain shift in the statistics from one in the weights.

    /usr/bin/python3 models/bn_mode.py RUN area5_nairobi_ke      # RUN: a train.py --out folder (RUN/runs/ema.pt)
"""
import sys
from pathlib import Path

import torch

import train as T


def pixel_iou(net, mosaics, per_window):
    net.eval()
    if per_window:
        for module in net.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.train()
    tot = {}
    for m in mosaics:
        x, y = T.resample_to_gsd(m["image"], m["mask"], m["gsd"])
        tot = T.add(tot, T.counts(T.predict(net, x), y))
    return {t: round(T.metrics(tot[t])["pixelIoU"], 4) for t in (0.15, 0.3, 0.5)}


def main():
    run, area = Path(sys.argv[1]), sys.argv[2]
    torch.set_num_threads(1)
    held = T.load_area(T.DEFAULT_DATA, area)
    strips = [m for a in T.ALL_AREAS if a != area for m in T.split_holdout(T.load_area(T.DEFAULT_DATA, a))[1]]
    for per_window in (False, True):
        ck = torch.load(run / "runs" / "ema.pt")
        net = T.ResNetUNet(norm=ck.get("args", {}).get("norm", "batch"))
        net.load_state_dict(ck["ema"])
        with torch.no_grad():
            print("per-window statistics" if per_window else "running statistics", area, pixel_iou(net, held, per_window),
                  "training strips", pixel_iou(net, strips, per_window), flush=True)


if __name__ == "__main__":
    main()
