package gitrepo

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// open opens the test repository with the test environment.
func open(t *testing.T, g *gittest.Repo, dir string) *Repo {
	t.Helper()
	for _, kv := range g.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	r, err := Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

func TestResolveFilesBlobAndLog(t *testing.T) {
	g := gittest.New(t)
	c1 := g.Commit(day("2026-01-05"), "first", map[string]string{"plan/plan.yaml": "title: one\n", "plan/priorities/01.yaml": "id: P1\n", "README": "x"})
	c2 := g.Commit(day("2026-01-12"), "second", map[string]string{"plan/priorities/01.yaml": "id: P1\ntitle: t\n", "README": "y"})
	c3 := g.Commit(day("2026-01-19"), "move", map[string]string{"plan/priorities/01.yaml": "", "plan/priorities/01-renamed.yaml": "id: P1\ntitle: t\n"})
	g.Commit(day("2026-01-26"), "elsewhere", map[string]string{"README": "z"})
	g.Git("tag", "v1", c2)

	r := open(t, g, g.Dir+"/plan/priorities")
	rel, err := r.Rel(g.Dir + "/plan")
	if err != nil || rel != "plan" {
		t.Fatalf("Rel = %q, %v", rel, err)
	}

	for rev, want := range map[string]string{"v1": c2, "HEAD~3": c1, c3: c3, c3[:10]: c3, "main~1": c3} {
		c, err := r.Resolve(t.Context(), rev)
		if err != nil || c.Hash != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", rev, c.Hash, err, want)
		}
	}
	c, _ := r.Resolve(t.Context(), "v1")
	if c.Author != "Test Author" || !c.AuthorDate.Equal(day("2026-01-12")) || c.Subject != "second" || len(c.Parents) != 1 || c.Parents[0] != c1 {
		t.Errorf("commit metadata = %+v", c)
	}
	if _, err := r.Resolve(t.Context(), "nonexistent"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("unknown revision: %v", err)
	}

	files, err := r.Files(t.Context(), c2, "plan")
	if err != nil || len(files) != 2 || files[0].Path != "plan.yaml" || files[1].Path != "priorities/01.yaml" {
		t.Fatalf("Files = %+v, %v", files, err)
	}
	data, err := r.Blob(t.Context(), files[1].Blob)
	if err != nil || string(data) != "id: P1\ntitle: t\n" {
		t.Fatalf("Blob = %q, %v", data, err)
	}
	// The same process serves many reads.
	for range 3 {
		if data, err := r.Blob(t.Context(), files[0].Blob); err != nil || string(data) != "title: one\n" {
			t.Fatalf("Blob again = %q, %v", data, err)
		}
	}

	var log []string
	err = r.Log(t.Context(), "HEAD", "plan", func(c LogCommit) error {
		var ch []string
		for _, x := range c.Changes {
			state := "M"
			switch {
			case x.Old == "":
				state = "A"
			case x.New == "":
				state = "D"
			}
			ch = append(ch, state+" "+x.Path)
		}
		log = append(log, c.Subject+": "+strings.Join(ch, ", "))
		return nil
	})
	want := "move: A priorities/01-renamed.yaml, D priorities/01.yaml|second: M priorities/01.yaml|first: A plan.yaml, A priorities/01.yaml"
	if err != nil || strings.Join(log, "|") != want {
		t.Errorf("Log = %q, %v\nwant %q", strings.Join(log, "|"), err, want)
	}

	before, err := r.Before(t.Context(), "HEAD", day("2026-01-13"))
	if err != nil || before.Hash != c2 {
		t.Errorf("Before(13 Jan) = %s, %v; want %s", before.Hash, err, c2)
	}
	if _, err := r.Before(t.Context(), "HEAD", day("2025-12-31")); !errors.Is(err, ErrNoCommitBefore) {
		t.Errorf("Before the first commit: %v", err)
	}
}

func TestRevisionsAreNeverOptions(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "first", map[string]string{"a": "1"})
	r := open(t, g, g.Dir)
	out := t.TempDir() + "/x"
	for _, rev := range []string{"--output=" + out, "-x", "", "HEAD\nHEAD", "a\x00b"} {
		if _, err := r.Resolve(t.Context(), rev); err == nil {
			t.Errorf("Resolve(%q) succeeded", rev)
		}
		if err := r.Log(t.Context(), rev, "", func(LogCommit) error { return nil }); err == nil {
			t.Errorf("Log(%q) succeeded", rev)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a revision reached git as an option: --output wrote a file")
	}
	// A ref whose name looks like an option is reachable by its full name.
	g.Git("update-ref", "refs/heads/-x", "HEAD")
	if _, err := r.Resolve(t.Context(), "refs/heads/-x"); err != nil {
		t.Errorf("Resolve(refs/heads/-x): %v", err)
	}
}

func TestNotARepository(t *testing.T) {
	if _, err := Open(t.Context(), t.TempDir()); !errors.Is(err, ErrNotRepository) && !errors.Is(err, ErrNoGit) {
		t.Errorf("Open outside a repository: %v", err)
	}
}

// TestStartErrorKeepsCause: when git cannot be started the error says
// why. A program gone is ErrNoGit with its cause; a cause that is not
// git's absence (too many processes) is not called ErrNoGit.
func TestStartErrorKeepsCause(t *testing.T) {
	g := gittest.New(t)
	head := g.Commit(day("2026-01-05"), "one", map[string]string{"a.txt": "a\n"})
	r := open(t, g, g.Dir)
	r.git = execRunner{git: filepath.Join(t.TempDir(), "gone", "git"), env: r.git.(execRunner).env}
	_, err := r.firstAtOrBefore(t.Context(), head, day("2026-02-01").Unix())
	if !errors.Is(err, ErrNoGit) || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "rev-list") {
		t.Errorf("git gone: %v; want ErrNoGit and why", err)
	}
	err = r.Log(t.Context(), head, "", func(LogCommit) error { return nil })
	if !errors.Is(err, ErrNoGit) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("git gone, log: %v; want ErrNoGit and why", err)
	}
	busy := errors.New("fork/exec git: resource temporarily unavailable")
	if err := startError("rev-list", busy); errors.Is(err, ErrNoGit) || !errors.Is(err, busy) {
		t.Errorf("too many processes: %v; want the cause alone", err)
	}
}

func TestShallowClone(t *testing.T) {
	g := gittest.New(t)
	for i, d := range []string{"2026-01-05", "2026-01-12", "2026-01-19"} {
		g.Commit(day(d), "c", map[string]string{"a": strings.Repeat("x", i+1)})
	}
	clone := t.TempDir() + "/clone"
	g.Git("clone", "-q", "--depth", "1", "file://"+g.Dir, clone)
	r := open(t, g, clone)
	if !r.IsShallow() {
		t.Fatal("clone is not shallow")
	}
	if _, err := r.Resolve(t.Context(), "HEAD~1"); !errors.Is(err, ErrShallow) {
		t.Errorf("Resolve beyond the boundary: %v", err)
	}
	if _, err := r.Before(t.Context(), "HEAD", day("2026-01-06")); !errors.Is(err, ErrShallow) {
		t.Errorf("Before beyond the boundary: %v", err)
	}
	head, _ := r.Resolve(t.Context(), "HEAD")
	if !r.Boundary(head.Hash) {
		t.Error("HEAD is not the shallow boundary")
	}
}

func TestTags(t *testing.T) {
	g := gittest.New(t)
	c := g.Commit(day("2026-01-05"), "first", map[string]string{"a": "1"})
	r := open(t, g, g.Dir)
	if err := r.CreateTag(t.Context(), "plan/board/2026-01-05", c, "Improvement Board"); err != nil {
		t.Fatal(err)
	}
	g.Git("tag", "plan/dfe/2026-01-06", c) // lightweight
	tags, err := r.Tags(t.Context(), "plan/")
	if err != nil || len(tags) != 2 {
		t.Fatalf("Tags = %+v, %v", tags, err)
	}
	if tags[0].Name != "plan/board/2026-01-05" || tags[0].Commit != c || tags[0].Message != "Improvement Board" || tags[0].Tagger != "Test Committer" {
		t.Errorf("annotated tag = %+v", tags[0])
	}
	if tags[1].Commit != c {
		t.Errorf("lightweight tag = %+v", tags[1])
	}
}

func TestBlobs(t *testing.T) {
	g := gittest.New(t)
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("f%03d", i)] = strings.Repeat(fmt.Sprintf("line %d\n", i), i+1)
	}
	c := g.Commit(day("2026-01-05"), "many", files)
	r := open(t, g, g.Dir)
	list, err := r.Files(t.Context(), c, "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range list {
		ids = append(ids, f.Blob)
	}
	n := 0
	err = r.Blobs(t.Context(), ids, func(id string, data []byte) error {
		if id != ids[n] || string(data) != files[list[n].Path] {
			t.Fatalf("blob %d: %s = %q", n, id, data)
		}
		n++
		return nil
	})
	if err != nil || n != len(ids) {
		t.Fatalf("Blobs: %d of %d, %v", n, len(ids), err)
	}
	// Stopping early is fine.
	stop := errors.New("stop")
	if err := r.Blobs(t.Context(), ids, func(string, []byte) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("Blobs stopped early: %v", err)
	}
	if err := r.Blobs(t.Context(), []string{"not-an-id"}, func(string, []byte) error { return nil }); err == nil {
		t.Error("Blobs took a bad id")
	}
}

// TestObjectsAgreeWithGitCommands checks the commits and trees read from
// raw objects through cat-file against what git log and git ls-tree say of
// the same revisions: messages of several lines and paragraphs, authors in
// other zones, files in subdirectories, links and executables.
func TestObjectsAgreeWithGitCommands(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "first line\nsecond line  of the subject\n\nbody", map[string]string{
		"plan/plan.yaml": "title: one\n", "plan/a/b/c.yaml": "x\n", "plan/a-b.yaml": "y\n", "plan/a.yaml": "z\n"})
	g.Git("update-index", "--chmod=+x", "plan/a.yaml")
	if err := os.Symlink("plan.yaml", g.Dir+"/plan/link.yaml"); err != nil {
		t.Fatal(err)
	}
	g.Git("add", "plan/link.yaml")
	g.GitEnv([]string{"GIT_AUTHOR_NAME=Zoë Ng", "GIT_AUTHOR_DATE=2026-02-01T10:00:00-05:30", "GIT_COMMITTER_DATE=2026-02-02T01:00:00+09:00"},
		"commit", "-q", "-m", "  indented subject  ")
	r := open(t, g, g.Dir)
	for _, rev := range []string{"HEAD", "HEAD~1"} {
		c, err := r.Resolve(t.Context(), rev)
		if err != nil {
			t.Fatal(err)
		}
		out := g.Git("log", "-1", "--format="+commitFormat, rev)
		want, err := parseCommit(strings.TrimRight(out, "\n"))
		if err != nil {
			t.Fatal(err)
		}
		if c.Hash != want.Hash || c.Author != want.Author || c.Subject != want.Subject || !c.AuthorDate.Equal(want.AuthorDate) ||
			c.AuthorDate.Format(time.RFC3339) != want.AuthorDate.Format(time.RFC3339) || !c.CommitDate.Equal(want.CommitDate) ||
			strings.Join(c.Parents, " ") != strings.Join(want.Parents, " ") {
			t.Errorf("%s: from cat-file %+v\nfrom git log %+v", rev, c, want)
		}
		files, err := r.Files(t.Context(), c.Hash, "plan")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Mode+" "+f.Blob+" plan/"+f.Path)
		}
		var lsTree []string
		for _, l := range strings.Split(strings.TrimSpace(g.Git("ls-tree", "-r", c.Hash, "--", "plan/")), "\n") {
			meta, name, _ := strings.Cut(l, "\t")
			f := strings.Fields(meta)
			lsTree = append(lsTree, f[0]+" "+f[2]+" "+name)
		}
		if strings.Join(got, "\n") != strings.Join(lsTree, "\n") {
			t.Errorf("%s: files\n%s\nls-tree says\n%s", rev, strings.Join(got, "\n"), strings.Join(lsTree, "\n"))
		}
	}
	if files, err := r.Files(t.Context(), "HEAD", "nowhere"); err != nil || len(files) != 0 {
		t.Errorf("Files of a missing directory = %v, %v; want none", files, err)
	}
	if _, err := r.Files(t.Context(), "no-such-branch", "plan"); !errors.Is(err, errMissing) && err == nil {
		t.Errorf("Files of an unknown revision: no error")
	}
}

// TestBlobUpTo: a blob over the limit is skipped, not read, and the
// stream stays in step: the next object reads correctly.
func TestBlobUpTo(t *testing.T) {
	g := gittest.New(t)
	big := strings.Repeat("x", 5000)
	c := g.Commit(day("2026-01-05"), "sizes", map[string]string{"big": big, "small": "small\n"})
	r := open(t, g, g.Dir)
	files, err := r.Files(t.Context(), c, "")
	if err != nil || len(files) != 2 {
		t.Fatalf("Files = %v, %v", files, err)
	}
	data, size, err := r.BlobUpTo(t.Context(), files[0].Blob, 1000)
	if err != nil || data != nil || size != 5000 {
		t.Errorf("BlobUpTo(big, 1000) = %d bytes, size %d, %v; want no data, size 5000", len(data), size, err)
	}
	data, size, err = r.BlobUpTo(t.Context(), files[1].Blob, 1000)
	if err != nil || string(data) != "small\n" || size != 6 {
		t.Errorf("BlobUpTo(small, 1000) = %q, %d, %v", data, size, err)
	}
	if data, _, err := r.BlobUpTo(t.Context(), files[0].Blob, 5000); err != nil || string(data) != big {
		t.Errorf("BlobUpTo(big, 5000) = %d bytes, %v", len(data), err)
	}
}

// TestTreeEntriesThatEscape: a crafted tree holding an entry named ".."
// (which git itself never writes) is refused, not walked.
func TestTreeEntriesThatEscape(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "a file", map[string]string{"plan.yaml": "title: x\n"})
	blob := strings.TrimSpace(g.Git("rev-parse", "HEAD:plan.yaml"))
	raw, err := hex.DecodeString(blob)
	if err != nil {
		t.Fatal(err)
	}
	tree := append([]byte("100644 ..\x00"), raw...)
	name := filepath.Join(t.TempDir(), "tree")
	if err := os.WriteFile(name, tree, 0o644); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(g.Git("hash-object", "-t", "tree", "-w", "--literally", name))
	commit := strings.TrimSpace(g.Git("commit-tree", "-m", "crafted", id))
	r := open(t, g, g.Dir)
	if _, err := r.Files(t.Context(), commit, ""); err == nil || !strings.Contains(err.Error(), `entry named ".."`) {
		t.Errorf("Files of a tree with '..': %v", err)
	}
}

func TestParseVersion(t *testing.T) {
	for s, want := range map[string][2]int{
		"git version 2.39.5\n":                   {2, 39},
		"git version 2.37.1 (Apple Git-137.1)\n": {2, 37},
		"git version 2.41.0.windows.1\n":         {2, 41},
		"git version 3.0\n":                      {3, 0},
	} {
		if got, ok := parseVersion(s); !ok || got != want {
			t.Errorf("parseVersion(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "hub version 2.14", "git version x.y"} {
		if _, ok := parseVersion(s); ok {
			t.Errorf("parseVersion(%q) succeeded", s)
		}
	}
}

// TestBeforeEarlyDates: git reads --before=@N as a time only from N =
// 100000000 (1973-03-03) and dates before 1970 not at all; Before
// compares the dates itself.
func TestBeforeEarlyDates(t *testing.T) {
	g := gittest.New(t)
	c71 := g.Commit(day("1971-06-01"), "1971", map[string]string{"a": "1"})
	c75 := g.Commit(day("1975-06-01"), "1975", map[string]string{"a": "2"})
	c26 := g.Commit(day("2026-01-05"), "2026", map[string]string{"a": "3"})
	r := open(t, g, g.Dir)
	for date, want := range map[string]string{
		"1971-06-02": c71, "1973-03-02": c71, "1975-05-31": c71, "1975-06-01": c75, "2026-01-04": c75, "2026-01-06": c26,
		"1971-05-31": "", "1969-07-20": "", "1900-01-01": "",
	} {
		c, err := r.Before(t.Context(), "HEAD", day(date))
		switch {
		case want == "" && !errors.Is(err, ErrNoCommitBefore):
			t.Errorf("Before(%s) = %s, %v; want no commit", date, c.Short(), err)
		case want == "" && !strings.HasSuffix(err.Error(), "the history starts later"):
			t.Errorf("Before(%s): %v", date, err)
		case want != "" && (err != nil || c.Hash != want):
			t.Errorf("Before(%s) = %s, %v; want %s", date, c.Short(), err, want[:7])
		}
	}
}

// TestNamesGitAllows: a backslash is a letter like any other to git (on
// Linux), and so to Files and Log.
func TestNamesGitAllows(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "odd names", map[string]string{`plan/pri\orities/0\1.yaml`: "id: P1\n", "plan/plan.yaml": "title: x\n"})
	r := open(t, g, g.Dir)
	files, err := r.Files(t.Context(), "HEAD", "plan")
	if err != nil || len(files) != 2 || files[1].Path != `pri\orities/0\1.yaml` {
		t.Fatalf("Files = %+v, %v", files, err)
	}
	if files, err := r.Files(t.Context(), "HEAD", `plan/pri\orities`); err != nil || len(files) != 1 || files[0].Path != `0\1.yaml` {
		t.Errorf("Files of the odd directory = %+v, %v", files, err)
	}
	var paths []string
	err = r.Log(t.Context(), "HEAD", "plan", func(c LogCommit) error {
		for _, ch := range c.Changes {
			paths = append(paths, ch.Path)
		}
		return nil
	})
	if err != nil || strings.Join(paths, " ") != `plan.yaml pri\orities/0\1.yaml` {
		t.Errorf("Log paths = %q, %v", paths, err)
	}
}

// TestGitlinkModes: Log says which changes are submodules, whose ids name
// commits of other repositories.
func TestGitlinkModes(t *testing.T) {
	g := gittest.New(t)
	g.Commit(day("2026-01-05"), "plan", map[string]string{"plan/plan.yaml": "title: x\n"})
	g.Git("update-index", "--add", "--cacheinfo", "160000,1234567890123456789012345678901234567890,plan/sub.yaml")
	g.GitEnv([]string{"GIT_AUTHOR_DATE=2026-01-06T12:00:00Z", "GIT_COMMITTER_DATE=2026-01-06T12:00:00Z"}, "commit", "-q", "-m", "a submodule")
	r := open(t, g, g.Dir)
	var got []string
	err := r.Log(t.Context(), "HEAD", "plan", func(c LogCommit) error {
		for _, ch := range c.Changes {
			got = append(got, fmt.Sprintf("%s %q %q", ch.Path, ch.OldMode, ch.NewMode))
		}
		return nil
	})
	if want := `sub.yaml "" "160000"|plan.yaml "" "100644"`; err != nil || strings.Join(got, "|") != want {
		t.Errorf("Log = %s, %v; want %s", strings.Join(got, "|"), err, want)
	}
	files, err := r.Files(t.Context(), "HEAD", "plan")
	if err != nil || len(files) != 2 || files[1].Mode != "160000" {
		t.Errorf("Files = %+v, %v", files, err)
	}
}

// removeObject deletes a loose object, as a damaged clone lacks it.
func removeObject(t *testing.T, g *gittest.Repo, id string) {
	t.Helper()
	if err := os.Remove(filepath.Join(g.Dir, ".git", "objects", id[:2], id[2:])); err != nil {
		t.Fatal(err)
	}
}

// TestMissingObjects: an object the repository refers to but lacks is
// named as missing, with where it was met, never as an unknown revision.
func TestMissingObjects(t *testing.T) {
	g := gittest.New(t)
	c := g.Commit(day("2026-01-05"), "plan", map[string]string{"plan/plan.yaml": "title: x\n", "plan/priorities/01.yaml": "id: P1\n", "plan/deep/er/02.yaml": "id: P2\n"})
	blob := strings.TrimSpace(g.Git("rev-parse", "HEAD:plan/priorities/01.yaml"))
	tree := strings.TrimSpace(g.Git("rev-parse", "HEAD:plan/priorities"))
	deep := strings.TrimSpace(g.Git("rev-parse", "HEAD:plan/deep"))
	removeObject(t, g, blob)
	removeObject(t, g, tree)
	removeObject(t, g, deep)
	r := open(t, g, g.Dir)
	const damaged = " is missing from the repository: the clone is damaged or incomplete (git fsck tells more)"
	if _, err := r.Blob(t.Context(), blob); !errors.Is(err, ErrMissingObject) || errors.Is(err, ErrUnknownRevision) || err.Error() != "git object "+blob[:7]+damaged {
		t.Errorf("Blob of a missing object: %v", err)
	}
	err := r.Blobs(t.Context(), []string{blob}, func(string, []byte) error { return nil })
	if !errors.Is(err, ErrMissingObject) {
		t.Errorf("Blobs of a missing object: %v", err)
	}
	if _, err := r.Files(t.Context(), c, "plan"); !errors.Is(err, ErrMissingObject) || err.Error() != "git object "+deep[:7]+" (deep at commit "+c[:7]+")"+damaged {
		t.Errorf("Files over a missing tree: %v", err)
	}
	if _, err := r.Files(t.Context(), c, "plan/priorities"); !errors.Is(err, ErrMissingObject) || !strings.Contains(err.Error(), "(plan/priorities at commit "+c[:7]+")") {
		t.Errorf("Files of a missing tree: %v", err)
	}
	// A directory the commit does not have is no error: it has no files.
	if files, err := r.Files(t.Context(), c, "plan/none"); err != nil || files != nil {
		t.Errorf("Files of no directory = %v, %v", files, err)
	}
}
