package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/pkg/gittest"
	"github.com/plan-tool/plan/pkg/plangen"
	"github.com/plan-tool/plan/plan"
)

// benchRepo makes a plangen history of the given number of weekly commits.
func benchRepo(b *testing.B, weeks int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := filepath.Join(b.TempDir(), "repo")
	h := plangen.History{From: "../../testdata/bradford", Dir: dir, Weeks: weeks, Seed: 1}
	if err := h.Generate(); err != nil {
		b.Fatal(err)
	}
	for _, kv := range gittest.Env(b.TempDir()) {
		k, v, _ := strings.Cut(kv, "=")
		b.Setenv(k, v)
	}
	return dir
}

// BenchmarkLog compares plan log on two and four years of weekly commits
// with git log -p on the same directory, the cost of reading the same
// history as text. (scripts/bench.sh times 500 and 1,000 commits.)
func BenchmarkLog(b *testing.B) {
	for _, weeks := range []int{104, 208} {
		b.Run(strconv.Itoa(weeks+1)+"-commits", func(b *testing.B) { benchLog(b, weeks) })
	}
}

func benchLog(b *testing.B, weeks int) {
	dir := benchRepo(b, weeks)
	b.Run("plan-log", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(filepath.Join(dir, "plan"), time.UTC)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Log("P8.1", plan.Date{}); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run("git-log-p", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command("git", "log", "-p", "--", "plan")
			cmd.Dir = dir
			cmd.Stdout = devNull(b)
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDiff is plan diff between revisions a year apart: both states
// read from git and compared, against git diff of the same directory.
func BenchmarkDiff(b *testing.B) {
	dir := benchRepo(b, 104)
	b.Run("plan-diff", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(filepath.Join(dir, "plan"), time.UTC)
			if err != nil {
				b.Fatal(err)
			}
			var states [][]plan.Item
			for _, rev := range []string{"HEAD~52", "HEAD"} {
				r, err := s.Point(rev)
				if err != nil {
					b.Fatal(err)
				}
				fsys, err := s.FS(r.Commit.Hash)
				if err != nil {
					b.Fatal(err)
				}
				p, _, err := plan.Load(fsys)
				if err != nil {
					b.Fatal(err)
				}
				states = append(states, p.Items())
			}
			plan.Diff(states[0], states[1])
			s.Close()
		}
	})
	b.Run("git-diff", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command("git", "diff", "HEAD~52", "HEAD", "--", "plan")
			cmd.Dir = dir
			cmd.Stdout = devNull(b)
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLastChanged is the stale rule's walk: when each open action last
// changed.
func BenchmarkLastChanged(b *testing.B) {
	dir := benchRepo(b, 52)
	s, err := Open(filepath.Join(dir, "plan"), time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fsys, err := s.FS("HEAD")
	if err != nil {
		b.Fatal(err)
	}
	p, _, err := plan.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	ids := p.OpenActions()
	for b.Loop() {
		s.items = map[string][]plan.Item{} // measure the parsing, not the cache
		if _, err := s.LastChanged("HEAD", ids); err != nil {
			b.Fatal(err)
		}
	}
}

func devNull(b *testing.B) *os.File {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}
