#!/usr/bin/env bash
# Sets up, builds and runs `vigil demo`: a generated two-epoch scene through the whole pipeline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/Cli -c Release -o out/vigil -v quiet -nologo
out/vigil/vigil demo --out "${1:-vigil-demo}"
