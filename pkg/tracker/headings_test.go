package tracker

import (
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestHeadingsFillPlanFields: every column import fills that is a field
// of an action, KPI or finding is named as the plan's table
// of fields (plan.FieldSpecs) names it, so the written YAML has it; the
// others are what a tracker holds around the items.
func TestHeadingsFillPlanFields(t *testing.T) {
	around := map[column]bool{colKPI: true, colOwnerRef: true, colTheme: true, colThemeRef: true, colPriority: true,
		colPriorityRef: true, colDate: true, colValue: true, colComputed: true,
		colTerm: true, colMeaning: true, colBaselineDay: true} // the glossary is a TERM: meaning mapping, not fields
	for col := range headings {
		if around[col] {
			continue
		}
		found := false
		for _, kind := range []string{"action", "kpi", "finding"} {
			if _, ok := plan.Field(kind, string(col)); ok {
				found = true
			}
		}
		if !found {
			t.Errorf("column %q is no field of an action, KPI or finding in plan.FieldSpecs", col)
		}
	}
	if spec, ok := plan.Field("action", string(colConfidence)); !ok || !spec.Settable {
		t.Errorf("confidence is not a settable field of an action: %+v", spec)
	}
}

func TestParseConfidence(t *testing.T) {
	for in, want := range map[string]plan.Confidence{"High": plan.HighConfidence, " medium ": plan.MediumConfidence, "L": plan.LowConfidence,
		"Medium confidence": plan.MediumConfidence, "MED": plan.MediumConfidence} {
		if got, ok := parseConfidence(in); !ok || got != want {
			t.Errorf("parseConfidence(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "very", "green", "highish"} {
		if got, ok := parseConfidence(in); ok {
			t.Errorf("parseConfidence(%q) = %q; want refused", in, got)
		}
	}
}
