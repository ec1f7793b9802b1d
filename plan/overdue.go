package plan

import (
	"cmp"
	"slices"
)

// OverdueAction is one line of an overdue list.
type OverdueAction struct {
	ID, Title, Owner string
	OwnerName        string // the owner's name, for people (Plan.OwnerName)
	Due              Date
	DaysLate         int // negative for actions not yet due
	RAG              RAG
	Priority         string
	Plan             string // the plan's Name
}

// Overdue lists the open actions of p that are overdue on asOf and, when
// within is positive, those falling due within that many days after it
// (including on asOf itself). The most days late come first.
func (p *Plan) Overdue(asOf Date, within int) []OverdueAction {
	horizon := asOf.AddDays(within)
	out := []OverdueAction{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if !a.Status.Open() || a.Due.IsZero() {
				continue
			}
			if !a.IsOverdue(asOf) && (within <= 0 || a.Due.After(horizon)) {
				continue
			}
			out = append(out, OverdueAction{
				ID: a.ID, Title: a.Title, Owner: a.Owner, OwnerName: p.OwnerName(a.Owner), Due: a.Due,
				DaysLate: a.DaysLate(asOf), RAG: a.RAG, Priority: pr.ID, Plan: p.Name,
			})
		}
	}
	sortOverdue(out)
	return out
}

// sortOverdue puts the most days late first, then orders by plan and id.
func sortOverdue(items []OverdueAction) {
	slices.SortStableFunc(items, func(a, b OverdueAction) int {
		return cmp.Or(cmp.Compare(b.DaysLate, a.DaysLate), cmp.Compare(a.Plan, b.Plan), cmp.Compare(a.ID, b.ID))
	})
}
