#!/usr/bin/env bash
# The Debian packages the portal needs beyond Python, installed in one place for `make`, CI and
# a newcomer alike.
#
#   scripts/system-packages.sh run    what `make run` needs: Python's venv module
#   scripts/system-packages.sh test   and what the tests drive: the PostgreSQL client (CI creates
#                                     and drops its database), Debian's Chromium for the Playwright
#                                     browser tests (never a downloaded browser), LibreOffice to
#                                     prove the exported DOCX/XLSX open, poppler-utils to read the
#                                     PDFs back, and metric-compatible fonts for those renders.
#
# As root with apt it installs what is missing; otherwise it prints the exact apt-get line and
# stops, so pytest never starts on a machine that would fail for want of a package.
set -euo pipefail

profile=${1:-test}
wanted=()
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  wanted+=(python3-venv)
fi
if [ "$profile" = "test" ]; then
  wanted+=(postgresql-client chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
           fonts-liberation fonts-dejavu-core)
fi

command -v dpkg >/dev/null 2>&1 || {
  [ ${#wanted[@]} -eq 0 ] && exit 0
  echo "This is not a Debian-like system: install the equivalents of: ${wanted[*]}" >&2
  exit 1
}

missing=()
for package in ${wanted[@]+"${wanted[@]}"}; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== $line"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run make again:" >&2
  echo "    sudo $line" >&2
  exit 1
fi
