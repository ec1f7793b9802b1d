package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/plan"
)

// trajP2 is boardP2 with a baseline, a trajectory and addresses on its
// KPIs: the agency share is falling as planned (on trajectory though
// above its final target), the caseload is behind.
const trajP2 = `id: P2
theme: B
title: A stable workforce
owner: bob
actions:
  - {id: P2.1, title: Recruit ASYE social workers, due: 2026-09-30, status: planned, rag: amber, addresses: [F3]}
kpis:
  - id: P2.K1
    title: Agency staff
    unit: "%"
    better: lower
    target: 20
    tolerance: 2
    addresses: [F2, F3]
    baseline: {date: 2025-09-30, value: 40}
    trajectory:
      2026-03-31: 32
      2026-09-30: 26
      2027-03-31: 20
    actuals: {2025-12-31: 37, 2026-03-31: 31, 2026-05-31: 29}
  - id: P2.K2
    title: Caseload
    better: lower
    target: 18
    tolerance: 1
    addresses: [F3]
    baseline: {date: 2026-01-31, value: 24}
    trajectory: {2026-12-31: 18}
    actuals: {2026-02-28: 24, 2026-05-31: 24}
`

func trajPlan(t *testing.T) *plan.Plan {
	t.Helper()
	p, diags, err := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(boardPlanYAML)},
		"priorities/01.yaml": {Data: []byte(boardP1)},
		"priorities/02.yaml": {Data: []byte(trajP2)},
	})
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	return p
}

func TestTrajectoryRenderersGolden(t *testing.T) {
	p := trajPlan(t)
	rows := p.Scorecard(boardAsOf)
	trace := p.TraceAsOf(boardAsOf)
	card, err := p.Card("P2", boardAsOf)
	if err != nil {
		t.Fatal(err)
	}
	report := p.Report(boardAsOf, plan.ForInternal, nil, "")
	runGoldens(t, []goldenCase{
		{"trajectory-kpis.table", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, Table, Options{Explain: true}) }},
		{"trajectory-kpis.md", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, Markdown, Options{Explain: true}) }},
		{"trajectory-kpis.csv", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, CSV, Options{}) }},
		{"trajectory-kpis.json", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, JSON, Options{}) }},
		{"trajectory-trace.table", func(b *bytes.Buffer) error { return Trace(b, trace, Table, Options{}) }},
		{"trajectory-trace.md", func(b *bytes.Buffer) error { return Trace(b, trace, Markdown, Options{}) }},
		{"trajectory-trace.csv", func(b *bytes.Buffer) error { return Trace(b, trace, CSV, Options{}) }},
		{"trajectory-trace.json", func(b *bytes.Buffer) error { return Trace(b, trace, JSON, Options{}) }},
		{"trajectory-card.txt", func(b *bytes.Buffer) error { return Card(b, card, "", Text, Options{}) }},
		{"trajectory-card.md", func(b *bytes.Buffer) error { return Card(b, card, "", Markdown, Options{}) }},
		{"trajectory-card.json", func(b *bytes.Buffer) error { return Card(b, card, "", JSON, Options{}) }},
		{"trajectory-report.html", func(b *bytes.Buffer) error { return Report(b, report, HTML) }},
		{"trajectory-report.md", func(b *bytes.Buffer) error { return Report(b, report, Markdown) }},
	})
}

// TestTrajectoryChart: the chart of a KPI with a trajectory draws it as a
// grey dashed line through the values in force, marks the baseline, names
// both in its legend and description, and stays well-formed XML; a KPI
// without one is drawn without.
func TestTrajectoryChart(t *testing.T) {
	rows := trajPlan(t).Scorecard(boardAsOf)
	svg := kpiChart(rows[1])
	for _, want := range []string{`class="trajectory"`, `class="baseline"`, `>trajectory</text>`, "Baseline 40% on 2025-09-30.", "Trajectory: 32% by 2026-03-31; 26% by 2026-09-30; 20% by 2027-03-31."} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q:\n%s", want, svg)
		}
	}
	// The trajectory line passes through the baseline, the first point and
	// the value in force on the last actual: four points.
	i := strings.Index(svg, `<polyline points="`)
	pts := strings.Fields(svg[i+len(`<polyline points="`) : i+strings.Index(svg[i:], `" fill`)])
	if len(pts) != 3 {
		t.Errorf("trajectory through %d points, want 3 (baseline, 2026-03-31, 2026-05-31): %v", len(pts), pts)
	}
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("chart is not well-formed XML: %v", err)
			}
			break
		}
	}
	if svg := kpiChart(rows[0]); strings.Contains(svg, "trajectory") || strings.Contains(svg, "baseline") {
		t.Errorf("a KPI without a trajectory has one drawn")
	}
}
