# shellcheck shell=bash
# Sourced by .ci/run and scripts/release-check.sh.

# GoReleaser, which builds the releases (.goreleaser.yaml): .ci/run runs
# goreleaser check with it, scripts/release-check.sh a snapshot. Change
# the version here and in the README's Releases section.
# shellcheck disable=SC2034 # used by the scripts that source this
GORELEASER=github.com/goreleaser/goreleaser/v2@v2.15.1
#
# tool MODULE@VERSION prints the path of the tool's binary, first
# installing it from the Go module proxy when it is not there yet. The
# binaries are kept in PLAN_CI_TOOLS (default $(go env GOPATH)/plan-ci-tools),
# one directory per tool, version and Go version: a linter built by an
# older Go may fail to read code for a newer one, so a new Go installs
# afresh, and a run with the tools in place takes no network. The name
# is the module path's last element, or the one before it when that is
# a major version (github.com/goreleaser/goreleaser/v2 is goreleaser).
tool() {
	local name=${1%@*} version=${1#*@}
	case $name in
	*/v[0-9] | */v[0-9][0-9]) name=${name%/*} ;;
	esac
	name=${name##*/}
	local dir gopath goversion
	gopath=$(go env GOPATH) goversion=$(go env GOVERSION)
	dir="${PLAN_CI_TOOLS:-$gopath/plan-ci-tools}/$name@$version-$goversion"
	if [ ! -x "$dir/$name" ]; then
		echo "   installing $1 into $dir (the first time takes a while)" >&2
		# GOTOOLCHAIN=local: build with this Go, never fetch another.
		GOBIN="$dir" GOTOOLCHAIN=local go install "$1" >&2
	fi
	echo "$dir/$name"
}
