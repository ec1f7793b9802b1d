package plan

import (
	"fmt"
	"strings"
	"testing"
)

// registerP1 is reportP1 with a re-baselined action and KPI.
const registerP1 = `id: P1
theme: A
title: Recruit ASYE social workers
owner: alice
actions:
  - {id: P1.1, title: Audit, due: 2026-03-31, status: done, evidence: Audit report March 2026, addresses: [F1]}
  - {id: P1.2, title: Brief, due: 2026-03-31, status: done, completed: 2026-04-10, addresses: [F2]}
  - {id: P1.3, title: Recruit, due: 2026-05-15, status: in-progress, rag: red, note: LGA agreed to help, addresses: [F3]}
  - id: P1.4
    title: Retain
    due: 2026-07-20
    status: in-progress
    rebaselined:
      - {date: 2026-05-01, field: due, from: 2026-06-30, reason: Slower, approved: Board}
      - {date: 2026-02-01, field: due, from: 2026-05-20, reason: Slow, approved: Board}
  - {id: P1.5, title: Old idea, due: 2026-05-20, status: dropped, addresses: [F3]}
  - {id: P1.6, title: Secret, due: 2026-12-31, status: planned, rag: amber, visibility: internal}
kpis:
  - id: P1.K1
    title: Audits good
    unit: "%"
    better: higher
    target: 80
    tolerance: 5
    actuals: {2026-01-31: 90, 2026-02-28: 85, 2026-03-31: 74.9, 2026-04-30: 74.9, 2026-07-31: 60}
    rebaselined:
      - {date: 2026-03-15, field: target, from: 85, reason: Harder, approved: Board}
  - {id: P1.K2, title: Internal measure, better: lower, target: 1, visibility: internal}
`

func TestRegister(t *testing.T) {
	p := reportPlan(t, registerP1)
	asOf := NewDate(2026, 6, 1)
	// P1.2's completed field wins over its history (which says 2026-06-02,
	// after the as-of date: a register as of then would show none); it was
	// done 10 days late.
	completed := map[string]Date{"P1.1": NewDate(2026, 3, 30), "P1.3": NewDate(2026, 4, 1), "P1.2": NewDate(2026, 6, 2)}
	r := p.Register(asOf, ForInternal, completed)

	var got []string
	for _, a := range r.Actions {
		got = append(got, fmt.Sprintf("%s %s/%s %s %q due=%s orig=%s late=%d done=%s %s %s %s",
			a.ID, a.Theme, a.Priority, a.OwnerName, a.ThemeTitle, a.Due, a.OriginalDue, a.DaysLate, a.Completed,
			a.Status.Label(), a.RAG.Label(), strings.Join(a.Findings, ",")))
	}
	want := []string{
		`P1.1 A/P1 Alice "Theme A" due=2026-03-31 orig= late=0 done=2026-03-30 Done Complete F1`,
		`P1.2 A/P1 Alice "Theme A" due=2026-03-31 orig= late=10 done=2026-04-10 Done Complete F2`,
		// Overdue by 17 days; the completion history says is stale (it is open).
		`P1.3 A/P1 Alice "Theme A" due=2026-05-15 orig= late=17 done= In progress Red F3`,
		// Re-baselined twice: the original is the first re-baselining's from.
		`P1.4 A/P1 Alice "Theme A" due=2026-07-20 orig=2026-05-20 late=0 done= In progress  `,
		`P1.5 A/P1 Alice "Theme A" due=2026-05-20 orig= late=0 done= Dropped  F3`,
		`P1.6 A/P1 Alice "Theme A" due=2026-12-31 orig= late=0 done= Planned Amber `,
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("actions:\n%s\nwant:\n%s", g, w)
	}

	got = nil
	for _, k := range r.KPIs {
		got = append(got, fmt.Sprintf("%s %s %g target=%g±%g %s %q", k.ID, k.Date, k.Value, k.Target, k.Tolerance, k.Rating.RAG.Label(), k.Direction.Label()))
	}
	want = []string{
		// Before 2026-03-15 the target was 85.
		`P1.K1 2026-01-31 90 target=85±5 Green ""`,
		`P1.K1 2026-02-28 85 target=85±5 Green "worsening"`,
		`P1.K1 2026-03-31 74.9 target=80±5 Red "worsening"`,
		`P1.K1 2026-04-30 74.9 target=80±5 Red "no change"`,
		// The actual of 2026-07-31 is after the as-of date: left out.
		`P1.K2  0 target=1±0  ""`,
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("KPIs:\n%s\nwant:\n%s", g, w)
	}

	got = nil
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s %s [%s] %s", f.ID, f.State, strings.Join(f.Actions, ","), f.Visibility))
	}
	want = []string{"F4 unaddressed [] ", "F1 met [P1.1] ", "F2 awaiting-evidence [P1.2] internal", "F3 open [P1.3,P1.5] "}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("findings:\n%s\nwant:\n%s", g, w)
	}
	if len(r.Summary) != 1 || r.Summary[0].ThemeTitle != "Theme A" || r.Summary[0].OwnerName != "Alice" || r.Summary[0].RAG != Red {
		t.Errorf("summary: %+v", r.Summary)
	}
	if len(r.Glossary) != 3 {
		t.Errorf("glossary: %d terms, want all 3", len(r.Glossary))
	}

	// For the public: nothing internal, and no notes.
	pub := p.ForAudience(ForPublic).Register(asOf, ForPublic, completed)
	for _, a := range pub.Actions {
		if a.ID == "P1.6" || a.Note != "" {
			t.Errorf("public register has %s (note %q)", a.ID, a.Note)
		}
	}
	for _, k := range pub.KPIs {
		if k.ID == "P1.K2" {
			t.Error("public register has the internal KPI")
		}
	}
	for _, f := range pub.Findings {
		if f.ID == "F2" {
			t.Error("public register has the internal finding")
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Planned.Label(), "Planned"}, {InProgress.Label(), "In progress"}, {Done.Label(), "Done"}, {Dropped.Label(), "Dropped"},
		{Red.Label(), "Red"}, {Amber.Label(), "Amber"}, {Green.Label(), "Green"}, {Complete.Label(), "Complete"}, {Unrated.Label(), ""},
		{Improving.Label(), "improving"}, {Worsening.Label(), "worsening"}, {Steady.Label(), "no change"}, {NoTrend.Label(), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

func TestRegisterPublicHasNoEvidence(t *testing.T) {
	p := reportPlan(t, registerP1)
	for _, a := range p.ForAudience(ForPublic).Register(NewDate(2026, 6, 1), ForPublic, nil).Actions {
		if a.Evidence != "" {
			t.Errorf("public %s has evidence %q", a.ID, a.Evidence)
		}
	}
	if a := p.Register(NewDate(2026, 6, 1), ForInternal, nil).Actions[0]; a.Evidence == "" {
		t.Error("internal P1.1 has no evidence")
	}
}
