package plan

import (
	"slices"
	"strings"
	"testing"
)

const trajDiffP1 = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - {id: P1.1, title: Recruit, due: 2026-03-31, status: in-progress, rag: amber}
kpis:
  - id: P1.K1
    title: Agency staff
    better: lower
    target: 20
    baseline: {date: 2025-12-31, value: 48}
    trajectory:
      2026-03-31: 45
      2026-09-30: 35
    actuals:
      2026-03-31: 44
`

// TestTrajectoryFacts: a KPI's baseline and each trajectory point are
// facts, so diffs, logs and show report them; a KPI without them has none.
func TestTrajectoryFacts(t *testing.T) {
	items := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": trajDiffP1})
	i := slices.IndexFunc(items, func(it Item) bool { return it.ID == "P1.K1" })
	k := items[i]
	for field, want := range map[string]string{"baseline": "48 on 2025-12-31", "trajectory 2026-03-31": "45", "trajectory 2026-09-30": "35"} {
		if got := k.Get(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	var fields []string
	for _, f := range k.Facts {
		fields = append(fields, f.Field)
	}
	if want := "priority title owner better target tolerance baseline trajectory 2026-03-31 trajectory 2026-09-30 actual 2026-03-31 rating"; strings.Join(fields, " ") != want {
		t.Errorf("fields:\n got %s\nwant %s", strings.Join(fields, " "), want)
	}

	plain := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": diffOldP1})
	for _, it := range plain {
		for _, f := range it.Facts {
			if f.Field == "baseline" || strings.HasPrefix(f.Field, "trajectory") {
				t.Errorf("%s %s without a trajectory has fact %s", it.Kind, it.ID, f.Field)
			}
		}
	}
}

// TestDiffTrajectory: a changed trajectory point is eased or tightened
// like a target, the gate refuses it unless an approved re-baselining of
// that point covers it, and one of another point does not.
func TestDiffTrajectory(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": trajDiffP1})
	eased := strings.Replace(trajDiffP1, "2026-09-30: 35", "2026-09-30: 40", 1)
	eased = strings.Replace(eased, "2025-12-31, value: 48", "2025-12-31, value: 50", 1)
	r := Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": eased}))
	want := `modified kpi P1.K1
  baseline: 48 on 2025-12-31 -> 50 on 2025-12-31
  trajectory 2026-09-30: 35 -> 40 [eased]
`
	if got := describeChanges(r); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	v := r.Violations([]GateRule{GateTargetChanged})
	if len(v) != 1 || v[0].Message != "kpi P1.K1: trajectory 2026-09-30 eased (35 -> 40) with no re-baselining recorded" {
		t.Errorf("violations: %+v", v)
	}
	tightened := strings.Replace(trajDiffP1, "2026-09-30: 35", "2026-09-30: 30", 1)
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": tightened}))
	if got := describeChanges(r); !strings.Contains(got, "trajectory 2026-09-30: 35 -> 30 [tightened]") {
		t.Errorf("a lower point when lower is better:\n%s", got)
	}

	rb := func(from, approved string) string {
		return strings.Replace(trajDiffP1, "2026-09-30: 35", "2026-09-30: 40", 1) +
			"    rebaselined:\n      - {date: 2026-04-10, field: trajectory, from: \"" + from + "\", reason: Slow start" + approved + "}\n"
	}
	covered := rb("2026-09-30=35", ", approved: Improvement Board")
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": covered}))
	if v := r.Violations(GateRules()); len(v) != 0 {
		t.Errorf("an approved re-baselining of the point does not cover it: %+v", v)
	}
	if got := r.Summary.String(); got != "1 re-baselined with approval" {
		t.Errorf("summary = %s", got)
	}
	other := rb("2026-03-31=45", ", approved: Improvement Board")
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": other}))
	if v := r.Violations(GateRules()); len(v) != 1 {
		t.Errorf("a re-baselining of another point covers the change: %+v", v)
	}
	wrongFrom := rb("2026-09-30=36", ", approved: Improvement Board")
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": wrongFrom}))
	if v := r.Violations(GateRules()); len(v) != 1 || !strings.Contains(v[0].Message, "says from 2026-09-30=36, it was 35") {
		t.Errorf("a re-baselining from the wrong value: %+v", v)
	}
	proposed := rb("2026-09-30=35", "")
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": proposed}))
	if v := r.Violations(GateRules()); len(v) != 1 || !strings.Contains(v[0].Message, "awaits approval") {
		t.Errorf("a proposed re-baselining: %+v", v)
	}

	// A new point, recorded as DATE= (no value before).
	added := strings.Replace(trajDiffP1, "2026-09-30: 35\n", "2026-09-30: 35\n      2027-03-31: 25\n", 1) +
		"    rebaselined:\n      - {date: 2026-04-10, field: trajectory, from: \"2027-03-31=\", reason: Longer plan, approved: Board}\n"
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": added}))
	if got := describeChanges(r); !strings.Contains(got, "trajectory 2027-03-31:  -> 25 (re-baselined: Board)") {
		t.Errorf("a new point:\n%s", got)
	}
}

// TestBaselineAfterFirstActual: a baseline dated after the KPI's first
// actual is a bad date, reported at the baseline's date; one on or before
// it is not.
func TestBaselineAfterFirstActual(t *testing.T) {
	late := strings.Replace(trajDiffP1, "baseline: {date: 2025-12-31, value: 48}", "baseline: {date: 2026-04-30, value: 48}", 1)
	_, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": late})
	want := `priorities/01.yaml:12:22: baseline of kpi P1.K1 is dated 2026-04-30, after its first actual (2026-03-31): a baseline is where the KPI started [bad-date]`
	if got := formatDiags(diags); !strings.Contains(got, want) {
		t.Errorf("diagnostics lack %q:\n%s", want, got)
	}
	for _, ok := range []string{trajDiffP1, strings.Replace(trajDiffP1, "2026-03-31: 44", "2025-12-31: 44", 1)} {
		if _, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": ok}); len(diags) != 0 {
			t.Errorf("a baseline on or before the first actual: %s", formatDiags(diags))
		}
	}
}

// TestTwoPointsRebaselinedOneDay: two trajectory points re-baselined on
// one day are two facts, and each covers its own point's change.
func TestTwoPointsRebaselinedOneDay(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": trajDiffP1})
	both := strings.NewReplacer("2026-03-31: 45", "2026-03-31: 46", "2026-09-30: 35", "2026-09-30: 40").Replace(trajDiffP1) +
		"    rebaselined:\n" +
		"      - {date: 2026-04-10, field: trajectory, from: \"2026-03-31=45\", reason: Slow start, approved: Board}\n" +
		"      - {date: 2026-04-10, field: trajectory, from: \"2026-09-30=35\", reason: Slow start, approved: Board}\n"
	r := Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": both}))
	want := `modified kpi P1.K1
  trajectory 2026-03-31: 45 -> 46 [eased] (re-baselined: Board)
  trajectory 2026-09-30: 35 -> 40 [eased] (re-baselined: Board)
  rebaselined 2026-04-10 trajectory 2026-03-31:  -> from 2026-03-31=45: Slow start (approved: Board)
  rebaselined 2026-04-10 trajectory 2026-09-30:  -> from 2026-09-30=35: Slow start (approved: Board)
`
	if got := describeChanges(r); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if v := r.Violations(GateRules()); len(v) != 0 {
		t.Errorf("violations: %+v", v)
	}
}

// TestKPIAddressesFact: the findings a KPI addresses are a fact, so a
// diff shows them changed; a KPI naming none has no such fact.
func TestKPIAddressesFact(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": trajDiffP1})
	linked := strings.Replace(trajDiffP1, "    better: lower\n", "    better: lower\n    addresses: [F1]\n", 1)
	r := Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": linked}))
	if got, want := describeChanges(r), "modified kpi P1.K1\n  addresses:  -> F1\n"; got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
}
