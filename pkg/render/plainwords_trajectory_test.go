package render

import (
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestPlainTrajectory: a public pack says a trajectory point's change and
// a baseline's in plain words, and who agreed the point's change.
func TestPlainTrajectory(t *testing.T) {
	rb := &plan.Rebaseline{Field: "trajectory", From: "2026-12-31=18", Approved: "Improvement Board"}
	for _, c := range []struct {
		f    plan.FieldChange
		want string
	}{
		{plan.FieldChange{Field: "trajectory 2026-12-31", Old: "18", New: "23", Meaning: plan.Eased},
			"interim target for 31 December 2026 changed from 18 to 23, making it easier to meet"},
		{plan.FieldChange{Field: "trajectory 2026-12-31", Old: "18", New: "23", Meaning: plan.Eased, Rebaselined: rb},
			"interim target for 31 December 2026 changed from 18 to 23, making it easier to meet" + agreed(plan.FieldChange{Rebaselined: rb})},
		{plan.FieldChange{Field: "baseline", Old: "24 on 2026-03-31", New: "26 on 2026-03-31"},
			"starting point changed from 24 on 2026-03-31 to 26 on 2026-03-31"},
	} {
		if got := plainField(c.f); got != c.want {
			t.Errorf("plainField(%s) = %q, want %q", c.f.Field, got, c.want)
		}
	}
	if agreed(plan.FieldChange{Rebaselined: rb}) == "" {
		t.Error("an approved re-baselining is not said to be agreed")
	}
}
