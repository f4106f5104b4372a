#!/usr/bin/python3
"""Takes a share of the outlines out of a register, as an office's register lacks its newest and illegal buildings:
writes the kept outlines (the register `vigil adapt` learns from) and the removed ones (the buildings whose recall
must not fall after adapting: issue 18's Zanzibar check).

    /usr/bin/python3 models/register_split.py LABELS.geojson --remove 0.2 --seed 0 --kept kept.geojson --removed removed.geojson
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels")
    ap.add_argument("--remove", type=float, default=0.2, help="share of outlines taken out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kept", required=True)
    ap.add_argument("--removed", required=True)
    args = ap.parse_args()
    with open(args.labels, encoding="utf-8") as f:
        fc = json.load(f)
    features = fc["features"]
    order = list(range(len(features)))
    random.Random(args.seed).shuffle(order)
    out = set(order[:round(len(features) * args.remove)])
    for path, keep in ((args.kept, False), (args.removed, True)):
        part = dict(fc, features=[f for i, f in enumerate(features) if (i in out) == keep])
        with open(path, "w", encoding="utf-8") as f:
            json.dump(part, f)
    print(f"{len(features)} outlines: {len(features) - len(out)} kept, {len(out)} removed")


if __name__ == "__main__":
    main()
