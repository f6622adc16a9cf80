#!/bin/sh
# Installs the Debian packages fazhi needs to build, test and run.
# Idempotent and quiet: prints nothing when everything is already there.
set -eu

PKGS="gcc clang meson ninja-build pkg-config python3 \
libmicrohttpd-dev libjansson-dev libsqlite3-dev libssl-dev libcurl4-openssl-dev \
libcairo2-dev libpango1.0-dev libxlsxwriter-dev fonts-noto-cjk poppler-utils libqrencode-dev \
sqlite3 curl chromium nodejs"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# The browser tests install playwright-core and axe-core with npm. Debian's
# npm package conflicts with a nodejs that bundles its own npm (NodeSource):
# ask for it only when no npm is there.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "fazhi: missing Debian packages:$missing" >&2
	echo "fazhi: run 'make deps' as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "fazhi: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
