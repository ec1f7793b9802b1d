package plan

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Register is the plan as tables, one row per item, for a workbook or
// CSV export: the status of each priority, every action, every actual of
// every KPI, the findings and the glossary. Every figure in it is one the
// other commands compute (status, overdue, trace, scorecard, target
// spans).
type Register struct {
	Title, Organisation string
	AsOf                Date
	Audience            Audience
	Status              StatusReport
	Summary             []SummaryRow // one per priority, grouped by theme
	Actions             []RegisterAction
	KPIs                []RegisterActual
	Findings            []RegisterFinding
	Glossary            []*Term // every term, in plan order
	// Risks is the risk register as plan risks computes it, in plan
	// order; empty when the plan has no risks.
	Risks []RiskRow
	// Decisions are the bodies' decisions dated on or before AsOf, by
	// priority in plan order and in file order within each.
	Decisions []RegisterDecision
}

// RegisterDecision is one decision of a body about a priority.
type RegisterDecision struct {
	Priority   string
	Date       Date
	Body, Text string
	Actions    []string // the ids of the actions agreed, never nil
}

// SummaryRow is one priority's line of the status table, with the titles
// and names its ids stand for.
type SummaryRow struct {
	PriorityStatus
	ThemeTitle, OwnerName string
}

// RegisterAction is one action as a register lists it.
type RegisterAction struct {
	Theme, ThemeTitle       string
	Priority, PriorityTitle string
	ID, Title               string
	Owner, OwnerName        string
	Due                     Date
	// OriginalDue is the due date before the action's first recorded
	// re-baselining of due; zero when it was never re-baselined (or the
	// re-baselining does not record a readable date).
	OriginalDue Date
	Status      Status
	// RAG is the owner's rating of an open action, Complete for a done
	// one, Unrated when none is given.
	RAG RAG
	// DaysLate is how many days an open action is overdue, as plan overdue
	// counts them, or how many days after its due date a done action was
	// completed; 0 when neither.
	DaysLate int
	// Completed is the day the action was done: its completed field, else
	// the day the plan's history shows it became done; zero when that is
	// not known.
	Completed      Date
	Note, Evidence string
	Findings       []string // the ids of the findings it addresses
	Visibility     Visibility
	// Confidence is the owner's confidence of delivery by the due date,
	// as recorded; "" when not given.
	Confidence Confidence
}

// RegisterActual is one actual of a KPI, with the target and tolerance in
// force on its date; a KPI with no actuals has one row with no Date.
type RegisterActual struct {
	ID, Title        string
	Priority         string
	Owner, OwnerName string
	Unit             string
	Better           Better
	Frequency        Frequency
	Date             Date // zero for a KPI with no actuals
	Value            float64
	// Target and Tolerance are those in force on Date (see
	// KPI.TargetSpans); the KPI's own for a row with no Date.
	Target, Tolerance float64
	// Rating is the KPI's rating with this actual its latest, against the
	// target and tolerance in force on its date.
	Rating Rating
	// Direction is the direction of travel from the previous actual:
	// Improving, Worsening or Steady; NoTrend for the first.
	Direction  Trend
	Visibility Visibility
	// Baseline is where the KPI started; nil when not recorded.
	Baseline *Actual
	// OnTrajectory is the value the KPI's trajectory requires on Date (see
	// KPI.InForce); HasTrajectory is false when the KPI has no trajectory
	// or the row has no Date.
	OnTrajectory  float64
	HasTrajectory bool
	// Findings are the ids of the findings whose impact the KPI measures.
	Findings []string
}

// RegisterFinding is one finding as a register lists it: a row of the
// traceability matrix.
type RegisterFinding struct {
	ID, Text, Source string
	State            TraceState
	Actions          []string // the ids of the actions addressing it
	Visibility       Visibility
}

// Register returns the register of p on asOf for the audience (p already
// narrowed to it by ForAudience; for the public, evidence is left out too,
// as Report leaves it out). completed gives, by action id, the day
// the plan's history shows each action became done; nil when the history
// is not known. KPI actuals dated after asOf are left out, as the
// scorecard leaves them out.
func (p *Plan) Register(asOf Date, audience Audience, completed map[string]Date) Register {
	r := Register{
		Title: p.Title, Organisation: p.Organisation, AsOf: asOf, Audience: audience,
		Status: p.Status(asOf), Summary: []SummaryRow{},
		Actions: []RegisterAction{}, KPIs: []RegisterActual{}, Findings: []RegisterFinding{},
		Glossary: p.Glossary,
	}
	themeTitle := func(id string) string {
		if t := p.Theme(id); t != nil {
			return t.Title
		}
		return ""
	}
	ownerName := p.OwnerName
	for _, ps := range r.Status.Priorities {
		r.Summary = append(r.Summary, SummaryRow{PriorityStatus: ps, ThemeTitle: themeTitle(ps.Theme), OwnerName: ownerName(ps.Owner)})
	}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			ra := RegisterAction{
				Theme: pr.Theme, ThemeTitle: themeTitle(pr.Theme), Priority: pr.ID, PriorityTitle: pr.Title,
				ID: a.ID, Title: a.Title, Owner: a.Owner, OwnerName: ownerName(a.Owner),
				Due: a.Due, OriginalDue: a.originalDue(), Status: a.Status, RAG: a.RAG,
				Completed: cmpOrDate(a.Completed, completed[a.ID]), Note: a.Note, Evidence: a.Evidence,
				Findings: append([]string{}, a.Addresses...), Visibility: a.Visibility, Confidence: a.Confidence,
			}
			if a.Status == Done {
				ra.RAG = Complete
			} else {
				ra.Completed = Date{} // done once, reopened since
			}
			if ra.Completed.After(asOf) {
				ra.Completed = Date{} // a register as of a day shows nothing later
			}
			switch {
			case a.IsOverdue(asOf):
				ra.DaysLate = a.DaysLate(asOf)
			case !ra.Completed.IsZero() && !a.Due.IsZero() && ra.Completed.After(a.Due):
				ra.DaysLate = ra.Completed.DaysSince(a.Due) // completed late
			}
			if audience == ForPublic {
				ra.Evidence = "" // internal documents, as the public Report leaves out
			}
			r.Actions = append(r.Actions, ra)
		}
		for _, k := range pr.KPIs {
			rows := p.kpiRows(k.AsOf(asOf), ownerName(k.Owner))
			if audience == ForPublic {
				for i := range rows { // only the findings the public is shown, as ForAudience does for actions
					rows[i].Findings = slices.DeleteFunc(slices.Clone(rows[i].Findings), func(id string) bool { return p.finding(id) == nil })
				}
			}
			r.KPIs = append(r.KPIs, rows...)
		}
		for _, d := range pr.Decisions {
			if d.Date.After(asOf) {
				continue // a register as of a day shows nothing later
			}
			rd := RegisterDecision{Priority: pr.ID, Date: d.Date, Body: d.Body, Text: d.Text, Actions: []string{}}
			for _, id := range d.Actions {
				if audience != ForPublic || p.Action(id) != nil { // p is narrowed to the audience
					rd.Actions = append(rd.Actions, id)
				}
			}
			r.Decisions = append(r.Decisions, rd)
		}
	}
	if p.HasRisks() {
		r.Risks = p.Risks(asOf).Risks
	}
	visibility := map[string]Visibility{}
	for _, f := range p.Findings {
		visibility[f.ID] = f.Visibility
	}
	for _, tf := range p.TraceAsOf(asOf) {
		rf := RegisterFinding{ID: tf.ID, Text: tf.Text, Source: tf.Source, State: tf.State, Actions: []string{}, Visibility: visibility[tf.ID]}
		for _, a := range tf.Actions {
			rf.Actions = append(rf.Actions, a.ID)
		}
		r.Findings = append(r.Findings, rf)
	}
	return r
}

// originalDue returns the due date before the first recorded
// re-baselining of due, or the zero Date.
func (a *Action) originalDue() Date {
	first := -1
	for i, rb := range a.Rebaselined {
		if rb.Field == "due" && (first < 0 || rb.Date.Before(a.Rebaselined[first].Date)) {
			first = i
		}
	}
	if first < 0 {
		return Date{}
	}
	d, err := ParseDate(strings.TrimSpace(a.Rebaselined[first].From))
	if err != nil {
		return Date{}
	}
	return d
}

// kpiRows returns the register's rows of k: one per actual, each rated
// against the target in force on its date, or one with no actual.
func (p *Plan) kpiRows(k *KPI, ownerName string) []RegisterActual {
	base := RegisterActual{
		ID: k.ID, Title: k.Title, Priority: k.Priority, Owner: k.Owner, OwnerName: ownerName,
		Unit: k.Unit, Better: k.Better, Frequency: k.Frequency,
		Target: k.Target, Tolerance: k.Tolerance, Rating: Rating{Unrated, "unrated: no actuals yet"},
		Direction: NoTrend, Visibility: k.Visibility, Baseline: k.Baseline,
	}
	base.Findings = append(base.Findings, k.Addresses...)
	if len(k.Actuals) == 0 {
		return []RegisterActual{base}
	}
	spans := k.TargetSpans(p.targetHistory[k.ID])
	out := make([]RegisterActual, 0, len(k.Actuals))
	for i, a := range k.Actuals {
		row := base
		row.Date, row.Value = a.Date, a.Value
		span := spanOn(spans, a.Date)
		row.Target, row.Tolerance = span.Target, span.Tolerance
		then := *k
		then.Actuals = k.Actuals[: i+1 : i+1]
		then.Target, then.Tolerance = span.Target, span.Tolerance
		row.Rating = then.Rate()
		if i > 0 {
			row.Direction = k.step(i)
		}
		if f, ok := k.InForce(a.Date); ok {
			row.OnTrajectory, row.HasTrajectory = f.Value, true
		}
		out = append(out, row)
	}
	return out
}

// spanOn returns the span of spans (oldest first, as TargetSpans returns
// them) in force on d.
func spanOn(spans []TargetSpan, d Date) TargetSpan {
	in := spans[0]
	for _, s := range spans[1:] {
		if s.From.After(d) {
			break
		}
		in = s
	}
	return in
}

// Label returns the status as a heading or cell shows it: "Planned",
// "In progress", "Done", "Dropped".
func (s Status) Label() string { return label(string(s)) }

// Label returns the rating as a cell shows it: "Red", "Amber", "Green",
// "Complete"; "" for Unrated.
func (r RAG) Label() string { return label(string(r)) }

// Label returns the direction of travel in words: "improving",
// "worsening", "no change"; "" for NoTrend.
func (t Trend) Label() string {
	switch t {
	case NoTrend:
		return ""
	case Steady:
		return "no change"
	}
	return string(t)
}

// label capitalises a word of a plan file and writes its hyphens as
// spaces: in-progress is "In progress".
func label(word string) string {
	if word == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + strings.ReplaceAll(word[n:], "-", " ")
}

// cmpOrDate returns the first date that is not zero.
func cmpOrDate(ds ...Date) Date {
	for _, d := range ds {
		if !d.IsZero() {
			return d
		}
	}
	return Date{}
}
