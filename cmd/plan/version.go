package main

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// The release build stamps these with the linker (GoReleaser's ldflags,
// -X main.version=1.2.3 -X main.commit=... -X main.date=...; see
// .goreleaser.yaml). A go install or go build leaves them empty, and the
// version comes from the module's build information instead.
var (
	version string // the release's version, without its "v": 1.2.3
	commit  string // the full commit hash the release was built from
	date    string // when it was built, RFC 3339 in UTC
)

// stamp is what the release build stamped into the binary.
type stamp struct{ version, commit, date string }

// released is this binary's stamp, empty unless it is a release build.
func released() stamp { return stamp{version, commit, date} }

// describeVersion describes the build for plan --version (without the
// leading "plan "). A release build gives its stamped version, commit and
// date: 1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, go1.26.8).
// Otherwise it is the module version (a tag for go install ...@vX.Y.Z,
// "(devel)" for a build from a checkout) and, when the build recorded
// them, the VCS revision, its time and whether the tree had uncommitted
// changes.
func describeVersion(s stamp, info func() (*debug.BuildInfo, bool)) string {
	if s.version != "" {
		return describeStamp(s, info)
	}
	if info == nil {
		return "(unknown)"
	}
	bi, ok := info()
	if !ok {
		return "(unknown: built without module support)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var extra []string
	if rev != "" {
		extra = append(extra, "revision "+shortRevision(rev))
	}
	if when != "" {
		extra = append(extra, when)
	}
	if modified {
		extra = append(extra, "with uncommitted changes")
	}
	if bi.GoVersion != "" {
		extra = append(extra, bi.GoVersion)
	}
	if len(extra) > 0 {
		v += " (" + strings.Join(extra, ", ") + ")"
	}
	return v
}

// describeStamp describes a release build from its stamp, with the Go
// version the build information gives (else the runtime's, which is the
// same one).
func describeStamp(s stamp, info func() (*debug.BuildInfo, bool)) string {
	var extra []string
	if s.commit != "" {
		extra = append(extra, "revision "+shortRevision(s.commit))
	}
	if s.date != "" {
		extra = append(extra, s.date)
	}
	goVersion := runtime.Version()
	if info != nil {
		if bi, ok := info(); ok && bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
	}
	extra = append(extra, goVersion)
	return strings.TrimPrefix(s.version, "v") + " (" + strings.Join(extra, ", ") + ")"
}

// shortRevision is the first 12 characters of a commit hash, as git shows
// it abbreviated.
func shortRevision(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// moduleVersion is the bare version, for machine-readable output: "v" and
// the stamped version of a release build, else the module version of a go
// install ...@vX.Y.Z; empty for a development build.
func moduleVersion(s stamp, info func() (*debug.BuildInfo, bool)) string {
	if s.version != "" {
		return "v" + strings.TrimPrefix(s.version, "v")
	}
	if info == nil {
		return ""
	}
	if bi, ok := info(); ok && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}

// version describes this build for plan --version.
func (d *deps) version() string { return describeVersion(d.stamp, d.buildInfo) }

// moduleVersion is this build's bare version ("v1.2.3"), empty for a
// development build.
func (d *deps) moduleVersion() string { return moduleVersion(d.stamp, d.buildInfo) }
