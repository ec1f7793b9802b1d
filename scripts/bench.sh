#!/usr/bin/env bash
# Measures plan against its peers and writes BENCHMARKS.md.
#
#   scripts/bench.sh [-runs N] [-work DIR]
#
# Installs the peers first: yq and dyff with go install (from the Go module
# proxy), git with apt-get when it is missing. Takes a quarter of an hour or
# so: the data (histories of 1,000 and 5,000 commits, portfolios of 150 and
# 1,000 plans) is generated first and kept in -work DIR for next time.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v git >/dev/null; then
	echo "bench: installing git" >&2
	sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
	$sudo_ apt-get update -q && $sudo_ apt-get install -y -q git
fi
# Pinned versions, so that the peers measured are the same everywhere.
go install github.com/mikefarah/yq/v4@v4.54.2
go install github.com/homeport/dyff/cmd/dyff@v1.12.0

go run ./scripts/bench "$@"
