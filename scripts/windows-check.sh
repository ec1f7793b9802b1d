#!/usr/bin/env bash
# Runs the tests of plan/, pkg/edit, pkg/render and internal/atomicfile
# (its safe replace while another program holds a file), cross-compiled for
# Windows (amd64), under Wine: the nearest this machine comes to Windows.
# Tests that need git or Chromium skip themselves there. Without Wine it
# installs it when root with apt-get (Debian's wine and wine64), and
# otherwise says so and exits 0: Wine is a convenience, not a gate.
#
#	scripts/windows-check.sh [test binary flags, such as -test.run X]
#
# WINDOWS_CHECK_LOGS=DIR keeps each package's test log in DIR.
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
# Stop this prefix's wineserver before removing the prefix.
trap 'WINEPREFIX="$dir/prefix" "$(dirname "$wine")/wineserver" -k >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
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

# classify LOG prints each top-level test that failed, then "wine" or
# "real": wine when each failing test's only complaint is Wine 8's
# "Invalid function" deleting the test's temporary directory (Go's
# os.RemoveAll there uses a way of deleting files, POSIX semantics,
# that Wine 8 lacks; Windows 10 has it, and plan itself calls RemoveAll
# only in pkg/pdf, on its own temporary directory, ignoring the error).
classify() {
	awk '
		/^=== (RUN|NAME|CONT|PAUSE) / { cur = $3 }
		/^ +[^ ]+\.go:[0-9]+: / {
			if ($0 ~ /TempDir RemoveAll cleanup: .*Invalid function/) wine[cur] = 1; else real[cur] = 1
		}
		/^ *--- FAIL: / { failed[$3] = 1; if ($0 ~ /^--- /) top[$3] = 1 }
		END {
			for (t in failed) if (real[t]) { split(t, p, "/"); bad[p[1]] = 1 }
			for (t in top) print t, (t in bad) ? "real" : "wine"
		}' "$1" | sort
}

status=0
for pkg in "${packages[@]}"; do
	name=$(basename "$pkg")
	echo "== $pkg (GOOS=windows GOARCH=amd64) under $(basename "$wine")"
	GOOS=windows GOARCH=amd64 go test -c -o "$dir/$name.test.exe" "$pkg"
	# The test binary runs in its package's directory, as go test runs it,
	# so that testdata/ is found.
	log="$dir/$name.log"
	code=0
	(cd "$pkg" && "$wine" "$dir/$name.test.exe" -test.v "$@") >"$log" 2>&1 || code=$?
	pass=$(grep -c -- '^--- PASS' "$log" || true)
	skip=$(grep -c -- '^--- SKIP' "$log" || true)
	real=$(classify "$log" | awk '$2 == "real"' | wc -l)
	wineonly=$(classify "$log" | awk '$2 == "wine"' | wc -l)
	result=ok
	if [ "$real" -gt 0 ] || { [ "$code" != 0 ] && [ "$wineonly" = 0 ]; }; then
		result=FAIL
		status=1
	fi
	echo "   $result: $pass passed, $real failed, $wineonly failed only at Wine's temporary-directory cleanup, $skip skipped (top-level tests)"
	# Each skip, and each failure, with the lines that say why.
	grep -E -B1 -- '^--- SKIP' "$log" | grep -v -- '^--$' | sed 's/^/   /' || true
	classify "$log" | awk '$2 == "wine" { print "   wine-only failure: " $1 }'
	if [ "$result" = FAIL ]; then
		grep -E -- '--- FAIL|^panic|^fatal error|_test\.go:[0-9]+:' "$log" | grep -v 'TempDir RemoveAll cleanup' | head -n 40 || true
		[ "$pass" != 0 ] || tail -n 20 "$log"
	fi
	if [ -n "${WINDOWS_CHECK_LOGS:-}" ]; then
		cp "$log" "$WINDOWS_CHECK_LOGS/$name.log"
	fi
done
exit $status
