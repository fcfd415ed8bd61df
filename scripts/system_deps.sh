#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the portal needs, when running as root.
#   scripts/system_deps.sh runtime   libraries WeasyPrint loads (Pango, HarfBuzz)
#   scripts/system_deps.sh test      the above, plus Chromium for browser tests, poppler for PDF checks and
#                                    SoftHSM2 (a software token: the PKCS#11 signing tests)
#   scripts/system_deps.sh cluster   the runtime ones, plus nginx, PgBouncer and wrk for scripts/cluster.sh
#   scripts/system_deps.sh bench     runtime, plus wrk (the load generator of bench/bench_anchors.py and bench_load.py)
# Packages already present are not touched; as a normal user, missing ones are listed with the command to run.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core)
case "${1:-runtime}" in
  test) packages+=(chromium poppler-utils softhsm2) ;;
  bench) packages+=(wrk) ;;
  cluster) packages+=(nginx pgbouncer wrk) ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Thiếu gói hệ thống: ${missing[*]} (không có apt-get: hãy cài bằng trình quản lý gói của máy)." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu gói hệ thống: ${missing[*]}" >&2
  echo "Hãy chạy: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "Cài gói hệ thống: ${missing[*]}"
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
