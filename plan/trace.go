package plan

import "slices"

// TraceState says how far a finding has been answered.
type TraceState string

// The states of a finding.
const (
	// Unaddressed: no action (other than dropped ones) addresses it.
	Unaddressed TraceState = "unaddressed"
	// Open: some action addressing it is still to be done.
	Open TraceState = "open"
	// AwaitingEvidence: every action is done, but some have no evidence:
	// ready to evidence as met.
	AwaitingEvidence TraceState = "awaiting-evidence"
	// Met: every action addressing it is done and evidenced.
	Met TraceState = "met"
)

// TraceAction is an action as the traceability matrix shows it.
type TraceAction struct {
	ID, Title, Priority string
	Status              Status
	RAG                 RAG // the action's own rating
	Evidence            string
}

// TraceFinding is one row of the traceability matrix.
type TraceFinding struct {
	ID, Source, Text string
	Actions          []TraceAction // in plan order, dropped ones included
	State            TraceState
}

// Trace returns the findings against the actions that address them,
// unaddressed findings first, the rest in plan order. Done is not met: a
// finding is met only when every action addressing it is done and
// evidenced.
func (p *Plan) Trace() []TraceFinding {
	by := map[string][]*Action{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			for _, f := range a.Addresses {
				by[f] = append(by[f], a)
			}
		}
	}
	out := []TraceFinding{}
	for _, f := range p.Findings {
		tf := TraceFinding{ID: f.ID, Source: f.Source, Text: f.Text, Actions: []TraceAction{}}
		live, open, unevidenced := 0, 0, 0
		for _, a := range by[f.ID] {
			tf.Actions = append(tf.Actions, TraceAction{a.ID, a.Title, a.Priority, a.Status, a.RAG, a.Evidence})
			switch {
			case a.Status == Dropped:
				continue
			case a.Status.Open():
				open++
			case a.Evidence == "":
				unevidenced++
			}
			live++
		}
		switch {
		case live == 0:
			tf.State = Unaddressed
		case open > 0:
			tf.State = Open
		case unevidenced > 0:
			tf.State = AwaitingEvidence
		default:
			tf.State = Met
		}
		out = append(out, tf)
	}
	slices.SortStableFunc(out, func(a, b TraceFinding) int {
		if (a.State == Unaddressed) == (b.State == Unaddressed) {
			return 0
		}
		if a.State == Unaddressed {
			return -1
		}
		return 1
	})
	return out
}
