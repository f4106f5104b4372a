#!/usr/bin/python3
"""Pixel IoU of a run's EMA weights on a whole area, read from its latest checkpoint while it trains (or from its
finished runs/ema.pt): an early look at a held-out area before the run ends and `vigil eval` can score it.

    PYTHONPATH=models /usr/bin/python3 models/probe.py RUN area5_nairobi_ke     # RUN: a train.py --out folder
"""
import sys
from pathlib import Path

import torch

import train as T


def main():
    run, area = Path(sys.argv[1]), sys.argv[2]
    torch.set_num_threads(1)
    path = run / "runs" / "checkpoint.pt"
    ck = torch.load(path if path.exists() else run / "runs" / "ema.pt")
    net = T.ResNetUNet(norm=ck.get("args", {}).get("norm", "batch"))
    net.load_state_dict(ck["ema"])
    net.eval()
    tot = {}
    with torch.no_grad():
        for m in T.load_area(T.DEFAULT_DATA, area):
            x, y = T.resample_to_gsd(m["image"], m["mask"], m["gsd"])
            tot = T.add(tot, T.counts(T.predict(net, x), y))
    print("step", ck.get("step", ck.get("steps")), area,
          {t: round(T.metrics(tot[t])["pixelIoU"], 4) for t in (0.15, 0.3, 0.5)}, flush=True)


if __name__ == "__main__":
    main()
