package plan

import "fmt"

// PlanFile is the name of the file that marks a plan directory.
const PlanFile = "plan.yaml"

// Pos is a place in a plan file: the file's slash-separated path relative to
// the plan directory, and a 1-based line and column (counted in characters).
type Pos struct {
	File   string
	Line   int
	Column int
}

// String formats p as FILE:LINE:COL.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Status is the delivery state of an action.
type Status string

// The statuses an action may have.
const (
	Planned    Status = "planned"
	InProgress Status = "in-progress"
	Done       Status = "done"
	Dropped    Status = "dropped"
)

// Open reports whether the action is still to be delivered (planned or in
// progress).
func (s Status) Open() bool { return s == Planned || s == InProgress }

// RAG is a red/amber/green rating. Actions carry the rating their owner
// gives them; priorities, themes and KPIs have ratings computed from their
// contents, which may also be Complete (every action done: blue in BRAG) or
// Unrated.
type RAG string

// The ratings.
const (
	Unrated  RAG = ""
	Red      RAG = "red"
	Amber    RAG = "amber"
	Green    RAG = "green"
	Complete RAG = "complete"
)

// String returns the rating's name, "unrated" for Unrated.
func (r RAG) String() string {
	if r == Unrated {
		return "unrated"
	}
	return string(r)
}

// MarshalText returns the rating's name, "unrated" for Unrated.
func (r RAG) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// severity orders ratings for roll-ups: the worst rating wins. An open but
// unrated action outranks complete ones (the priority is not complete) and
// is outranked by any real rating.
func (r RAG) severity() int {
	switch r {
	case Red:
		return 4
	case Amber:
		return 3
	case Green:
		return 2
	case Unrated:
		return 1
	default: // Complete
		return 0
	}
}

// Better says which direction of a KPI is an improvement.
type Better string

// The directions a KPI may improve in.
const (
	Higher Better = "higher"
	Lower  Better = "lower"
)

// Plan is a whole improvement plan: the contents of plan.yaml and of every
// priority file below it.
type Plan struct {
	// Name names the plan among several (its directory, as the user gave
	// it); "" when only one plan is read. Reports copy it into their rows.
	Name         string
	Title        string
	Organisation string
	Period       Period
	Themes       []*Theme
	Owners       []*Owner
	Findings     []*Finding
	Glossary     []*Term
	Priorities   []*Priority // in file order
	Pos          Pos         // start of plan.yaml
	src          source

	// partial is set when a priority file could not be read as a priority:
	// rules that need the whole plan, such as unaddressed-finding, skip.
	partial bool

	// targetHistory holds, by KPI id, the changes to targets and
	// tolerances the plan's history shows and no re-baselining records.
	targetHistory map[string][]TargetChange

	// Bodies are the bodies plan.yaml declares; ReportingBodies adds the
	// defaults.
	Bodies []*Body
}

// Period is the span of time a plan covers. Either end may be zero.
type Period struct {
	Start, End Date
}

// Theme groups priorities.
type Theme struct {
	ID, Title string
	Pos       Pos
}

// Owner is someone accountable for priorities, actions and KPIs.
type Owner struct {
	ID, Name    string
	Role, Email string // optional
	Pos         Pos
}

// Label returns the owner's name, or its id when it has none.
func (o *Owner) Label() string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// Finding is something the plan must answer: an inspection recommendation,
// a peer review finding, an advisor's point.
type Finding struct {
	ID, Source, Text string
	Visibility       Visibility
	Pos              Pos
	src              source
}

// Visibility says who may see an action, KPI or finding.
type Visibility string

// The visibilities. An item with no visibility is public.
const (
	Public   Visibility = "public"
	Internal Visibility = "internal" // left out of reports for the public
)

// Frequency is how often a KPI is reported.
type Frequency string

// The frequencies, and how many months each period lasts.
const (
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Annual    Frequency = "annual"
)

// Adverb says how often: "monthly", "quarterly", "annually".
func (f Frequency) Adverb() string {
	if f == Annual {
		return "annually"
	}
	return string(f)
}

// Months returns the length of the period in months, 0 for none.
func (f Frequency) Months() int {
	switch f {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case Annual:
		return 12
	}
	return 0
}

// Term is one glossary entry.
type Term struct {
	Term, Meaning string
	Pos           Pos
}

// Priority is one priority file: what is to be achieved, the actions that
// deliver it and the KPIs that measure it.
type Priority struct {
	ID, Theme, Title, Owner string
	Actions                 []*Action
	KPIs                    []*KPI
	// Decisions are what bodies agreed about the priority, in file order.
	Decisions []Decision
	Pos       Pos
	src       source
	// Risks are the risks to delivering the priority, in file order.
	Risks []*Risk
}

// Action is one thing to be done, by an owner, by a date.
type Action struct {
	ID, Title string
	// Owner is the action's own owner, or its priority's when it names none.
	Owner     string
	Due       Date // zero when undated
	Status    Status
	RAG       RAG // the owner's rating; Unrated when absent
	Addresses []string
	Note      string
	// Evidence says how completion was shown: an audit, a monitoring letter.
	Evidence   string
	Visibility Visibility
	// Completed is the day the action was done, when recorded; zero
	// otherwise.
	Completed Date
	// Reviewed is the day the owner last confirmed the rating and note;
	// zero when not recorded.
	Reviewed Date
	// Rebaselined records approved changes to the action's due date.
	Rebaselined []Rebaseline
	// Confidence is the owner's confidence of delivery by the due date;
	// "" when not given.
	Confidence Confidence
	Priority   string // id of the priority the action belongs to
	Pos        Pos
	src        source
}

// Rebaseline records an approved change to a date or target, so that a
// review gate accepts the change and reports it as re-baselined.
type Rebaseline struct {
	Date     Date   // when the change was approved
	Field    string // the field changed: due for an action; target or tolerance for a KPI
	From     string // the value before the change, as written; "" when not recorded
	Reason   string
	Approved string // who approved it: "Improvement Board 2026-12-01"; "" while proposed
	Pos      Pos
}

// Proposed reports whether the re-baselining is only proposed: no one has
// approved it yet.
func (r Rebaseline) Proposed() bool { return r.Approved == "" }

// KPI is a key performance indicator with a target and dated actuals.
type KPI struct {
	ID, Title, Unit string
	// Owner is the KPI's own owner, or its priority's when it names none.
	Owner     string
	Better    Better
	Target    float64
	Tolerance float64
	Actuals   []Actual // in date order
	Frequency Frequency
	// Visibility says who may see the KPI.
	Visibility Visibility
	// Rebaselined records approved changes to the KPI's target or tolerance.
	Rebaselined []Rebaseline
	Priority    string // id of the priority the KPI belongs to
	Pos         Pos
	src         source
	// Baseline is where the KPI started; nil when not recorded.
	Baseline *Actual
	// Trajectory holds the dated interim targets, in date order; empty
	// when the KPI is rated against its target alone.
	Trajectory []Actual
	// Addresses are the ids of the findings whose impact the KPI measures.
	Addresses []string
}

// Actual is one measured value of a KPI.
type Actual struct {
	Date  Date
	Value float64
	Pos   Pos
}

// source remembers where each field of an entity was written and which
// fields held values that could not be understood, so that later rules
// point at the right line and do not report one mistake twice.
type source struct {
	pos       []fieldPos      // where each field's value was written
	bad       map[string]bool // fields with bad values; nil when none
	addresses []Pos           // where each id in an action's addresses was written
}

type fieldPos struct {
	field string
	pos   Pos
}

// at returns the position of field, or def when the field was not written.
func (s source) at(field string, def Pos) Pos {
	for _, fp := range s.pos {
		if fp.field == field {
			return fp.pos
		}
	}
	return def
}

// FieldPos returns where field of the finding was written, or the
// finding's own position when it was not.
func (f *Finding) FieldPos(field string) Pos { return f.src.at(field, f.Pos) }

// FieldPos returns where field of plan.yaml was written, or its start.
func (p *Plan) FieldPos(field string) Pos { return p.src.at(field, p.Pos) }

// FieldPos returns where field of the action was written, or the action's
// own position when it was not.
func (a *Action) FieldPos(field string) Pos { return a.src.at(field, a.Pos) }

// FieldPos returns where field of the KPI was written, or the KPI's own
// position when it was not.
func (k *KPI) FieldPos(field string) Pos { return k.src.at(field, k.Pos) }

// FieldPos returns where field of the priority was written, or the
// priority's own position when it was not.
func (p *Priority) FieldPos(field string) Pos { return p.src.at(field, p.Pos) }

// Theme returns the theme with the given id, or nil.
func (p *Plan) Theme(id string) *Theme {
	for _, t := range p.Themes {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Owner returns the owner with the given id, or nil.
func (p *Plan) Owner(id string) *Owner {
	for _, o := range p.Owners {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// OwnerName returns what a person reading a report calls the owner with
// the given id: the owner's name, or the id itself when the plan has no
// such owner or it has no name. Every human-facing renderer shows owners
// through it; JSON, CSV meant for machines, and anything a command reads
// back keep the id.
func (p *Plan) OwnerName(id string) string {
	if o := p.Owner(id); o != nil {
		return o.Label()
	}
	return id
}

// OwnerTitle is OwnerName followed by the owner's role when it has one
// ("Jo Bloggs, Head of Service"), for the heading of a report card.
func (p *Plan) OwnerTitle(id string) string {
	if o := p.Owner(id); o != nil && o.Role != "" && o.Name != "" {
		return o.Name + ", " + o.Role
	}
	return p.OwnerName(id)
}

// Action returns the action with the given id, or nil.
func (p *Plan) Action(id string) *Action {
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if a.ID == id {
				return a
			}
		}
	}
	return nil
}

// KPI returns the KPI with the given id, or nil.
func (p *Plan) KPI(id string) *KPI {
	for _, pr := range p.Priorities {
		for _, k := range pr.KPIs {
			if k.ID == id {
				return k
			}
		}
	}
	return nil
}

// AsOf returns the KPI as it stood on d: with only the actuals dated on or
// before d. An actual dated later is a mistake (see RuleFutureActual), and
// must not rate the KPI. The KPI itself is returned when it has none.
func (k *KPI) AsOf(d Date) *KPI {
	n := len(k.Actuals)
	for n > 0 && k.Actuals[n-1].Date.After(d) {
		n--
	}
	if n == len(k.Actuals) {
		return k
	}
	c := *k
	c.Actuals = k.Actuals[:n:n]
	return &c
}

// Latest returns the KPI's most recent actual and true, or false when it has
// none.
func (k *KPI) Latest() (Actual, bool) {
	if len(k.Actuals) == 0 {
		return Actual{}, false
	}
	return k.Actuals[len(k.Actuals)-1], true
}

// Confidence is an owner's confidence that an action will be delivered by
// its due date.
type Confidence string

// The confidence levels.
const (
	HighConfidence   Confidence = "high"
	MediumConfidence Confidence = "medium"
	LowConfidence    Confidence = "low"
)

// Decision is a decision of a body about a priority: remedial actions
// agreed by the Improvement Board, say.
type Decision struct {
	Date       Date
	Body, Text string
	Actions    []string // the ids of the actions agreed
	Pos        Pos
	actionsPos []Pos // where each id of Actions is written
}

// Risk is a risk to delivering a priority, scored likelihood x impact.
type Risk struct {
	ID, Title string
	// Owner is the risk's own owner, or its priority's when it names none.
	Owner string
	// Likelihood and Impact are the current scores, 1 to 5; 0 when not
	// given or out of range.
	Likelihood, Impact int
	// Target is the score aimed for, 1 to 25; 0 when none is set.
	Target   int
	Controls string
	// Mitigations are the ids of the actions that reduce the risk.
	Mitigations []string
	// Reviewed is the day the scores were last reviewed; zero when not
	// recorded.
	Reviewed Date
	Priority string // id of the priority the risk belongs to
	Pos      Pos
	src      source
}

// Score is the risk's current score, likelihood x impact (1-25), or 0
// when either is missing.
func (r *Risk) Score() int { return r.Likelihood * r.Impact }

// AboveTarget reports whether the risk's current score is above its
// target; a risk with no target or no score is not.
func (r *Risk) AboveTarget() bool { return r.Target > 0 && r.Score() > r.Target }

// FieldPos returns where field of the risk was written, or the risk's own
// position when it was not.
func (r *Risk) FieldPos(field string) Pos { return r.src.at(field, r.Pos) }

// Risk returns the risk with the given id, or nil.
func (p *Plan) Risk(id string) *Risk {
	for _, pr := range p.Priorities {
		for _, r := range pr.Risks {
			if r.ID == id {
				return r
			}
		}
	}
	return nil
}
