#!/usr/bin/python3
"""Write each fAIr-utilities area's z21 chips as stitched, georeferenced GeoTIFF mosaics (EPSG:3857), so that
`vigil eval` can score whole held-out areas against their OSM outlines through the same path as `vigil run`:

    /usr/bin/python3 models/eval_mosaics.py --out /tmp/vigil-eval
    dotnet run --project src/Cli -- eval --images /tmp/vigil-eval/area1_zanzibar_tz \
        --labels ../shared/data/fair_oam_buildings/area1_zanzibar_tz/area_labels.geojson --json

Reads ../shared/data/fair_oam_buildings (never copied into the repository).
"""
import argparse
from pathlib import Path

from osgeo import gdal

import train

gdal.UseExceptions()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=train.DEFAULT_DATA)
    ap.add_argument("--areas", default=",".join(train.ALL_AREAS))
    args = ap.parse_args()
    for area in args.areas.split(","):
        folder = args.out / area
        folder.mkdir(parents=True, exist_ok=True)
        for k, m in enumerate(train.load_area(args.data, area)):
            b0 = train.tile_bounds(m["x0"], m["y0"] + m["h"] - 1)
            b1 = train.tile_bounds(m["x0"] + m["w"] - 1, m["y0"])
            height, width = m["image"].shape[:2]
            path = folder / f"{area}-{k}.tif"
            ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 3, gdal.GDT_Byte,
                                                      options=["COMPRESS=DEFLATE", "TILED=YES"])
            ds.SetGeoTransform([b0[0], (b1[2] - b0[0]) / width, 0, b1[3], 0, -(b1[3] - b0[1]) / height])
            srs = gdal.osr.SpatialReference()
            srs.ImportFromEPSG(3857)
            ds.SetProjection(srs.ExportToWkt())
            for band in range(3):
                ds.GetRasterBand(band + 1).WriteArray(m["image"][:, :, band])
            ds = None
            print(path, f"{width}x{height}")


if __name__ == "__main__":
    main()
