package plan

import (
	"cmp"
	"reflect"
	"strings"
	"testing"
)

const statusP1 = `id: P1
theme: A
title: First
owner: alice
actions:
  - {id: P1.1, title: a, due: 2026-05-01, status: in-progress, rag: green}
  - {id: P1.2, title: b, due: 2026-09-01, status: planned, rag: amber}
  - {id: P1.3, title: c, due: 2026-01-01, status: done}
  - {id: P1.4, title: d, due: 2026-09-01, status: planned, owner: bob}
  - {id: P1.5, title: e, due: 2026-01-01, status: dropped, addresses: [F1]}
kpis:
  - {id: P1.K1, title: k, better: lower, target: 10, tolerance: 2, actuals: {2026-03-31: 11}}
  - {id: P1.K2, title: k, better: higher, target: 10, owner: bob}
`

const statusP2 = `id: P2
theme: B
title: Second
owner: bob
actions:
  - {id: P2.1, title: a, due: 2026-01-01, status: done}
kpis:
  - {id: P2.K1, title: k, better: higher, target: 10, actuals: {2026-03-31: 12}}
`

func statusPlan(t *testing.T) *Plan {
	t.Helper()
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": statusP1, "priorities/02.yaml": statusP2})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	return p
}

func TestStatus(t *testing.T) {
	asOf := NewDate(2026, 6, 1)
	r := statusPlan(t).Status(asOf)
	p1 := Summary{RAG: Red, Why: "red: P1.1 is 31 days overdue (due 2026-05-01), which counts as red", Actions: ActionCounts{Amber: 1, Green: 1, Complete: 1, Unrated: 1, Overdue: 1, Dropped: 1, Once: OpenCounts{Overdue: 1, Amber: 1, Unrated: 1}}, KPIs: KPICounts{Amber: 1, Unrated: 1}}
	p2 := Summary{RAG: Complete, Why: "complete: 1 action done", Actions: ActionCounts{Complete: 1}, KPIs: KPICounts{Green: 1}}
	want := StatusReport{
		AsOf: asOf, Title: "Test plan", Organisation: "Test Council",
		Themes: []ThemeStatus{{"A", "Theme A", p1}, {"B", "Theme B", p2}},
		Priorities: []PriorityStatus{
			{ID: "P1", Theme: "A", Title: "First", Owner: "alice", Summary: p1},
			{ID: "P2", Theme: "B", Title: "Second", Owner: "bob", Summary: p2},
		},
		Owners: []OwnerStatus{
			{"alice", "Alice", "", Summary{RAG: Red, Why: "red: P1.1 is 31 days overdue (due 2026-05-01), which counts as red", Actions: ActionCounts{Amber: 1, Green: 1, Complete: 1, Overdue: 1, Dropped: 1, Once: OpenCounts{Overdue: 1, Amber: 1}}, KPIs: KPICounts{Amber: 1}}},
			{"bob", "Bob", "", Summary{RAG: Unrated, Why: "unrated: no open action is rated (P1.4 has no rag)", Actions: ActionCounts{Complete: 1, Unrated: 1, Once: OpenCounts{Unrated: 1}}, KPIs: KPICounts{Green: 1, Unrated: 1}}},
		},
		Totals: Summary{RAG: Red, Why: "red: P1.1 is 31 days overdue (due 2026-05-01), which counts as red", Actions: ActionCounts{Amber: 1, Green: 1, Complete: 2, Unrated: 1, Overdue: 1, Dropped: 1, Once: OpenCounts{Overdue: 1, Amber: 1, Unrated: 1}}, KPIs: KPICounts{Amber: 1, Green: 1, Unrated: 1}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Status =\n%+v\nwant\n%+v", r, want)
	}
	// P1.1 is green and overdue: counted green by its own rating, and once,
	// as overdue, where the parts must add up to the open actions.
	if c := r.Totals.Actions; c.Once.Green != 0 || c.Once.Overdue != 1 ||
		c.Once.Overdue+c.Once.Red+c.Once.Amber+c.Once.Green+c.Once.Unrated != c.Red+c.Amber+c.Green+c.Unrated {
		t.Errorf("Once = %+v: an overdue green action must be counted once, as overdue", c.Once)
	}
}

func TestFilter(t *testing.T) {
	p := statusPlan(t)
	byTheme, err := p.Filter(Filter{Theme: "B"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byTheme.Priorities) != 1 || byTheme.Priorities[0].ID != "P2" {
		t.Errorf("--theme B kept %d priorities", len(byTheme.Priorities))
	}
	byOwner, err := p.Filter(Filter{Owner: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, pr := range byOwner.Priorities {
		for _, a := range pr.Actions {
			ids = append(ids, a.ID)
		}
		for _, k := range pr.KPIs {
			ids = append(ids, k.ID)
		}
	}
	if got := strings.Join(ids, " "); got != "P1.4 P1.K2 P2.1 P2.K1" {
		t.Errorf("--owner bob kept %s", got)
	}
	if len(p.Priorities[0].Actions) != 5 {
		t.Error("Filter changed the plan it was given")
	}
	if _, err := p.Filter(Filter{Theme: "C"}); err == nil || err.Error() != `no theme "C" in the plan (themes: A, B)` {
		t.Errorf("unknown theme: %v", err)
	}
	if _, err := p.Filter(Filter{Owner: "carol"}); err == nil || !strings.Contains(err.Error(), "owners: alice, bob") {
		t.Errorf("unknown owner: %v", err)
	}
}

func TestOverdue(t *testing.T) {
	p := statusPlan(t)
	asOf := NewDate(2026, 6, 1)
	got := p.Overdue(asOf, 0)
	want := []OverdueAction{{ID: "P1.1", Title: "a", Owner: "alice", OwnerName: "Alice", Due: NewDate(2026, 5, 1), DaysLate: 31, RAG: Green, Priority: "P1"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Overdue = %+v, want %+v", got, want)
	}
	// Within 92 days reaches 1 September: P1.2 and P1.4 fall due then.
	got = p.Overdue(asOf, 92)
	if len(got) != 3 || got[0].ID != "P1.1" || got[1].ID != "P1.2" || got[2].ID != "P1.4" || got[1].DaysLate != -92 {
		t.Errorf("Overdue within 92 days = %+v", got)
	}
	if got := p.Overdue(asOf, 91); len(got) != 1 {
		t.Errorf("within 91 days reached 1 September: %+v", got)
	}
	if got := p.Overdue(NewDate(2025, 1, 1), 0); got == nil || len(got) != 0 {
		t.Errorf("nothing overdue: got %#v, want an empty non-nil list", got)
	}
}

// TestThemeWithoutPriorities: a theme nothing is planned for yet is shown,
// unrated, in its place; a filter shows only the themes it reaches.
func TestThemeWithoutPriorities(t *testing.T) {
	yaml := strings.Replace(testPlanYAML, "  - id: B\n", "  - id: C\n    title: Theme C\n  - id: B\n", 1)
	p, diags := load(t, map[string]string{"plan.yaml": yaml, "priorities/01.yaml": statusP1, "priorities/02.yaml": statusP2})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	themes := func(r StatusReport) string {
		var s []string
		for _, th := range r.Themes {
			s = append(s, th.ID+":"+cmp.Or(string(th.RAG), "unrated"))
		}
		return strings.Join(s, " ")
	}
	asOf := NewDate(2026, 6, 1)
	if got := themes(p.Status(asOf)); got != "A:red C:unrated B:complete" {
		t.Errorf("themes = %s, want A:red C:unrated B:complete", got)
	}
	for f, want := range map[Filter]string{{Theme: "B"}: "B:complete", {Theme: "C"}: "C:unrated", {Owner: "bob"}: "A:unrated B:complete"} {
		q, err := p.Filter(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := themes(q.Status(asOf)); got != want {
			t.Errorf("%+v: themes = %s, want %s", f, got, want)
		}
	}
}
