package history

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

const planYAML = `title: Test plan
organisation: Test Council
themes:
  - {id: A, title: Theme A}
owners:
  - {id: alice, name: Alice}
  - {id: bob, name: Bob}
`

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func priority(id, owner string, actions ...string) string {
	return "id: " + id + "\ntheme: A\ntitle: Priority " + id + "\nowner: " + owner + "\nactions:\n" + strings.Join(actions, "")
}

func action(id, due, rag, note string) string {
	return "  - {id: " + id + ", title: Action " + id + ", due: " + due + ", status: in-progress, rag: " + rag + ", note: " + note + "}\n"
}

// testRepo builds a plan repository with the plan in the "plan" directory
// and returns it with the commits in order.
func testRepo(t *testing.T) (*gittest.Repo, []string) {
	g := gittest.New(t)
	var c []string
	c = append(c, g.Commit(day("2026-01-05"), "start the plan", map[string]string{
		"plan/plan.yaml":          planYAML,
		"plan/priorities/01.yaml": priority("P1", "alice", action("P1.1", "2026-03-31", "amber", "started")),
	}))
	c = append(c, g.CommitAs("Alice Analyst", day("2026-02-02"), "re-rate P1.1", map[string]string{
		"plan/priorities/01.yaml": priority("P1", "alice", action("P1.1", "2026-03-31", "red", "agency staff left")),
	}))
	c = append(c, g.Commit(day("2026-03-02"), "slip P1.1, add P1.2", map[string]string{
		"plan/priorities/01.yaml": priority("P1", "alice", action("P1.1", "2026-06-30", "red", "agency staff left"), action("P1.2", "2026-09-30", "green", "new")),
	}))
	c = append(c, g.Commit(day("2026-03-09"), "rename the file", map[string]string{
		"plan/priorities/01.yaml":       "",
		"plan/priorities/01-first.yaml": priority("P1", "alice", action("P1.1", "2026-06-30", "red", "agency staff left"), action("P1.2", "2026-09-30", "green", "new")),
	}))
	c = append(c, g.Commit(day("2026-04-06"), "move P1.2 to a new priority", map[string]string{
		"plan/priorities/01-first.yaml": priority("P1", "alice", action("P1.1", "2026-06-30", "red", "agency staff left")),
		"plan/priorities/02.yaml":       priority("P2", "bob", action("P1.2", "2026-09-30", "green", "new")),
	}))
	c = append(c, g.Commit(day("2026-04-13"), "outside the plan", map[string]string{"README.md": "hello\n"}))
	return g, c
}

func openSource(t *testing.T, g *gittest.Repo, dir string) *Source {
	t.Helper()
	for _, kv := range g.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	s, err := Open(context.Background(), dir, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestPointAndFS(t *testing.T) {
	g, c := testRepo(t)
	s := openSource(t, g, g.Dir+"/plan/priorities")
	if s.Dir() != "plan/priorities" {
		// Open takes the plan directory; here a subdirectory of it was given.
		t.Logf("dir = %s", s.Dir())
	}
	s = openSource(t, g, g.Dir+"/plan")
	for spec, want := range map[string]string{
		"HEAD~5":     c[0],
		"2026-02-02": c[1], // the end of that day
		"2026-02-01": c[0],
		"2026-12-31": c[5],
		c[2][:8]:     c[2],
	} {
		r, err := s.Point(context.Background(), spec)
		if err != nil || r.Commit.Hash != want {
			t.Errorf("Point(%s) = %s, %v; want %s", spec, r.Commit.Hash, err, want)
		}
	}
	if _, err := s.Point(context.Background(), "2025-12-31"); err == nil {
		t.Error("Point before the first commit succeeded")
	}
	fsys, err := s.FS(context.Background(), c[1])
	if err != nil {
		t.Fatal(err)
	}
	p, diags, err := plan.Load(fsys)
	if err != nil || len(diags) != 0 {
		t.Fatalf("Load at %s: %v %v", c[1], err, diags)
	}
	if a := p.Priorities[0].Actions[0]; a.RAG != plan.Red || a.Note != "agency staff left" {
		t.Errorf("P1.1 at c1 = %+v", a)
	}
}

func describe(entries []LogEntry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Date.String() + " " + e.Commit.Author + " " + string(e.Change.Type) + ":")
		for _, f := range e.Change.Fields {
			if e.Change.Type == plan.Modified || e.Change.Type == plan.Moved {
				b.WriteString(" " + f.Field + " " + f.Old + "->" + f.New)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestLog(t *testing.T) {
	g, _ := testRepo(t)
	s := openSource(t, g, g.Dir+"/plan")
	entries, err := s.Log(context.Background(), "P1.1", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	want := `2026-03-02 Test Author modified: due 2026-03-31->2026-06-30
2026-02-02 Alice Analyst modified: rag amber->red note started->agency staff left
2026-01-05 Test Author added:
`
	if got := describe(entries); got != want {
		t.Errorf("log of P1.1:\n%s\nwant:\n%s", got, want)
	}
	entries, _ = s.Log(context.Background(), "P1.2", plan.Date{})
	want = `2026-04-06 Test Author moved: priority P1->P2 owner alice->bob
2026-03-02 Test Author added:
`
	if got := describe(entries); got != want {
		t.Errorf("log of P1.2:\n%s\nwant:\n%s", got, want)
	}
	entries, _ = s.Log(context.Background(), "P1.1", plan.NewDate(2026, 2, 1))
	if len(entries) != 2 {
		t.Errorf("log since 1 February: %d entries, want 2", len(entries))
	}
	entries, _ = s.Log(context.Background(), "P1", plan.Date{})
	if got := describe(entries); !strings.HasPrefix(got, "2026-04-06 Test Author modified: actions P1.1, P1.2->P1.1\n2026-03-02") {
		t.Errorf("log of P1:\n%s", got)
	}
	if entries, _ := s.Log(context.Background(), "P9.9", plan.Date{}); len(entries) != 0 {
		t.Errorf("log of an unknown id: %v", entries)
	}
}

func TestLastChanged(t *testing.T) {
	g, c := testRepo(t)
	s := openSource(t, g, g.Dir+"/plan")
	got, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1", "P1.2", "P9.9"})
	if err != nil {
		t.Fatal(err)
	}
	if got["P1.1"].String() != "2026-03-02" || got["P1.2"].String() != "2026-04-06" || len(got) != 2 {
		t.Errorf("LastChanged = %v", got)
	}
	got, _ = s.LastChanged(context.Background(), c[1], []string{"P1.1"})
	if got["P1.1"].String() != "2026-02-02" {
		t.Errorf("LastChanged at c1 = %v", got)
	}
}

func TestShallowClone(t *testing.T) {
	g, _ := testRepo(t)
	clone := t.TempDir() + "/clone"
	g.Git("clone", "-q", "--depth", "2", "file://"+g.Dir, clone)
	s := openSource(t, g, clone+"/plan")
	if _, err := s.Log(context.Background(), "P1.1", plan.Date{}); !errors.Is(err, gitrepo.ErrShallow) {
		t.Errorf("Log in a shallow clone: %v", err)
	}
	if _, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1"}); !errors.Is(err, gitrepo.ErrShallow) {
		t.Errorf("LastChanged in a shallow clone: %v", err)
	}
	if _, err := s.Point(context.Background(), "2026-01-10"); !errors.Is(err, gitrepo.ErrShallow) {
		t.Errorf("Point before the boundary: %v", err)
	}
}

func TestSnapshots(t *testing.T) {
	g, c := testRepo(t)
	s := openSource(t, g, g.Dir+"/plan")
	if _, err := s.Point(context.Background(), "board"); err == nil || !strings.Contains(err.Error(), "no board snapshot yet") {
		t.Errorf("Point(board) with none: %v", err)
	}
	for _, x := range []struct {
		kind, date, commit string
	}{{"board", "2026-02-03", c[1]}, {"dfe", "2026-03-03", c[2]}, {"board", "2026-04-07", c[4]}} {
		d, _ := plan.ParseDate(x.date)
		if _, err := s.CreateSnapshot(context.Background(), x.kind, d, false, x.commit, "Improvement Board"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CreateSnapshot(context.Background(), "board", plan.NewDate(2026, 4, 7), false, c[4], "again"); !errors.Is(err, ErrSnapshotExists) {
		t.Errorf("a second snapshot on one day: %v", err)
	}
	snaps, err := s.Snapshots(context.Background())
	if err != nil || len(snaps) != 3 || snaps[0].Tag != "plan/plan/board/2026-02-03" || snaps[2].Commit != c[4] {
		t.Fatalf("Snapshots = %+v, %v", snaps, err)
	}
	r, err := s.Point(context.Background(), "board")
	if err != nil || r.Commit.Hash != c[4] || r.Spec != "plan/plan/board/2026-04-07" {
		t.Errorf("Point(board) = %+v, %v", r, err)
	}
	if r, _ := s.Point(context.Background(), "dfe"); r.Commit.Hash != c[2] {
		t.Errorf("Point(dfe) = %s", r.Commit.Hash)
	}
}

// TestOddEntries: a backslash in a name is a letter; a submodule named
// like a plan file is reported, not read, and history walks pass it by.
func TestOddEntries(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "start", map[string]string{
		"plan/plan.yaml":              planYAML,
		`plan/pri\orities/0\1.yaml`:   priority("P1", "alice", action("P1.1", "2026-03-31", "amber", "started")),
		`plan/notes\2026.md`:          "notes\n",
		"plan/priorities/02-sub.yaml": priority("P2", "bob", action("P2.1", "2026-03-31", "green", "fine")),
	})
	g.Git("rm", "-q", "--cached", "plan/priorities/02-sub.yaml")
	g.Git("update-index", "--add", "--cacheinfo", "160000,1234567890123456789012345678901234567890,plan/priorities/02-sub.yaml")
	g.GitEnv([]string{"GIT_AUTHOR_DATE=2026-02-02T10:00:00Z", "GIT_COMMITTER_DATE=2026-02-02T10:00:00Z"}, "commit", "-q", "-m", "a submodule for a priority")
	// As a submodule not checked out: an empty directory.
	g.Write(map[string]string{"plan/priorities/02-sub.yaml": ""})
	if err := os.Mkdir(filepath.Join(g.Dir, "plan/priorities/02-sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	g.Commit(day("2026-03-02"), "re-rate P1.1", map[string]string{`plan/pri\orities/0\1.yaml`: priority("P1", "alice", action("P1.1", "2026-03-31", "red", "late"))})
	s := openSource(t, g, g.Dir+"/plan")

	fsys, err := s.FS(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	p, diags, err := plan.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Priorities) != 1 || p.Priorities[0].Actions[0].RAG != plan.Red {
		t.Errorf("the plan at HEAD: %+v", p.Priorities)
	}
	if len(diags) != 1 || diags[0].Rule != plan.RuleNotAFile || diags[0].Message != "priorities/02-sub.yaml is a submodule (a gitlink), not a file; it is not read" {
		t.Errorf("findings at HEAD: %v", diags)
	}
	entries, err := s.Log(context.Background(), "P1.1", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(entries), "2026-03-02 Test Author modified: rag amber->red note started->late\n2026-01-05 Test Author added:\n"; got != want {
		t.Errorf("log of P1.1:\n%s\nwant:\n%s", got, want)
	}
	entries, err = s.Log(context.Background(), "P2.1", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(entries), "2026-02-02 Test Author removed:\n2026-01-05 Test Author added:\n"; got != want {
		t.Errorf("log of P2.1:\n%s\nwant:\n%s", got, want)
	}
	last, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1", "P2.1"})
	if err != nil || last["P1.1"].String() != "2026-03-02" || last["P2.1"].String() != "2026-02-02" {
		t.Errorf("LastChanged = %v, %v", last, err)
	}
}

// TestMissingObject: a version the repository lacks is named, with the
// commit it was met at.
func TestMissingObject(t *testing.T) {
	g, c := testRepo(t)
	blob := strings.TrimSpace(g.Git("rev-parse", c[1]+":plan/priorities/01.yaml"))
	if err := os.Remove(filepath.Join(g.Dir, ".git", "objects", blob[:2], blob[2:])); err != nil {
		t.Fatal(err)
	}
	s := openSource(t, g, g.Dir+"/plan")
	want := "git object " + blob[:7] + " (priorities/01.yaml at commit %s) is missing from the repository: the clone is damaged or incomplete (git fsck tells more)"
	if _, err := s.FS(context.Background(), c[1]); !errors.Is(err, gitrepo.ErrMissingObject) || err.Error() != fmt.Sprintf(want, c[1][:7]) {
		t.Errorf("FS: %v", err)
	}
	// Walking newest first, the walks meet the version first as the one a
	// commit changed.
	if _, err := s.Log(context.Background(), "P1.1", plan.Date{}); !errors.Is(err, gitrepo.ErrMissingObject) || err.Error() != fmt.Sprintf(want, c[2][:7]) {
		t.Errorf("Log: %v", err)
	}
	if _, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1"}); !errors.Is(err, gitrepo.ErrMissingObject) || err.Error() != fmt.Sprintf(want, c[2][:7]) {
		t.Errorf("LastChanged: %v", err)
	}
}

// TestSnapshotsOfTwoPlans: a plan at the top of the repository and one in
// plans/children keep their snapshots apart; declared bodies are kinds; a
// dated snapshot's tag has its date; a plan below the top reads the older
// unprefixed tags only when the top holds no plan.
func TestSnapshotsOfTwoPlans(t *testing.T) {
	ctx := context.Background()
	g := gittest.New(t)
	c := g.Commit(day("2026-01-05"), "two plans", map[string]string{
		"plan.yaml":                         planYAML,
		"priorities/01.yaml":                priority("P1", "alice", action("P1.1", "2026-03-31", "amber", "started")),
		"plans/children/plan.yaml":          planYAML,
		"plans/children/priorities/01.yaml": priority("C1", "alice", action("C1.1", "2026-03-31", "amber", "started")),
	})
	top := openSource(t, g, g.Dir)
	children := openSource(t, g, g.Dir+"/plans/children")
	top.SetBodies([]string{"board", "dfe", "ofsted", "scrutiny"})
	d := plan.NewDate(2026, 1, 6)
	if _, err := children.CreateSnapshot(ctx, "scrutiny", d, false, c, "m"); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("a body the children's plan does not declare: %v", err)
	}
	for _, x := range []struct {
		s    *Source
		kind string
		tag  string
	}{{top, "board", "plan/board/2026-01-06"}, {top, "scrutiny", "plan/scrutiny/2026-01-06"}, {children, "board", "plan/plans/children/board/2026-01-06"}} {
		snap, err := x.s.CreateSnapshot(ctx, x.kind, d, true, c, "Snapshot")
		if err != nil || snap.Tag != x.tag {
			t.Fatalf("CreateSnapshot(%s) = %+v, %v; want tag %s", x.kind, snap, err, x.tag)
		}
	}
	if got := g.Git("for-each-ref", "--format=%(taggerdate:iso-strict)", "refs/tags/plan/scrutiny/2026-01-06"); !strings.HasPrefix(got, "2026-01-06T12:00:00") {
		t.Errorf("the dated tag's date is %q, want 2026-01-06 at noon", got)
	}
	tags := func(s *Source) string {
		snaps, err := s.Snapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range snaps {
			out = append(out, x.Tag)
		}
		return strings.Join(out, " ")
	}
	if got := tags(top); got != "plan/board/2026-01-06 plan/scrutiny/2026-01-06" {
		t.Errorf("the top plan's snapshots: %s", got)
	}
	if got := tags(children); got != "plan/plans/children/board/2026-01-06" {
		t.Errorf("the children's plan's snapshots: %s (the top plan's are not its own)", got)
	}
	if r, err := top.Point(ctx, "scrutiny"); err != nil || r.Snapshot != "scrutiny" || r.Date != d {
		t.Errorf("Point(scrutiny) = %+v, %v", r, err)
	}

	// Without a plan at the top, the older tags plan/KIND/DATE are the
	// plan below's, its own winning on the same kind and date.
	g.Git("rm", "-q", "plan.yaml")
	if got := tags(children); got != "plan/plans/children/board/2026-01-06" {
		t.Errorf("older tags: %s", got)
	}
	g.Git("tag", "-a", "-m", "old", "plan/dfe/2026-01-05", c)
	if got := tags(children); got != "plan/dfe/2026-01-05 plan/plans/children/board/2026-01-06" {
		t.Errorf("older tags read by the plan below the top: %s", got)
	}
}
