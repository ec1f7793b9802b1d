package plan

import (
	"slices"
	"strings"
	"testing"
)

// digestPriority has, for alice (the priority's owner) and bob, one of
// each thing a digest lists, judged on 2026-06-01 with 14 days ahead.
const digestPriority = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - {id: P1.1, title: Late by a day, due: 2026-05-31, status: in-progress, rag: amber}
  - {id: P1.2, title: Late by a month, due: 2026-05-01, status: planned, rag: red}
  - {id: P1.3, title: Due today, due: 2026-06-01, status: in-progress, rag: green}
  - {id: P1.4, title: Due on the last day, due: 2026-06-15, status: in-progress, rag: green}
  - {id: P1.5, title: Due the day after, due: 2026-06-16, status: in-progress, rag: green}
  - {id: P1.6, title: Done late, due: 2026-01-01, status: done}
  - {id: P1.7, title: Bob's, owner: bob, due: 2026-05-01, status: in-progress, rag: amber}
  - {id: P1.8, title: Moved, due: 2026-09-30, status: in-progress, rag: amber, rebaselined: [{date: 2026-05-20, field: due, from: 2026-06-30, reason: Recruitment}]}
  - {id: P1.9, title: Agreed move, due: 2026-09-30, status: in-progress, rag: amber, rebaselined: [{date: 2026-05-20, field: due, from: 2026-06-30, reason: x, approved: Board}]}
  - {id: P1.10, title: Answers F1, due: 2027-01-01, status: planned, rag: green, addresses: [F1]}
kpis:
  - {id: P1.K1, title: Monthly due in window, better: lower, target: 10, frequency: monthly, actuals: {2026-05-15: 12}}
  - {id: P1.K2, title: Monthly after window, better: lower, target: 10, frequency: monthly, actuals: {2026-05-16: 12}}
  - {id: P1.K3, title: Quarterly missing, better: lower, target: 10, frequency: quarterly, actuals: {2026-01-31: 12}}
  - {id: P1.K4, title: No frequency, better: lower, target: 10, actuals: {2025-01-31: 12}}
  - {id: P1.K5, title: Bob's target moved, owner: bob, better: higher, target: 80, frequency: annual, actuals: {2026-03-31: 70}, rebaselined: [{date: 2026-05-01, field: target, from: 90, reason: Funding}]}
`

func digestPlan(t *testing.T) *Plan {
	t.Helper()
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": digestPriority})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	return p
}

func actionIDs(items []DigestAction) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func TestDigests(t *testing.T) {
	p := digestPlan(t)
	asOf := NewDate(2026, 6, 1)
	ds, err := p.Digests(asOf, DigestOptions{Within: 14, Stale: map[string]bool{"P1.4": true, "P1.6": true, "P1.7": true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Owner.ID != "alice" || ds[1].Owner.ID != "bob" {
		t.Fatalf("digests for %v, want alice and bob", ds)
	}
	a := ds[0]
	if a.Title != "Test plan" || a.AsOf != asOf || a.By != NewDate(2026, 6, 15) || a.Within != 14 || a.Owner.Name != "Alice" {
		t.Errorf("alice's digest heading = %q %s %s %d %q", a.Title, a.AsOf, a.By, a.Within, a.Owner.Name)
	}
	// Most days late first; done actions and bob's are not alice's.
	if got, want := actionIDs(a.Overdue), []string{"P1.2", "P1.1"}; !slices.Equal(got, want) {
		t.Errorf("overdue %v, want %v", got, want)
	}
	if a.Overdue[0].DaysLate != 31 || a.Overdue[1].DaysLate != 1 || a.Overdue[0].RAG != Red {
		t.Errorf("overdue %+v", a.Overdue)
	}
	// Due today and on the window's last day are in it; the day after not.
	if got, want := actionIDs(a.DueSoon), []string{"P1.3", "P1.4"}; !slices.Equal(got, want) {
		t.Errorf("due soon %v, want %v", got, want)
	}
	// Only open actions the stale rule named, of this owner.
	if got, want := actionIDs(a.Stale), []string{"P1.4"}; !slices.Equal(got, want) {
		t.Errorf("stale %v, want %v", got, want)
	}
	var returns []string
	for _, r := range a.Returns {
		returns = append(returns, r.ID+" "+r.PeriodEnd.String())
	}
	if want := []string{"P1.K1 2026-06-15", "P1.K3 2026-04-30"}; !slices.Equal(returns, want) {
		t.Errorf("returns %v, want %v", returns, want)
	}
	if k1, k3 := a.Returns[0], a.Returns[1]; k1.Missing || !k1.HasLatest || k1.Latest.Value != 12 || !k3.Missing || k3.DueBy != NewDate(2026, 5, 30) {
		t.Errorf("returns %+v", a.Returns)
	}
	if len(a.Proposals) != 1 || a.Proposals[0] != (DigestProposal{Kind: KindAction, ID: "P1.8", Title: "Moved", Field: "due", From: "2026-06-30", To: "2026-09-30", Proposed: NewDate(2026, 5, 20), Reason: "Recruitment"}) {
		t.Errorf("alice's proposals %+v", a.Proposals)
	}
	b := ds[1]
	if got := actionIDs(b.Overdue); !slices.Equal(got, []string{"P1.7"}) {
		t.Errorf("bob's overdue %v", got)
	}
	if got := actionIDs(b.Stale); !slices.Equal(got, []string{"P1.7"}) {
		t.Errorf("bob's stale %v", got)
	}
	if len(b.Returns) != 0 || len(b.DueSoon) != 0 {
		t.Errorf("bob's returns %+v, due soon %+v", b.Returns, b.DueSoon)
	}
	if len(b.Proposals) != 1 || b.Proposals[0].Kind != KindKPI || b.Proposals[0].From != "90" || b.Proposals[0].To != "80" {
		t.Errorf("bob's proposals %+v", b.Proposals)
	}
}

func TestDigestsWindow(t *testing.T) {
	p := digestPlan(t)
	asOf := NewDate(2026, 6, 1)
	for _, tt := range []struct {
		within  int
		soon    []string
		returns []string
	}{
		{0, nil, []string{"P1.K3"}}, // as overdue lists: due today is not late
		{13, []string{"P1.3"}, []string{"P1.K3"}},
		{14, []string{"P1.3", "P1.4"}, []string{"P1.K1", "P1.K3"}},
		{15, []string{"P1.3", "P1.4", "P1.5"}, []string{"P1.K1", "P1.K2", "P1.K3"}},
	} {
		ds, err := p.Digests(asOf, DigestOptions{Within: tt.within, Owners: []string{"alice"}})
		if err != nil {
			t.Fatal(err)
		}
		var returns []string
		for _, r := range ds[0].Returns {
			returns = append(returns, r.ID)
		}
		if got := actionIDs(ds[0].DueSoon); !slices.Equal(got, tt.soon) {
			t.Errorf("within %d: due soon %v, want %v", tt.within, got, tt.soon)
		}
		if !slices.Equal(returns, tt.returns) {
			t.Errorf("within %d: returns %v, want %v", tt.within, returns, tt.returns)
		}
		if len(ds[0].Stale) != 0 {
			t.Errorf("within %d: stale %v without the stale rule", tt.within, ds[0].Stale)
		}
	}
}

func TestDigestsOwners(t *testing.T) {
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": "id: P1\ntheme: A\ntitle: t\nowner: alice\nactions:\n" +
		"  - {id: P1.1, title: Answers F1, due: 2027-01-01, status: planned, rag: green, addresses: [F1], owner: bob}\n"})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	// Long before anything is due, nothing needs anyone: no digests, but
	// an owner named gets an empty one.
	early := NewDate(2026, 1, 2)
	ds, err := p.Digests(early, DigestOptions{Within: 1})
	if err != nil || len(ds) != 0 {
		t.Fatalf("digests %+v, %v; want none", ds, err)
	}
	ds, err = p.Digests(early, DigestOptions{Within: 1, Owners: []string{"bob", "alice", "bob"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Owner.ID != "bob" || ds[1].Owner.ID != "alice" || !ds[0].Empty() || !ds[1].Empty() {
		t.Fatalf("digests %+v, want bob's and alice's, empty", ds)
	}
	if ds[0].Overdue == nil || ds[0].Returns == nil {
		t.Errorf("empty lists are nil: %+v", ds[0])
	}
	_, err = p.Digests(early, DigestOptions{Owners: []string{"carol"}})
	if err == nil || !strings.Contains(err.Error(), `no owner "carol" in the plan (owners: alice, bob)`) {
		t.Errorf("unknown owner: %v", err)
	}
}
