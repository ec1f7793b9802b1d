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
	// Met: every action addressing it is done and evidenced, and every
	// KPI measuring its impact, if any, is green.
	Met TraceState = "met"
	// AwaitingImpact: every action is done and evidenced, but a KPI that
	// measures the finding's impact is not green yet.
	AwaitingImpact TraceState = "awaiting-impact"
)

// TraceAction is an action as the traceability matrix shows it.
type TraceAction struct {
	ID, Title, Priority string
	Status              Status
	RAG                 RAG // the action's own rating
	Evidence            string
}

// TraceKPI is a KPI measuring a finding's impact, as the traceability
// matrix shows it.
type TraceKPI struct {
	ID, Title, Priority string
	Rating              Rating
	Trend               Trend
}

// TraceFinding is one row of the traceability matrix.
type TraceFinding struct {
	ID, Source, Text string
	Actions          []TraceAction // in plan order, dropped ones included
	State            TraceState
	// KPIs are the KPIs whose addresses name the finding, in plan order,
	// rated on the as-of date; nil when none does.
	KPIs []TraceKPI
}

// Delivery is the finding's state from its actions alone: met when every
// live action is done and evidenced, whatever its KPIs say.
func (tf TraceFinding) Delivery() TraceState {
	if tf.State == AwaitingImpact {
		return Met
	}
	return tf.State
}

// Impact sums up the ratings of the KPIs measuring the finding: "none"
// when it has none, "green" when all are green, else the worst rating,
// such as "red" or "unrated".
func (tf TraceFinding) Impact() string {
	if len(tf.KPIs) == 0 {
		return "none"
	}
	worst := Green
	for _, k := range tf.KPIs {
		if k.Rating.RAG != Green && (worst == Green || k.Rating.RAG.severity() > worst.severity()) {
			worst = k.Rating.RAG
		}
	}
	return worst.String()
}

// Trace returns the findings against the actions that address them,
// unaddressed findings first, the rest in plan order. Done is not met: a
// finding is met only when every action addressing it is done and
// evidenced, and every KPI measuring it is green. KPIs are rated on all
// their actuals; see TraceAsOf.
func (p *Plan) Trace() []TraceFinding { return p.TraceAsOf(Date{}) }

// TraceAsOf is Trace with KPIs rated as they stood on asOf (on all their
// actuals when asOf is zero). A finding that only KPIs name is still
// unaddressed: a KPI measures impact, an action delivers.
func (p *Plan) TraceAsOf(asOf Date) []TraceFinding {
	by := map[string][]*Action{}
	kpis := map[string][]TraceKPI{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			for _, f := range a.Addresses {
				by[f] = append(by[f], a)
			}
		}
		for _, k := range pr.KPIs {
			if len(k.Addresses) == 0 {
				continue
			}
			if !asOf.IsZero() {
				k = k.AsOf(asOf)
			}
			tk := TraceKPI{k.ID, k.Title, k.Priority, k.Rate(), k.Trend()}
			for _, f := range k.Addresses {
				kpis[f] = append(kpis[f], tk)
			}
		}
	}
	out := []TraceFinding{}
	for _, f := range p.Findings {
		tf := TraceFinding{ID: f.ID, Source: f.Source, Text: f.Text, Actions: []TraceAction{}, KPIs: kpis[f.ID]}
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
		case tf.Impact() != "none" && tf.Impact() != Green.String():
			tf.State = AwaitingImpact
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
