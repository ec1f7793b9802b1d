package history

import (
	"context"
	"strings"
	"testing"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/plan"
)

// swallowRepo commits the reviewer's file: P1.1's quoted title runs on
// over the lines of what looks like an action P1.9, less indented, so
// YAML reads one action, P1.1, with the title "First action - id: P1.9
// title: ghost". The second commit changes that title.
func swallowRepo(t *testing.T) *gittest.Repo {
	g := gittest.New(t)
	file := func(word string) string {
		return "id: P1\ntheme: A\ntitle: T\nowner: o\nactions:\n  - id: P1.1\n    title: \"First action\n" +
			"  - id: P1.9\n    title: " + word + "\"\n    due: 2026-12-31\n    status: in-progress\n    rag: green\n"
	}
	g.Commit(day("2026-01-05"), "start", map[string]string{
		"plan/plan.yaml":       "title: Plan\norganisation: C\nthemes:\n  - {id: A, title: A}\nowners:\n  - {id: o, name: O}\n",
		"plan/priorities.yaml": file("ghost"),
	})
	g.Commit(day("2026-06-01"), "spooky", map[string]string{"plan/priorities.yaml": file("spooky")})
	return g
}

// TestQuotedScalarSwallowsItem is the reviewer's case: the walks read the
// file as YAML does. (Split at the lines, the change was missed, and P1.9
// had a history.)
func TestQuotedScalarSwallowsItem(t *testing.T) {
	g := swallowRepo(t)
	s := openSource(t, g, g.Dir+"/plan")
	last, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := last["P1.1"].String(); got != "2026-06-01" {
		t.Errorf("P1.1 last changed on %s, want 2026-06-01", got)
	}
	entries, err := s.Log(context.Background(), "P1.9", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("log of P1.9, which is no item:\n%s", describe(entries))
	}
	entries, err = s.Log(context.Background(), "P1.1", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-06-01 Test Author modified: title First action - id: P1.9 title: ghost->First action - id: P1.9 title: spooky\n" +
		"2026-01-05 Test Author added:\n"
	if got := describe(entries); got != want {
		t.Errorf("log of P1.1:\n%s\nwant\n%s", got, want)
	}
	if s.noIndex {
		t.Error("the index split the file otherwise than the parser reads it")
	}
}

// TestMisreadingCaught: should the index split a file otherwise than the
// parser reads it, the walk finds out where it parses a version whole
// anyway (here, where a commit changed the priority's title, outside the
// items), and walks again parsing every version whole. A splitter that
// cuts at lines beginning "  - id: ", as the index once did, stands in for
// a wrong index.
func TestMisreadingCaught(t *testing.T) {
	g := swallowRepo(t)
	text := g.Git("show", "HEAD:plan/priorities.yaml")
	g.Commit(day("2026-06-08"), "retitle", map[string]string{"plan/priorities.yaml": strings.Replace(text, "title: T\n", "title: U\n", 1)})
	s := openSource(t, g, g.Dir+"/plan")
	s.split = lineSplit
	last, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := last["P1.1"].String(); got != "2026-06-01" {
		t.Errorf("P1.1 last changed on %s, want 2026-06-01", got)
	}
	if !s.noIndex {
		t.Error("the misreading was not caught")
	}
}

// lineSplit splits a file at the lines beginning "  - id: ", ignoring what
// YAML makes of them.
func lineSplit(text string, _ *index) (*index, bool) {
	ix := &index{byID: map[string]int{}}
	var skeleton strings.Builder
	pos := 0
	for _, l := range strings.SplitAfter(text, "\n") {
		switch {
		case strings.HasPrefix(l, "  - id: "):
			if n := len(ix.spans); n > 0 {
				ix.spans[n-1].end = pos
			}
			id := strings.TrimSpace(strings.TrimPrefix(l, "  - id: "))
			ix.byID[id] = len(ix.spans)
			ix.spans = append(ix.spans, span{id: id, start: pos, end: len(text), list: "actions"})
		case len(ix.spans) == 0:
			skeleton.WriteString(l)
		}
		pos += len(l)
	}
	ix.skeleton = skeleton.String()
	return ix, true
}

// TestEveryLineBreak: files with CR LF or CR alone between lines are split
// into items as files with LF are, so the walks read only what changed.
// (Split at LF alone, a file with CR alone was one line: the stale rule
// found none of its actions.)
func TestEveryLineBreak(t *testing.T) {
	for name, eol := range map[string]string{"LF": "\n", "CR LF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			g := gittest.New(t)
			file := func(note string) string {
				text := "id: P1\ntheme: A\ntitle: T\nowner: o\nactions:\n" +
					"  - title: First\n    id: P1.1\n    status: in-progress\n    note: " + note + "\n" +
					"  - title: Second\n    id: P1.2\n    status: in-progress\n    note: fine\n" +
					"  - title: Third\n    id: P1.3\n    status: in-progress\n    note: fine\n"
				return strings.ReplaceAll(text, "\n", eol)
			}
			g.Commit(day("2026-01-05"), "start", map[string]string{
				"plan/plan.yaml": "title: Plan\norganisation: C\nthemes:\n  - {id: A, title: A}\nowners:\n  - {id: o, name: O}\n",
				"plan/p1.yaml":   file("started"),
			})
			g.Commit(day("2026-02-02"), "note", map[string]string{"plan/p1.yaml": file("going")})
			s := openSource(t, g, g.Dir+"/plan")
			last, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1", "P1.2"})
			if err != nil {
				t.Fatal(err)
			}
			if got := last["P1.1"].String() + " " + last["P1.2"].String(); got != "2026-02-02 2026-01-05" {
				t.Errorf("P1.1 and P1.2 last changed on %s, want 2026-02-02 2026-01-05", got)
			}
			if s.stats.whole > 0 || s.stats.parts != 2 {
				t.Errorf("parsed %d versions whole and %d in part; want the changed action alone in each", s.stats.whole, s.stats.parts)
			}
		})
	}
}
