package plan

import (
	"fmt"
	"math"
)

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

// Rating is a computed rating with the rule that produced it, in words.
type Rating struct {
	RAG RAG
	Why string // "red: 74.9 is 5.1 below the target of 80, beyond the tolerance of 5"
}

// RollUp is the rule that rates a priority, a theme, an owner's actions or a
// whole plan from its actions. It is documented in the README. The rating's
// reason names the action that decides it: of the actions at the worst
// rating, one its owner rated red before one red for being overdue, then
// the one most days late, then the first in plan order.
const RollUp = "worst open action; an overdue action counts as red; complete when every action is done"

// rollUp rates a group of actions by RollUp, saying which action decided
// it. A group with no actions other than dropped ones is Unrated.
func rollUp(actions []*Action, asOf Date) Rating {
	worst, counted, done := Complete, 0, 0
	var decider *Action
	for _, a := range actions {
		r, ok := a.effective(asOf)
		if !ok {
			continue
		}
		counted++
		if r == Complete {
			done++
		}
		switch {
		case r.severity() > worst.severity():
			worst, decider = r, a
		case r == worst && decider != nil && firstBefore(a, decider, asOf):
			decider = a
		}
	}
	switch {
	case counted == 0:
		return Rating{Unrated, "unrated: no actions to rate"}
	case worst == Complete:
		return Rating{Complete, fmt.Sprintf("complete: %s done", Plural(done, "action", "actions"))}
	case worst == Unrated:
		return Rating{Unrated, fmt.Sprintf("unrated: no open action is rated (%s has no rag)", decider.ID)}
	case worst == Red && decider.RAG != Red:
		return Rating{Red, fmt.Sprintf("red: %s is %s overdue (due %s), which counts as red", decider.ID, days(decider.DaysLate(asOf)), decider.Due)}
	}
	return Rating{worst, fmt.Sprintf("%s: worst open action %s is %s", worst, decider.ID, worst)}
}

// firstBefore reports whether action a, of the same rating as b, is named
// before b as the reason for it: the one its owner rated red before one
// that is red for being overdue, then the one most days late; else the
// first in plan order (b).
func firstBefore(a, b *Action, asOf Date) bool {
	if (a.RAG == Red) != (b.RAG == Red) {
		return a.RAG == Red
	}
	return a.IsOverdue(asOf) && (!b.IsOverdue(asOf) || a.DaysLate(asOf) > b.DaysLate(asOf))
}

// Plural writes a count and a noun, in the singular (one) when the count
// is 1 and in the plural (many) otherwise: "1 action", "8 actions",
// "0 days".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Rate rates the KPI from its latest actual: green when it meets the
// target (at or below it when lower is better, at or above it when higher
// is), amber when it misses by no more than the tolerance, red otherwise.
// A KPI with no actuals is Unrated. A KPI with a trajectory is rated the
// same way against the value in force on its latest actual's date (see
// TrajectoryRule and InForce) rather than the target.
func (k *KPI) Rate() Rating {
	latest, ok := k.Latest()
	if !ok || k.Better == "" {
		return Rating{Unrated, "unrated: no actuals yet"}
	}
	if k.HasTrajectory() {
		return k.rateTrajectory(latest)
	}
	rag, gap, side := k.judge(latest.Value, k.Target)
	v, t := formatNumber(latest.Value), formatNumber(k.Target)
	switch rag {
	case Green:
		return Rating{Green, fmt.Sprintf("green: %s meets the target of %s (%s is better)", v, t, k.Better)}
	case Amber:
		return Rating{Amber, fmt.Sprintf("amber: %s is %s %s the target of %s, within the tolerance of %s", v, gap, side, t, formatNumber(k.Tolerance))}
	default:
		return Rating{Red, fmt.Sprintf("red: %s is %s %s the target of %s, beyond the tolerance of %s", v, gap, side, t, formatNumber(k.Tolerance))}
	}
}

// judge rates value against want, the value aimed at: green when it is
// there or better, amber when it misses by no more than the tolerance, red
// beyond. gap is by how much it misses, written as a number, and side
// whether it is above or below want.
func (k *KPI) judge(value, want float64) (rag RAG, gap, side string) {
	miss := value - want // how far above
	side = "above"
	if k.Better == Higher {
		miss, side = -miss, "below"
	}
	// Allow for binary floating point: 30.1 - 25.1 is not exactly 5.
	eps := 1e-9 * math.Max(1, math.Abs(want))
	gap = formatNumber(math.Round(miss*1e6) / 1e6)
	switch {
	case miss <= eps:
		return Green, gap, side
	case miss <= k.Tolerance+eps:
		return Amber, gap, side
	}
	return Red, gap, side
}

// Rating returns the KPI's rating (see Rate).
func (k *KPI) Rating() RAG { return k.Rate().RAG }

// Trend is a KPI's direction of travel.
type Trend string

// The trends.
const (
	Improving Trend = "improving"
	Worsening Trend = "worsening"
	Steady    Trend = "steady"
	NoTrend   Trend = "none" // fewer than two actuals
)

// Trend compares the KPI's latest actual with the one before, read through
// Better.
func (k *KPI) Trend() Trend {
	n := len(k.Actuals)
	if n < 2 {
		return NoTrend
	}
	return k.step(n - 1)
}

// step is the direction of travel into actual i from actual i-1.
func (k *KPI) step(i int) Trend {
	d := k.Actuals[i].Value - k.Actuals[i-1].Value
	if k.Better == Lower {
		d = -d
	}
	switch {
	case math.Abs(d) < 1e-9:
		return Steady
	case d > 0:
		return Improving
	default:
		return Worsening
	}
}

// WorseningRun returns how many periods in a row, up to the latest actual,
// the KPI has worsened.
func (k *KPI) WorseningRun() int {
	run := 0
	for i := len(k.Actuals) - 1; i >= 1 && k.step(i) == Worsening; i-- {
		run++
	}
	return run
}

// completedLate is how many days after its due date a done action was
// completed, going by its completed field; 0 when on time or not known.
func (a *Action) completedLate() int {
	if a.Status != Done || a.Completed.IsZero() || a.Due.IsZero() || !a.Completed.After(a.Due) {
		return 0
	}
	return a.Completed.DaysSince(a.Due)
}
