#!/usr/bin/env bash
# Runs the tests of plan/, pkg/edit, pkg/render and internal/atomicfile
# (its safe replace while another program holds a file), cross-compiled for
# Windows (amd64), under Wine: the nearest this machine comes to Windows.
# Tests that need git or Chromium skip themselves there. Without Wine it
# installs it when root with apt-get (Debian's wine and wine64), and
# otherwise says so and exits 0: Wine is a convenience, not a gate.
#
#	scripts/windows-check.sh [go test flags, such as -test.run X]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(./plan ./pkg/edit ./pkg/render ./internal/atomicfile)

wine=$(command -v wine64 || command -v wine || true)
if [ -z "$wine" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "== apt-get install wine wine64"
	if ! DEBIAN_FRONTEND=noninteractive timeout 600 sh -c \
		'apt-get update -qq && apt-get install -y -qq --no-install-recommends wine wine64' >/dev/null 2>&1; then
		echo "could not install Wine with apt-get"
	fi
	wine=$(command -v wine64 || command -v wine || true)
fi
if [ -z "$wine" ]; then
	echo "windows-check: skipped: Wine is not installed (on Debian: apt-get install wine wine64)"
	exit 0
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# A Wine prefix of our own, made once per run: quiet, and no dialogs.
export WINEPREFIX="$dir/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
"$wine" wineboot --init >/dev/null 2>&1 || true

# Go programs since Go 1.24 need bcryptprimitives.dll (ProcessPrng, for
# random numbers), which Wine has only from 9.x; Debian 12's Wine 8 lacks
# it. Into the prefix's system32 (the only place Go loads it from) put a
# stand-in that fills the buffer from RtlGenRandom, built with MinGW
# (installed as Wine is, when we may).
if ! ls /usr/lib/*/wine/x86_64-windows/bcryptprimitives.dll /usr/lib/wine/x86_64-windows/bcryptprimitives.dll >/dev/null 2>&1; then
	if ! command -v x86_64-w64-mingw32-gcc >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "== apt-get install gcc-mingw-w64-x86-64-win32 (this Wine has no bcryptprimitives.dll, which Go programs need)"
		DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64-win32 >/dev/null 2>&1 || true
	fi
	if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
		echo "windows-check: skipped: this Wine has no bcryptprimitives.dll, which Go programs need, and there is no MinGW to build a stand-in (on Debian: apt-get install gcc-mingw-w64-x86-64-win32, or Wine 9 or later)"
		exit 0
	fi
	cat >"$dir/bcryptprimitives.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n) {
	while (n > 0) {
		ULONG k = n > 0x10000000 ? 0x10000000 : (ULONG)n;
		if (!RtlGenRandom(data, k)) return FALSE;
		data += k;
		n -= k;
	}
	return TRUE;
}
C
	x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$dir/bcryptprimitives.c" -ladvapi32
fi

status=0
for pkg in "${packages[@]}"; do
	name=$(basename "$pkg")
	echo "== $pkg (GOOS=windows GOARCH=amd64) under $(basename "$wine")"
	GOOS=windows GOARCH=amd64 go test -c -o "$dir/$name.test.exe" "$pkg"
	# The test binary runs in its package's directory, as go test runs it,
	# so that testdata/ is found.
	log="$dir/$name.log"
	if (cd "$pkg" && "$wine" "$dir/$name.test.exe" -test.v "$@") >"$log" 2>&1; then
		result=ok
	else
		result=FAIL
		status=1
	fi
	pass=$(grep -c -- '^--- PASS' "$log" || true)
	fail=$(grep -c -- '^--- FAIL' "$log" || true)
	skip=$(grep -c -- '^--- SKIP' "$log" || true)
	echo "   $result: $pass passed, $fail failed, $skip skipped (top-level tests)"
	if [ "$result" = FAIL ]; then
		grep -E -- '^--- FAIL|^panic|^FAIL' "$log" | head -n 40 || true
		tail -n 20 "$log"
	fi
	cp "$log" "${WINDOWS_CHECK_LOGS:-$dir}/$name.log" 2>/dev/null || true
done
exit $status
