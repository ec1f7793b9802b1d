package plan

import (
	"strings"
	"testing"
)

const reportPlanYAML = `title: Test plan
organisation: Test Council
themes:
  - {id: A, title: Theme A}
owners:
  - {id: alice, name: Alice}
findings:
  - {id: F1, text: The MASH is slow.}
  - {id: F2, text: An internal point., visibility: internal}
  - {id: F3, text: A third point.}
  - {id: F4, text: Nobody answers this.}
glossary:
  MASH: Multi-Agency Safeguarding Hub
  LGA: Local Government Association
  ASYE: Assessed and Supported Year in Employment
`

const reportP1 = `id: P1
theme: A
title: Recruit ASYE social workers
owner: alice
actions:
  - {id: P1.1, title: Audit, due: 2026-03-31, status: done, evidence: Audit report March 2026, addresses: [F1]}
  - {id: P1.2, title: Brief, due: 2026-03-31, status: done, addresses: [F2]}
  - {id: P1.3, title: Recruit, due: 2026-05-15, status: in-progress, rag: red, note: LGA agreed to help, addresses: [F3]}
  - {id: P1.4, title: Retain, due: 2026-05-20, status: in-progress, rag: green}
  - {id: P1.5, title: Old idea, due: 2026-05-20, status: dropped, addresses: [F3]}
  - {id: P1.6, title: Secret, due: 2026-12-31, status: planned, rag: amber, visibility: internal}
kpis:
  - {id: P1.K1, title: Audits good, better: higher, target: 80, tolerance: 5, actuals: {2026-01-31: 90, 2026-02-28: 85, 2026-03-31: 74.9}}
  - {id: P1.K2, title: Internal measure, better: lower, target: 1, visibility: internal}
`

func reportPlan(t *testing.T, p1 string) *Plan {
	t.Helper()
	p, diags := load(t, map[string]string{"plan.yaml": reportPlanYAML, "priorities/01.yaml": p1})
	if len(diags) != 0 {
		t.Fatalf("load: %s", formatDiags(diags))
	}
	return p
}

func TestTrace(t *testing.T) {
	var got []string
	for _, f := range reportPlan(t, reportP1).Trace() {
		var acts []string
		for _, a := range f.Actions {
			acts = append(acts, a.ID+":"+string(a.Status))
		}
		got = append(got, f.ID+" "+string(f.State)+" "+strings.Join(acts, ","))
	}
	want := "F4 unaddressed |F1 met P1.1:done|F2 awaiting-evidence P1.2:done|F3 open P1.3:in-progress,P1.5:dropped"
	if strings.Join(got, "|") != want {
		t.Errorf("Trace = %s\nwant   %s", strings.Join(got, "|"), want)
	}
}

func TestExceptions(t *testing.T) {
	monthly := strings.Replace(reportP1, "tolerance: 5, actuals", "tolerance: 5, frequency: monthly, actuals", 1)
	older := reportPlan(t, strings.NewReplacer(
		"due: 2026-05-15, status: in-progress, rag: red", "due: 2026-04-30, status: in-progress, rag: amber",
		"target: 80,", "target: 85,").Replace(monthly))
	newer := reportPlan(t, monthly)
	changes := Diff(older.Items(), newer.Items())
	var got []string
	for _, e := range newer.Exceptions(NewDate(2026, 6, 1), &changes) {
		got = append(got, string(e.Kind)+" "+e.ID+": "+strings.Join(e.Reasons, "; "))
	}
	want := []string{
		"action P1.3: 17 days overdue (due 2026-05-15); rated red; due date slipped 15 days since the last report, from 2026-04-30 to 2026-05-15, with no re-baselining approved; rating worsened since the last report, from amber to red",
		"action P1.4: rated green but 12 days overdue (due 2026-05-20)",
		"kpi P1.K1: red: 74.9 is 5.1 below the target of 80, beyond the tolerance of 5; worsening 2 periods running: 90, then 85, then 74.9; return missing: reported monthly but has no actual since 2026-03-31; the next was due by 2026-05-30; target eased since the last report, from 85 to 80, with no re-baselining approved",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Exceptions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Approved, the slip and the easing are not exceptions.
	approved := reportPlan(t, strings.NewReplacer(
		"rag: red, note: LGA agreed to help,", "rag: red, note: LGA agreed to help, rebaselined: [{date: 2026-05-01, field: due, from: 2026-04-30, reason: Recruitment freeze, approved: Improvement Board}],",
		"tolerance: 5, frequency: monthly,", "tolerance: 5, frequency: monthly, rebaselined: [{date: 2026-05-01, field: target, from: 85, reason: New baseline, approved: Improvement Board}],").Replace(monthly))
	changes = Diff(older.Items(), approved.Items())
	for _, e := range approved.Exceptions(NewDate(2026, 6, 1), &changes) {
		if r := strings.Join(e.Reasons, "; "); strings.Contains(r, "slipped") || strings.Contains(r, "eased") {
			t.Errorf("approved re-baselining still an exception: %s %s: %s", e.Kind, e.ID, r)
		}
	}
	if got := newer.Exceptions(NewDate(2026, 5, 1), nil); len(got) != 2 {
		t.Errorf("before the due dates, without history: %d exceptions, want 2 (P1.3 red, P1.K1)", len(got))
	}
}

func TestScorecard(t *testing.T) {
	p := reportPlan(t, reportP1)
	rows := p.Scorecard(NewDate(2026, 12, 31))
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	k := rows[0]
	if k.ID != "P1.K1" || k.Latest == nil || k.Latest.Value != 74.9 || k.Rating.RAG != Red || k.Trend != Worsening || len(k.Series) != 3 {
		t.Errorf("P1.K1 = %+v", k)
	}
	if rows[1].Latest != nil || rows[1].Trend != NoTrend || rows[1].Rating.RAG != Unrated {
		t.Errorf("P1.K2 = %+v", rows[1])
	}
	red, err := p.FilterScorecard(rows, ScorecardFilter{ByRAG: true, RAG: Red})
	if err != nil || len(red) != 1 || red[0].ID != "P1.K1" {
		t.Errorf("--rag red: %v, %v", red, err)
	}
	if _, err := p.FilterScorecard(rows, ScorecardFilter{Priority: "P9"}); err == nil || !strings.Contains(err.Error(), "priorities: P1") {
		t.Errorf("unknown priority: %v", err)
	}
}

func TestCardAndReport(t *testing.T) {
	p := reportPlan(t, reportP1)
	asOf := NewDate(2026, 6, 1)
	c, err := p.Card("P1", asOf)
	if err != nil {
		t.Fatal(err)
	}
	if c.ThemeTitle != "Theme A" || c.OwnerName != "Alice" || len(c.Actions) != 6 || len(c.KPIs) != 2 || len(c.Findings) != 3 || c.Priority.RAG != Red {
		t.Errorf("Card = %+v", c)
	}
	if _, err := p.Card("P9", asOf); err == nil {
		t.Error("a card for an unknown priority")
	}

	internal := p.Report(asOf, ForInternal, nil, "")
	if got := terms(internal.Glossary); got != "MASH LGA ASYE" {
		t.Errorf("internal report glossary = %s", got)
	}
	public := p.ForAudience(ForPublic)
	pr := public.Report(asOf, ForPublic, nil, "")
	if got := terms(pr.Glossary); got != "MASH ASYE" {
		t.Errorf("public report glossary = %s (the note naming the LGA is internal)", got)
	}
	for _, f := range pr.Trace {
		if f.ID == "F2" {
			t.Error("an internal finding is in the public report")
		}
	}
	card := pr.Cards[0]
	if len(card.Actions) != 5 || len(card.KPIs) != 1 {
		t.Errorf("public card: %d actions, %d KPIs", len(card.Actions), len(card.KPIs))
	}
	for _, a := range card.Actions {
		if a.Note != "" {
			t.Errorf("a note in the public report: %s", a.Note)
		}
	}
	if len(p.Priorities[0].Actions) != 6 || p.Priorities[0].Actions[2].Note == "" {
		t.Error("ForAudience changed the plan it was given")
	}
}

func terms(ts []*Term) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Term)
	}
	return strings.Join(out, " ")
}

// TestOwnerName: what reports call an owner - the name, the name and role
// for a card's heading, and the id only where the plan has no such owner.
func TestOwnerName(t *testing.T) {
	p := &Plan{Owners: []*Owner{
		{ID: "priya", Name: "Priya Shah", Role: "Head of Workforce"},
		{ID: "dcs", Name: "Director of Children's Services"},
	}}
	for _, tt := range []struct{ id, name, title string }{
		{"priya", "Priya Shah", "Priya Shah, Head of Workforce"},
		{"dcs", "Director of Children's Services", "Director of Children's Services"},
		{"nobody", "nobody", "nobody"},
		{"", "", ""},
	} {
		if got := p.OwnerName(tt.id); got != tt.name {
			t.Errorf("OwnerName(%q) = %q, want %q", tt.id, got, tt.name)
		}
		if got := p.OwnerTitle(tt.id); got != tt.title {
			t.Errorf("OwnerTitle(%q) = %q, want %q", tt.id, got, tt.title)
		}
	}
}
