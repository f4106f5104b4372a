#!/usr/bin/python3
"""The usual Python way to segment a large orthophoto, as the reference `vigil bench` compares itself with.

GDAL windowed reads (python3-gdal) tile by tile, normalisation in numpy, the same network as Vigil's model
(VigilUNet from models/train.py) in PyTorch (Debian's python3-torch), sigmoid and threshold to a mask: the loop
raster-vision's and solaris's predict commands run. Same tiles as Vigil: TILE px windows whose cores are
TILE - 2 * OVERLAP px apart, padded to TILE px, in batches of BATCH, torch.set_num_threads(THREADS).

    /usr/bin/python3 benchmarks/python_reference.py --raster big.tif [--tile 512 --overlap 32 --batch 2 --threads 2]

The raster must already be at the model's GSD (vigil bench writes it so): no resampling here. Weights are loaded
from models/runs/ema.pt when present, else random: the time of dense convolutions does not depend on the weights.
The last line printed is one JSON object: mpx_s (raster pixels, i.e. tile cores, per second), tiles, seconds,
peak_rss_mb, weights.
"""
import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import torch
from osgeo import gdal

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "models"))
from train import MEAN, STD, VigilUNet  # noqa: E402  (the training recipe defines the architecture)

gdal.UseExceptions()


def windows(width, height, tile, overlap):
    """(core, window) pairs in row-major order, as Vigil's TileLayout cuts a grid."""
    stride = tile - 2 * overlap
    for y0 in range(0, height, stride):
        for x0 in range(0, width, stride):
            core = (x0, y0, min(x0 + stride, width), min(y0 + stride, height))
            window = (max(core[0] - overlap, 0), max(core[1] - overlap, 0),
                      min(core[2] + overlap, width), min(core[3] + overlap, height))
            yield core, window


def load_net(weights):
    net = VigilUNet()
    kind = "random"
    if weights.exists():
        net.load_state_dict(torch.load(weights, map_location="cpu")["ema"])
        kind = "trained"
    # channels_last is the faster layout for this network on CPU (models/train.py measures it the same way)
    return net.eval().to(memory_format=torch.channels_last), kind


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raster", required=True)
    ap.add_argument("--tile", type=int, default=512)
    ap.add_argument("--overlap", type=int, default=32)
    ap.add_argument("--batch", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--max-tiles", type=int, default=0, help="stop after this many tiles (0: all)")
    ap.add_argument("--weights", type=Path, default=HERE.parent / "models" / "runs" / "ema.pt")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net, kind = load_net(args.weights)
    mean = (np.array(MEAN, np.float32) * 255).reshape(3, 1, 1)
    scale = (1 / (np.array(STD, np.float32) * 255)).reshape(3, 1, 1)

    ds = gdal.Open(args.raster)
    width, height = ds.RasterXSize, ds.RasterYSize
    tiles = list(windows(width, height, args.tile, args.overlap))
    if args.max_tiles:
        tiles = tiles[:args.max_tiles]

    t0 = time.time()
    core_pixels = 0
    building_pixels = 0
    with torch.no_grad():
        for k in range(0, len(tiles), args.batch):
            part = tiles[k:k + args.batch]
            x = np.zeros((len(part), 3, args.tile, args.tile), np.float32)
            for slot, (_, (wx0, wy0, wx1, wy1)) in enumerate(part):
                pixels = ds.ReadAsArray(wx0, wy0, wx1 - wx0, wy1 - wy0)[:3].astype(np.float32)
                x[slot, :, :wy1 - wy0, :wx1 - wx0] = (pixels - mean) * scale
            batch = torch.from_numpy(x).contiguous(memory_format=torch.channels_last)
            mask = (torch.sigmoid(net(batch)) >= args.threshold).numpy()
            for slot, ((cx0, cy0, cx1, cy1), (wx0, wy0, _, _)) in enumerate(part):
                core = mask[slot, 0, cy0 - wy0:cy1 - wy0, cx0 - wx0:cx1 - wx0]
                building_pixels += int(core.sum())
                core_pixels += core.size
    seconds = time.time() - t0
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so it would report the parent's (vigil's) peak
    peak = int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024 / 1e6
    print(f"{len(tiles)} tiles, {core_pixels / 1e6:.1f} Mpx in {seconds:.1f} s, "
          f"building share {building_pixels / max(core_pixels, 1):.3f}", file=sys.stderr)
    print(json.dumps({"mpx_s": round(core_pixels / 1e6 / seconds, 4), "tiles": len(tiles), "seconds": round(seconds, 2),
                      "peak_rss_mb": round(peak), "weights": kind}))


if __name__ == "__main__":
    main()
