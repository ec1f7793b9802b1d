package plan

import "math"

// IsOverdue reports whether the action is open and its due date is before
// asOf. An action due on asOf is not overdue.
func (a *Action) IsOverdue(asOf Date) bool {
	return a.Status.Open() && !a.Due.IsZero() && a.Due.Before(asOf)
}

// DaysLate returns how many days the action's due date is before asOf:
// negative when it falls due after asOf, zero when undated.
func (a *Action) DaysLate(asOf Date) int {
	if a.Due.IsZero() {
		return 0
	}
	return asOf.DaysSince(a.Due)
}

// effective is the rating an action contributes to its priority's: its own
// rating while open, Red once overdue whatever it says, Complete when done.
// Dropped actions contribute nothing.
func (a *Action) effective(asOf Date) (RAG, bool) {
	switch {
	case a.Status == Dropped:
		return Unrated, false
	case a.Status == Done:
		return Complete, true
	case a.IsOverdue(asOf):
		return Red, true
	default:
		return a.RAG, true
	}
}

// RollUp is the rule that rates a priority, a theme, an owner's actions or a
// whole plan from its actions. It is documented in the README.
const RollUp = "worst open action; an overdue action counts as red; complete when every action is done"

// rollUp rates a group of actions by RollUp. A group with no actions other
// than dropped ones is Unrated.
func rollUp(actions []*Action, asOf Date) RAG {
	worst, counted := Complete, false
	for _, a := range actions {
		r, ok := a.effective(asOf)
		if !ok {
			continue
		}
		counted = true
		if r.severity() > worst.severity() {
			worst = r
		}
	}
	if !counted {
		return Unrated
	}
	return worst
}

// Rating rates the KPI from its latest actual: green when it meets the
// target (at or below it when lower is better, at or above it when higher
// is), amber when it misses by no more than the tolerance, red otherwise.
// A KPI with no actuals is Unrated.
func (k *KPI) Rating() RAG {
	latest, ok := k.Latest()
	if !ok || k.Better == "" {
		return Unrated
	}
	miss := latest.Value - k.Target // how far above the target
	if k.Better == Higher {
		miss = -miss
	}
	// Allow for binary floating point: 30.1 - 25.1 is not exactly 5.
	eps := 1e-9 * math.Max(1, math.Abs(k.Target))
	switch {
	case miss <= eps:
		return Green
	case miss <= k.Tolerance+eps:
		return Amber
	default:
		return Red
	}
}
