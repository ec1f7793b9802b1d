package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/plan-tool/plan/pkg/tracker"
)

// importFields are the columns import fills, in the order the README's
// table lists them, with what each is.
var importFields = [][2]string{
	{"id", "the item's reference (an action's, KPI's or finding's id)"},
	{"title", "an action's title"},
	{"kpi", "a KPI's title"},
	{"owner", "who owns it, as written"},
	{"owner-id", "the owner's id"},
	{"due", "the due date"},
	{"rag", "the rating"},
	{"status", "the status"},
	{"note", "the latest update"},
	{"evidence", "the evidence"},
	{"addresses", "the findings an action answers: references or a finding's text"},
	{"theme", "the theme's title"},
	{"theme-id", "the theme's id"},
	{"priority", "the priority's title"},
	{"priority-id", "the priority's id"},
	{"visibility", "internal, or public"},
	{"unit", "a KPI's unit"},
	{"better", "which way is better"},
	{"target", "a KPI's target (also any heading beginning Target, such as Target 2023/24, but not a date)"},
	{"tolerance", "a KPI's tolerance"},
	{"frequency", "how often a KPI is reported"},
	{"date", "the date of a KPI's value, one row per value"},
	{"value", "a KPI's value on that date"},
	{"text", "a finding's text (on a findings sheet, the Finding and Recommendation headings are its text too)"},
	{"source", "where a finding comes from"},
	{"term", "a glossary term"},
	{"meaning", "what the term means"},
	{"confidence", "an action's confidence of delivery: high, medium or low"},
	{"baseline", "a KPI's baseline value (with baseline-date: both are needed)"},
	{"baseline-date", "the date of a KPI's baseline"},
	{"computed", "read and left out: the plan works these out itself"},
}

// headingsTable is the README's table of the headings import knows.
func headingsTable(t *testing.T) string {
	t.Helper()
	all := tracker.Headings()
	var rows []string
	for _, f := range importFields {
		hs, ok := all[f[0]]
		if !ok {
			t.Fatalf("import fills no column %s", f[0])
		}
		delete(all, f[0])
		name := "`" + f[0] + "`"
		if f[0] == "computed" {
			name = "(none)"
		}
		rows = append(rows, "| "+name+": "+f[1]+" | "+strings.Join(hs, ", ")+" |")
	}
	for col := range all {
		t.Errorf("the README's table does not list the column %s", col)
	}
	return strings.Join(rows, "\n")
}

var headingsBlock = regexp.MustCompile(`(?s)(<!-- headings: [^\n]*-->\n\| Field \| Headings \|\n\|---\|---\|\n)(.*?)\n\n`)
var importBlock = regexp.MustCompile("(?s)(<!-- import sample: [^\n]*-->\n```text\n)(\\$ plan import [^\n]*)\n(.*?)```")

// TestREADMEListsHeadings: the README lists every heading import knows,
// by the field it fills.
func TestREADMEListsHeadings(t *testing.T) {
	readme := readmeText(t)
	m := headingsBlock.FindStringSubmatchIndex(readme)
	if m == nil {
		t.Fatal("README.md has no table of import's headings")
	}
	want := headingsTable(t)
	if got := readme[m[4]:m[5]]; got != want {
		if *update {
			if err := os.WriteFile("../../README.md", []byte(readme[:m[4]]+want+readme[m[5]:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's table of headings is out of date (go test ./cmd/plan -run TestREADMEListsHeadings -update rewrites it):\n%s", want)
	}
}

// TestREADMEImport: the README's plan import example prints what the
// README shows, run on the tracker in testdata.
func TestREADMEImport(t *testing.T) {
	readme := readmeText(t)
	m := importBlock.FindStringSubmatchIndex(readme)
	if m == nil {
		t.Fatal("README.md has no plan import example")
	}
	command := readme[m[4]:m[5]]
	readmePath, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := filepath.Abs("../../testdata/trackers/council-tracker.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "testdata", "trackers"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "trackers", "council-tracker.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	d, stdout, stderr := testDeps(nil, fixedNow)
	run(context.Background(), strings.Fields(strings.TrimPrefix(command, "$ plan ")), d)
	got := stdout.String() + stderr.String()
	if want := readme[m[6]:m[7]]; got != want {
		if *update {
			if err := os.WriteFile(readmePath, []byte(readme[:m[6]]+got+readme[m[7]:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md: output of %q differs (-update rewrites it):\ngot:\n%s\nwant:\n%s", command, got, want)
	}
}
