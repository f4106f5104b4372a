#!/usr/bin/env bash
# Sets up and runs every test (unit tests per stage, end-to-end tests on ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet test Vigil.slnx -c Release -nologo "$@"
