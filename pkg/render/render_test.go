package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot:  %q\nwant: %q\n(run go test ./pkg/render -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// goldenCase renders one golden file.
type goldenCase struct {
	name   string
	render func(*bytes.Buffer) error
}

// runGoldens renders each case and compares it with testdata/NAME.golden.
func runGoldens(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".golden", b.Bytes())
		})
	}
}

var asOf = plan.NewDate(2026, 11, 24)

func report() plan.StatusReport {
	p1 := plan.Summary{RAG: plan.Red, Why: "red: worst open action P1.4 is red", Actions: plan.ActionCounts{Red: 1, Amber: 2, Green: 3, Complete: 4, Unrated: 0, Overdue: 1, Dropped: 1}, KPIs: plan.KPICounts{Red: 1, Green: 2}}
	p2 := plan.Summary{RAG: plan.Complete, Why: "complete: 5 actions done", Actions: plan.ActionCounts{Complete: 5}, KPIs: plan.KPICounts{Amber: 1}}
	p3 := plan.Summary{RAG: plan.Green, Why: "green: worst open action P3.1 is green", Actions: plan.ActionCounts{Green: 2, Unrated: 1}, KPIs: plan.KPICounts{Unrated: 1}}
	return plan.StatusReport{
		AsOf: asOf, Title: "Children's Services Improvement Plan", Organisation: "Example Council",
		Themes: []plan.ThemeStatus{
			{ID: "A", Title: "Improving the lives of children and young people", Summary: p1},
			{ID: "B", Title: "Creating the conditions | for success", Summary: p3},
		},
		Priorities: []plan.PriorityStatus{
			{ID: "P1", Theme: "A", Title: "Children and young people who are referred to our Front Door", Owner: "ad-front-door", Summary: p1},
			{ID: "P2", Theme: "A", Title: "Early help", Owner: "ad-front-door", Summary: p2},
			{ID: "P3", Theme: "B", Title: "A *sufficient* and stable workforce", Owner: "head_workforce", Summary: p3},
		},
		Owners: []plan.OwnerStatus{
			{ID: "ad-front-door", Name: "Assistant Director - Front Door", Summary: p1},
			{ID: "head_workforce", Name: "Priya Shah", Role: "Head of Workforce", Summary: p3},
		},
		Totals: plan.Summary{RAG: plan.Red, Why: "red: worst open action P1.4 is red", Actions: plan.ActionCounts{Red: 1, Amber: 2, Green: 5, Complete: 9, Unrated: 1, Overdue: 1, Dropped: 1}, KPIs: plan.KPICounts{Red: 1, Amber: 1, Green: 2, Unrated: 1}},
	}
}

func overdue() []plan.OverdueAction {
	return []plan.OverdueAction{
		{ID: "P8.1", Title: "Run a continuous social worker recruitment campaign", Owner: "head-workforce", OwnerName: "Head of Workforce Development", Due: plan.NewDate(2026, 3, 31), DaysLate: 238, RAG: plan.Red, Priority: "P8"},
		{ID: "P3.7", Title: "Reduce caseloads, to 18", Owner: "ad-safeguarding", OwnerName: "Assistant Director - Safeguarding and Review", Due: plan.NewDate(2026, 11, 23), DaysLate: 1, RAG: plan.Green, Priority: "P3"},
		{ID: "P1.10", Title: "Review the forms | fields", Owner: "head-business-support", OwnerName: "Head of IT, Buildings and Business Support", Due: plan.NewDate(2026, 11, 24), DaysLate: 0, RAG: plan.Unrated, Priority: "P1"},
		{ID: "P9.9", Title: "Review chronologies", Owner: "principal-sw", OwnerName: "Principal Social Worker", Due: plan.NewDate(2026, 11, 30), DaysLate: -6, RAG: plan.Amber, Priority: "P9"},
	}
}

func diagnostics() []plan.Diagnostic {
	return []plan.Diagnostic{
		{Rule: plan.RuleUnknownField, Severity: plan.SeverityError, Pos: plan.Pos{File: "priorities/08-workforce.yaml", Line: 12, Column: 5}, ID: "P8.1", Message: `unknown field "owenr" in action P8.1; did you mean "owner"?`},
		{Rule: plan.RuleUndated, Severity: plan.SeverityWarning, Pos: plan.Pos{File: "priorities/08-workforce.yaml", Line: 20, Column: 5}, ID: "P8.2", Message: "action P8.2 is planned but has no due date"},
		{Rule: plan.RuleUnaddressedFinding, Severity: plan.SeverityWarning, Pos: plan.Pos{File: "plan.yaml", Line: 15, Column: 5}, ID: "F1", Message: "finding F1 is not addressed by any action"},
	}
}

func TestRenderGolden(t *testing.T) {
	runGoldens(t, []goldenCase{
		{"status.table", func(b *bytes.Buffer) error { return Status(b, report(), Table, ByTheme, Options{}) }},
		{"status.color.table", func(b *bytes.Buffer) error { return Status(b, report(), Table, ByTheme, Options{Color: true}) }},
		{"status-by-owner.table", func(b *bytes.Buffer) error { return Status(b, report(), Table, ByOwner, Options{}) }},
		{"status.md", func(b *bytes.Buffer) error { return Status(b, report(), Markdown, ByTheme, Options{}) }},
		{"status-explain.table", func(b *bytes.Buffer) error { return Status(b, report(), Table, ByTheme, Options{Explain: true}) }},
		{"status-explain.md", func(b *bytes.Buffer) error { return Status(b, report(), Markdown, ByTheme, Options{Explain: true}) }},
		{"status-by-owner.md", func(b *bytes.Buffer) error { return Status(b, report(), Markdown, ByOwner, Options{}) }},
		{"status.csv", func(b *bytes.Buffer) error { return Status(b, report(), CSV, ByTheme, Options{}) }},
		{"status-by-owner.csv", func(b *bytes.Buffer) error { return Status(b, report(), CSV, ByOwner, Options{}) }},
		{"status.json", func(b *bytes.Buffer) error { return Status(b, report(), JSON, ByTheme, Options{}) }},
		{"status-empty.json", func(b *bytes.Buffer) error {
			return Status(b, plan.StatusReport{AsOf: asOf}, JSON, ByTheme, Options{})
		}},
		{"overdue.table", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, overdue(), Table, Options{}) }},
		{"overdue.color.table", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, overdue(), Table, Options{Color: true}) }},
		{"overdue-none.table", func(b *bytes.Buffer) error { return Overdue(b, asOf, 0, []plan.OverdueAction{}, Table, Options{}) }},
		{"overdue-none-within.table", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, []plan.OverdueAction{}, Table, Options{}) }},
		{"overdue-only-soon.md", func(b *bytes.Buffer) error { return Overdue(b, asOf, 7, overdue()[2:], Markdown, Options{}) }},
		{"overdue.md", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, overdue(), Markdown, Options{}) }},
		{"overdue.csv", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, overdue(), CSV, Options{}) }},
		{"overdue.json", func(b *bytes.Buffer) error { return Overdue(b, asOf, 14, overdue(), JSON, Options{}) }},
		{"overdue-none.json", func(b *bytes.Buffer) error { return Overdue(b, asOf, 0, []plan.OverdueAction{}, JSON, Options{}) }},
		{"check.txt", func(b *bytes.Buffer) error { return Diagnostics(b, diagnostics(), Text, Options{}) }},
		{"check.color.txt", func(b *bytes.Buffer) error { return Diagnostics(b, diagnostics(), Text, Options{Color: true}) }},
		{"check.json", func(b *bytes.Buffer) error { return Diagnostics(b, diagnostics(), JSON, Options{}) }},
		{"check-none.json", func(b *bytes.Buffer) error { return Diagnostics(b, nil, JSON, Options{}) }},
	})
}

func TestUncolouredOutputHasNoEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := Status(&b, report(), Table, ByTheme, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Overdue(&b, asOf, 14, overdue(), Table, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("escape codes without colour")
	}
	var c bytes.Buffer
	if err := Status(&c, report(), Table, ByTheme, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.String(), red+"red"+reset) {
		t.Error("no colour with Color set")
	}
}

func TestRenderersDoNotChangeTheirInput(t *testing.T) {
	r, items := report(), overdue()
	var b bytes.Buffer
	for _, f := range []Format{Table, Markdown, CSV, JSON} {
		if err := Status(&b, r, f, ByTheme, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Overdue(&b, asOf, 0, items, f, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	// The whole of each value, not a field or two: a renderer that
	// sorted, or cleared or rewrote any field, would be caught.
	if !reflect.DeepEqual(r, report()) {
		t.Errorf("a status renderer changed its input:\n got %+v\nwant %+v", r, report())
	}
	if !reflect.DeepEqual(items, overdue()) {
		t.Errorf("an overdue renderer changed its input:\n got %+v\nwant %+v", items, overdue())
	}
}

func TestUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	if err := Status(&b, report(), Text, ByTheme, Options{}); err == nil {
		t.Error("status as text: no error")
	}
	if err := Diagnostics(&b, nil, CSV, Options{}); err == nil {
		t.Error("findings as CSV: no error")
	}
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a|b *c* _d_ <e>":        `a\|b \*c\* \_d\_ \<e>`,
		"<= 25%":                 "<= 25%",
		"R&D, a < b, &lt;":       `R&D, a < b, \&lt;`,
		"[draft] [a](http://x)":  `[draft] [a]\(http://x)`,
		"~25% and ~~struck~~":    `\~25% and \~\~struck\~\~`,
		"about ~25%":             "about ~25%",
		"</p><script>x</script>": `\</p>\<script>x\</script>`,
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for in, want := range map[string]string{"short": "short", "exactly ten": "exactly…", "Children, young people": "Children…", "Unbreakablewords": "Unbreakab…"} {
		if got := truncate(in, 10); got != want {
			t.Errorf("truncate(%q, 10) = %q, want %q", in, got, want)
		}
	}
}
