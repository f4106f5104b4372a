#!/usr/bin/env bash
# Scores a trained model on whole fAIr areas with `vigil eval` (the one ruler), per area:
#   bash models/eval_heldout.sh MODEL.onnx AREA [AREA ...]     e.g. runs/holdout-zanzibar/vigil-buildings.onnx area1_zanzibar_tz
# The areas' stitched mosaics are written once to ${VIGIL_EVAL_MOSAICS:-/tmp/vigil-eval} (models/eval_mosaics.py);
# the model's card (beside it) gives its thresholds. Prints vigil eval's figures and one JSON line with --per-area.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; shift
mosaics="${VIGIL_EVAL_MOSAICS:-/tmp/vigil-eval}"
data="../shared/data/fair_oam_buildings"
args=()
for area in "$@"; do
  [ -d "$mosaics/$area" ] || /usr/bin/python3 models/eval_mosaics.py --out "$mosaics" --areas "$area" >/dev/null
  args+=(--images "$mosaics/$area" --labels "$data/$area/area_labels.geojson")
done
[ -x out/vigil/vigil ] || dotnet build src/Cli -c Release -o out/vigil -nologo -v q >/dev/null
out/vigil/vigil eval "${args[@]}" --model "$model" --threads 2 --per-area --json --csv "${model%.onnx}.eval.csv"
