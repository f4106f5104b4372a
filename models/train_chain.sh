#!/usr/bin/env bash
# The detector recipe from scratch, every run in order (models/README.md, "Retraining"). Each run writes a resumable
# checkpoint every 5 minutes under its --out folder: run this script again after a kill and every run goes on where
# it stopped (a finished run is skipped). Needs Debian's python3-torch python3-onnx python3-gdal python3-numpy
# python3-pil and the pretrained encoder's NuGet package (restored below). ../shared/data beside the repository.
#   bash models/train_chain.sh [OUT]        OUT defaults to models/runs/chain; the shipped model is OUT/all
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-models/runs/chain}"
dotnet restore models/pretrained >/dev/null
train() {  # NAME ARGS...: one run, skipped when its model was already written
  local name="$1"; shift
  if [ -f "$out/$name/vigil-buildings.card.json" ]; then echo "$name: done, skipped"; return; fi
  mkdir -p "$out/$name"
  nice -n 10 /usr/bin/python3 models/train.py --out "$out/$name" "$@" 2>&1 | tee -a "$out/$name/log.txt"
}
# A fixed step count (1,500: the sixth and seventh sessions in models/README.md): on an idle machine a time-based
# schedule takes more steps, and longer runs lose Nairobi left out.
recipe=(--steps 1500 --minutes 150 --reserve-minutes 12 --threads 1)
# 1. held-out measurements (the area is left out of training; vigil eval scores it, models/README.md)
train holdout-zanzibar "${recipe[@]}" --holdout area1_zanzibar_tz
train holdout-nairobi "${recipe[@]}" --holdout area5_nairobi_ke
# 2. the shipped model: every area
train all "${recipe[@]}" --holdout none
echo "shipped model: $out/all/vigil-buildings.onnx (copy it and its card into models/)"
