package plan

import (
	"strings"
	"testing"
)

func TestKPITrajectoryRating(t *testing.T) {
	d := func(s string) Date {
		t.Helper()
		dd, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return dd
	}
	kpi := func(better Better, baseline *Actual, actual string, value float64) *KPI {
		return &KPI{
			Better: better, Target: 20, Tolerance: 2, Baseline: baseline,
			Trajectory: []Actual{{Date: d("2026-03-31"), Value: 35}, {Date: d("2026-09-30"), Value: 30}, {Date: d("2027-03-31"), Value: 25}},
			Actuals:    []Actual{{Date: d(actual), Value: value}},
		}
	}
	base := &Actual{Date: d("2025-09-30"), Value: 45}
	for _, tt := range []struct {
		name string
		k    *KPI
		want string
	}{
		{"on a point", kpi(Lower, nil, "2026-09-30", 30),
			"green: 30 is on trajectory (30 due by 2026-09-30: the trajectory point for 2026-09-30; target 20; lower is better)"},
		{"between points, linear", kpi(Lower, nil, "2026-06-30", 33),
			"amber: 33 is behind trajectory, 0.49 above the 32.51 due by 2026-06-30, within the tolerance of 2 (on the line from 35 on 2026-03-31 to 30 on 2026-09-30; target 20)"},
		{"between points, red", kpi(Lower, nil, "2026-12-31", 31),
			"red: 31 is behind trajectory, 3.53 above the 27.47 due by 2026-12-31, beyond the tolerance of 2 (on the line from 30 on 2026-09-30 to 25 on 2027-03-31; target 20)"},
		{"before the first point, no baseline", kpi(Lower, nil, "2025-12-31", 36),
			"amber: 36 is behind trajectory, 1 above the 35 due by 2025-12-31, within the tolerance of 2 (the first trajectory point, due by 2026-03-31; target 20)"},
		{"before the first point, from the baseline", kpi(Lower, base, "2025-12-31", 39),
			"green: 39 is on trajectory (39.95 due by 2025-12-31: on the line from the baseline 45 on 2025-09-30 to 35 on 2026-03-31; target 20; lower is better)"},
		{"after the last point, the target", kpi(Lower, nil, "2027-06-30", 24),
			"red: 24 is behind trajectory, 4 above the 20 due by 2027-06-30, beyond the tolerance of 2 (the target, in force since the last trajectory point on 2027-03-31)"},
		{"higher is better", &KPI{Better: Higher, Target: 90, Tolerance: 5,
			Trajectory: []Actual{{Date: d("2026-03-31"), Value: 70}},
			Actuals:    []Actual{{Date: d("2026-03-31"), Value: 66}}},
			"amber: 66 is behind trajectory, 4 below the 70 due by 2026-03-31, within the tolerance of 5 (the trajectory point for 2026-03-31; target 90)"},
	} {
		if got := tt.k.Rate().Why; got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// Without a trajectory the rating is against the target as before.
	k := kpi(Lower, base, "2026-09-30", 30)
	k.Trajectory = nil
	if got, want := k.Rate().Why, "red: 30 is 10 above the target of 20, beyond the tolerance of 2"; got != want {
		t.Errorf("no trajectory: got %q, want %q", got, want)
	}
}

const trajP1 = `id: P1
theme: A
title: First
owner: alice
actions:
  - {id: P1.1, title: a, due: 2026-05-01, status: done, evidence: audit, addresses: [F1]}
kpis:
  - id: P1.K1
    title: k
    better: lower
    target: 20
    tolerance: 2
    addresses: [F1]
    baseline: {date: 2025-09-30, value: 45}
    trajectory:
      2026-03-31: 35
      2026-09-30: 30
    actuals:
      2026-03-31: 34
      2026-09-30: 33
`

func TestTraceImpact(t *testing.T) {
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": trajP1})
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	k := p.KPI("P1.K1")
	if k.Baseline == nil || k.Baseline.Value != 45 || len(k.Trajectory) != 2 || strings.Join(k.Addresses, ",") != "F1" {
		t.Fatalf("loaded %+v", k)
	}
	// On 2026-06-01 only the first actual counts: on trajectory, so met.
	tr := p.TraceAsOf(NewDate(2026, 6, 1))
	if len(tr) != 1 || tr[0].State != Met || tr[0].Impact() != "green" || len(tr[0].KPIs) != 1 {
		t.Errorf("as of 2026-06-01: %+v", tr)
	}
	// By 2026-10-01 the KPI is 3 behind trajectory: red, so delivered but not met.
	tr = p.TraceAsOf(NewDate(2026, 10, 1))
	if tr[0].State != AwaitingImpact || tr[0].Delivery() != Met || tr[0].Impact() != "red" || tr[0].KPIs[0].Trend != Improving {
		t.Errorf("as of 2026-10-01: state %s, delivery %s, impact %s, %+v", tr[0].State, tr[0].Delivery(), tr[0].Impact(), tr[0].KPIs)
	}
	refs := p.References("F1")
	if len(refs) != 2 || refs[1].What != "kpi P1.K1" || refs[1].How != "addresses" {
		t.Errorf("References(F1) = %+v", refs)
	}
}

func TestTrajectoryDiagnostics(t *testing.T) {
	bad := strings.NewReplacer(
		"addresses: [F1]\n    baseline", "addresses: [F9]\n    baseline",
		"2026-03-31: 35", "2025-06-30: 35",
		"2026-09-30: 30", "2040-09-30: x",
	).Replace(trajP1)
	_, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": bad})
	got := formatDiags(diags)
	for _, want := range []string{
		`priorities/01.yaml:13:17: kpi P1.K1 refers to finding "F9", which plan.yaml does not define (findings: F1) [unknown-ref]`,
		`priorities/01.yaml:16:7: trajectory point 2025-06-30 of kpi P1.K1 is not after its baseline (2025-09-30): a trajectory runs from the baseline [bad-date]`,
		`priorities/01.yaml:17:19: trajectory point for 2040-09-30 of kpi P1.K1: "x" is not a number [bad-value]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	far := strings.Replace(trajP1, "2026-09-30: 30", "2040-09-30: 30", 1)
	_, diags = load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": far})
	if got := formatDiags(diags); !strings.Contains(got, "more than ten years after the plan ends (2027-12-31)") {
		t.Errorf("far point: %s", got)
	}
}

func TestParseTrajectoryFrom(t *testing.T) {
	if d, v, ok, err := ParseTrajectoryFrom("2026-03-31=35"); err != nil || !ok || v != 35 || d.String() != "2026-03-31" {
		t.Errorf("2026-03-31=35: %v %v %v %v", d, v, ok, err)
	}
	if _, _, ok, err := ParseTrajectoryFrom("2026-03-31="); err != nil || ok {
		t.Errorf("2026-03-31=: %v %v", ok, err)
	}
	for _, s := range []string{"35", "2026-13-01=3", "2026-03-31=x"} {
		if _, _, _, err := ParseTrajectoryFrom(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
