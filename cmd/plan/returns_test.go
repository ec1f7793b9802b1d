package main

import (
	"context"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/internal/gittest"
)

// planRun runs plan with args and returns its exit code and output.
func planRun(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	d, stdout, stderr := testDeps(nil, now)
	code := run(context.Background(), args, d)
	return code, stdout.String(), stderr.String()
}

// bradfordRepo commits a copy of the Bradford example in a new repository.
func bradfordRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	files := map[string]string{}
	src := "../../testdata/bradford"
	err := filepath.WalkDir(src, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(src, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	repo := gittest.New(t)
	repo.Commit(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), "The plan", files)
	return repo
}

// fill opens a return as its owner would, types values into the cells of
// the rows with the given ids (id: column letter: value), and saves it.
func fill(t *testing.T, name string, values map[string]map[string]map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	for sheet, byID := range values {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for id, cells := range byID {
			r := slices.IndexFunc(rows, func(row []string) bool { return len(row) > 0 && row[0] == id })
			if r < 0 {
				t.Fatalf("%s has no row for %s", sheet, id)
			}
			for col, v := range cells {
				if err := f.SetCellValue(sheet, col+strings.TrimSpace(itoa(r+1)), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// diffLines returns the lines git diff shows added and removed, without
// the file headers.
func diffLines(repo *gittest.Repo) []string {
	var out []string
	for _, l := range strings.Split(repo.Git("diff", "--no-textconv", "-U0"), "\n") {
		if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
			out = append(out, l)
		}
	}
	return out
}

// TestReturnsRoundTrip: for a plan in git, plan returns, an owner's
// edits made with a spreadsheet library and plan returns apply make
// exactly the edits the owner made, as git diff shows them; a second
// apply changes nothing; the proposed date is awaiting approval for check
// and refused by the review gate.
func TestReturnsRoundTrip(t *testing.T) {
	repo := bradfordRepo(t)
	out := t.TempDir()
	code, stdout, stderr := planRun(t, fixedNow, "returns", "-C", repo.Dir, "--out", out, "--owner", "head-performance", "--due", "2027-01-10")
	if code != exitOK || !strings.Contains(stdout, "head-performance.xlsx: 10 actions, 3 KPIs, for Head of Performance and Quality Assurance") {
		t.Fatalf("plan returns: exit %d\n%s%s", code, stdout, stderr)
	}
	book := filepath.Join(out, "head-performance.xlsx")
	fill(t, book, map[string]map[string]map[string]any{
		"Actions": {
			"P1.5":  {"H": "red", "L": "Two auditors off sick: audits late"},
			"P1.11": {"L": "No change"},
			"P3.6":  {"J": time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), "K": "Waiting for the new case system"},
			"P2.5":  {"I": "in-progress", "M": "Audit schedule agreed"},
		},
		"KPIs": {"P12.K1": {"J": 97}},
	})
	asOf := "2027-01-08"
	code, stdout, stderr = planRun(t, fixedNow, "returns", "apply", book, "-C", repo.Dir, "--as-of", asOf)
	if code != exitOK {
		t.Fatalf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	want := []string{
		"-    rag: green",
		"+    rag: red",
		`+    note: "Two auditors off sick: audits late"`,
		"+    reviewed: 2027-01-08",
		"+    note: No change",
		"+    reviewed: 2027-01-08",
		"-    status: planned",
		"+    status: in-progress",
		"+    evidence: Audit schedule agreed",
		"+    reviewed: 2027-01-08",
		"-    due: 2026-12-31",
		"+    due: 2027-03-31",
		"+    reviewed: 2027-01-08",
		"+    rebaselined:",
		"+      - date: 2027-01-08",
		"+        field: due",
		"+        from: 2026-12-31",
		"+        reason: Waiting for the new case system",
		"+      2026-12-31: 97",
	}
	if got := diffLines(repo); !slices.Equal(got, want) {
		t.Errorf("git diff:\n%s\nwant:\n%s\napply said:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), stdout)
	}
	for _, s := range []string{"~ action P1.5: rag green -> red (worsened)", "~ action P3.6: due 2026-12-31 -> 2027-03-31 (slipped 90 days; a re-baselining is proposed", "~ kpi P12.K1: actual 2026-12-31 (none) -> 97 (new actual)"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("apply's report lacks %q:\n%s", s, stdout)
		}
	}
	diff := repo.Git("diff", "--no-textconv")

	// Applied again: nothing changes.
	code, stdout, stderr = planRun(t, fixedNow, "returns", "apply", book, "-C", repo.Dir, "--as-of", "2027-01-09")
	if code != exitOK || !strings.Contains(stdout, "nothing changed: the plan already holds") || repo.Git("diff", "--no-textconv") != diff {
		t.Errorf("second apply: exit %d\n%s%s", code, stdout, stderr)
	}

	// The proposed date awaits approval; the gate refuses it until an
	// approver is recorded.
	repo.Commit(time.Date(2027, 1, 8, 10, 0, 0, 0, time.UTC), "Head of Performance's return", nil)
	code, stdout, _ = planRun(t, fixedNow, "check", "-C", repo.Dir, "--as-of", asOf, "--fail-on", "awaiting-approval")
	if code != exitFindings || !strings.Contains(stdout, "action P3.6: the change of due 2026-12-31 -> 2027-03-31 proposed on 2027-01-08 awaits approval") {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
	code, _, stderr = planRun(t, fixedNow, "diff", "HEAD~1", "HEAD", "-C", repo.Dir, "--as-of", asOf, "--fail-on", "slipped")
	if code != exitFindings || !strings.Contains(stderr, "action P3.6: due slipped 90 days (2026-12-31 -> 2027-03-31): the re-baselining proposed on 2027-01-08 awaits approval") {
		t.Errorf("gate: exit %d\n%s", code, stderr)
	}
	p := filepath.Join(repo.Dir, "priorities", "03-help-and-protection.yaml")
	data, _ := os.ReadFile(p)
	approved := strings.Replace(string(data), "reason: Waiting for the new case system\n", "reason: Waiting for the new case system\n        approved: Improvement Board 2027-01-12\n", 1)
	repo.Commit(time.Date(2027, 1, 12, 10, 0, 0, 0, time.UTC), "Approved by the board", map[string]string{"priorities/03-help-and-protection.yaml": approved})
	if code, _, stderr = planRun(t, fixedNow, "diff", "HEAD~2", "HEAD", "-C", repo.Dir, "--as-of", "2027-01-12", "--fail-on", "slipped"); code != exitOK {
		t.Errorf("gate after approval: exit %d\n%s", code, stderr)
	}
}

// TestReturnsConflictAndRefusals: a value changed in the plan since the
// return was issued is left as it is and reported with both values;
// --theirs takes the return's; a bad cell is named and not applied; a
// workbook plan returns did not make is refused, exit 2, nothing applied.
func TestReturnsConflictAndRefusals(t *testing.T) {
	repo := bradfordRepo(t)
	out := t.TempDir()
	if code, stdout, stderr := planRun(t, fixedNow, "returns", "-C", repo.Dir, "--out", out); code != exitOK {
		t.Fatalf("plan returns: exit %d\n%s%s", code, stdout, stderr)
	}
	book := filepath.Join(out, "head-workforce.xlsx")
	if _, err := os.Stat(filepath.Join(out, "head-performance.xlsx")); err != nil {
		t.Errorf("every owner with open actions gets a return: %v", err)
	}
	fill(t, book, map[string]map[string]map[string]any{"Actions": {
		"P8.7":  {"H": "red", "L": "Only 2 of 6 posts filled"},
		"P8.13": {"H": "Purple"},
	}})
	// Meanwhile the analyst re-rates P8.7.
	if code, _, stderr := planRun(t, fixedNow, "rate", "P8.7", "amber", "-C", repo.Dir, "--note", "Board asked for a recovery plan"); code != exitOK {
		t.Fatalf("rate: exit %d\n%s", code, stderr)
	}
	before := repo.Git("diff", "--no-textconv")
	code, stdout, _ := planRun(t, fixedNow, "returns", "apply", book, "-C", repo.Dir)
	if code != exitFindings {
		t.Errorf("apply with a conflict: exit %d, want 1\n%s", code, stdout)
	}
	for _, s := range []string{
		`head-workforce.xlsx Actions!H`, `conflict: P8.7's rating changed in the plan after the return was issued ("green" -> "amber"); the return says "red"`,
		`: "Purple" is not a rating: choose red, amber or green from the list`,
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("apply's report lacks %q:\n%s", s, stdout)
		}
	}
	if repo.Git("diff", "--no-textconv") != before {
		t.Errorf("a conflicting value was written:\n%s", repo.Git("diff", "--no-textconv"))
	}
	code, stdout, _ = planRun(t, fixedNow, "returns", "apply", book, "-C", repo.Dir, "--theirs")
	if code != exitFindings || !strings.Contains(repo.Git("diff", "--no-textconv"), "+    rag: red") || !strings.Contains(repo.Git("diff", "--no-textconv"), "Only 2 of 6 posts filled") {
		t.Errorf("--theirs: exit %d\n%s\n%s", code, stdout, repo.Git("diff", "--no-textconv"))
	}

	// Not a return: refused, and nothing else applied with it.
	export := filepath.Join(out, "export.xlsx")
	if code, _, stderr := planRun(t, fixedNow, "export", export, "-C", repo.Dir); code != exitOK {
		t.Fatalf("export: %s", stderr)
	}
	other := filepath.Join(out, "head-performance.xlsx")
	fill(t, other, map[string]map[string]map[string]any{"Actions": {"P1.5": {"L": "On track"}}})
	before = repo.Git("diff", "--no-textconv")
	code, _, stderr := planRun(t, fixedNow, "returns", "apply", other, export, "-C", repo.Dir)
	if code != exitError || !strings.Contains(stderr, "export.xlsx: not a return made by plan returns") || !strings.Contains(stderr, "nothing was applied") {
		t.Errorf("a foreign workbook: exit %d\n%s", code, stderr)
	}
	if repo.Git("diff", "--no-textconv") != before {
		t.Error("a return was applied beside a file that cannot be read")
	}
}

// TestDigestAttachesReturns: plan digest -o eml --returns attaches each
// owner's return and asks for replies by the date the return gives.
func TestDigestAttachesReturns(t *testing.T) {
	repo := bradfordRepo(t)
	dir := t.TempDir()
	returnsDir, mailDir := filepath.Join(dir, "returns"), filepath.Join(dir, "mail")
	if code, stdout, stderr := planRun(t, fixedNow, "returns", "-C", repo.Dir, "--out", returnsDir, "--owner", "head-performance", "--due", "2026-12-11"); code != exitOK {
		t.Fatalf("returns: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := planRun(t, fixedNow, "digest", "-C", repo.Dir, "--owner", "head-performance", "-o", "eml", "--out", mailDir, "--returns", returnsDir); code != exitOK {
		t.Fatalf("digest: exit %d\n%s%s", code, stdout, stderr)
	}
	f, err := os.Open(filepath.Join(mailDir, "head-performance.eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	m, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || !strings.HasSuffix(subject, "your updates by 11 December 2026") {
		t.Errorf("subject %q (%v): want the return's date", subject, err)
	}
	body, _ := io.ReadAll(m.Body)
	if !strings.Contains(string(body), `filename="head-performance.xlsx"`) && !strings.Contains(string(body), "filename=head-performance.xlsx") {
		t.Errorf("no workbook attached:\n%.2000s", body)
	}
}
