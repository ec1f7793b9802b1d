#!/usr/bin/env bash
# scripts/release-files.sh DIR [VERSION COMMIT DATE EPOCH]
#
# Writes what the release archives and packages carry besides the binary,
# generated from plan itself: the man pages (DIR/man/*.1, and gzipped for
# the packages in DIR/man-gz/*.1.gz) and the shell completions
# (DIR/completions/plan.bash, _plan, plan.fish, plan.ps1). GoReleaser runs
# it as a before hook (.goreleaser.yaml), giving the release's version,
# commit, date and commit time, so the man pages name the release and are
# dated by its commit. DIR is emptied first.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:?usage: scripts/release-files.sh DIR [VERSION COMMIT DATE EPOCH]}
version=${2:-}
commit=${3:-}
date=${4:-}
epoch=${5:-}

rm -rf "$dir"
mkdir -p "$dir/man" "$dir/man-gz" "$dir/completions"

# plan, with the release's stamp (go run caches the build, so it is built
# once).
plan() {
	go run -ldflags "-X main.version=$version -X main.commit=$commit -X main.date=$date" ./cmd/plan "$@"
}

SOURCE_DATE_EPOCH=${epoch:-${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}} plan docs --man "$dir/man"
plan completion bash >"$dir/completions/plan.bash"
plan completion zsh >"$dir/completions/_plan"
plan completion fish >"$dir/completions/plan.fish"
plan completion powershell >"$dir/completions/plan.ps1"

for page in "$dir"/man/*.1; do
	# -n: no name or time in the header, so the same page gzips the same.
	gzip -9 -n -c "$page" >"$dir/man-gz/$(basename "$page").gz"
done
