#!/usr/bin/python3
"""Train Vigil's building-segmentation model (vigil-buildings.onnx + card) on CPU.

One command, fixed seed. The shipped model (all four areas):
    nice -n 10 /usr/bin/python3 models/train.py --minutes 95 --holdout none
A held-out measurement (the area is left out of training and evaluated):
    nice -n 10 /usr/bin/python3 models/train.py --minutes 95 --holdout area1_zanzibar_tz

Needs Debian's python3-torch (1.13), python3-onnx, python3-gdal, python3-numpy, python3-pil.
Data: ../shared/data/fair_oam_buildings (read only, never copied). The areas not held out are trained on,
minus a strip of tiles per training mosaic used to pick the probability threshold and minConfidence.

The schedule is time based: --minutes is the wall-clock budget of the whole run (data loading,
training, evaluation, export); the cosine learning-rate schedule follows the fraction of the training
time used. Pass --steps N for a step-based schedule instead (exactly reproducible step count).
"""
import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

# glibc malloc tuning must be in the environment before the interpreter starts: re-exec once.
_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "10000000000", "MALLOC_TRIM_THRESHOLD_": "10000000000"}
if __name__ == "__main__" and any(os.environ.get(k) != v for k, v in _MALLOC.items()):
    os.environ.update(_MALLOC)
    os.execv(sys.executable, [sys.executable] + sys.argv)

try:
    import numpy as np
    import onnx  # noqa: F401  (export and the pretrained weights)
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    from PIL import Image
    from osgeo import gdal
except ImportError as missing:
    sys.exit(f"models/train.py: {missing.name} is missing. Install Debian's packages and run with /usr/bin/python3:\n"
             "  apt-get install python3-torch python3-onnx python3-gdal python3-numpy python3-pil")

gdal.UseExceptions()

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "fair_oam_buildings"
E = 20037508.342789244          # half the Web-Mercator world width, metres
ZOOM = 21
TILE = 256
GSD = 0.15                       # model ground sample distance, metres
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
ALL_AREAS = ["area1_zanzibar_tz", "area5_nairobi_ke", "area2_kampala_ug", "area3_banepa_np"]
AREA_NAMES = {"area1_zanzibar_tz": "Zanzibar, Tanzania (area1)", "area5_nairobi_ke": "Nairobi, Kenya (area5)",
              "area2_kampala_ug": "Kampala, Uganda (area2)", "area3_banepa_np": "Banepa, Nepal (area3)"}
OUT_CHANNELS = 2                 # building extent, touching-border separation
PRETRAINED_VERSION = "0.23.1"    # Microsoft.ML.DnnImageFeaturizer.ResNet18 (MIT, .NET Foundation)


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


# ----------------------------------------------------------------------------------------------- data
def tile_bounds(x, y, z=ZOOM):
    ts = 2 * E / 2 ** z
    return (-E + x * ts, E - (y + 1) * ts, -E + (x + 1) * ts, E - y * ts)


def tile_ground_gsd(y, z=ZOOM):
    """Ground metres per pixel of a Web-Mercator tile row (scale factor 1/cos(lat))."""
    n = math.pi - 2 * math.pi * (y + 0.5) / 2 ** z
    lat = math.atan(math.sinh(n))
    return 2 * E / 2 ** z / TILE * math.cos(lat)


def components(tiles):
    tiles = set(tiles)
    seen, comps = set(), []
    for p in sorted(tiles):
        if p in seen:
            continue
        stack, comp = [p], []
        seen.add(p)
        while stack:
            q = stack.pop()
            comp.append(q)
            for d in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                r = (q[0] + d[0], q[1] + d[1])
                if r in tiles and r not in seen:
                    seen.add(r)
                    stack.append(r)
        comps.append(sorted(comp))
    return comps


def instance_labels(d):
    """The area's OSM outlines in EPSG:3857 with a 1-based integer id per building, in /vsimem."""
    from osgeo import ogr, osr
    src = gdal.VectorTranslate("/vsimem/labels3857.geojson", str(d / "area_labels.geojson"),
                               dstSRS="EPSG:3857", reproject=True, format="GeoJSON")
    src = None
    ds = ogr.Open("/vsimem/labels3857.geojson")
    lyr = ds.GetLayer(0)
    out = ogr.GetDriverByName("Memory").CreateDataSource("inst")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3857)
    ol = out.CreateLayer("inst", srs, ogr.wkbUnknown)
    ol.CreateField(ogr.FieldDefn("iid", ogr.OFTInteger))
    for i, f in enumerate(lyr):
        g = f.GetGeometryRef()
        if g is None:
            continue
        nf = ogr.Feature(ol.GetLayerDefn())
        nf.SetGeometry(g.Clone())
        nf.SetField("iid", i + 1)
        ol.CreateFeature(nf)
    ds = None
    gdal.Unlink("/vsimem/labels3857.geojson")
    return out


def load_area(root, area):
    """Stitch an area's z21 chips into mosaics. Returns a list of dicts (image HxWx3 uint8,
    mask HxW uint8 0/1, inst HxW int32 building ids (0 = none), gsd, x0, y0, w, h in tiles)."""
    d = root / area
    tiles = []
    for f in os.listdir(d / "images"):
        _, x, y, z = f[:-4].split("-")
        if int(z) == ZOOM:
            tiles.append((int(x), int(y)))
    have_masks = (d / "masks").is_dir()
    labels = instance_labels(d)
    out = []
    for comp in components(tiles):
        xs = [p[0] for p in comp]
        ys = [p[1] for p in comp]
        x0, y0 = min(xs), min(ys)
        w, h = max(xs) - x0 + 1, max(ys) - y0 + 1
        img = np.zeros((h * TILE, w * TILE, 3), np.uint8)
        valid = np.zeros((h, w), bool)
        mask = np.zeros((h * TILE, w * TILE), np.uint8)
        for (x, y) in comp:
            name = f"OAM-{x}-{y}-{ZOOM}"
            r, c = (y - y0) * TILE, (x - x0) * TILE
            img[r:r + TILE, c:c + TILE] = np.asarray(Image.open(d / "images" / f"{name}.png").convert("RGB"))
            if have_masks and not (d / "masks" / f"{name}.tif").exists():
                raise SystemExit(f"{d / 'images' / name}.png: no mask {name}.tif in {d / 'masks'}: "
                                 "every image of a labelled area needs its mask")
            if have_masks:
                mask[r:r + TILE, c:c + TILE] = gdal.Open(str(d / "masks" / f"{name}.tif")).ReadAsArray() > 0
            valid[y - y0, x - x0] = True
        b0, b1 = tile_bounds(x0, y0 + h - 1), tile_bounds(x0 + w - 1, y0)
        mem = gdal.GetDriverByName("MEM").Create("", w * TILE, h * TILE, 1, gdal.GDT_Int32)
        mem.SetGeoTransform([b0[0], (b1[2] - b0[0]) / (w * TILE), 0, b1[3], 0, -(b1[3] - b0[1]) / (h * TILE)])
        mem.SetProjection(labels.GetLayer(0).GetSpatialRef().ExportToWkt())
        gdal.RasterizeLayer(mem, [1], labels.GetLayer(0), options=["ATTRIBUTE=iid"])
        inst = mem.GetRasterBand(1).ReadAsArray().astype(np.int32)
        if not have_masks:
            mask = (inst > 0).astype(np.uint8)
        assert valid.all(), f"{area}: mosaic {x0},{y0} has holes"
        out.append(dict(area=area, image=img, mask=mask, inst=inst, gsd=tile_ground_gsd(y0 + h / 2 - 0.5),
                        x0=x0, y0=y0, w=w, h=h))
    return out


def split_holdout(mosaics):
    """Rightmost ~1/8 of tile columns of every training mosaic at least 8 tiles wide -> holdout."""
    train, hold = [], []
    for m in mosaics:
        k = math.ceil(m["w"] / 8) if m["w"] >= 8 else 0
        c = (m["w"] - k) * TILE
        train.append(dict(m, image=m["image"][:, :c], mask=m["mask"][:, :c], inst=m["inst"][:, :c], w=m["w"] - k))
        if k:
            hold.append(dict(m, image=m["image"][:, c:], mask=m["mask"][:, c:], inst=m["inst"][:, c:], w=k))
    return train, hold


# Dubai (Humans in the Loop, CC0): 6-class colour masks. Their "building" is drawn as whole built-up blocks
# (compounds with gardens and lanes), not roofs, so it is never taught; unpaved land (sand, bare soil), roads, water
# and vegetation are taught as background. Unlabeled and border pixels are ignored.
DUBAI_NEGATIVE = {"land": (132, 41, 246), "road": (110, 193, 228), "vegetation": (254, 221, 58),
                  "water": (226, 169, 41)}
DUBAI_GSD = "0.15,0.6"           # not published (~1-2 m); drawn per crop (--negative-gsd): 0.15-0.6 puts sand and
                                 # roads at drone scales but upsamples the tiles 2-13x (soft); 0.05-0.15 keeps them sharp


def load_negatives(folder, classes=tuple(DUBAI_NEGATIVE)):
    """The Dubai images and their known-background masks (1 = a pixel of one of `classes`: land (sand, bare soil),
    road, vegetation, water)."""
    images, labels = folder / "images", folder / "labels_6class"
    if not images.is_dir() or not labels.is_dir():
        raise SystemExit(f"{folder}: expected images/ and labels_6class/ (see its SOURCE.txt)")
    out = []
    for f in sorted(images.iterdir()):
        lab = labels / (f.stem + ".png")
        if not lab.exists():
            raise SystemExit(f"{f}: no class mask {lab.name} in {labels}: every image needs its mask")
        img = np.array(Image.open(f).convert("RGB"))
        cls = np.array(Image.open(lab).convert("RGB"))
        if cls.shape != img.shape:
            raise SystemExit(f"{lab}: {cls.shape[1]}x{cls.shape[0]} px, its image {img.shape[1]}x{img.shape[0]}")
        neg = np.zeros(img.shape[:2], np.uint8)
        for rgb in (DUBAI_NEGATIVE[c] for c in classes):
            neg |= np.all(cls == rgb, axis=2)
        out.append(dict(area="dubai", image=img, negative=neg))
    return out


def resample_to_gsd(img, mask, gsd, size=None):
    """uint8 HxWx3 (+ HxW 0/1 mask) at gsd -> float tensors at the model GSD."""
    t = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1)[None].float()
    if size is None:
        size = (round(img.shape[0] * gsd / GSD), round(img.shape[1] * gsd / GSD))
    t = F.interpolate(t, size=size, mode="bilinear", align_corners=False, antialias=True).clamp(0, 255)
    m = None
    if mask is not None:
        m = torch.from_numpy(np.ascontiguousarray(mask))[None, None].float()
        m = F.interpolate(m, size=size, mode="bilinear", align_corners=False, antialias=True)
    return t, m


def normalise(x255):
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    return (x255 / 255.0 - mean) / std


def two_buildings_near(inst, reach):
    """Pixels of an instance-id map [N,1,H,W] (float ids, 0 = none) whose (2*reach+1)^2 neighbourhood holds two
    different buildings."""
    k = 2 * reach + 1
    big = 1e9
    hi = F.max_pool2d(inst, k, 1, reach)
    lo = -F.max_pool2d(-torch.where(inst > 0, inst, torch.full_like(inst, big)), k, 1, reach)
    return (lo < big) & (hi > lo)


def separation(inst, reach=2, gap_reach=6):
    """Separation target from an instance-id map [N,1,H,W] (float ids, 0 = none): 1 on the building pixels
    whose (2*reach+1)^2 neighbourhood holds two different buildings (where roofs touch) and on the background
    pixels whose (2*gap_reach+1)^2 neighbourhood does (the gap between close buildings, up to ~2*gap_reach px
    wide). The network learns to mark both, so that Vigil cuts touching buildings apart and does not bridge a
    narrow gap when the extent bleeds across it. The band stays `reach` px deep inside a roof, which Vigil's
    regrowing gives back."""
    return (two_buildings_near(inst, reach) | (two_buildings_near(inst, gap_reach) & (inst == 0))).float()


def border(inst, reach=2, gap_reach=6):
    """Border target from an instance-id map [N,1,H,W] (float ids, 0 = none): 1 on every building pixel within
    `reach` px (a (2*reach+1)^2 neighbourhood) of anything that is not the same building, background included,
    and on the background pixels between close buildings as in `separation`. Where the contact band asks the
    network to recognise where two roofs meet (rare in training, and it hardly carries over to unseen towns), the
    border is the edge of every roof, learnt on every building; the building pixels off the border are the cores
    from which Vigil regrows each building, so touching roofs with a visible edge between them come apart."""
    hi = F.max_pool2d(inst, 2 * reach + 1, 1, reach)
    lo = -F.max_pool2d(-inst, 2 * reach + 1, 1, reach)
    edge = (inst > 0) & (hi > lo)
    return (edge | (two_buildings_near(inst, gap_reach) & (inst == 0))).float()


# second-channel targets: (target function, BCE weight of its positives: the contact band is thin, the border dense)
TARGETS = {"contact": (separation, 4.0), "border": (border, 1.0)}


class Sampler:
    """Random training crops: GSD jitter (--scale, 0.5-2.0), rot90 + flips, colour, blur, noise."""

    def __init__(self, mosaics, crop, rng, scale=(0.7, 1.4), target=separation, negatives=(), negative_share=0.0,
                 low_res=(0.2, 3.5), negative_gsd=(0.15, 0.6)):
        self.low_res, self.negative_gsd = low_res, negative_gsd
        self.m = [dict(m, timg=torch.from_numpy(m["image"]).permute(2, 0, 1),
                       tmask=torch.from_numpy(m["mask"]), tinst=torch.from_numpy(m["inst"])) for m in mosaics]
        a = np.array([m["image"].shape[0] * m["image"].shape[1] * m["gsd"] ** 2 for m in mosaics])
        self.p = a / a.sum()
        self.neg = [dict(n, timg=torch.from_numpy(n["image"]).permute(2, 0, 1),
                         tneg=torch.from_numpy(n["negative"])) for n in negatives]
        self.neg_share = negative_share if self.neg else 0.0
        self.crop, self.rng, self.scale, self.target = crop, rng, scale, target

    def negative(self):
        """A crop of known background (sand, bare soil, roads, water, vegetation): targets 0, taught only there."""
        rng, S = self.rng, self.crop
        n = self.neg[rng.integers(len(self.neg))]
        gsd = math.exp(rng.uniform(math.log(self.negative_gsd[0]), math.log(self.negative_gsd[1])))
        H, W = n["tneg"].shape
        src = max(8, min(int(round(S * GSD / gsd)), H, W))
        r, c = rng.integers(0, H - src + 1), rng.integers(0, W - src + 1)
        img = F.interpolate(n["timg"][:, r:r + src, c:c + src][None].float(), size=(S, S), mode="bilinear",
                            align_corners=False, antialias=src > S)
        w = F.interpolate(n["tneg"][r:r + src, c:c + src][None, None].float(), size=(S, S), mode="nearest")
        y = torch.cat([torch.zeros(1, 2, S, S), w], 1)
        k = int(rng.integers(4))
        return torch.rot90(img, k, (2, 3))[0], torch.rot90(y, k, (2, 3))[0]

    def one(self):
        rng, S = self.rng, self.crop
        if self.neg_share and rng.random() < self.neg_share:
            return self.negative()
        m = self.m[rng.choice(len(self.m), p=self.p)]
        s = math.exp(rng.uniform(math.log(self.scale[0]), math.log(self.scale[1])))
        H, W = m["tmask"].shape
        src = min(int(round(S * GSD * s / m["gsd"])), H, W)
        r, c = rng.integers(0, H - src + 1), rng.integers(0, W - src + 1)
        img = m["timg"][:, r:r + src, c:c + src][None].float()
        msk = m["tmask"][r:r + src, c:c + src][None, None].float()
        ins = m["tinst"][r:r + src, c:c + src][None, None].float()
        img = F.interpolate(img, size=(S, S), mode="bilinear", align_corners=False, antialias=True)
        msk = F.interpolate(msk, size=(S, S), mode="bilinear", align_corners=False, antialias=True)
        ins = F.interpolate(ins, size=(S, S), mode="nearest")
        y = torch.cat([msk, self.target(ins), torch.ones_like(msk)], 1)     # extent, separation, weight
        k = int(rng.integers(4))
        img, y = torch.rot90(img, k, (2, 3)), torch.rot90(y, k, (2, 3))
        if rng.random() < 0.5:
            img, y = img.flip(3), y.flip(3)
        return img[0], y[0]

    def batch(self, n):
        rng = self.rng
        xs, ys = zip(*[self.one() for _ in range(n)])
        x = torch.stack(xs).clamp(0, 255) / 255.0
        y = torch.stack(ys).clamp(0, 1)
        B = n

        def u(lo, hi, shape=(B, 1, 1, 1)):
            return torch.from_numpy(rng.uniform(lo, hi, shape).astype(np.float32))

        # hue rotation in YIQ, saturation, white balance, brightness, contrast, gamma
        yiq = torch.tensor([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]])
        q = torch.einsum("ij,bjhw->bihw", yiq, x)
        th = u(-0.15, 0.15, (B,))
        sat = u(0.7, 1.3, (B,))
        cos, sin = torch.cos(th) * sat, torch.sin(th) * sat
        i2 = q[:, 1] * cos.view(B, 1, 1) - q[:, 2] * sin.view(B, 1, 1)
        q2 = q[:, 1] * sin.view(B, 1, 1) + q[:, 2] * cos.view(B, 1, 1)
        q = torch.stack([q[:, 0], i2, q2], 1)
        x = torch.einsum("ij,bjhw->bihw", torch.linalg.inv(yiq), q)
        x = x * u(0.92, 1.08, (B, 3, 1, 1)) * u(0.75, 1.25)
        mean = x.mean((1, 2, 3), keepdim=True)
        x = ((x - mean) * u(0.75, 1.3) + mean).clamp(0, 1)
        x = x ** u(0.8, 1.25)
        # slight blur
        for b in range(B):
            if rng.random() < 0.25:
                sg = rng.uniform(0.4, 1.1)
                g = torch.exp(-torch.arange(-2, 3).float() ** 2 / (2 * sg * sg))
                g = g / g.sum()
                k2 = (g[:, None] * g[None, :]).expand(3, 1, 5, 5)
                x[b] = F.conv2d(F.pad(x[b:b + 1], (2, 2, 2, 2), mode="reflect"), k2, groups=3)[0]
        # coarser and single-band sensors: aerial 30-50 cm imagery reaches the model upsampled to 0.15 m (soft; an
        # OpenAerialMap mosaic at a z21 grid may hold far coarser imagery: Nairobi's looks like 0.5-1 m upsampled),
        # panchromatic imagery as one band replicated to RGB
        for b in range(B):
            if rng.random() < self.low_res[0]:
                f = math.exp(rng.uniform(math.log(1.5), math.log(self.low_res[1])))
                small = F.interpolate(x[b:b + 1], scale_factor=1 / f, mode="bilinear", align_corners=False,
                                      antialias=True)
                x[b] = F.interpolate(small, size=x.shape[2:], mode="bilinear", align_corners=False)[0]
            if rng.random() < 0.1:
                x[b] = (0.299 * x[b, 0] + 0.587 * x[b, 1] + 0.114 * x[b, 2]).expand(3, -1, -1)
        # noise
        nz = torch.from_numpy((rng.random(B) < 0.3) * rng.uniform(0.0, 0.03, B)).float().view(B, 1, 1, 1)
        x = x + nz * torch.from_numpy(rng.standard_normal(x.shape).astype(np.float32))
        x = normalise(x.clamp(0, 1) * 255.0)
        return x.contiguous(memory_format=torch.channels_last), y


# ---------------------------------------------------------------------------------------------- model
def cbr(ci, co, s=1, norm=nn.BatchNorm2d):
    return nn.Sequential(nn.Conv2d(ci, co, 3, s, 1, bias=False), norm(co), nn.ReLU(inplace=True))


def group_norm(c):
    """Statistics of each window's own features, in groups of channels: nothing learnt from the training towns'
    imagery that a town with other light, haze or roofs would miss."""
    return nn.GroupNorm(8, c)


NORMS = ("imagenet", "batch")


class Res(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = cbr(c, c)
        self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        return F.relu(x + self.b(self.a(x)))


class VigilUNet(nn.Module):
    """Residual U-Net: stride-2 stem, encoder at 1/4..1/32, decoder back to 1/2, pixel-shuffle head.
    Returns logits at full resolution; H and W must be multiples of 32."""

    def __init__(self, ch=(24, 32, 64, 96, 128)):
        super().__init__()
        c0, c1, c2, c3, c4 = ch
        self.stem = nn.Sequential(cbr(3, c0, 2), cbr(c0, c0))
        self.e1 = nn.Sequential(cbr(c0, c1, 2), Res(c1))
        self.e2 = nn.Sequential(cbr(c1, c2, 2), Res(c2))
        self.e3 = nn.Sequential(cbr(c2, c3, 2), Res(c3))
        self.e4 = nn.Sequential(cbr(c3, c4, 2), Res(c4))
        self.d3 = cbr(c4 + c3, c3)
        self.d2 = cbr(c3 + c2, c2)
        self.d1 = cbr(c2 + c1, c1)
        self.d0 = nn.Sequential(cbr(c1 + c0, c0), cbr(c0, c0))
        self.head = nn.Sequential(nn.Conv2d(c0, 4 * OUT_CHANNELS, 3, 1, 1), nn.PixelShuffle(2))

    @staticmethod
    def up(x):
        return F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)

    def forward(self, x):
        s = self.stem(x)
        e1 = self.e1(s)
        e2 = self.e2(e1)
        e3 = self.e3(e2)
        e4 = self.e4(e3)
        d = self.d3(torch.cat([self.up(e4), e3], 1))
        d = self.d2(torch.cat([self.up(d), e2], 1))
        d = self.d1(torch.cat([self.up(d), e1], 1))
        d = self.d0(torch.cat([self.up(d), s], 1))
        return self.head(d)


class BasicBlock(nn.Module):
    """ResNet v1 basic block (two 3x3 convolutions, identity or 1x1 projection shortcut)."""

    def __init__(self, ci, co, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(ci, co, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(co)
        self.conv2 = nn.Conv2d(co, co, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(co)
        self.down = None
        if stride != 1 or ci != co:
            self.down = nn.Sequential(nn.Conv2d(ci, co, 1, stride, bias=False), nn.BatchNorm2d(co))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.down is None else self.down(x)))


class ResNetUNet(nn.Module):
    """ResNet18 encoder (stages of 2, 2, 2 and 3 basic blocks; ImageNet weights from the ML.NET package, see `load_imagenet_resnet18`) with a light U-Net
    decoder on its 1/2 .. 1/32 features and a pixel-shuffle head to full resolution. Returns logits; H and W must
    be multiples of 32.

    norm "imagenet": the encoder's BatchNorms keep ImageNet's statistics for good (only their scale and shift learn)
    and the decoder normalises with GroupNorm, so no statistic comes from the training towns. norm "batch": every
    BatchNorm learns running statistics from the training crops (the recipe up to 2026-12-02, which saw Nairobi's
    roofs as ground when Nairobi was left out: models/README.md)."""

    def __init__(self, dec=(128, 64, 48, 24), norm="imagenet"):
        super().__init__()
        self.norm = norm
        dn = group_norm if norm == "imagenet" else nn.BatchNorm2d
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        widths = (64, 64, 128, 256, 512)
        blocks = (2, 2, 2, 3)            # the package's graph has a third block in its last stage (22 convolutions)
        self.layers = nn.ModuleList(
            nn.Sequential(BasicBlock(widths[i], widths[i + 1], 1 if i == 0 else 2),
                          *[BasicBlock(widths[i + 1], widths[i + 1]) for _ in range(blocks[i] - 1)])
            for i in range(4))
        d3, d2, d1, d0 = dec
        self.d3 = cbr(512 + 256, d3, norm=dn)
        self.d2 = cbr(d3 + 128, d2, norm=dn)
        self.d1 = cbr(d2 + 64, d1, norm=dn)
        self.skip0 = nn.Sequential(nn.Conv2d(64, 16, 1, bias=False), dn(16), nn.ReLU(inplace=True))
        self.d0 = cbr(d1 + 16, d0, norm=dn)
        self.head = nn.Sequential(nn.Conv2d(d0, 4 * OUT_CHANNELS, 3, 1, 1), nn.PixelShuffle(2))

    def frozen_modules(self):
        """The stem and first stage keep their ImageNet weights (edges and textures; and no gradients at the two
        finest scales, which halves a training step)."""
        return [self.conv1, self.bn1, self.layers[0]]

    def encoder_modules(self):
        """The pretrained part, trained at --encoder-lr times the decoder's learning rate."""
        return [self.conv1, self.bn1, self.layers]

    def fixed_statistics(self):
        """Modules whose BatchNorm statistics stay as loaded while the rest trains."""
        if self.norm == "imagenet":
            return [m for m in self.encoder_modules() for m in m.modules() if isinstance(m, nn.BatchNorm2d)]
        return self.frozen_modules()

    def forward(self, x):
        s = F.relu(self.bn1(self.conv1(x)))                      # 1/2, 64
        e1 = self.layers[0](F.max_pool2d(s, 3, 2, 1))           # 1/4, 64
        e2 = self.layers[1](e1)                                  # 1/8, 128
        e3 = self.layers[2](e2)                                  # 1/16, 256
        e4 = self.layers[3](e3)                                  # 1/32, 512
        up = VigilUNet.up
        d = self.d3(torch.cat([up(e4), e3], 1))
        d = self.d2(torch.cat([up(d), e2], 1))
        d = self.d1(torch.cat([up(d), e1], 1))
        d = self.d0(torch.cat([up(d), self.skip0(s)], 1))
        return self.head(d)


NETWORKS = {"resnet18": ResNetUNet, "small": VigilUNet}


def imagenet_resnet18_path():
    """The ImageNet-trained ResNet18 that NuGet's Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 ships as ONNX."""
    root = Path(os.environ.get("NUGET_PACKAGES", Path.home() / ".nuget" / "packages"))
    return root / "microsoft.ml.dnnimagefeaturizer.resnet18" / PRETRAINED_VERSION / "tools" / "DnnImageModels" / \
        "ResNet18Onnx" / "ResNet18.onnx"


def load_imagenet_resnet18(net, path):
    """Copy the package's 22 convolutions and their BatchNorms into `net`'s encoder, in graph order (stem, then each
    block's projection shortcut before its first convolution, as the package's graph has them). The package's
    network takes BGR on 0-255 values minus a mean image (channel means B 103.06, G 115.90, R 123.15); Vigil feeds
    RGB as (value / 255 - ImageNet mean) / ImageNet std. The first convolution is rewritten for Vigil's input:
    channels reordered to RGB and scaled by 255 * std; the ImageNet means and the package's mean image differ by
    under 0.6 grey levels, which the fine-tuning absorbs."""
    import onnx
    from onnx import numpy_helper
    g = onnx.load(str(path)).graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    pairs, pending = [], {}
    for n in g.node:
        if n.op_type == "Conv":
            pending[n.output[0]] = init[n.input[1]]
        elif n.op_type == "BatchNormalization" and n.input[0] in pending:
            pairs.append((pending.pop(n.input[0]), [init[k] for k in n.input[1:5]]))
    targets = [(net.conv1, net.bn1)]
    for layer in net.layers:
        for block in layer:
            if block.down is not None:
                targets.append((block.down[0], block.down[1]))
            targets += [(block.conv1, block.bn1), (block.conv2, block.bn2)]
    if len(pairs) != len(targets):
        raise SystemExit(f"{path}: {len(pairs)} convolutions with BatchNorm, expected {len(targets)} (the package's ResNet18)")
    for (w, (scale, bias, mean, var)), (conv, bn) in zip(pairs, targets):
        if tuple(w.shape) != tuple(conv.weight.shape):
            raise SystemExit(f"{path}: convolution of shape {w.shape} where ResNet18 has {tuple(conv.weight.shape)}")
        conv.weight.data.copy_(torch.from_numpy(w.copy()))
        for t, v in ((bn.weight, scale), (bn.bias, bias), (bn.running_mean, mean), (bn.running_var, var)):
            t.data.copy_(torch.from_numpy(v.copy()))
    w = net.conv1.weight.data
    std = torch.tensor(STD).view(1, 3, 1, 1)
    net.conv1.weight.data = w.flip(1) * 255.0 * std            # BGR -> RGB, 0-255 -> normalised input
    return len(pairs)


class WithSigmoid(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        return torch.sigmoid(self.net(image))


def loss_fn(logits, y, separation_weight=4.0):
    """BCE + Dice on the building extent; BCE (positives weighted by `separation_weight`, see TARGETS) + Dice on
    the separation. y's third channel, when there, weighs each pixel (0 = ignored: the negatives' unlabelled parts);
    a fourth, when there, weighs the separation on its own (vigil adapt teaches it inside the band it ignores)."""
    total = 0.0
    w0 = y[:, 2:3] if y.shape[1] > 2 else torch.ones_like(y[:, :1])
    w1 = y[:, 3:4] if y.shape[1] > 3 else w0
    for c, pw, w in ((0, 1.0, w0), (1, separation_weight, w1)):
        lg, yc = logits[:, c:c + 1], y[:, c:c + 1]
        bce = (F.binary_cross_entropy_with_logits(lg, yc, pos_weight=torch.tensor(pw), reduction="none") * w).sum() \
            / w.sum().clamp(min=1)
        p = torch.sigmoid(lg) * w
        dice = 1 - (2 * (p * yc).sum() + 1) / (p.sum() + yc.sum() + 1)
        total = total + (bce + dice) * (1.0 if c == 0 else 0.5)
    return total


class EMA:
    def __init__(self, model, decay=0.999):
        self.decay = decay
        self.n = 0
        self.state = {k: v.detach().clone() for k, v in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model):
        self.n += 1
        d = min(self.decay, (1 + self.n) / (10 + self.n))
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.state[k].mul_(d).add_(v.detach(), alpha=1 - d)
            else:
                self.state[k].copy_(v)


# ------------------------------------------------------------------------------------------ inference
@torch.no_grad()
def predict(net, x255, tile=256, channels=1):
    """x255: float [N,3,H,W] in 0..255 at the model GSD, any H/W -> probabilities [N,channels,H,W].
    Pads (reflect) to multiples of 32, then runs non-overlapping windows of at most `tile` pixels,
    the way Vigil runs the model with the card's tileSizePixels."""
    N, _, H, W = x255.shape
    Hp, Wp = -(-H // 32) * 32, -(-W // 32) * 32
    x = normalise(x255)
    mode = "reflect" if Hp - H < H and Wp - W < W else "replicate"
    x = F.pad(x, (0, Wp - W, 0, Hp - H), mode=mode)
    out = torch.zeros(N, channels, Hp, Wp)
    for r in range(0, Hp, tile):
        for c in range(0, Wp, tile):
            win = x[:, :, r:r + tile, c:c + tile].contiguous(memory_format=torch.channels_last)
            out[:, :, r:r + tile, c:c + tile] = torch.sigmoid(net(win)[:, :channels])
    return out[:, :, :H, :W]


THRESHOLDS = [round(0.1 + 0.05 * i, 2) for i in range(14)]


def counts(prob, gt):
    """tp/fp/fn per threshold in THRESHOLDS."""
    g = gt > 0.5
    res = {}
    for t in THRESHOLDS:
        p = prob > t
        res[t] = np.array([(p & g).sum().item(), (p & ~g).sum().item(), (~p & g).sum().item()], np.int64)
    return res


def metrics(c):
    tp, fp, fn = (int(v) for v in c)
    return dict(pixelIoU=tp / max(1, tp + fp + fn), precision=tp / max(1, tp + fp), recall=tp / max(1, tp + fn))


def add(a, b):
    return {t: a.get(t, 0) + b[t] for t in b}


def evaluate_mosaics(net, mosaics, tile=256):
    net.eval()
    tot = {}
    for m in mosaics:
        x, y = resample_to_gsd(m["image"], m["mask"], m["gsd"])
        tot = add(tot, counts(predict(net, x, tile), y))
    return tot


def evaluate_chips(net, mosaics, batch=32):
    """Each 256-px z21 chip on its own (resampled to the model GSD, padded to a multiple of 32)."""
    net.eval()
    tot = {}
    for m in mosaics:
        xs, ys = [], []
        for j in range(m["h"]):
            for i in range(m["w"]):
                sl = (slice(j * TILE, (j + 1) * TILE), slice(i * TILE, (i + 1) * TILE))
                x, y = resample_to_gsd(m["image"][sl], m["mask"][sl], m["gsd"])
                xs.append(x)
                ys.append(y)
        for k in range(0, len(xs), batch):
            x, y = torch.cat(xs[k:k + batch]), torch.cat(ys[k:k + batch])
            tot = add(tot, counts(predict(net, x), y))
    return tot


CONFIDENCES = [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]
MIN_AREA_M2 = 4.0


def label_components(mask):
    """8-connected components of a 0/1 array -> int32 labels (0 = none), through GDAL (no scipy here)."""
    from osgeo import ogr
    h, w = mask.shape
    src = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    src.GetRasterBand(1).WriteArray(mask.astype(np.uint8))
    ds = ogr.GetDriverByName("Memory").CreateDataSource("components")
    lyr = ds.CreateLayer("components")
    lyr.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    gdal.Polygonize(src.GetRasterBand(1), src.GetRasterBand(1), lyr, -1, ["8CONNECTED=8"])
    for i, f in enumerate(list(lyr)):
        f.SetField("id", i + 1)
        lyr.SetFeature(f)
    out = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Int32)
    gdal.PushErrorHandler("CPLQuietErrorHandler")     # the layer has no CRS: pixel coordinates on both sides
    gdal.RasterizeLayer(out, [1], lyr, options=["ATTRIBUTE=id"])
    gdal.PopErrorHandler()
    return out.GetRasterBand(1).ReadAsArray()


def detected_objects(net, m, threshold, separation=0.5):
    """A mosaic's objects as Vigil draws them: probabilities [2,H,W], object labels (connected building pixels
    outside the separation band, regrown), each label's area in pixels and confidence (mean building probability)."""
    x, _ = resample_to_gsd(m["image"], None, m["gsd"])
    p = predict(net, x, channels=2)[0].numpy()
    building = p[0] >= threshold
    pred = regrow(label_components(building & (p[1] < separation)), building)
    n_pred = int(pred.max()) + 1
    area = np.bincount(pred.ravel(), minlength=n_pred)
    conf = np.bincount(pred.ravel(), weights=p[0].ravel(), minlength=n_pred) / np.maximum(area, 1)
    return p, pred, area, conf


def detection_confidence(net, mosaics, threshold, min_confidence):
    """Card validation.detectionConfidence: the confidences of the objects kept on the training strips (p10, median,
    p90 and their count), against which `vigil run` judges a flight's detections (out-of-domain warning)."""
    kept = []
    for m in mosaics:
        _, _, area, conf = detected_objects(net, m, threshold)
        keep = (area[1:] >= MIN_AREA_M2 / GSD ** 2) & (conf[1:] >= min_confidence)
        kept += conf[1:][keep].tolist()
    if not kept:
        return None
    q = np.quantile(kept, [0.1, 0.5, 0.9])
    return {"p10": round(float(q[0]), 4), "median": round(float(q[1]), 4), "p90": round(float(q[2]), 4), "of": len(kept)}


def object_counts(net, mosaics, threshold, separation=0.5):
    """Object matches at IoU >= 0.5 (SpaceNet's rule) per confidence floor in CONFIDENCES: [true positives,
    predicted, truth]. Objects are the connected building pixels outside the separation band, regrown into the
    extent as Vigil does; confidence = mean building probability."""
    net.eval()
    tot = {c: np.zeros(3, np.int64) for c in CONFIDENCES}
    min_px = MIN_AREA_M2 / GSD ** 2
    for m in mosaics:
        p, pred, area, conf = detected_objects(net, m, threshold, separation)
        inst = F.interpolate(torch.from_numpy(m["inst"])[None, None].float(), size=p.shape[1:], mode="nearest")[0, 0]
        truth = inst.numpy().astype(np.int64)
        n_pred = len(area)
        ids = np.unique(truth[truth > 0])
        remap = np.zeros(int(truth.max()) + 1, np.int64)
        remap[ids] = np.arange(1, len(ids) + 1)
        truth = remap[truth]
        t_area = np.bincount(truth.ravel(), minlength=len(ids) + 1)
        both = (pred > 0) & (truth > 0)
        pairs, inter = np.unique(pred[both] * (len(ids) + 1) + truth[both], return_counts=True)
        pi, ti = pairs // (len(ids) + 1), pairs % (len(ids) + 1)
        iou = inter / (area[pi] + t_area[ti] - inter)
        matched = set(pi[iou >= 0.5].tolist())
        keep = [k for k in range(1, n_pred) if area[k] >= min_px]
        for c in CONFIDENCES:
            kept = [k for k in keep if conf[k] >= c]
            tot[c] += [sum(k in matched for k in kept), len(kept), len(ids)]
    return tot


CELL_PIXELS = 4                 # Vigil's ground-evidence cell: 0.6 m at 0.15 m (GroundEvidenceBuilder)
DEMOLISHED_SHARE = 0.8          # a building is demolished when this share of its cells is background (ChangeClassifier)
STANDING_MISTAKEN = 0.01        # share of the strips' standing buildings allowed to look demolished


def background_level(net, mosaics, threshold):
    """The probability under which a 0.6 m cell counts as "confidently background" (card thresholds.background):
    low enough that only STANDING_MISTAKEN of the strips' standing buildings have DEMOLISHED_SHARE of their cells
    under it. A model's probabilities over roofs it barely sees differ from model to model, so the level is
    measured, not a fixed share of the threshold. Kept between 2 % and 50 % of the threshold."""
    net.eval()
    levels = []
    for m in mosaics:
        x, _ = resample_to_gsd(m["image"], None, m["gsd"])
        p = predict(net, x)[0, 0]
        inst = F.interpolate(torch.from_numpy(m["inst"])[None, None].float(), size=p.shape, mode="nearest")[0, 0]
        k = CELL_PIXELS
        h, w = (p.shape[0] // k) * k, (p.shape[1] // k) * k
        cells = F.avg_pool2d(p[None, None, :h, :w], k)[0, 0].numpy().ravel()
        lab = inst[:h, :w].numpy().astype(np.int64)
        # a cell belongs to a building when all its pixels do
        lo = -F.max_pool2d(-torch.from_numpy(lab).float()[None, None], k)[0, 0].numpy().astype(np.int64).ravel()
        hi = F.max_pool2d(torch.from_numpy(lab).float()[None, None], k)[0, 0].numpy().astype(np.int64).ravel()
        inside = (lo == hi) & (lo > 0)
        order = np.argsort(lo[inside], kind="stable")
        ids, vals = lo[inside][order], cells[inside][order]
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        for a, b in zip(starts, np.r_[starts[1:], len(ids)]):
            if b - a >= 4:
                levels.append(float(np.quantile(vals[a:b], DEMOLISHED_SHARE)))
    if not levels:
        return round(threshold * 0.05, 4)
    level = float(np.quantile(levels, STANDING_MISTAKEN))
    return round(min(max(level, threshold * 0.02), threshold * 0.5), 4)


def regrow(labels, building, rounds=3):
    """Vigil's regrowing (Polygonizer.RegrowPixels): the labels grow into the unlabelled building pixels, one
    8-neighbour step per round (ties go to the larger label here, by position in Vigil: rare, and only a pixel)."""
    lab = torch.from_numpy(labels.astype(np.float32))[None, None]
    b = torch.from_numpy(building)[None, None]
    for _ in range(rounds):
        lab = torch.where((lab == 0) & b, F.max_pool2d(lab, 3, 1, 1), lab)
    return lab[0, 0].numpy().astype(np.int64)


def object_f1(c):
    tp, predicted, truth = (int(v) for v in c)
    return 2 * tp / max(1, predicted + truth)


# ------------------------------------------------------------------------------------------- ONNX
def export_onnx(net, path, opset=13):
    net = net.eval()
    wrapped = WithSigmoid(net).eval()
    dummy = torch.zeros(1, 3, 256, 256)
    torch.onnx.export(wrapped, dummy, str(path), input_names=["image"], output_names=["probability"],
                      dynamic_axes={"image": {0: "N", 2: "H", 3: "W"}, "probability": {0: "N", 2: "H", 3: "W"}},
                      opset_version=opset, do_constant_folding=True)


def run_onnx_with_torch(model_path, x, output=None):
    """Runs an exported graph with torch ops (`OnnxGraph`): checks the ONNX graph (wiring, attributes, dynamic
    shapes) numerically when onnxruntime is unavailable."""
    with torch.no_grad():
        return OnnxGraph(model_path)(x, output)


class OnnxGraph(nn.Module):
    """A small interpreter for the ops Vigil's exports use, built from torch functional ops, whose float weights
    (the graph's initializers) are trainable parameters: `vigil adapt` fine-tunes a shipped model through it and
    writes the weights back into the same graph (`save`), whatever network the graph holds. BatchNorm is folded into
    the convolutions of an export, so the network trains without it (fine at fine-tuning learning rates)."""

    def __init__(self, model_path):
        super().__init__()
        import onnx
        from onnx import numpy_helper
        self.model = onnx.load(str(model_path))
        g = self.model.graph
        self.names = {}
        self.weights = nn.ParameterList()
        self.constants = {}
        for i in g.initializer:
            a = torch.from_numpy(numpy_helper.to_array(i).copy())
            if a.is_floating_point():
                self.names[i.name] = len(self.weights)
                self.weights.append(nn.Parameter(a))
            else:
                self.constants[i.name] = a
        self.nodes = [(n.op_type, list(n.input), n.output[0],
                       {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}) for n in g.node]
        self.input_name, self.output_name = g.input[0].name, g.output[0].name

    def logits_name(self):
        """The input of the graph's final Sigmoid: what a loss on logits needs."""
        op, inputs, out, _ = self.nodes[-1]
        if op != "Sigmoid" or out != self.output_name:
            raise SystemExit("the model's graph does not end in a Sigmoid: it cannot be fine-tuned here")
        return inputs[0]

    def forward(self, x, output=None):
        env = dict(self.constants)
        env.update({k: self.weights[v] for k, v in self.names.items()})
        env[self.input_name] = x
        for op, inputs, out, at in self.nodes:
            o = _onnx_op(op, at, [env[k] if k else None for k in inputs])
            env[out] = o
            if out == output:
                return o
        return env[self.output_name]

    def save(self, path):
        """The same graph with this module's weights (written to a temporary file, then renamed)."""
        import onnx
        from onnx import numpy_helper
        model = onnx.ModelProto()
        model.CopyFrom(self.model)
        for init in model.graph.initializer:
            if init.name in self.names:
                w = self.weights[self.names[init.name]].detach().numpy().astype(np.float32)
                init.CopyFrom(numpy_helper.from_array(w, init.name))
        tmp = Path(str(path) + ".tmp")
        onnx.save(model, str(tmp))
        os.replace(tmp, path)


def _onnx_op(op, at, i):
    import onnx
    from onnx import numpy_helper
    if op == "Conv":
        p = at.get("pads", [0, 0, 0, 0])                     # [top, left, bottom, right]
        return F.conv2d(F.pad(i[0], (p[1], p[3], p[0], p[2])), i[1], i[2] if len(i) > 2 else None,
                        at.get("strides", [1, 1]), 0, at.get("dilations", [1, 1]), at.get("group", 1))
    if op == "MaxPool":
        p = at.get("pads", [0, 0, 0, 0])
        return F.max_pool2d(F.pad(i[0], (p[1], p[3], p[0], p[2]), value=-math.inf), at["kernel_shape"],
                            at.get("strides", [1, 1]))
    if op == "BatchNormalization":
        return F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, at.get("epsilon", 1e-5))
    if op == "InstanceNormalization":                       # GroupNorm exports as a reshape around it
        return F.instance_norm(i[0], weight=i[1], bias=i[2], eps=at.get("epsilon", 1e-5))
    if op == "Relu":
        return F.relu(i[0])
    if op == "Sigmoid":
        return torch.sigmoid(i[0])
    if op == "Add":
        return i[0] + i[1]
    if op == "Concat":
        return torch.cat(i, at["axis"])
    if op == "Constant":
        return torch.from_numpy(numpy_helper.to_array(at["value"]).copy())
    if op == "Shape":
        return torch.tensor(i[0].shape, dtype=torch.int64)
    if op == "Gather":
        return torch.index_select(i[0], at.get("axis", 0), i[1].reshape(-1)).reshape(i[1].shape)
    if op == "AveragePool":
        return F.avg_pool2d(i[0], at["kernel_shape"], at.get("strides", [1, 1]))
    if op == "Cast":
        return i[0].to({1: torch.float32, 7: torch.int64}[at["to"]])
    if op == "Unsqueeze":
        o = i[0]
        for ax in sorted(i[1].tolist()):
            o = o.unsqueeze(ax)
        return o
    if op in ("Mul", "Div", "Sub"):
        return {"Mul": torch.mul, "Div": torch.div, "Sub": torch.sub}[op](i[0], i[1])
    if op == "Resize":
        assert at.get("mode", b"nearest") == b"linear"
        assert at.get("coordinate_transformation_mode") in (b"pytorch_half_pixel", b"half_pixel")
        if len(i) > 3 and i[3] is not None and i[3].numel():
            return F.interpolate(i[0], size=[int(v) for v in i[3][2:]], mode="bilinear", align_corners=False)
        return F.interpolate(i[0], scale_factor=[float(v) for v in i[2][2:]], mode="bilinear", align_corners=False)
    if op == "DepthToSpace":
        assert at.get("mode", b"DCR") == b"CRD"
        return F.pixel_shuffle(i[0], at["blocksize"])
    if op == "Reshape":
        shp = [int(v) for v in i[1]]
        return i[0].reshape([i[0].shape[k] if s == 0 else s for k, s in enumerate(shp)])
    if op == "Transpose":
        return i[0].permute(*at["perm"])
    raise NotImplementedError(f"ONNX operator {op}")


# ------------------------------------------------------------------------------------------- card
def network_description(arch, norm="batch"):
    if arch == "small":
        return {"kind": "residual U-Net from scratch (1.1M parameters)", "pretrained": None}
    stats = ("the encoder's BatchNorms keep ImageNet's statistics, the decoder uses GroupNorm (8 groups)"
             if norm == "imagenet" else "BatchNorm statistics learnt from the training crops")
    return {"kind": "U-Net: ResNet18 encoder (stages of 2, 2, 2, 3 blocks, 1/2..1/32) and a light decoder "
                    "(128/64/48/24 channels, pixel-shuffle head); stem and first stage frozen; " + stats,
            "pretrained": {"weights": "ImageNet-trained ResNet18 (ONNX) of the NuGet package "
                                      f"Microsoft.ML.DnnImageFeaturizer.ResNet18 {PRETRAINED_VERSION}, "
                                      "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx",
                           "licence": "MIT (c) .NET Foundation and Contributors",
                           "restore": "dotnet restore models/pretrained",
                           "inputConversion": "first convolution reordered BGR -> RGB and scaled by 255 x ImageNet "
                                              "std, so the model takes the card's normalised RGB input"}}


def data_sets(train_areas, args):
    """What each data set in ../shared/data gave this model, and why the others gave nothing."""
    sets = [{"set": "fair_oam_buildings", "areas": [AREA_NAMES[a] for a in train_areas],
             "use": "building extent and separation targets (OSM outlines rasterised on the z21 mosaics); the "
                    "rightmost 1/8 of each mosaic chooses the thresholds",
             "licence": "imagery CC-BY 4.0 (OpenAerialMap), labels ODbL (OpenStreetMap)"}]
    if str(args.negatives) != "none":
        sets.append({"set": "dubai_hitl_segmentation", "use": f"{args.negative_share:.0%} of training crops: "
                     "unpaved land (sand, bare soil), roads, water and vegetation taught as background; its "
                     "'building' blocks and unlabelled pixels are ignored; GSD drawn per crop in "
                     f"{args.negative_gsd.replace(',', '-')} m", "licence": "CC0 1.0 (Humans in the Loop / MBRSC)"})
    else:
        sets.append({"set": "dubai_hitl_segmentation", "use": "none: as background-only crops (15 %) it cut Nairobi "
                     "left out from pixel IoU 0.45 to 0.175 (its soft satellite tiles and paved ground taught flat grey "
                     "roofs and soft imagery as ground); --negatives DIR puts it back",
                     "licence": "CC0 1.0 (Humans in the Loop / MBRSC)"})
    sets += [{"set": "solaris_spacenet_atlanta", "use": "none: kept as an unseen check (one panchromatic tile); "
              "CC BY-SA 4.0 would bind the model's licence"},
             {"set": "dsifn_change_samples", "use": "none: academic use only (tests of vigil eval --change)"},
             {"set": "uav_dsm_vietnam_buildings", "use": "none: surface heights, not RGB imagery"},
             {"set": "odm_toledo_dji_photos", "use": "none: photos without labels"}]
    return sets


# ------------------------------------------------------------------------------------- checkpoints
RESUME_MUST_MATCH = ("arch", "norm", "scale", "low_res", "holdout", "crop", "batch", "target", "seed", "negative_share",
                     "negative_gsd", "negative_classes", "steps")


def save_checkpoint(path, net, ema, opt, step, train_seconds, budget, rng, args):
    """Everything a killed run needs to go on where it was (written to a temporary file, then renamed)."""
    tmp = path.with_suffix(".tmp")
    torch.save({"net": net.state_dict(), "ema": ema.state, "opt": opt.state_dict(), "step": step,
                "train_seconds": train_seconds, "budget": budget, "rng": rng.bit_generator.state,
                "torch_rng": torch.get_rng_state(),
                "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}}, tmp)
    os.replace(tmp, path)
    log(f"checkpoint {path} at step {step}")


def load_checkpoint(path, net, key, args=None):
    """Loads `key` of a checkpoint into `net`; says why when the checkpoint was written for another network or run."""
    try:
        ck = torch.load(path)
    except Exception as e:  # noqa: BLE001 - a truncated or foreign file
        sys.exit(f"{path}: not a checkpoint of models/train.py ({e})")
    if args is not None:
        saved = ck.get("args", {})
        differ = [f"--{k.replace('_', '-')} {saved.get(k)} (this run: {getattr(args, k)})"
                  for k in RESUME_MUST_MATCH if k in saved and saved[k] != getattr(args, k)]
        if differ:
            sys.exit(f"{path} was written by another run: " + "; ".join(differ) +
                     ". Use the same options, another --out, or --fresh to start over.")
    try:
        net.load_state_dict(ck[key])
    except (KeyError, RuntimeError) as e:
        kind = ck.get("args", {}).get("arch", "small")
        sys.exit(f"{path} does not fit this network ({type(net).__name__}): it holds a '{kind}' network. "
                 f"Pass --arch {kind}, or another checkpoint. ({str(e).splitlines()[0]})")
    return ck


# -------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=50.0, help="wall-clock budget of the whole run")
    ap.add_argument("--steps", type=int, default=0, help="fixed step count (overrides the time schedule)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=256, help="training crop, pixels at 0.15 m (multiple of 32)")
    ap.add_argument("--holdout", default="area1_zanzibar_tz",
                    help="area left out of training and evaluated (comma-separated), or 'none' to train on all")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--target", choices=sorted(TARGETS), default="contact",
                    help="second output channel: the contact band between buildings, or every roof's border")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--reserve-minutes", type=float, default=4.0, help="kept for evaluation and export")
    ap.add_argument("--eval-only", action="store_true", help="skip training; load <out>/runs/ema.pt")
    ap.add_argument("--arch", choices=sorted(NETWORKS), default="resnet18",
                    help="resnet18: ImageNet-pretrained encoder (the recipe); small: the earlier 1.1M-parameter U-Net")
    ap.add_argument("--pretrained", type=Path, help="the package's ResNet18.onnx (default: the NuGet cache, "
                    "after `dotnet restore models/pretrained`)")
    ap.add_argument("--negatives", type=Path, default=Path("none"),
                    help="a folder of the Dubai 6-class set (../shared/data/dubai_hitl_segmentation): its sand, soil, "
                         "roads, water, vegetation taught as background. Left out by default: its soft satellite "
                         "tiles taught soft imagery and flat grey surfaces as ground, and the model left Nairobi's "
                         "roofs out (pixel IoU 0.175 with them, 0.45 without: models/README.md)")
    ap.add_argument("--negative-share", type=float, default=0.15, help="share of training crops drawn from --negatives")
    ap.add_argument("--negative-classes", default=",".join(DUBAI_NEGATIVE),
                    help="the --negatives classes taught as background (land = sand and bare soil, road, vegetation, "
                         "water); the others are ignored")
    ap.add_argument("--negative-gsd", default=DUBAI_GSD,
                    help="range of GSDs (m) the --negatives tiles are taken to have, drawn per crop: above 0.15 they "
                         "are upsampled (soft)")
    ap.add_argument("--scale", default="0.5,2.0",
                    help="GSD jitter of the training crops, low,high (log-uniform): 0.5 shows the towns' roofs at twice "
                         "their size (large flat roofs), 2.0 at half (the recipe up to 2026-12-02 used 0.7,1.4)")
    ap.add_argument("--low-res", default="0.4,6",
                    help="share of crops shown as coarser imagery upsampled, and the coarsest factor (log-uniform from "
                         "1.5): the recipe up to 2026-12-02 used 0.2,3.5 (uniform), blind to Nairobi's soft mosaic")
    ap.add_argument("--norm", choices=NORMS, default="imagenet",
                    help="resnet18 normalisation: 'imagenet' keeps the encoder's ImageNet BatchNorm statistics and "
                         "uses GroupNorm in the decoder; 'batch' learns BatchNorm statistics from the training crops")
    ap.add_argument("--encoder-lr", type=float, default=0.25, help="encoder learning rate, as a share of --lr")
    ap.add_argument("--checkpoint-minutes", type=float, default=5.0, help="a resumable checkpoint this often")
    ap.add_argument("--fresh", action="store_true", help="ignore <out>/runs/checkpoint.pt and start over")
    ap.add_argument("--init", type=Path, help="start from the EMA weights of an earlier run (its runs/ema.pt)")
    args = ap.parse_args()
    t_start = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    runs = args.out / "runs"
    runs.mkdir(parents=True, exist_ok=True)

    pretrained = None
    if args.arch == "resnet18" and not args.eval_only and not args.init:
        pretrained = args.pretrained or imagenet_resnet18_path()
        if not pretrained.exists():
            sys.exit(f"{pretrained}: the ImageNet ResNet18 is not there. Restore its NuGet package first:\n"
                     f"  dotnet restore {HERE / 'pretrained'}")
    for folder in [args.data] + ([] if str(args.negatives) == "none" else [args.negatives]):
        if not folder.is_dir():
            sys.exit(f"{folder}: no such data folder (../shared/data beside the repository, or --data/--negatives)")
    unknown = set(args.negative_classes.split(",")) - set(DUBAI_NEGATIVE)
    if unknown:
        sys.exit(f"--negative-classes: no class {', '.join(sorted(unknown))}; the classes are {', '.join(DUBAI_NEGATIVE)}")
    log("loading", args.data)
    held_areas = [] if args.holdout == "none" else args.holdout.split(",")
    assert all(a in ALL_AREAS for a in held_areas), f"--holdout: areas are {ALL_AREAS}"
    train_areas = [a for a in ALL_AREAS if a not in held_areas]
    train_all = [m for a in train_areas for m in load_area(args.data, a)]
    held_out = [m for a in held_areas for m in load_area(args.data, a)]
    train_m, hold_m = split_holdout(train_all)
    for m in train_all:
        log(f"  {m['area']} {m['w']}x{m['h']} tiles gsd {m['gsd']:.4f} m building {m['mask'].mean():.3f}")
    log(f"data loaded in {time.time() - t_start:.0f}s; holdout tiles {sum(m['w'] * m['h'] for m in hold_m)}")

    Net = (lambda: ResNetUNet(norm=args.norm)) if args.arch == "resnet18" else NETWORKS[args.arch]
    net = Net()
    nparams = sum(p.numel() for p in net.parameters())
    log(f"{args.arch} params {nparams}")
    init_steps = 0
    if args.init:
        ck = load_checkpoint(args.init, net, "ema")
        init_steps = ck["steps"] + ck.get("init_steps", 0)
        log(f"initialised from {args.init} ({init_steps} steps)")
    elif pretrained is not None:
        log(f"encoder from {pretrained}: {load_imagenet_resnet18(net, pretrained)} convolutions")
    net = net.to(memory_format=torch.channels_last)
    frozen = net.frozen_modules() if hasattr(net, "frozen_modules") else []
    fixed = net.fixed_statistics() if hasattr(net, "fixed_statistics") else frozen
    for m in frozen:
        for q in m.parameters():
            q.requires_grad_(False)
    ema = EMA(net)
    steps_done, train_minutes = 0, 0.0

    if not args.eval_only:
        target, separation_weight = TARGETS[args.target]
        negatives = ([] if str(args.negatives) == "none"
                     else load_negatives(args.negatives, args.negative_classes.split(",")))
        if negatives:
            share = np.mean([n["negative"].mean() for n in negatives])
            log(f"negatives: {len(negatives)} images of {args.negatives.name}, {share:.2f} of their pixels known "
                f"background; {args.negative_share:.0%} of crops")
        sampler = Sampler(train_m, args.crop, rng, scale=tuple(float(v) for v in args.scale.split(",")),
                          target=target, negatives=negatives,
                          negative_share=args.negative_share,
                          low_res=tuple(float(v) for v in args.low_res.split(",")),
                          negative_gsd=tuple(float(v) for v in args.negative_gsd.split(",")))
        encoder = {id(q) for m in (net.encoder_modules() if hasattr(net, "encoder_modules") else [])
                   for q in m.parameters()}
        groups = []
        for enc in (False, True):
            for dec in (True, False):
                ps = [q for q in net.parameters() if q.requires_grad and (id(q) in encoder) == enc
                      and (q.ndim > 1) == dec]
                if ps:
                    groups.append({"params": ps, "weight_decay": 1e-3 if dec else 0.0,
                                   "scale": args.encoder_lr if enc else 1.0})
        opt = torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.99))
        warm = 100
        t0 = time.time()
        budget = args.minutes * 60 - (t0 - t_start) - args.reserve_minutes * 60
        step, done_before = 0, 0.0
        ck_path = runs / "checkpoint.pt"
        if ck_path.exists() and not args.fresh:
            ck = load_checkpoint(ck_path, net, "net", args)
            ema.state = ck["ema"]
            opt.load_state_dict(ck["opt"])
            step, done_before = ck["step"], ck["train_seconds"]
            budget = ck["budget"]
            rng.bit_generator.state = ck["rng"]
            torch.set_rng_state(ck["torch_rng"])
            log(f"resumed {ck_path} at step {step} ({done_before / 60:.1f} of {budget / 60:.1f} min trained)")
        log(f"training budget {budget / 60:.1f} min" + (f", {args.steps} steps" if args.steps else ""))
        t0 -= done_before
        next_eval = time.time() + 1800
        next_ck = time.time() + args.checkpoint_minutes * 60
        est_total = None
        run_loss = None
        first_step = step
        while True:
            el = time.time() - t0
            if args.steps:
                if step >= args.steps:
                    break
                prog = step / args.steps
            else:
                if el >= budget:
                    break
                prog = el / budget
            if step == first_step + 60 and not args.steps:
                per = (el - done_before) / 60
                est_total = step + int((budget - el) / per)
                log(f"~{per:.3f}s/step -> estimated {est_total} steps")
            lr = args.lr * min(1.0, (step + 1) / warm) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * prog)))
            for gp in opt.param_groups:
                gp["lr"] = lr * gp["scale"]
            net.train()
            for m in fixed:
                m.eval()                  # ImageNet statistics stay as they are (the frozen stem; or all, --norm imagenet)
            x, y = sampler.batch(args.batch)
            logits = net(x)
            loss = loss_fn(logits, y, separation_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            ema.update(net)
            step += 1
            run_loss = loss.item() if run_loss is None else 0.98 * run_loss + 0.02 * loss.item()
            if step % 100 == 0:
                log(f"step {step} {el / 60:.1f}min lr {lr:.2e} loss {run_loss:.4f}")
            if time.time() >= next_ck:
                next_ck = time.time() + args.checkpoint_minutes * 60
                save_checkpoint(ck_path, net, ema, opt, step, time.time() - t0, budget, rng, args)
            if time.time() >= next_eval and hold_m:
                next_eval = time.time() + 1800
                ev = Net()
                ev.load_state_dict(ema.state)
                c = evaluate_mosaics(ev, hold_m)
                log(f"  holdout (EMA) @0.5: " + json.dumps({k: round(v, 4) for k, v in metrics(c[0.5]).items()}))
        steps_done, train_minutes = step, (time.time() - t0) / 60
        torch.save({"ema": ema.state, "steps": steps_done, "init_steps": init_steps, "train_minutes": train_minutes,
                    "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
                    "wall_minutes": (time.time() - t_start) / 60 + done_before / 60},
                   runs / "ema.pt")
        save_checkpoint(ck_path, net, ema, opt, step, time.time() - t0, budget, rng, args)
        log(f"trained {steps_done} steps in {train_minutes:.1f} min")
    else:
        ck = load_checkpoint(runs / "ema.pt", net, "ema")
        ema.state = ck["ema"]
        steps_done, train_minutes = ck["steps"], ck["train_minutes"]
        init_steps = ck.get("init_steps", 0)
        t_start -= ck.get("wall_minutes", 0) * 60   # report the original run's wall time plus this evaluation

    final = Net()
    final.load_state_dict(ema.state)
    final.eval()

    # threshold from the training-area holdout strips (never from Zanzibar)
    hc = evaluate_mosaics(final, hold_m)
    best_t = max(THRESHOLDS, key=lambda t: metrics(hc[t])["pixelIoU"])
    log("holdout IoU by threshold: " + " ".join(f"{t}:{metrics(hc[t])['pixelIoU']:.4f}" for t in THRESHOLDS))
    log(f"chosen threshold {best_t}")

    # object score floor: the one with the best object F1 on the same training-area strips
    ct = best_t if metrics(hc[best_t])["pixelIoU"] - metrics(hc[0.5])["pixelIoU"] > 0.005 else 0.5
    oc = object_counts(final, hold_m, ct)
    best_c = max(CONFIDENCES, key=lambda c: object_f1(oc[c]))
    log("holdout object F1 by confidence floor: " + " ".join(f"{c}:{object_f1(oc[c]):.4f}" for c in CONFIDENCES))
    log(f"chosen minConfidence {best_c}")

    background = background_level(final, hold_m, ct)
    log(f"confidently background below {background} (ground evidence of demolitions)")

    res = {"holdout@0.5": metrics(hc[0.5]), f"holdout@{best_t}": metrics(hc[best_t])}
    zm = {}
    if held_out:
        zm = evaluate_mosaics(final, held_out)                 # 256-px tiles of the stitched mosaics
        res.update({"heldout_mosaics@0.5": metrics(zm[0.5]), f"heldout_mosaics@{best_t}": metrics(zm[best_t])})
    for k, v in res.items():
        log(f"{k}: " + json.dumps({a: round(b, 4) for a, b in v.items()}))

    # export + graph check
    onnx_path = args.out / "vigil-buildings.onnx"
    export_onnx(final, onnx_path)
    import onnx
    onnx.checker.check_model(onnx.load(str(onnx_path)))
    with torch.no_grad():
        for shape in [(1, 3, 256, 256), (2, 3, 96, 160)]:
            x = torch.randn(shape)
            a = torch.sigmoid(final(x))
            b = run_onnx_with_torch(onnx_path, x)
            assert b.shape == a.shape, (a.shape, b.shape)
            log(f"onnx graph check {shape}: max |diff| {float((a - b).abs().max()):.2e}")

    # speed: ms per 256x256 tile, torch, channels_last
    cl = Net()
    cl.load_state_dict(ema.state)
    cl = cl.eval().to(memory_format=torch.channels_last)
    speed = {}
    with torch.no_grad():
        for bs in (1, 8):
            x = torch.randn(bs, 3, 256, 256).contiguous(memory_format=torch.channels_last)
            for _ in range(3):
                cl(x)
            n, t = 0, time.time()
            while time.time() - t < 5:
                cl(x)
                n += bs
            speed[bs] = (time.time() - t) / n * 1000
    log(f"torch {args.threads} threads ms/256px tile: batch1 {speed[1]:.1f} batch8 {speed[8]:.1f}")

    total_minutes = (time.time() - t_start) / 60
    confidence = detection_confidence(final, hold_m, ct, best_c)
    validation = {"trainingAreaHoldout": {"threshold": ct, **{k: round(v, 4) for k, v in metrics(hc[ct]).items()},
                                          "minConfidence": best_c, "objectF1": round(object_f1(oc[best_c]), 4),
                                          "objectF1WithoutMinConfidence": round(object_f1(oc[0.0]), 4)}}
    if held_out:
        validation = {
            "heldOutArea": ", ".join(AREA_NAMES[a] for a in held_areas),
            "threshold": ct,
            **{k: round(v, 4) for k, v in metrics(zm[ct]).items()},
            "at0.5": {k: round(v, 4) for k, v in metrics(zm[0.5]).items()},
            "method": "pixel counts over the stitched held-out mosaics resampled to 0.15 m and run as 256-px "
                      "tiles, PyTorch with the exported weights (ONNX graph checked against PyTorch to < 1e-6); "
                      "object F1 comes from `vigil eval`, see models/README.md",
            **validation}
    if confidence:
        validation["detectionConfidence"] = confidence
    card = {
        "name": "vigil-buildings",
        "version": time.strftime("%Y.%m") + ".3",
        "onnxFile": "vigil-buildings.onnx",
        "input": {"name": "image", "layout": "NCHW", "channels": ["red", "green", "blue"],
                  "tileSizePixels": 256, "pixelScale": 1 / 255, "mean": list(MEAN), "std": list(STD)},
        "output": {"name": "probability", "classes": ["building", "separation"], "activation": "sigmoid"},
        "gsdMeters": GSD,
        "thresholds": {"probability": ct, "separation": 0.5, "minConfidence": best_c,
                       "minAreaSquareMeters": 4.0, "background": background},
        "validation": validation,
        "training": {"areas": [AREA_NAMES[a] for a in train_areas],
                     "data": "hotosm/fAIr-utilities sample data: OpenAerialMap imagery (CC-BY 4.0), "
                             "OpenStreetMap building labels (ODbL, (c) OpenStreetMap contributors)",
                     "network": network_description(args.arch, args.norm),
                     "dataSets": data_sets(train_areas, args),
                     "steps": steps_done, "stepsBeforeInit": init_steps, "minutes": round(train_minutes, 1),
                     "wallMinutes": round(total_minutes, 1), "seed": args.seed,
                     "batch": args.batch, "cropPixels": args.crop, "parameters": nparams,
                     "separationTarget": args.target,
                     "command": "nice -n 10 /usr/bin/python3 models/train.py --minutes "
                                f"{args.minutes:g} --holdout {args.holdout} --threads {args.threads} --lr {args.lr:g}"
                                + (f" --target {args.target}" if args.target != "contact" else "")
                                + (f" --steps {args.steps}" if args.steps else "")
                                + (f" --init {args.init}" if args.init else "")
                                + (f" --arch {args.arch}" if args.arch != "resnet18" else "")
                                + (f" --negatives {args.negatives} --negative-share {args.negative_share:g}"
                                   + (f" --negative-gsd {args.negative_gsd}" if args.negative_gsd != DUBAI_GSD else "")
                                   + (f" --negative-classes {args.negative_classes}"
                                      if args.negative_classes != ",".join(DUBAI_NEGATIVE) else "")
                                   if str(args.negatives) != "none" else "")
                                + (f" --scale {args.scale}" if args.scale != "0.5,2.0" else "")
                                + (f" --low-res {args.low_res}" if args.low_res != "0.4,6" else "")
                                + (f" --norm {args.norm}" if args.norm != "imagenet" else ""),
                     "speedMsPer256Tile": {"torchBatch1": round(speed[1], 1), "torchBatch8": round(speed[8], 1)},
                     "framework": f"torch {torch.__version__}, ONNX opset 13"},
    }
    (args.out / "vigil-buildings.card.json").write_text(json.dumps(card, indent=2) + "\n")
    (runs / "results.json").write_text(json.dumps({"results": res, "speed_ms_per_tile": speed,
                                                   "holdout_by_threshold": {str(t): metrics(hc[t]) for t in THRESHOLDS},
                                                   "heldout_by_threshold": {str(t): metrics(zm[t]) for t in zm}},
                                                  indent=2))
    log(f"done in {total_minutes:.1f} min; onnx {onnx_path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
