package main

import (
	"runtime/debug"
	"strings"
)

// version describes the build: the module version (a tag for go install
// ...@vX.Y.Z, "(devel)" for a build from a checkout) and, when the build
// recorded them, the VCS revision, its time and whether the tree had
// uncommitted changes.
func version(info func() (*debug.BuildInfo, bool)) string {
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
		if len(rev) > 12 {
			rev = rev[:12]
		}
		extra = append(extra, "revision "+rev)
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

// moduleVersion is the bare module version, for machine-readable output.
func moduleVersion(info func() (*debug.BuildInfo, bool)) string {
	if info == nil {
		return ""
	}
	if bi, ok := info(); ok && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}
