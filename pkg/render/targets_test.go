package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestChartDrawsTargetsWhereTheyStood: a target eased mid-series is drawn
// at its old value before the change and its new value after, with the
// change marked and named; approved, it is named as a re-baselining.
func TestChartDrawsTargetsWhereTheyStood(t *testing.T) {
	series := []plan.Actual{{Date: plan.NewDate(2026, 3, 31), Value: 30}, {Date: plan.NewDate(2026, 6, 30), Value: 28}, {Date: plan.NewDate(2026, 9, 30), Value: 27}}
	row := plan.ScorecardRow{ID: "P1.K1", Title: "Agency staff", Unit: "%", Better: plan.Lower, Target: 30, Tolerance: 2, Series: series,
		Targets: []plan.TargetSpan{{Target: 20, Tolerance: 2}, {From: plan.NewDate(2026, 5, 10), Target: 30, Tolerance: 2, Eased: true}}}
	svg := kpiChart(row)
	dashed := regexp.MustCompile(`<line x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)" stroke="#000" stroke-width="1.2" stroke-dasharray="5 3"/>`)
	var flat []string
	for _, m := range dashed.FindAllStringSubmatch(svg, -1) {
		if m[2] == m[4] {
			flat = append(flat, m[2])
		}
	}
	if len(flat) != 2 || flat[0] == flat[1] {
		t.Fatalf("want two target lines at two heights, got %v in\n%s", flat, svg)
	}
	if !strings.Contains(svg, "eased, not approved") || !strings.Contains(svg, "easier to meet, and no re-baselining records it") {
		t.Errorf("the unapproved easing is not named:\n%s", svg)
	}
	row.Targets[1].Approved = "Improvement Board"
	if svg := kpiChart(row); !strings.Contains(svg, ">re-baselined<") || strings.Contains(svg, "not approved") {
		t.Errorf("an approved change is not named as a re-baselining")
	}
	// A change before the first actual shown is not drawn.
	row.Targets[1].From = plan.NewDate(2026, 1, 1)
	if svg := kpiChart(row); strings.Contains(svg, "re-baselined") {
		t.Errorf("a change before the chart begins is marked")
	}
}
