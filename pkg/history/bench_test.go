package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/internal/plangen"
	"github.com/plan-tool/plan/plan"
)

// benchRepo makes a plangen history of the given number of weekly commits.
func benchRepo(b testing.TB, weeks int) string {
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
			s, err := Open(context.Background(), filepath.Join(dir, "plan"), time.UTC)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Log(context.Background(), "P8.1", plan.Date{}); err != nil {
				b.Fatal(err)
			}
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
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
	// As plan diff reads the two ends: the older whole, the newer parsing
	// only the files whose bytes differ, and the priorities of the files
	// read alike left out of the comparison.
	for _, from := range []string{"HEAD~1", "HEAD~52"} {
		b.Run("plan-diff-"+from, func(b *testing.B) {
			for b.Loop() {
				s, err := Open(context.Background(), filepath.Join(dir, "plan"), time.UTC)
				if err != nil {
					b.Fatal(err)
				}
				var prev *plan.Draft
				var states []*plan.Plan
				for _, rev := range []string{from, "HEAD"} {
					r, err := s.Point(context.Background(), rev)
					if err != nil {
						b.Fatal(err)
					}
					fsys, err := s.FS(context.Background(), r.Commit.Hash)
					if err != nil {
						b.Fatal(err)
					}
					if prev, err = plan.LoadDraftReusing(fsys, prev); err != nil {
						b.Fatal(err)
					}
					p, _ := prev.Plan()
					states = append(states, p)
				}
				if plan.DiffPlans(states[0], states[1]).Empty() {
					b.Fatal("no changes: the benchmark diffs nothing")
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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
	s, err := Open(context.Background(), filepath.Join(dir, "plan"), time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = s.Close() }() // a benchmark, not a test of Close
	fsys, err := s.FS(context.Background(), "HEAD")
	if err != nil {
		b.Fatal(err)
	}
	p, _, err := plan.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	ids := p.OpenActions()
	for b.Loop() {
		s.versions = versionCache{} // measure the reading, not the cache
		if _, err := s.LastChanged(context.Background(), "HEAD", ids); err != nil {
			b.Fatal(err)
		}
	}
}

func devNull(b *testing.B) *os.File {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = f.Close() }) // /dev/null: nothing to lose
	return f
}

// bigLayouts are the ways bigHistory can write its file: each action's id
// first or after its title, with LF, CR LF or CR alone between lines.
var bigLayouts = []struct{ name, eol string }{{"id", "\n"}, {"title", "\n"}, {"title-crlf", "\r\n"}, {"id-cr", "\r"}}

// bigHistory makes a repository whose plan is one priority file of the
// given number of actions (about 220 bytes each: 4,000 make 0.9 MB),
// written in the layout named (see bigLayouts), then the given number of
// commits that each change one line: the note of an action, in places
// spread over the file. It returns the plan directory.
func bigHistory(tb testing.TB, actions, commits int, layout string) string {
	tb.Helper()
	g := gittest.New(tb)
	eol := "\n"
	for _, l := range bigLayouts {
		if l.name == layout {
			eol = l.eol
		}
	}
	notes := make([]string, actions)
	for i := range notes {
		notes[i] = "Note for action " + strconv.Itoa(i+1) + " which says something about progress"
	}
	file := func() string {
		var b strings.Builder
		b.WriteString("id: P1\ntheme: A\ntitle: Big priority\nowner: o1\nactions:\n")
		for i, n := range notes {
			id := strconv.Itoa(i + 1)
			title := "title: Action number " + id + " of the big priority with a longish title to pad it\n"
			if strings.HasPrefix(layout, "title") {
				b.WriteString("  - " + title + "    id: P1." + id + "\n")
			} else {
				b.WriteString("  - id: P1." + id + "\n    " + title)
			}
			b.WriteString("    due: 2027-03-31\n    status: in-progress\n    rag: green\n    note: " + n + "\n")
		}
		return strings.ReplaceAll(b.String(), "\n", eol)
	}
	start := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	g.Commit(start, "start", map[string]string{
		"plan/plan.yaml": "title: Big plan\norganisation: Test Council\nthemes:\n  - {id: A, title: Theme A}\nowners:\n  - {id: o1, name: Owner One}\n",
		"plan/p1.yaml":   file(),
	})
	changes := make([]gittest.Change, commits) // made at once: git fast-import, not three git commands each
	for c := range commits {
		i := (c*7919 + actions/2) % actions
		notes[i] = "Changed note " + strconv.Itoa(c+1) + " for action " + strconv.Itoa(i+1)
		changes[c] = gittest.Change{Date: start.AddDate(0, 0, c+1), Message: "change " + strconv.Itoa(c+1), Files: map[string]string{"plan/p1.yaml": file()}}
	}
	g.Commits(changes)
	for _, kv := range g.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		tb.Setenv(k, v)
	}
	return filepath.Join(g.Dir, "plan")
}

// BenchmarkBigFile is the stale rule's walk and plan log on a priority
// file of 4,000 actions (0.9 MB) with 200 one-line commits, and on one of
// 8,000 actions (1.8 MB) with 400: four times the versions' bytes should
// take about four times as long (git reads each version whole), while
// what is parsed grows with the lines changed alone. Each is written in
// every layout of bigLayouts (ids after titles, CR LF, CR alone), which
// should cost about the same.
func BenchmarkBigFile(b *testing.B) {
	for _, n := range []struct {
		actions, commits int
		layout           string
	}{{4000, 200, "id"}, {4000, 200, "title"}, {4000, 200, "title-crlf"}, {4000, 200, "id-cr"}, {8000, 400, "id"}, {8000, 400, "title"}} {
		b.Run(strconv.Itoa(n.actions)+"-actions-"+strconv.Itoa(n.commits)+"-commits-"+n.layout, func(b *testing.B) {
			dir := bigHistory(b, n.actions, n.commits, n.layout)
			var ids []string
			for i := range n.actions {
				ids = append(ids, "P1."+strconv.Itoa(i+1))
			}
			b.Run("last-changed", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					s, err := Open(context.Background(), dir, time.UTC)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := s.LastChanged(context.Background(), "HEAD", ids); err != nil {
						b.Fatal(err)
					}
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("log", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					s, err := Open(context.Background(), dir, time.UTC)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := s.Log(context.Background(), "P1.5", plan.Date{}); err != nil {
						b.Fatal(err)
					}
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
