#!/usr/bin/env bash
# Installs the native libraries Vigil needs on Debian 12 (GDAL for rasters and vectors, GTK for OpenCV's native
# library, python3-gdal for the GeoPackage validator used by the tests, ffmpeg for the drone video clips the tests
# encode, fonts-noto-cjk so charts draw Chinese team names and labels, fonts-dejavu-core as the Latin-only font the
# chart tests hold them against), chromium and chromium-driver for the browser tests of vigil serve (driven through
# their executable path: browsers are not downloaded), and node with npm when missing (the build of src/Web bundles
# its pages with esbuild from npm). With --adapt also Debian's python3-torch and python3-onnx, which `vigil adapt`
# trains with. Idempotent; uses sudo when not root.
set -euo pipefail
packages=(gdal-bin libgdal32 python3-gdal libgtk-3-0 ffmpeg fonts-noto-cjk fonts-dejavu-core chromium chromium-driver)
if [ "${1:-}" = "--adapt" ]; then
  packages+=(python3-torch python3-onnx python3-numpy)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "vigil: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
