package plan

import (
	"cmp"
	"slices"
)

// TargetSpan is the target and tolerance a KPI had from a date until the
// next span's.
type TargetSpan struct {
	From              Date // the first day it applied; zero for the first span
	Target, Tolerance float64
	// Approved, for a span begun by a re-baselining, says who approved it;
	// "" for the first span and for a change seen only in the plan's
	// history (made without a recorded re-baselining).
	Approved string
	// Eased says the span's target or tolerance is easier to meet than the
	// span before's: moved goalposts, when not approved.
	Eased bool
}

// TargetChange is a change to a KPI's target or tolerance that the plan's
// history shows but no re-baselining records: the day it was committed,
// the field, and the value before.
type TargetChange struct {
	Date  Date
	Field string // target or tolerance
	From  string
}

// TargetSpans returns the targets the KPI has had, oldest first, the last
// being its target now: from its re-baselinings of target and tolerance
// (each records the value before) and from unrecorded, changes to them the
// plan's history shows. A change whose from is not a number is left out.
func (k *KPI) TargetSpans(unrecorded []TargetChange) []TargetSpan {
	type event struct {
		date            Date
		field, from, by string
	}
	var events []event
	for _, rb := range k.Rebaselined {
		if rb.Field == "target" || rb.Field == "tolerance" {
			events = append(events, event{rb.Date, rb.Field, rb.From, rb.Approved})
		}
	}
	for _, c := range unrecorded {
		if c.Field == "target" || c.Field == "tolerance" {
			events = append(events, event{c.Date, c.Field, c.From, ""})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.date.Time().Compare(b.date.Time()) })

	// Walk back from the target now: each change began a span with the
	// values after it, and the values before it are its from.
	cur := TargetSpan{Target: k.Target, Tolerance: k.Tolerance}
	var spans []TargetSpan
	for i := len(events) - 1; i >= 0; {
		day := events[i].date
		cur.From, cur.Approved = day, ""
		before := cur
		for ; i >= 0 && events[i].date == day; i-- {
			e := events[i]
			v, err := parseNumber(e.from)
			if err != nil {
				continue
			}
			if e.field == "target" {
				before.Target = v
			} else {
				before.Tolerance = v
			}
			cur.Approved = cmp.Or(cur.Approved, e.by)
		}
		if before.Target == cur.Target && before.Tolerance == cur.Tolerance {
			continue // nothing readable changed
		}
		cur.Eased = k.easier(cur, before)
		spans = append(spans, cur)
		cur = TargetSpan{Target: before.Target, Tolerance: before.Tolerance}
	}
	spans = append(spans, cur)
	slices.Reverse(spans)
	return spans
}

// easier reports whether target and tolerance a are easier to meet than b.
func (k *KPI) easier(a, b TargetSpan) bool {
	if a.Target != b.Target {
		return (a.Target > b.Target) == (k.Better == Lower)
	}
	return a.Tolerance > b.Tolerance
}

// WithTargetHistory returns a copy of p that knows, by KPI id, the changes
// to targets and tolerances its history shows and no re-baselining
// records, so that the spans of its scorecard include them.
func (p *Plan) WithTargetHistory(h map[string][]TargetChange) *Plan {
	out := *p
	out.targetHistory = h
	return &out
}
