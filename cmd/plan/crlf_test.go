package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
)

// crlfRepo returns the Bradford example committed (with LF, as git keeps
// text) in a new repository, with one action's fields out of the
// canonical order so that plan fmt has work to do, and a copy of it
// checked out with core.autocrlf=true, as Git for Windows does by
// default: the same files with CRLF line ends.
func crlfRepo(t *testing.T) (lf, crlf *gittest.Repo) {
	t.Helper()
	lf = bradfordRepo(t)
	name := filepath.Join(lf.Dir, "priorities", "01-front-door.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	unordered := strings.Replace(string(data), "    title: Redesign the Front Door so every contact has a qualified decision within 24 hours\n    due: 2026-01-31\n",
		"    due: 2026-01-31\n    title: Redesign the Front Door so every contact has a qualified decision within 24 hours\n", 1)
	if unordered == string(data) {
		t.Fatal("P1.1's title and due are not where the test expects them")
	}
	lf.Commit(time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), "P1.1 out of order", map[string]string{"priorities/01-front-door.yaml": unordered})

	crlf = gittest.New(t)
	crlf.Git("config", "core.autocrlf", "true")
	crlf.Git("pull", "-q", lf.Dir, "main")
	for _, f := range []string{"plan.yaml", "priorities/01-front-door.yaml"} {
		data, err := os.ReadFile(filepath.Join(crlf.Dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("\r\n")) {
			t.Fatalf("%s was checked out without CRLF: core.autocrlf had no effect", f)
		}
	}
	return lf, crlf
}

// allCRLF fails the test unless every line of the file ends with CRLF.
func allCRLF(t *testing.T, what, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	for i, l := range lines {
		if l == "" && i == len(lines)-1 {
			break
		}
		if !strings.HasSuffix(l, "\r\n") {
			t.Errorf("after %s, line %d of %s does not end with CRLF: %q", what, i+1, filepath.Base(name), l)
			return
		}
		if strings.Contains(strings.TrimSuffix(l, "\r\n"), "\r") {
			t.Errorf("after %s, line %d of %s has a stray CR: %q", what, i+1, filepath.Base(name), l)
			return
		}
	}
}

// TestCRLFWorkingTree: in a working tree with CRLF line ends (git's
// core.autocrlf=true, the default of Git for Windows) plan check gives the
// same findings, at the same lines and columns, as with LF; plan rate,
// record, fmt and returns apply keep CRLF on every line of the files they
// change, and change in git's eyes only what they meant to; plan diff
// between revisions (read from git, with LF) is as it was.
func TestCRLFWorkingTree(t *testing.T) {
	lf, crlf := crlfRepo(t)
	asOf := "2026-11-24"
	for _, args := range [][]string{
		{"check"},
		{"check", "-o", "json"},
		{"status"},
		{"fmt", "--check"},
		{"diff", "HEAD~1", "HEAD"},
	} {
		codeLF, outLF, errLF := planRun(t, fixedNow, append(args, "-C", lf.Dir, "--as-of", asOf)...)
		codeCRLF, outCRLF, errCRLF := planRun(t, fixedNow, append(args, "-C", crlf.Dir, "--as-of", asOf)...)
		errLF = strings.ReplaceAll(errLF, lf.Dir, "$REPO")
		errCRLF = strings.ReplaceAll(errCRLF, crlf.Dir, "$REPO")
		if codeLF != codeCRLF || outLF != outCRLF || errLF != errCRLF {
			t.Errorf("plan %s: with LF exit %d\n%s%s\nwith CRLF exit %d\n%s%s", strings.Join(args, " "), codeLF, outLF, errLF, codeCRLF, outCRLF, errCRLF)
		}
		if args[0] == "check" && len(args) == 1 && !strings.Contains(outCRLF, "priorities/03-help-and-protection.yaml:46:10: warning") {
			t.Errorf("plan check found none of the expected findings:\n%s", outCRLF)
		}
	}

	front := filepath.Join(crlf.Dir, "priorities", "01-front-door.yaml")
	data := filepath.Join(crlf.Dir, "priorities", "12-data-and-insight.yaml")
	steps := []struct {
		args []string
		file string
		diff []string // the lines git diff shows changed, with LF
	}{
		{[]string{"rate", "P1.5", "red", "--note", "Two auditors off sick"}, front, []string{"-    rag: green", "+    rag: red", "+    note: Two auditors off sick"}},
		{[]string{"record", "P12.K1", "2026-09-30", "97"}, data, []string{"-      2026-09-30: 96", "+      2026-09-30: 97"}},
		{[]string{"fmt"}, front, []string{
			"-    due: 2026-01-31",
			"+    due: 2026-01-31",
		}},
	}
	for _, s := range steps {
		if code, stdout, stderr := planRun(t, fixedNow, append(s.args, "-C", crlf.Dir, "--as-of", asOf)...); code != exitOK {
			t.Fatalf("plan %s: exit %d\n%s%s", strings.Join(s.args, " "), code, stdout, stderr)
		}
		allCRLF(t, "plan "+s.args[0], s.file)
		if got := diffLines(crlf); !slices.Equal(got, s.diff) {
			t.Errorf("after plan %s, git diff shows\n%s\nwant\n%s", strings.Join(s.args, " "), strings.Join(got, "\n"), strings.Join(s.diff, "\n"))
		}
		crlf.Commit(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), "plan "+s.args[0], nil)
	}
	// An owner's return, applied.
	out := t.TempDir()
	if code, stdout, stderr := planRun(t, fixedNow, "returns", "-C", crlf.Dir, "--out", out, "--owner", "head-performance", "--due", "2027-01-10", "--as-of", asOf); code != exitOK {
		t.Fatalf("plan returns: exit %d\n%s%s", code, stdout, stderr)
	}
	book := filepath.Join(out, "head-performance.xlsx")
	fill(t, book, map[string]map[string]map[string]any{
		"Actions": {"P2.5": {"I": "in-progress", "M": "Audit schedule agreed"}},
	})
	if code, stdout, stderr := planRun(t, fixedNow, "returns", "apply", book, "-C", crlf.Dir, "--as-of", "2027-01-08"); code != exitOK {
		t.Fatalf("plan returns apply: exit %d\n%s%s", code, stdout, stderr)
	}
	allCRLF(t, "plan returns apply", filepath.Join(crlf.Dir, "priorities", "02-early-help.yaml"))
	want := []string{"-    status: planned", "+    status: in-progress", "+    evidence: Audit schedule agreed", "+    reviewed: 2027-01-08"}
	if got := diffLines(crlf); !slices.Equal(got, want) {
		t.Errorf("after plan returns apply, git diff shows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	crlf.Commit(time.Date(2027, 1, 8, 10, 0, 0, 0, time.UTC), "return", nil)

	// Nothing left for fmt to do, CRLF or not.
	if code, stdout, stderr := planRun(t, fixedNow, "fmt", "--check", "-C", crlf.Dir); code != exitOK {
		t.Errorf("plan fmt --check after plan fmt: exit %d\n%s%s", code, stdout, stderr)
	}
	if st := crlf.Git("status", "--porcelain"); st != "" {
		t.Errorf("git status after committing every step:\n%s", st)
	}
}
