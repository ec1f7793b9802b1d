package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Body is a body the plan is reported to, such as the Improvement Board or
// a scrutiny committee: plan snapshot records what it was shown, and its
// id names its last snapshot wherever a revision is taken.
type Body struct {
	ID, Name string
	Cycle    Cycle // how often it sees the plan; zero when not known
	Pos      Pos   // where plan.yaml declares it; zero for a default body
}

// Cycle is how often a body meets: every Weeks weeks or every Months
// months (one of the two).
type Cycle struct {
	Weeks, Months int
}

// IsZero reports whether the cycle is unknown.
func (c Cycle) IsZero() bool { return c.Weeks == 0 && c.Months == 0 }

// String writes the cycle as plan.yaml does: monthly, quarterly, annual or
// Nw.
func (c Cycle) String() string {
	switch {
	case c.Months == 1:
		return "monthly"
	case c.Months == 3:
		return "quarterly"
	case c.Months == 12:
		return "annual"
	case c.Months > 0:
		return strconv.Itoa(c.Months) + "m"
	case c.Weeks > 0:
		return strconv.Itoa(c.Weeks) + "w"
	}
	return ""
}

// Next returns the day a meeting is next due after one on d: d plus the
// cycle. The zero cycle returns the zero date.
func (c Cycle) Next(d Date) Date {
	switch {
	case d.IsZero():
		return Date{}
	case c.Months > 0:
		return d.AddMonths(c.Months)
	case c.Weeks > 0:
		return d.AddDays(7 * c.Weeks)
	}
	return Date{}
}

// ParseCycle reads a body's cycle: weekly, fortnightly, monthly,
// quarterly, annual, Nw (every N weeks, 1 to 52) or Nm (every N months, 1
// to 12).
func ParseCycle(s string) (Cycle, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "weekly":
		return Cycle{Weeks: 1}, nil
	case "fortnightly":
		return Cycle{Weeks: 2}, nil
	case "monthly":
		return Cycle{Months: 1}, nil
	case "quarterly":
		return Cycle{Months: 3}, nil
	case "annual", "annually", "yearly":
		return Cycle{Months: 12}, nil
	}
	t := strings.ToLower(strings.TrimSpace(s))
	if len(t) >= 2 {
		n, err := strconv.Atoi(t[:len(t)-1])
		if err == nil && n > 0 {
			switch {
			case t[len(t)-1] == 'w' && n <= 52:
				return Cycle{Weeks: n}, nil
			case t[len(t)-1] == 'm' && n <= 12:
				return Cycle{Months: n}, nil
			}
		}
	}
	return Cycle{}, fmt.Errorf("cycle %q is not weekly, fortnightly, monthly, quarterly, annual, Nw (every N weeks, such as 6w) or Nm (every N months)", s)
}

// DefaultBodies are the bodies every plan reports to, whether or not
// plan.yaml declares them: the Improvement Board monthly, the DfE advisor
// every six weeks and Ofsted's monitoring visits quarterly.
func DefaultBodies() []Body {
	return []Body{
		{ID: "board", Name: "Improvement Board", Cycle: Cycle{Months: 1}},
		{ID: "dfe", Name: "DfE advisor", Cycle: Cycle{Weeks: 6}},
		{ID: "ofsted", Name: "Ofsted monitoring visit", Cycle: Cycle{Months: 3}},
	}
}

// ReportingBodies returns the bodies the plan reports to: the defaults,
// each replaced by a body plan.yaml declares with its id, then the other
// declared bodies in the order plan.yaml gives them. A nil plan has the
// defaults.
func (p *Plan) ReportingBodies() []Body {
	out := DefaultBodies()
	if p == nil {
		return out
	}
	for _, b := range p.Bodies {
		if b == nil || b.ID == "" {
			continue
		}
		if i := slices.IndexFunc(out, func(d Body) bool { return d.ID == b.ID }); i >= 0 {
			name, cycle := b.Name, b.Cycle
			if name == "" {
				name = out[i].Name
			}
			if cycle.IsZero() {
				cycle = out[i].Cycle
			}
			out[i] = Body{ID: b.ID, Name: name, Cycle: cycle, Pos: b.Pos}
			continue
		}
		out = append(out, *b)
	}
	return out
}

// BodyIDs returns the ids of the bodies the plan reports to.
func (p *Plan) BodyIDs() []string {
	var ids []string
	for _, b := range p.ReportingBodies() {
		ids = append(ids, b.ID)
	}
	return ids
}

// BodyStatus is where a body stands in its cycle on a day: its last
// snapshot, when it next sees the plan, and how much has changed since.
type BodyStatus struct {
	Body Body
	// Last is the body's last snapshot; its Tag is "" when none is
	// recorded.
	Last Snapshot
	// Next is the day the body is next due to see the plan: the last
	// snapshot's date plus the cycle; zero with no snapshot or no cycle.
	Next Date
	// Overdue is set when Next is before the day asked about.
	Overdue bool
	// Changes counts the changes to the plan's items since the last
	// snapshot (as plan diff lists them); -1 with no snapshot.
	Changes int
}

// BodySchedule returns, for each body in order, where it stands on asOf:
// last holds the snapshots recorded (any order; the latest of each kind
// counts) and changes the number of changes since each kind's latest.
func BodySchedule(bodies []Body, last []Snapshot, changes map[string]int, asOf Date) []BodyStatus {
	out := make([]BodyStatus, 0, len(bodies))
	for _, b := range bodies {
		st := BodyStatus{Body: b, Changes: -1}
		for _, s := range last {
			if s.Kind == b.ID && (st.Last.Tag == "" || !s.Date.Before(st.Last.Date)) {
				st.Last = s
			}
		}
		if st.Last.Tag != "" {
			st.Next = b.Cycle.Next(st.Last.Date)
			st.Overdue = !st.Next.IsZero() && st.Next.Before(asOf)
			if n, ok := changes[b.ID]; ok {
				st.Changes = n
			}
		}
		out = append(out, st)
	}
	return out
}
