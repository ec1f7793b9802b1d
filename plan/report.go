package plan

import (
	"fmt"
	"slices"
	"strings"
)

// CardAction is an action as a priority's report card shows it.
type CardAction struct {
	ID, Title, Owner string
	OwnerName        string // the owner's name, for people (Plan.OwnerName)
	Due              Date
	Status           Status
	RAG              RAG // the action's own rating
	Overdue          bool
	DaysLate         int
	Note, Evidence   string
	// Completed is the action's completed date, or zero; CompletedLate
	// is how many days after the due date it was completed (0 when on
	// time or not done).
	Completed     Date
	CompletedLate int
	// OriginalDue is the due date before the first re-baselining of
	// due, or zero when due was never re-baselined.
	OriginalDue Date
	// Confidence is the owner's confidence of delivery, or "".
	Confidence Confidence
}

// Card is one priority's report card.
type Card struct {
	Priority   PriorityStatus
	ThemeTitle string
	OwnerName  string // the priority owner's name and role (Plan.OwnerTitle)
	Actions    []CardAction
	KPIs       []ScorecardRow
	Findings   []TraceFinding // the findings its actions address
	// Decisions are what bodies agreed about the priority, oldest first.
	Decisions []Decision
	// Changes is what changed about the priority, its actions and KPIs
	// since the last report; nil when that is not known.
	Changes *DiffReport
}

// Card returns the report card of the priority with the given id, or an
// error naming the priorities when there is none.
func (p *Plan) Card(id string, asOf Date) (Card, error) {
	status := p.Status(asOf)
	i := slices.IndexFunc(status.Priorities, func(ps PriorityStatus) bool { return ps.ID == id })
	if i < 0 {
		return Card{}, fmt.Errorf("no priority %q in the plan (priorities: %s)", id, strings.Join(ids(p.Priorities, func(pr *Priority) string { return pr.ID }), ", "))
	}
	pr := p.Priorities[slices.IndexFunc(p.Priorities, func(pr *Priority) bool { return pr.ID == id })]
	c := Card{Priority: status.Priorities[i], Actions: []CardAction{}, KPIs: []ScorecardRow{}, Findings: []TraceFinding{}}
	if t := p.Theme(pr.Theme); t != nil {
		c.ThemeTitle = t.Title
	}
	c.OwnerName = p.OwnerTitle(pr.Owner)
	for _, d := range pr.Decisions {
		if !d.Date.After(asOf) {
			c.Decisions = append(c.Decisions, d)
		}
	}
	slices.SortStableFunc(c.Decisions, func(a, b Decision) int { return a.Date.Time().Compare(b.Date.Time()) })
	addressed := map[string]bool{}
	for _, a := range pr.Actions {
		ca := CardAction{ID: a.ID, Title: a.Title, Owner: a.Owner, OwnerName: p.OwnerName(a.Owner), Due: a.Due, Status: a.Status, RAG: a.RAG,
			Overdue: a.IsOverdue(asOf), DaysLate: a.DaysLate(asOf), Note: a.Note, Evidence: a.Evidence, OriginalDue: a.originalDue()}
		if a.Status.Open() {
			ca.Confidence = a.Confidence
		}
		if a.Status == Done && !a.Completed.IsZero() && !a.Completed.After(asOf) {
			ca.Completed = a.Completed
			ca.CompletedLate = a.completedLate()
		}
		if !ca.OriginalDue.Before(a.Due) && !ca.OriginalDue.After(a.Due) {
			ca.OriginalDue = Date{}
		}
		c.Actions = append(c.Actions, ca)
		for _, f := range a.Addresses {
			addressed[f] = true
		}
	}
	for _, k := range pr.KPIs {
		for _, f := range k.Addresses {
			addressed[f] = true
		}
	}
	for _, row := range p.Scorecard(asOf) {
		if row.Priority == id {
			c.KPIs = append(c.KPIs, row)
		}
	}
	for _, tf := range p.TraceAsOf(asOf) {
		if addressed[tf.ID] {
			c.Findings = append(c.Findings, tf)
		}
	}
	return c, nil
}

// Members returns the ids of a priority, its actions and its KPIs.
func (p *Plan) Members(priority string) map[string]bool {
	m := map[string]bool{}
	for _, pr := range p.Priorities {
		if pr.ID != priority {
			continue
		}
		m[pr.ID] = true
		for _, a := range pr.Actions {
			m[a.ID] = true
		}
		for _, k := range pr.KPIs {
			m[k.ID] = true
		}
	}
	return m
}

// Only returns the changes to the items whose ids are in keep, with their
// summary.
func (r DiffReport) Only(keep map[string]bool) DiffReport {
	out := DiffReport{}
	for _, c := range r.Changes {
		if keep[c.ID] {
			out.Changes = append(out.Changes, c)
		}
	}
	out.Summary = summariseChanges(out.Changes)
	return out
}

// withoutFields returns r without changes to the named fields; an item
// left with no change is left out.
func (r DiffReport) withoutFields(fields ...string) DiffReport {
	out := DiffReport{}
	for _, c := range r.Changes {
		if c.Type == Modified {
			c.Fields = slices.DeleteFunc(slices.Clone(c.Fields), func(f FieldChange) bool { return slices.Contains(fields, f.Field) })
			if len(c.Fields) == 0 {
				continue
			}
		}
		out.Changes = append(out.Changes, c)
	}
	out.Summary = summariseChanges(out.Changes)
	return out
}

// Audience is who a report is for.
type Audience string

// The audiences.
const (
	ForInternal Audience = "internal"
	ForPublic   Audience = "public" // without notes or anything marked visibility: internal
)

// ForAudience returns the plan as the audience may see it: for the public,
// a copy without the actions, KPIs and findings marked visibility:
// internal, and without any notes. (Evidence is kept, since it decides
// whether a finding is met; the public Report leaves it out.)
func (p *Plan) ForAudience(a Audience) *Plan {
	if a != ForPublic {
		return p
	}
	out := *p
	out.Findings = slices.DeleteFunc(slices.Clone(p.Findings), func(f *Finding) bool { return f.Visibility == Internal })
	public := map[string]bool{}
	for _, f := range out.Findings {
		public[f.ID] = true
	}
	out.Priorities = nil
	for _, pr := range p.Priorities {
		c := *pr
		c.Actions, c.KPIs = nil, nil
		for _, a := range pr.Actions {
			if a.Visibility == Internal {
				continue
			}
			ac := *a
			ac.Note = ""
			ac.Addresses = slices.DeleteFunc(slices.Clone(a.Addresses), func(id string) bool { return !public[id] })
			c.Actions = append(c.Actions, &ac)
		}
		for _, k := range pr.KPIs {
			if k.Visibility != Internal {
				c.KPIs = append(c.KPIs, k)
			}
		}
		out.Priorities = append(out.Priorities, &c)
	}
	return &out
}

// Report is a board pack: everything an Improvement Board or committee is
// shown, computed once so that every output shows the same figures.
type Report struct {
	Title, Organisation string
	AsOf                Date
	Audience            Audience
	Since               string       // the last report this one compares with; "" when unknown
	Status              StatusReport // rating counts by theme and priority
	Changes             *DiffReport  // since the last report; nil when unknown
	NoChanges           string       // when Changes is nil, why: said where the changes would be
	Exceptions          []Exception
	Cards               []Card // one per priority, in plan order
	Trace               []TraceFinding
	Glossary            []*Term // exactly the terms the report's texts use
	// Risks is the risk register, or nil when the plan has no risks (the
	// pack then has no risk page).
	Risks *RiskReport
}

// Report builds the board pack of p (already narrowed to its audience)
// on asOf. changes is what changed since the report labelled since, with
// both versions narrowed to the same audience; nil when not known.
func (p *Plan) Report(asOf Date, audience Audience, changes *DiffReport, since string) Report {
	if changes != nil && audience == ForPublic {
		c := changes.withoutFields("evidence", "note")
		changes = &c
	}
	r := Report{
		Title: p.Title, Organisation: p.Organisation, AsOf: asOf, Audience: audience, Since: since,
		Status: p.Status(asOf), Changes: changes, Exceptions: p.Exceptions(asOf, changes), Trace: p.TraceAsOf(asOf),
	}
	for _, pr := range p.Priorities {
		c, _ := p.Card(pr.ID, asOf)
		if changes != nil {
			only := changes.Only(p.Members(pr.ID))
			c.Changes = &only
		}
		r.Cards = append(r.Cards, c)
	}
	if p.HasRisks() {
		rr := p.Risks(asOf)
		r.Risks = &rr
	}
	var texts []string
	for _, rt := range p.ReaderTexts() {
		texts = append(texts, rt.Text)
	}
	for _, e := range r.Exceptions {
		texts = append(texts, e.Reasons...)
	}
	if changes != nil {
		for _, c := range changes.Changes {
			texts = append(texts, c.Title)
			for _, f := range c.Fields {
				texts = append(texts, f.Old, f.New)
			}
		}
	}
	r.Glossary = termsIn(p.Glossary, texts)
	if audience == ForPublic {
		r.withoutEvidence()
	}
	return r
}

// withoutEvidence leaves out the evidence of every action: internal
// documents a public pack does not cite. Findings keep the state it gave
// them.
func (r *Report) withoutEvidence() {
	findings := func(fs []TraceFinding) {
		for i := range fs {
			fs[i].Actions = slices.Clone(fs[i].Actions)
			for j := range fs[i].Actions {
				fs[i].Actions[j].Evidence = ""
			}
		}
	}
	for i := range r.Cards {
		c := &r.Cards[i]
		c.Actions = slices.Clone(c.Actions)
		for j := range c.Actions {
			c.Actions[j].Evidence = ""
		}
		findings(c.Findings)
	}
	findings(r.Trace)
}
