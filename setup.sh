#!/usr/bin/env bash
# Set up everything besluitpak needs on Debian/Ubuntu, then build the reference package.
#   ./setup.sh            system packages (apt), .venv with besluitpak and its test tools, build
#   SKIP_BUILD=1 ./setup.sh   the same without the build
# It also installs what the web page and its browser tests need (chromium, the npm packages
# of package.json) and makes the reference workspace werkruimte/ for `besluitpak serve`.
# For many municipalities (docs/scaling.md): redis-server (build jobs on RQ) and unoserver
# (conversion on remote LibreOffice servers) in .venv/unoserver, a venv on /usr/bin/python3,
# which has Debian's uno module (python3-uno).
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2 fonts-symbola
              qpdf poppler-utils poppler-data python3-venv python3-pip chromium python3-uno redis-server
              gettext softhsm2)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> installing besluitpak into .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,docs]'
echo "==> building deduce's lookup cache (once per install; besluitpak suggest reads it)"
.venv/bin/python -c "import logging; logging.disable(); from deduce import Deduce; Deduce()"

if [ ! -x .venv/unoserver/bin/unoserver ]; then
  echo "==> installing unoserver into .venv/unoserver (on /usr/bin/python3 with Debian's uno)"
  /usr/bin/python3 -m venv --system-site-packages .venv/unoserver
  .venv/unoserver/bin/python -m pip install -q 'unoserver>=3.1'
fi

echo "==> compiling the web page's Dutch messages (besluitpak/web/locale)"
(cd besluitpak/web && ../../.venv/bin/django-admin compilemessages -l nl >/dev/null)

echo "==> installing the web page's front-end files (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

if [ ! -e werkruimte ]; then
  echo "==> making the reference workspace werkruimte/ (the reference case and vergadering)"
  mkdir -p werkruimte/gebiedsgericht-werken werkruimte/vergaderingen
  cp -r besluitpak.yaml bijlagen templates werkruimte/gebiedsgericht-werken/
  for zaak in vergadering/*/; do cp -r "$zaak" werkruimte/; done
  # the vergadering file beside the cases: its zaak: paths one folder up
  sed -e 's|^  - zaak: \.\.$|  - zaak: ../gebiedsgericht-werken|' \
    -e 's|^  - zaak: \([a-z-]*\)$|  - zaak: ../\1|' -e 's|\$schema=\.\./|$schema=../../|' \
    vergadering/vergadering.yaml >werkruimte/vergaderingen/2014-10.yaml
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "==> building the reference package"
  .venv/bin/python build.py
fi
