package plan

import (
	"fmt"
	"math"
	"strings"
)

// TrajectoryRule is how a KPI's trajectory sets the value in force on a
// date. It is documented in the README and named in ratings' reasons.
const TrajectoryRule = "linear between trajectory points; before the first point, on the line from the baseline (or the first point's value when there is no baseline or the date is before it); after the last point, the target"

// InForce is the value a KPI's trajectory requires on a date, and how it
// was found.
type InForce struct {
	Date  Date    // the date it is in force on
	Value float64 // rounded to two decimal places
	// From and To are the points it lies between (equal when on a point
	// or held); From is the baseline when before the first point.
	From, To Actual
	// How says which part of TrajectoryRule applied: "point", "line",
	// "baseline" (on the line from the baseline), "first" (before the
	// first point, held) or "target" (after the last point).
	How string
}

// HasTrajectory reports whether the KPI has trajectory points.
func (k *KPI) HasTrajectory() bool { return len(k.Trajectory) > 0 }

// InForce returns the value the KPI's trajectory requires on d, by
// TrajectoryRule, and false when the KPI has no trajectory.
func (k *KPI) InForce(d Date) (InForce, bool) {
	t := k.Trajectory
	if len(t) == 0 {
		return InForce{}, false
	}
	first, last := t[0], t[len(t)-1]
	switch {
	case d.After(last.Date):
		return InForce{Date: d, Value: k.Target, From: last, To: last, How: "target"}, true
	case d.Before(first.Date):
		if b := k.Baseline; b != nil && !d.Before(b.Date) && b.Date.Before(first.Date) {
			return InForce{Date: d, Value: lerp(*b, first, d), From: *b, To: first, How: "baseline"}, true
		}
		return InForce{Date: d, Value: first.Value, From: first, To: first, How: "first"}, true
	}
	for i, p := range t {
		if p.Date == d {
			return InForce{Date: d, Value: p.Value, From: p, To: p, How: "point"}, true
		}
		if i > 0 && d.Before(p.Date) {
			return InForce{Date: d, Value: lerp(t[i-1], p, d), From: t[i-1], To: p, How: "line"}, true
		}
	}
	return InForce{Date: d, Value: last.Value, From: last, To: last, How: "point"}, true
}

// lerp is the value on the straight line from a to b on d, rounded to two
// decimal places.
func lerp(a, b Actual, d Date) float64 {
	span := float64(b.Date.DaysSince(a.Date))
	v := a.Value
	if span > 0 {
		v += (b.Value - a.Value) * float64(d.DaysSince(a.Date)) / span
	}
	return math.Round(v*100) / 100
}

// explain says where the value in force came from, for a rating's reason.
func (f InForce) explain(target float64) string {
	n := formatNumber
	switch f.How {
	case "line":
		return fmt.Sprintf("on the line from %s on %s to %s on %s; target %s", n(f.From.Value), f.From.Date, n(f.To.Value), f.To.Date, n(target))
	case "baseline":
		return fmt.Sprintf("on the line from the baseline %s on %s to %s on %s; target %s", n(f.From.Value), f.From.Date, n(f.To.Value), f.To.Date, n(target))
	case "first":
		return fmt.Sprintf("the first trajectory point, due by %s; target %s", f.To.Date, n(target))
	case "target":
		return fmt.Sprintf("the target, in force since the last trajectory point on %s", f.From.Date)
	}
	return fmt.Sprintf("the trajectory point for %s; target %s", f.Date, n(target))
}

// rateTrajectory rates the latest actual against the value in force on
// its date: the words are "on trajectory" and "behind trajectory".
func (k *KPI) rateTrajectory(latest Actual) Rating {
	f, _ := k.InForce(latest.Date)
	rag, gap, side := k.judge(latest.Value, f.Value)
	v, want := formatNumber(latest.Value), formatNumber(f.Value)
	how := f.explain(k.Target)
	switch rag {
	case Green:
		return Rating{Green, fmt.Sprintf("green: %s is on trajectory (%s due by %s: %s; %s is better)", v, want, latest.Date, how, k.Better)}
	case Amber:
		return Rating{Amber, fmt.Sprintf("amber: %s is behind trajectory, %s %s the %s due by %s, within the tolerance of %s (%s)", v, gap, side, want, latest.Date, formatNumber(k.Tolerance), how)}
	default:
		return Rating{Red, fmt.Sprintf("red: %s is behind trajectory, %s %s the %s due by %s, beyond the tolerance of %s (%s)", v, gap, side, want, latest.Date, formatNumber(k.Tolerance), how)}
	}
}

// checkTrajectory reports a baseline dated after the KPI's first actual
// (a baseline is where the KPI started), and trajectory points that cannot
// be right: dated on or before the baseline (a trajectory runs from it),
// or more than ten years after the plan's period ends.
func (k *KPI) checkTrajectory(period Period) []Diagnostic {
	var diags []Diagnostic
	if b := k.Baseline; b != nil && len(k.Actuals) > 0 {
		first := k.Actuals[0].Date
		for _, a := range k.Actuals[1:] {
			if a.Date.Before(first) {
				first = a.Date
			}
		}
		if b.Date.After(first) {
			diags = append(diags, Diagnostic{Rule: RuleBadDate, Pos: b.Pos, ID: k.ID,
				Message: fmt.Sprintf("baseline of kpi %s is dated %s, after its first actual (%s): a baseline is where the KPI started", k.ID, b.Date, first)})
		}
	}
	latest := Date{}
	if !period.End.IsZero() {
		latest = period.End.AddMonths(120)
	}
	for _, t := range k.Trajectory {
		switch {
		case k.Baseline != nil && !t.Date.After(k.Baseline.Date):
			diags = append(diags, Diagnostic{Rule: RuleBadDate, Pos: t.Pos, ID: k.ID,
				Message: fmt.Sprintf("trajectory point %s of kpi %s is not after its baseline (%s): a trajectory runs from the baseline", t.Date, k.ID, k.Baseline.Date)})
		case !latest.IsZero() && t.Date.After(latest):
			diags = append(diags, Diagnostic{Rule: RuleBadDate, Pos: t.Pos, ID: k.ID,
				Message: fmt.Sprintf("trajectory point %s of kpi %s is more than ten years after the plan ends (%s); check the year", t.Date, k.ID, period.End)})
		}
	}
	return diags
}

// ParseTrajectoryFrom reads the from of a re-baselining of a trajectory
// point: DATE=VALUE, the point's date and its value before the change, or
// DATE= when the point was new. It returns the date, the value and whether
// there was one; the error says what is wrong.
func ParseTrajectoryFrom(s string) (Date, float64, bool, error) {
	ds, vs, ok := strings.Cut(s, "=")
	if !ok {
		return Date{}, 0, false, fmt.Errorf("%q is not DATE=VALUE, the trajectory point's date and its value before the change (DATE= for a new point)", s)
	}
	d, err := ParseDate(strings.TrimSpace(ds))
	if err != nil {
		return Date{}, 0, false, err
	}
	vs = strings.TrimSpace(vs)
	if vs == "" {
		return d, 0, false, nil
	}
	v, err := parseNumber(vs)
	if err != nil {
		return Date{}, 0, false, err
	}
	return d, v, true, nil
}
