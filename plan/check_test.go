package plan

import (
	"slices"
	"strings"
	"testing"
)

// checkPriority builds a plan around the actions given in YAML and returns
// its policy findings on asOf, failing on load findings.
func checkPriority(t *testing.T, actions string, asOf Date) []Diagnostic {
	t.Helper()
	pri := "id: P1\ntheme: A\ntitle: A priority\nowner: alice\nactions:\n" + actions
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": pri})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	return p.Check(asOf)
}

func TestCheckRules(t *testing.T) {
	asOf := NewDate(2026, 6, 1)
	const addressed = "  - id: P1.9\n    title: Answer F1\n    due: 2027-01-01\n    status: planned\n    rag: green\n    addresses: [F1]\n"
	tests := []struct {
		name    string
		actions string
		want    []string // "rule line:col message-fragment", in order
	}{
		{"on track", "  - id: P1.1\n    title: t\n    due: 2026-06-30\n    status: in-progress\n    rag: green\n", nil},
		{"due on the as-of date is not overdue", "  - id: P1.1\n    title: t\n    due: 2026-06-01\n    status: in-progress\n    rag: amber\n", nil},
		{"overdue by a day", "  - id: P1.1\n    title: t\n    due: 2026-05-31\n    status: in-progress\n    rag: amber\n",
			[]string{"overdue 8:10 action P1.1 is 1 day overdue (due 2026-05-31)"}},
		{"overdue and green", "  - id: P1.1\n    title: t\n    due: 2026-05-01\n    status: planned\n    rag: green\n",
			[]string{"overdue 8:10 is 31 days overdue", "green-but-overdue 10:10 is rated green but is 31 days overdue"}},
		{"unrated", "  - id: P1.1\n    title: t\n    due: 2026-12-01\n    status: planned\n",
			[]string{"unrated 6:5 action P1.1 is planned but has no rag rating"}},
		{"undated", "  - id: P1.1\n    title: t\n    status: in-progress\n    rag: red\n",
			[]string{"undated 6:5 action P1.1 is in-progress but has no due date"}},
		{"done actions are never late", "  - id: P1.1\n    title: t\n    due: 2025-01-01\n    status: done\n", nil},
		{"dropped actions are never late", "  - id: P1.1\n    title: t\n    due: 2025-01-01\n    status: dropped\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			actions := tt.actions
			if !strings.Contains(actions, "F1") {
				actions += addressed
			}
			got := checkPriority(t, actions, asOf)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tt.want), formatDiags(got))
			}
			for i, w := range tt.want {
				rule, rest, _ := strings.Cut(w, " ")
				pos, fragment, _ := strings.Cut(rest, " ")
				d := got[i]
				at := strings.TrimPrefix(d.Pos.String(), "priorities/01.yaml:")
				if string(d.Rule) != rule || at != pos || !strings.Contains(d.Message, fragment) || d.ID != "P1.1" {
					t.Errorf("finding %d = %s: %s [%s] (id %s); want %s", i, d.Pos, d.Message, d.Rule, d.ID, w)
				}
			}
		})
	}
}

func TestCheckUnaddressedFinding(t *testing.T) {
	asOf := NewDate(2026, 6, 1)
	got := checkPriority(t, "  - id: P1.1\n    title: t\n    due: 2026-12-01\n    status: planned\n    rag: green\n", asOf)
	if len(got) != 1 || got[0].Rule != RuleUnaddressedFinding || got[0].Pos.String() != "plan.yaml:15:5" || got[0].ID != "F1" ||
		got[0].Message != "finding F1 is not addressed by any action" {
		t.Fatalf("got:\n%s", formatDiags(got))
	}
	got = checkPriority(t, "  - id: P1.1\n    title: t\n    due: 2026-12-01\n    status: dropped\n    addresses: [F1]\n", asOf)
	if len(got) != 1 || !strings.Contains(got[0].Message, "addressed only by dropped actions (P1.1)") {
		t.Fatalf("got:\n%s", formatDiags(got))
	}
	got = checkPriority(t, "  - id: P1.1\n    title: t\n    due: 2026-01-01\n    status: done\n    addresses: [F1]\n", asOf)
	if len(got) != 0 {
		t.Fatalf("a done action addresses a finding; got:\n%s", formatDiags(got))
	}
}

func TestPolicy(t *testing.T) {
	ds := []Diagnostic{{Rule: RuleSyntax}, {Rule: RuleOverdue}, {Rule: RuleUndated}, {Rule: RuleUnrated}}
	sev := func(p Policy) string {
		out, errs := p.Apply(ds)
		var b strings.Builder
		for _, d := range out {
			b.WriteString(string(d.Severity)[:1])
		}
		return b.String() + " " + string(rune('0'+errs))
	}
	if got := sev(DefaultPolicy()); got != "eewe 3" {
		t.Errorf("default policy severities = %s, want eewe 3", got)
	}
	tests := map[string]string{
		"structural":           "ewww 1",
		"none":                 "wwww 0",
		"all":                  "eeee 4",
		"default,undated":      "eeee 4",
		"structural, overdue ": "eeww 2",
	}
	for spec, want := range tests {
		p, err := ParsePolicy(strings.Split(spec, ","))
		if err != nil {
			t.Fatalf("ParsePolicy(%q): %v", spec, err)
		}
		if got := sev(p); got != want {
			t.Errorf("ParsePolicy(%q) severities = %s, want %s", spec, got, want)
		}
	}
	if ds[0].Severity != "" {
		t.Error("Apply changed its input")
	}
	_, err := ParsePolicy([]string{"overdeu"})
	if err == nil || !strings.Contains(err.Error(), `unknown rule "overdeu"; did you mean "overdue"?`) {
		t.Errorf("ParsePolicy(overdeu) error = %v", err)
	}
}

func TestSortDiagnostics(t *testing.T) {
	ds := []Diagnostic{
		{Rule: RuleOverdue, Pos: Pos{"priorities/02.yaml", 3, 1}},
		{Rule: RuleUnrated, Pos: Pos{"plan.yaml", 9, 5}},
		{Rule: RuleOverdue, Pos: Pos{"priorities/02.yaml", 3, 1}},
		{Rule: RuleBadValue, Pos: Pos{"priorities/02.yaml", 3, 1}},
		{Rule: RuleSyntax, Pos: Pos{"plan.yaml", 10, 1}},
	}
	SortDiagnostics(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos.String()+" "+string(d.Rule))
	}
	want := "plan.yaml:9:5 unrated|plan.yaml:10:1 syntax|priorities/02.yaml:3:1 bad-value|priorities/02.yaml:3:1 overdue|priorities/02.yaml:3:1 overdue"
	if strings.Join(got, "|") != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

// Several plans' findings come plan by plan, in the order of the plans'
// names, even where a file path of one sorts among another's: "a-b/" sorts
// before "a/", and a finding with no file has only the plan's name.
func TestSortDiagnosticsPlanByPlan(t *testing.T) {
	ds := NameDiagnostics("a-b", []Diagnostic{{Rule: RuleOverdue, Pos: Pos{"plan.yaml", 2, 1}}})
	ds = append(ds, NameDiagnostics("a", []Diagnostic{
		{Rule: RuleOverdue, Pos: Pos{"priorities/01.yaml", 3, 1}},
		{Rule: RuleStale, Pos: Pos{"", 0, 0}},
		{Rule: RuleOverdue, Pos: Pos{"plan.yaml", 9, 1}},
	})...)
	SortDiagnostics(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.Plan+" "+d.Pos.String())
	}
	want := "a a:0:0|a a/plan.yaml:9:1|a a/priorities/01.yaml:3:1|a-b a-b/plan.yaml:2:1"
	if strings.Join(got, "|") != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

func TestCheckStale(t *testing.T) {
	p := statusPlan(t) // P1.1 in progress, P1.2 and P1.4 planned, P1.3 done, P1.5 dropped
	asOf := NewDate(2026, 6, 1)
	last := map[string]Date{
		"P1.1": NewDate(2026, 4, 1),  // 61 days: stale
		"P1.2": NewDate(2026, 4, 20), // 42 days: not yet
		"P1.3": NewDate(2025, 1, 1),  // done: never stale
		"P1.4": NewDate(2026, 1, 1),  // stale, but edited since the last commit
	}
	got := p.CheckStale(asOf, 42, last, map[string]bool{"P1.4": true})
	if len(got) != 1 || got[0].ID != "P1.1" || got[0].Rule != RuleStale ||
		got[0].Message != "action P1.1 has not changed for 61 days (since 2026-04-01); review its rating and note" {
		t.Fatalf("CheckStale:\n%s", formatDiags(got))
	}
	if got := p.CheckStale(asOf, 61, last, nil); len(got) != 1 || got[0].ID != "P1.4" {
		t.Errorf("after 61 days:\n%s", formatDiags(got))
	}
	// A review recorded by the owner (a return saying "no change") counts
	// as a change; one older than the last commit does not.
	p.Action("P1.1").Reviewed = NewDate(2026, 5, 20)
	p.Action("P1.4").Reviewed = NewDate(2025, 12, 1)
	if got := p.CheckStale(asOf, 42, last, nil); len(got) != 1 || got[0].ID != "P1.4" ||
		!strings.Contains(got[0].Message, "since 2026-01-01") {
		t.Errorf("with reviews:\n%s", formatDiags(got))
	}
}

// TestStructural: Structural returns the structural findings alone, as
// errors, in a slice of its own: the caller's findings are left as they
// were, for the caller may go on to print or count them.
func TestStructural(t *testing.T) {
	ds := []Diagnostic{
		{Rule: RuleOverdue, Pos: Pos{"a.yaml", 1, 1}, Message: "overdue"},
		{Rule: RuleSyntax, Pos: Pos{"b.yaml", 2, 1}, Message: "syntax"},
		{Rule: RuleUndated, Pos: Pos{"a.yaml", 3, 1}, Message: "undated"},
		{Rule: RuleUnknownRef, Pos: Pos{"c.yaml", 4, 1}, Message: "unknown ref"},
	}
	before := slices.Clone(ds)
	got := Structural(ds)
	want := []Diagnostic{
		{Rule: RuleSyntax, Severity: SeverityError, Pos: Pos{"b.yaml", 2, 1}, Message: "syntax"},
		{Rule: RuleUnknownRef, Severity: SeverityError, Pos: Pos{"c.yaml", 4, 1}, Message: "unknown ref"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Structural:\n got %v\nwant %v", got, want)
	}
	if !slices.Equal(ds, before) {
		t.Errorf("Structural changed its argument:\n got %v\nwant %v", ds, before)
	}
	got[0].Message = "changed"
	if ds[1].Message != "syntax" {
		t.Error("Structural's result shares its argument's array")
	}
	if got := Structural(ds[:1]); len(got) != 0 {
		t.Errorf("Structural of no structural findings: %v", got)
	}
}

// TestIsStaleUnavailable: the stale rule's "cannot run" finding is told
// from its findings about actions by what it is (the stale rule, about no
// action), not by its words: rewording it, or an action's finding that
// happens to read like it, changes nothing.
func TestIsStaleUnavailable(t *testing.T) {
	for _, why := range []string{"git is not installed", "the plan is not in a git repository", ""} {
		d := StaleUnavailable(why)
		if !IsStaleUnavailable(d) {
			t.Errorf("StaleUnavailable(%q) not recognised", why)
		}
		if named := NameDiagnostics("councils/bury", []Diagnostic{d}); !IsStaleUnavailable(named[0]) {
			t.Errorf("StaleUnavailable(%q) of a named plan not recognised", why)
		}
	}
	reworded := Diagnostic{Rule: RuleStale, Pos: Pos{PlanFile, 1, 1}, Message: "stale: git is missing"}
	if !IsStaleUnavailable(reworded) {
		t.Errorf("a reworded cannot-run finding is not recognised: %v", reworded)
	}
	action := Diagnostic{Rule: RuleStale, ID: "P1.1", Message: "the stale rule cannot run: a note that reads like it"}
	if IsStaleUnavailable(action) {
		t.Errorf("an action's stale finding taken for the cannot-run one: %v", action)
	}
	if other := (Diagnostic{Rule: RuleOverdue, Message: StaleUnavailable("x").Message}); IsStaleUnavailable(other) {
		t.Errorf("another rule's finding taken for the stale rule's: %v", other)
	}
	p := statusPlan(t) // P1.1 in progress
	stale := p.CheckStale(NewDate(2026, 6, 1), 42, map[string]Date{"P1.1": NewDate(2026, 4, 1)}, nil)
	if len(stale) != 1 {
		t.Fatalf("CheckStale: %v, want one finding", stale)
	}
	for _, d := range stale {
		if IsStaleUnavailable(d) {
			t.Errorf("CheckStale's finding taken for the cannot-run one: %v", d)
		}
	}
}

func TestNextActual(t *testing.T) {
	start := NewDate(2026, 1, 1)
	for _, c := range []struct {
		k    KPI
		want string
	}{
		{KPI{Frequency: Quarterly, Actuals: []Actual{{Date: NewDate(2026, 6, 30)}}}, "2026-09-30"},
		{KPI{Frequency: Monthly, Actuals: []Actual{{Date: NewDate(2026, 1, 31)}}}, "2026-02-28"},
		{KPI{Frequency: Annual}, "2027-01-01"},
		{KPI{}, ""},
	} {
		got, ok := c.k.NextActual(start)
		if (ok && got.String() != c.want) || ok != (c.want != "") {
			t.Errorf("NextActual(%v) = %s, %v; want %q", c.k, got, ok, c.want)
		}
	}
}
