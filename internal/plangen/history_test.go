package plangen

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryIsDeterministic checks the promise that the same arguments
// give the same repository, down to the object ids.
func TestHistoryIsDeterministic(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	head := func(seed uint64) string {
		dir := filepath.Join(t.TempDir(), "repo")
		h := History{From: "../../testdata/bradford", Dir: dir, Weeks: 12, Seed: seed}
		if err := h.Generate(); err != nil {
			t.Fatal(err)
		}
		if h.Commits != 13 {
			t.Errorf("%d commits, want 13", h.Commits)
		}
		out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD", "refs/tags/plan/board/2026-01-06").CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	a, b, c := head(1), head(1), head(2)
	if a != b {
		t.Errorf("the same seed gave different repositories:\n%s\n%s", a, b)
	}
	if a == c {
		t.Error("different seeds gave the same repository")
	}
}

func TestMainUsage(t *testing.T) {
	var out, errOut strings.Builder
	if code := Main(nil, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "plangen history [-weeks N]") {
		t.Errorf("Main() = %d, %q", code, errOut.String())
	}
	if code := Main([]string{"history", "-weeks", "x", "dir"}, &out, &errOut); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}
