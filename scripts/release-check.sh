#!/usr/bin/env bash
# scripts/release-check.sh: build a snapshot release and check it.
#
# Clones the committed HEAD into a temporary directory (so uncommitted
# changes and stray files play no part: commit first), runs
# `goreleaser release --snapshot --clean` there with the pinned GoReleaser
# (installed the first time, see scripts/lib/tool.sh), and checks what it
# made:
#   - the six archives (linux, darwin: tar.gz; windows: zip; amd64 and
#     arm64), the .deb and .rpm packages and the checksums file exist;
#   - sha256sum -c passes on the checksums file, which lists every one;
#   - each archive holds exactly plan (plan.exe), README.md, LICENSE,
#     man/*.1 and completions/{plan.bash,_plan,plan.fish,plan.ps1};
#   - the packages hold /usr/bin/plan, the man pages gzipped and the
#     completions in their system places (dpkg-deb -c; rpm -qlp when rpm
#     is installed);
#   - this machine's Linux archive's binary prints the stamped version;
#   - when root with dpkg, the .deb installs (dpkg -i), its /usr/bin/plan
#     prints the version, man finds its page, and it is removed again.
# The snapshot is left in dist/. Exits 1, naming each failure, if any
# check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

# shellcheck source=scripts/lib/tool.sh
. scripts/lib/tool.sh

failures=()
fail() {
	echo "FAIL: $*"
	failures+=("$*")
}
ok() { echo "ok:   $*"; }
skip() { echo "skip: $*"; }

if [ -n "$(git status --porcelain)" ]; then
	echo "note: the work tree has uncommitted changes; the snapshot is of HEAD, without them"
fi

goreleaser=$(tool "$GORELEASER")
work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

rev=$(git rev-parse HEAD)
echo "== cloning HEAD ($rev) into $work/plan"
git clone -q --no-checkout "$top" "$work/plan"
git -C "$work/plan" checkout -q --detach "$rev"

echo "== goreleaser release --snapshot --clean ($GORELEASER)"
log="$work/goreleaser.log"
if ! (cd "$work/plan" && "$goreleaser" release --snapshot --clean) >"$log" 2>&1; then
	cat "$log"
	echo "FAIL: goreleaser release --snapshot --clean failed (its output is above)"
	exit 1
fi
dist="$work/plan/dist"

version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$dist/metadata.json")
if [ -z "$version" ]; then
	echo "FAIL: no version in dist/metadata.json"
	exit 1
fi
echo "== checking the snapshot of version $version"

# What every archive holds besides the binary: the man pages plan wrote
# (as the before hook wrote them) and the completions.
common=(README.md LICENSE completions/_plan completions/plan.bash completions/plan.fish completions/plan.ps1)
pages=()
for page in "$work/plan/.release/man/"*.1; do
	pages+=("man/$(basename "$page")")
done
if [ "${#pages[@]}" -lt 2 ] || [ ! -e "$work/plan/.release/man/plan.1" ]; then
	fail "the before hook wrote no man pages (.release/man/plan.1 missing)"
fi

# ziplist ZIP lists a zip's files, with unzip or, without it, Go.
ziplist() {
	if command -v unzip >/dev/null; then
		unzip -Z1 "$1"
		return
	fi
	cat >"$work/ziplist.go" <<'EOF'
package main

import (
	"archive/zip"
	"fmt"
	"os"
)

func main() {
	r, err := zip.OpenReader(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, f := range r.File {
		fmt.Println(f.Name)
	}
}
EOF
	(cd "$work" && GOFLAGS='' GO111MODULE=off go run ziplist.go "$1")
}

# Archives: each exists, and holds exactly the expected files at its root.
archives=()
for os in linux darwin windows; do
	for arch in amd64 arm64; do
		ext=tar.gz bin=plan
		if [ "$os" = windows ]; then
			ext=zip bin=plan.exe
		fi
		name="plan_${version}_${os}_${arch}.$ext"
		archives+=("$name")
		if [ ! -f "$dist/$name" ]; then
			fail "archive $name is missing"
			continue
		fi
		if [ "$ext" = zip ]; then
			got=$(ziplist "$dist/$name" | grep -v '/$' | sort) || true
		else
			got=$(tar tzf "$dist/$name" | grep -v '/$' | sort) || true
		fi
		want=$(printf '%s\n' "$bin" "${common[@]}" "${pages[@]}" | sort)
		if [ "$got" = "$want" ]; then
			ok "$name holds $bin, README.md, LICENSE, ${#pages[@]} man pages and 4 completions"
		else
			fail "$name does not hold what it should (< missing, > unexpected):"
			diff <(echo "$want") <(echo "$got") | grep '^[<>]' || true
		fi
	done
done

# Packages: plan_VERSION_linux_ARCH.deb and .rpm, named as the archives.
debs=() rpms=()
for arch in amd64 arm64; do
	for ext in deb rpm; do
		name="plan_${version}_linux_${arch}.$ext"
		if [ ! -f "$dist/$name" ]; then
			fail "package $name is missing"
		elif [ "$ext" = deb ]; then
			debs+=("$name")
		else
			rpms+=("$name")
		fi
	done
done

# The files a package installs, besides the man pages.
pkgfiles=(/usr/bin/plan
	/usr/share/bash-completion/completions/plan
	/usr/share/zsh/vendor-completions/_plan
	/usr/share/fish/vendor_completions.d/plan.fish)
checkpkg() { # checkpkg NAME LISTING
	local name=$1 listing=$2 f missing=()
	for f in "${pkgfiles[@]}"; do
		grep -qx "$f" <<<"$listing" || missing+=("$f")
	done
	for f in "${pages[@]}"; do
		f="/usr/share/man/man1/$(basename "$f").gz"
		grep -qx "$f" <<<"$listing" || missing+=("$f")
	done
	if [ "${#missing[@]}" -eq 0 ]; then
		ok "$name installs /usr/bin/plan, ${#pages[@]} gzipped man pages and the bash, zsh and fish completions"
	else
		fail "$name lacks: ${missing[*]}"
	fi
}
for deb in "${debs[@]}"; do
	if command -v dpkg-deb >/dev/null; then
		# dpkg-deb -c lists ./usr/bin/plan: keep the path from /.
		checkpkg "$deb" "$(dpkg-deb -c "$dist/$deb" | awk '{print $NF}' | sed 's|^\.||')"
	else
		skip "dpkg-deb is not installed: $deb's contents are not listed (apt-get install dpkg)"
	fi
done
for rpm in "${rpms[@]}"; do
	if command -v rpm >/dev/null; then
		checkpkg "$rpm" "$(rpm -qlp "$dist/$rpm" 2>/dev/null)"
	else
		skip "rpm is not installed: $rpm's contents are not listed (apt-get install rpm)"
	fi
done

# Checksums: the file exists, lists every archive and package, and checks.
sums="plan_${version}_checksums.txt"
if [ ! -f "$dist/$sums" ]; then
	fail "checksums file $sums is missing"
else
	for f in "${archives[@]}" "${debs[@]}" "${rpms[@]}"; do
		grep -q "  $f\$" "$dist/$sums" || fail "$sums does not list $f"
	done
	if out=$(cd "$dist" && sha256sum -c "$sums" 2>&1); then
		ok "sha256sum -c $sums: $(grep -c ': OK$' <<<"$out") files OK"
	else
		fail "sha256sum -c $sums:"
		echo "$out"
	fi
fi

# The stamped version, as plan --version prints it.
stamped="^plan ${version//./\\.} \\(revision [0-9a-f]{12}, [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z, go[0-9.]+\\)\$"

hostos=$(go env GOHOSTOS) hostarch=$(go env GOHOSTARCH)
if [ "$hostos" = linux ] && { [ "$hostarch" = amd64 ] || [ "$hostarch" = arm64 ]; }; then
	name="plan_${version}_linux_${hostarch}.tar.gz"
	mkdir -p "$work/unpacked"
	if [ -f "$dist/$name" ] && tar xzf "$dist/$name" -C "$work/unpacked" plan; then
		got=$("$work/unpacked/plan" --version 2>&1) || true
		if grep -Eq "$stamped" <<<"$got"; then
			ok "plan from $name prints: $got"
		else
			fail "plan from $name printed '$got', not the stamped version $version"
		fi
	else
		fail "could not unpack plan from $name"
	fi
else
	skip "this is $hostos/$hostarch, not Linux amd64 or arm64: no archive's binary is run"
fi

# The .deb, installed for real: only as root with dpkg, and only where
# plan is not installed already (removing it afterwards would remove a
# package someone meant to keep).
deb="plan_${version}_linux_${hostarch}.deb"
if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
	skip "not root with dpkg: the .deb is not installed (run as root on Debian or Ubuntu to try it)"
elif [ "$hostos" != linux ] || [ ! -f "$dist/$deb" ]; then
	skip "no .deb for $hostos/$hostarch"
elif dpkg -s plan >/dev/null 2>&1; then
	skip "a plan package is installed already: not replacing it (dpkg -r plan first to try the .deb)"
else
	if dpkg -i "$dist/$deb" >"$work/dpkg.log" 2>&1; then
		got=$(/usr/bin/plan --version 2>&1) || true
		if grep -Eq "$stamped" <<<"$got"; then
			ok "dpkg -i $deb: /usr/bin/plan prints: $got"
		else
			fail "/usr/bin/plan from $deb printed '$got', not the stamped version $version"
		fi
		if command -v man >/dev/null && page=$(man -w plan 2>/dev/null) && [ -n "$page" ]; then
			ok "man -w plan: $page"
		elif [ -f /usr/share/man/man1/plan.1.gz ]; then
			ok "man page installed: /usr/share/man/man1/plan.1.gz (man -w did not find it: man is missing or has no manpath here)"
		else
			fail "$deb installed no /usr/share/man/man1/plan.1.gz"
		fi
		[ -f /usr/share/bash-completion/completions/plan ] || fail "$deb installed no bash completion"
		if dpkg -r plan >"$work/dpkg.log" 2>&1 && [ ! -e /usr/bin/plan ]; then
			ok "dpkg -r plan removed it"
		else
			cat "$work/dpkg.log"
			fail "dpkg -r plan did not remove /usr/bin/plan"
		fi
	else
		cat "$work/dpkg.log"
		fail "dpkg -i $deb failed"
	fi
fi

# Leave the snapshot where a maintainer looks for it.
rm -rf "$top/dist"
cp -R "$dist" "$top/dist"

echo
echo "== the snapshot, in dist/:"
(cd "$top/dist" && ls -1 -- *.tar.gz *.zip *.deb *.rpm *checksums.txt 2>/dev/null)
echo
if [ "${#failures[@]}" -gt 0 ]; then
	echo "release-check: ${#failures[@]} check(s) failed:"
	printf '  - %s\n' "${failures[@]}"
	exit 1
fi
echo "release-check: all checks passed"
