package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

// buildInfo returns a buildInfo function reporting bi.
func buildInfo(bi *debug.BuildInfo) func() (*debug.BuildInfo, bool) {
	return func() (*debug.BuildInfo, bool) { return bi, bi != nil }
}

// TestVersion covers both ways a binary learns its version: the stamp a
// release build is given (GoReleaser's -X main.version, main.commit,
// main.date), which wins, and the module's build information, for go
// install and go build.
func TestVersion(t *testing.T) {
	goInstalled := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/plan-tool/plan", Version: "v1.2.3"}}
	checkout := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/plan-tool/plan", Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "fedcba9876543210fedcba9876543210fedcba98"},
		{Key: "vcs.time", Value: "2026-11-20T09:30:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	release := stamp{version: "1.2.3", commit: "0123456789abcdef0123456789abcdef01234567", date: "2026-11-27T10:00:00Z"}
	for _, tt := range []struct {
		name        string
		stamp       stamp
		info        func() (*debug.BuildInfo, bool)
		want, wantV string
	}{
		{"release", release, buildInfo(goInstalled), "1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, go1.26.8)", "v1.2.3"},
		{"release wins over a checkout", release, buildInfo(checkout), "1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, go1.26.8)", "v1.2.3"},
		{"release with a v", stamp{version: "v1.2.3", commit: "0123456789ab", date: "2026-11-27T10:00:00Z"}, buildInfo(goInstalled), "1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, go1.26.8)", "v1.2.3"},
		{"snapshot", stamp{version: "0.0.1-SNAPSHOT-0123456", commit: "0123456789abcdef"}, buildInfo(goInstalled), "0.0.1-SNAPSHOT-0123456 (revision 0123456789ab, go1.26.8)", "v0.0.1-SNAPSHOT-0123456"},
		{"release without build information", release, buildInfo(nil), "1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, " + runtime.Version() + ")", "v1.2.3"},
		{"go install", stamp{}, buildInfo(goInstalled), "v1.2.3 (go1.26.8)", "v1.2.3"},
		{"checkout", stamp{}, buildInfo(checkout), "(devel) (revision fedcba987654, 2026-11-20T09:30:00Z, with uncommitted changes, go1.26.8)", ""},
		{"commit and date without a version", stamp{commit: "0123456789abcdef", date: "2026-11-27T10:00:00Z"}, buildInfo(goInstalled), "v1.2.3 (go1.26.8)", "v1.2.3"},
		{"no module support", stamp{}, buildInfo(nil), "(unknown: built without module support)", ""},
		{"no build information", stamp{}, nil, "(unknown)", ""},
	} {
		if got := describeVersion(tt.stamp, tt.info); got != tt.want {
			t.Errorf("%s: describeVersion = %q, want %q", tt.name, got, tt.want)
		}
		if got := moduleVersion(tt.stamp, tt.info); got != tt.wantV {
			t.Errorf("%s: moduleVersion = %q, want %q", tt.name, got, tt.wantV)
		}
	}
}

// TestVersionFlag runs plan --version with a release's stamp and with
// a go install's build information.
func TestVersionFlag(t *testing.T) {
	for _, tt := range []struct {
		stamp stamp
		want  string
	}{
		{stamp{version: "1.2.3", commit: "0123456789abcdef", date: "2026-11-27T10:00:00Z"}, "plan 1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, go1.26.8)\n"},
		{stamp{}, "plan v1.2.3 (go1.26.8)\n"},
	} {
		d, out, _ := testDeps(nil, fixedNow)
		d.stamp = tt.stamp
		d.buildInfo = buildInfo(&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}})
		if code := run(context.Background(), []string{"--version"}, d); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if out.String() != tt.want {
			t.Errorf("plan --version with %+v printed %q, want %q", tt.stamp, out.String(), tt.want)
		}
	}
}

// TestVersionStampedByLinker builds plan with the ldflags the release
// uses and runs it: the linker must find main.version, main.commit and
// main.date, or the release would print a development version.
func TestVersionStampedByLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plan: skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-trimpath", "-o", bin,
		"-ldflags", "-s -w -X main.version=1.2.3 -X main.commit=0123456789abcdef0123 -X main.date=2026-11-27T10:00:00Z", ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	got, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "plan 1.2.3 (revision 0123456789ab, 2026-11-27T10:00:00Z, " + runtime.Version() + ")\n"
	if string(got) != want {
		t.Errorf("the stamped binary printed %q, want %q", got, want)
	}
}
