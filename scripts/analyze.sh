#!/bin/sh
# Static analysis: cppcheck over src/ (with the build's include paths),
# then a check that no banned C function is called (see docs/STYLE notes).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
cd "$root"
command -v cppcheck >/dev/null 2>&1 || {
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq cppcheck >/dev/null
}
cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
	--enable=warning,portability,performance \
	--suppress=missingIncludeSystem \
	-I src -I "$build" -D__GNUC__ src
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol)[[:space:]]*\('
if grep -rnE "$banned" src; then
	echo "analyze: banned functions called (use snprintf, buf_*, strtol)" >&2
	exit 1
fi
echo "analyze: clean"
