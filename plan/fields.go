package plan

import (
	"slices"
	"strings"
)

// This file is the one description of the fields of plan files. The
// loader's unknown- and missing-field checks and allowed words, the JSON
// Schema, Fields and Words, plan set and shell completion all read it: a
// new field is added here (and read into the plan's types in load.go).

// FieldType is the kind of value a field holds.
type FieldType string

// The kinds of value.
const (
	TypeText        FieldType = "text"        // one line of text; when required, not blank
	TypeID          FieldType = "id"          // an id: letters, digits, '.', '_' and '-'
	TypeDate        FieldType = "date"        // YYYY-MM-DD
	TypeNumber      FieldType = "number"      // a plain decimal number
	TypeWord        FieldType = "word"        // one of the field's Words
	TypeIDList      FieldType = "id-list"     // a list of ids, as [F1, F2]
	TypeList        FieldType = "list"        // a list of mappings of the kind Of
	TypeObject      FieldType = "object"      // one mapping of the kind Of
	TypeActuals     FieldType = "actuals"     // a KPI's DATE: VALUE mapping
	TypeRebaselines FieldType = "rebaselines" // a list of rebaselined entries
	TypeGlossary    FieldType = "glossary"    // a TERM: meaning mapping
)

// FieldSpec describes one field of a kind of mapping in a plan file.
type FieldSpec struct {
	Name     string
	Type     FieldType
	Required bool
	// Words are, for a TypeWord field, the words it allows in the
	// documented order; for a TypeRebaselines field, the fields whose
	// changes its entries record.
	Words []string
	// Of is, for a TypeList or TypeObject field, the kind of mapping its
	// entries or its value are (a name Fields knows).
	Of string
	// Ref is, for a TypeID or TypeIDList field that names other items,
	// the kind of item it names.
	Ref Kind
	// Settable fields can be changed with plan set.
	Settable bool
	// NonNegative numbers may not be below zero.
	NonNegative bool
	// Doc says what the field means, in a sentence: editors show it.
	Doc string

	hints map[string]string // words people write instead of Words, with what to write
}

// Removable reports whether plan set may empty the field: it is settable
// and optional.
func (f FieldSpec) Removable() bool { return f.Settable && !f.Required }

// mapping is a kind of mapping in a plan file and its fields, in the
// documented order.
type mapping struct {
	name   string
	doc    string
	fields []FieldSpec
	names  []string // the fields' names, for the loader and Fields
}

const visibilityDoc = "Who may see it: public (the default) or internal, which public board papers leave out."

var (
	statusWords     = []string{string(Planned), string(InProgress), string(Done), string(Dropped)}
	ragWords        = []string{string(Red), string(Amber), string(Green)}
	visibilityWords = []string{string(Public), string(Internal)}
	frequencyWords  = []string{string(Monthly), string(Quarterly), string(Annual)}
	betterWords     = []string{string(Higher), string(Lower)}
	confidenceWords = []string{string(HighConfidence), string(MediumConfidence), string(LowConfidence)}
)

// mappings is the table of fields, by kind of mapping.
var mappings = withNames([]mapping{
	{name: "plan", doc: "An improvement plan: plan.yaml, at the root of the plan directory. Its priorities are in the other .yaml files below it.", fields: []FieldSpec{
		{Name: "title", Type: TypeText, Required: true, Doc: "The plan's title, as the board papers give it."},
		{Name: "organisation", Type: TypeText, Required: true, Doc: "The council or organisation the plan belongs to."},
		{Name: "period", Type: TypeObject, Of: "period", Doc: "The dates the plan runs from and to."},
		{Name: "themes", Type: TypeList, Of: "theme", Required: true, Doc: "The plan's themes; each priority belongs to one."},
		{Name: "owners", Type: TypeList, Of: "owner", Required: true, Doc: "Who owns priorities, actions and KPIs: each an id used in owner fields, and a name or role."},
		{Name: "findings", Type: TypeList, Of: "finding", Doc: "The inspection's findings (areas for improvement) that actions address."},
		{Name: "glossary", Type: TypeGlossary, Doc: "Acronyms and terms readers will meet, each with its meaning: TERM: meaning."},
		{Name: "bodies", Type: TypeList, Of: "body", Doc: "The bodies the plan is reported to, besides (or changing) the defaults board, dfe and ofsted: plan snapshot ID records what each was shown."},
	}},
	{name: "period", fields: []FieldSpec{
		{Name: "start", Type: TypeDate, Required: true, Doc: "The first day of the plan."},
		{Name: "end", Type: TypeDate, Required: true, Doc: "The last day of the plan."},
	}},
	{name: "theme", doc: "A theme of the plan.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The theme's id, used by priorities' theme field."},
		{Name: "title", Type: TypeText, Required: true, Settable: true, Doc: "The theme's title."},
	}},
	{name: "owner", doc: "Someone who owns priorities, actions or KPIs.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The owner's id, used in owner fields."},
		{Name: "name", Type: TypeText, Required: true, Settable: true, Doc: "The owner's name or role."},
		{Name: "role", Type: TypeText, Settable: true, Doc: "The owner's job title, such as Head of Service, Safeguarding."},
		{Name: "email", Type: TypeText, Settable: true, Doc: "The owner's email address, which plan digest -o eml writes to."},
	}},
	{name: "finding", doc: "A finding of an inspection or review that the plan answers.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The finding's id, used by actions' addresses field."},
		{Name: "source", Type: TypeText, Settable: true, Doc: "Where the finding comes from, such as the inspection and its date."},
		{Name: "text", Type: TypeText, Required: true, Settable: true, Doc: "What the finding says."},
		{Name: "visibility", Type: TypeWord, Words: visibilityWords, Settable: true, Doc: visibilityDoc},
	}},
	{name: "priority", doc: "A priority of an improvement plan, with its actions and KPIs: one file below the plan directory.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The priority's id, such as P8; its actions are usually P8.1, P8.2 and its KPIs P8.K1."},
		{Name: "theme", Type: TypeID, Ref: KindTheme, Required: true, Settable: true, Doc: "The id of the theme in plan.yaml this priority belongs to."},
		{Name: "title", Type: TypeText, Required: true, Settable: true, Doc: "The priority's title."},
		{Name: "owner", Type: TypeID, Ref: KindOwner, Required: true, Settable: true, Doc: "The id of the owner in plan.yaml who leads this priority."},
		{Name: "actions", Type: TypeList, Of: "action", Doc: "What will be done, by whom and by when."},
		{Name: "kpis", Type: TypeList, Of: "kpi", Doc: "The measures that show whether the priority is working."},
		{Name: "decisions", Type: TypeList, Of: "decision", Doc: "Remedial actions agreed by a body such as the Improvement Board: when, by whom, what, and the actions agreed."},
		{Name: "risks", Type: TypeList, Of: "risk", Doc: "The risks to delivering the priority, each scored likelihood x impact."},
	}},
	{name: "action", doc: "One action of the priority.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The action's id, unique in the plan, such as P8.1."},
		{Name: "title", Type: TypeText, Required: true, Settable: true, Doc: "What will be done."},
		{Name: "owner", Type: TypeID, Ref: KindOwner, Settable: true, Doc: "The id of the owner in plan.yaml; the priority's owner when left out."},
		{Name: "due", Type: TypeDate, Settable: true, Doc: "The day the action is due, YYYY-MM-DD."},
		{Name: "status", Type: TypeWord, Words: statusWords, Required: true, Settable: true, Doc: "Where the action stands.", hints: map[string]string{
			"complete": `write "done"`, "completed": `write "done"`, "closed": `write "done"`, "finished": `write "done"`,
			"in progress": `write "in-progress"`, "inprogress": `write "in-progress"`, "in_progress": `write "in-progress"`,
			"ongoing": `write "in-progress"`, "started": `write "in-progress"`, "open": `write "in-progress" or "planned"`,
			"not started": `write "planned"`, "not-started": `write "planned"`, "todo": `write "planned"`,
			"cancelled": `write "dropped"`, "canceled": `write "dropped"`, "withdrawn": `write "dropped"`,
		}},
		{Name: "rag", Type: TypeWord, Words: ragWords, Settable: true, Doc: "The RAG rating of an open action: red (off track), amber (at risk) or green (on track). A done action is shown as complete; do not rate it blue.", hints: map[string]string{
			"blue":     `blue (complete) is not written by hand: set status: done`,
			"complete": `complete is not written by hand: set status: done`,
			"yellow":   `write "amber"`, "orange": `write "amber"`,
			"r": `write "red"`, "a": `write "amber"`, "g": `write "green"`,
		}},
		{Name: "addresses", Type: TypeIDList, Ref: KindFinding, Doc: "The ids of the findings in plan.yaml this action answers, as [F1, F2]."},
		{Name: "note", Type: TypeText, Settable: true, Doc: "The latest position, in a sentence or two."},
		{Name: "evidence", Type: TypeText, Settable: true, Doc: "What shows the action is done: an audit, minutes, a report."},
		{Name: "visibility", Type: TypeWord, Words: visibilityWords, Settable: true, Doc: visibilityDoc},
		{Name: "completed", Type: TypeDate, Settable: true, Doc: "The day the action was done, as plan done records it."},
		{Name: "reviewed", Type: TypeDate, Settable: true, Doc: "The day the owner last confirmed the rating and note, changed or not; the stale rule counts it as a change."},
		{Name: "confidence", Type: TypeWord, Words: confidenceWords, Settable: true, Doc: "The owner's confidence that the action will be delivered by its due date: high, medium or low. Exceptions list open actions with low confidence."},
		{Name: "rebaselined", Type: TypeRebaselines, Words: []string{"due"}, Doc: "Agreed changes to the due date, each with who approved it."},
	}},
	{name: "kpi", doc: "A key performance indicator of the priority.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The KPI's id, unique in the plan, such as P8.K1."},
		{Name: "title", Type: TypeText, Required: true, Settable: true, Doc: "What is measured."},
		{Name: "owner", Type: TypeID, Ref: KindOwner, Settable: true, Doc: "The id of the owner in plan.yaml; the priority's owner when left out."},
		{Name: "unit", Type: TypeText, Settable: true, Doc: "The unit the values are in, such as %, days or children."},
		{Name: "better", Type: TypeWord, Words: betterWords, Required: true, Settable: true, Doc: "Which way is better: higher or lower values.", hints: map[string]string{
			"up": `write "higher"`, "high": `write "higher"`, "increase": `write "higher"`,
			"down": `write "lower"`, "low": `write "lower"`, "decrease": `write "lower"`,
		}},
		{Name: "target", Type: TypeNumber, Required: true, Settable: true, Doc: "The value aimed for."},
		{Name: "tolerance", Type: TypeNumber, NonNegative: true, Settable: true, Doc: "How far from the target still counts as amber rather than red; not negative."},
		{Name: "frequency", Type: TypeWord, Words: frequencyWords, Settable: true, Doc: "How often a new actual is due.", hints: map[string]string{
			"yearly": `write "annual"`, "annually": `write "annual"`, "month": `write "monthly"`, "quarter": `write "quarterly"`,
		}},
		{Name: "visibility", Type: TypeWord, Words: visibilityWords, Settable: true, Doc: visibilityDoc},
		{Name: "actuals", Type: TypeActuals, Doc: "The measured values, one line each: DATE: VALUE, such as 2026-03-31: 42."},
		{Name: "rebaselined", Type: TypeRebaselines, Words: []string{"target", "tolerance", "trajectory"}, Doc: "Agreed changes to the target, tolerance or a trajectory point, each with who approved it."},
		{Name: "baseline", Type: TypeObject, Of: "baseline", Doc: "Where the KPI started: the date and value the trajectory runs from."},
		{Name: "trajectory", Type: TypeActuals, Doc: "Dated interim targets on the way to the target, one line each: DATE: VALUE, such as 2026-03-31: 35; the KPI is rated against the value in force at its latest actual."},
		{Name: "addresses", Type: TypeIDList, Ref: KindFinding, Doc: "The ids of the findings in plan.yaml whose impact the KPI measures, as [F1, F2]."},
	}},
	{name: "decision", doc: "A decision of a body, such as remedial actions agreed by the Improvement Board.", fields: []FieldSpec{
		{Name: "date", Type: TypeDate, Required: true, Doc: "The day the body decided, YYYY-MM-DD."},
		{Name: "body", Type: TypeText, Required: true, Doc: "Who decided, such as the Improvement Board."},
		{Name: "text", Type: TypeText, Required: true, Doc: "What was agreed."},
		{Name: "actions", Type: TypeIDList, Ref: KindAction, Doc: "The ids of the actions agreed, as [P1.4, P1.5]."},
	}},
	{name: "risk", doc: "A risk to delivering the priority, scored likelihood x impact (1-25).", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The risk's id, unique in the plan, such as P8.R1."},
		{Name: "title", Type: TypeText, Required: true, Settable: true, Doc: "What could go wrong."},
		{Name: "owner", Type: TypeID, Ref: KindOwner, Settable: true, Doc: "The id of the owner in plan.yaml; the priority's owner when left out."},
		{Name: "likelihood", Type: TypeNumber, Required: true, Settable: true, Doc: "How likely the risk is now, from 1 (rare) to 5 (almost certain)."},
		{Name: "impact", Type: TypeNumber, Required: true, Settable: true, Doc: "How much harm it would do now, from 1 (negligible) to 5 (severe)."},
		{Name: "target", Type: TypeNumber, Settable: true, Doc: "The score (likelihood x impact, 1-25) the controls and mitigations aim to bring it to."},
		{Name: "controls", Type: TypeText, Settable: true, Doc: "What is in place now to manage the risk."},
		{Name: "mitigations", Type: TypeIDList, Ref: KindAction, Doc: "The ids of the actions that reduce the risk, as [P8.1, P8.2]."},
		{Name: "reviewed", Type: TypeDate, Settable: true, Doc: "The day the risk's scores were last reviewed; plan exceptions lists risks not reviewed within 90 days."},
	}},
	{name: "rebaselined", doc: "A change to a date or target, agreed and recorded.", fields: []FieldSpec{
		{Name: "date", Type: TypeDate, Required: true, Doc: "The day the change was agreed."},
		// The words of field are the Words of the rebaselined field
		// holding the entry; from is checked as the field it records.
		{Name: "field", Type: TypeWord, Required: true, Doc: "The field that changed."},
		{Name: "from", Type: TypeText, Doc: "What the field was before."},
		{Name: "reason", Type: TypeText, Required: true, Doc: "Why it changed."},
		{Name: "approved", Type: TypeText, Doc: "Who approved it, such as the Improvement Board; left out while the change is only proposed, which check lists as awaiting approval and the review gate refuses."},
	}},
	{name: "baseline", doc: "A KPI's starting point.", fields: []FieldSpec{
		{Name: "date", Type: TypeDate, Required: true, Doc: "The day the baseline was measured."},
		{Name: "value", Type: TypeNumber, Required: true, Doc: "The value measured."},
	}},
	{name: "body", doc: "A body the plan is reported to, such as a scrutiny committee.", fields: []FieldSpec{
		{Name: "id", Type: TypeID, Required: true, Doc: "The body's id, as plan snapshot ID and --since ID take it, such as scrutiny; board, dfe and ofsted change the defaults."},
		{Name: "name", Type: TypeText, Doc: "The body's name, such as Children's Scrutiny Committee."},
		{Name: "cycle", Type: TypeText, Doc: "How often it sees the plan: weekly, fortnightly, monthly, quarterly, annual, Nw (every N weeks, such as 6w) or Nm (every N months)."},
	}},
})

func withNames(ms []mapping) []mapping {
	for i := range ms {
		for _, f := range ms[i].fields {
			ms[i].names = append(ms[i].names, f.Name)
		}
	}
	return ms
}

// mappingOf returns the kind of mapping with the name, or nil.
func mappingOf(name string) *mapping {
	for i := range mappings {
		if mappings[i].name == name {
			return &mappings[i]
		}
	}
	return nil
}

// spec returns the field with the name, and whether there is one.
func (m *mapping) spec(name string) (FieldSpec, bool) {
	for _, f := range m.fields {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// Mappings lists the kinds of mapping in plan files, as Fields names them:
// plan, period, theme, owner, finding, priority, action, kpi and
// rebaselined.
func Mappings() []string {
	out := make([]string, len(mappings))
	for i, m := range mappings {
		out[i] = m.name
	}
	return out
}

// FieldSpecs returns the fields of a kind of mapping (a name Fields
// knows, or an item's Kind), in the documented order, or nil for any
// other name.
func FieldSpecs(mapping string) []FieldSpec {
	m := mappingOf(mapping)
	if m == nil {
		return nil
	}
	out := slices.Clone(m.fields)
	for i := range out {
		out[i].Words = slices.Clone(out[i].Words)
		out[i].hints = nil
	}
	return out
}

// Field returns the field name of a kind of mapping, and whether it has
// one.
func Field(mapping, name string) (FieldSpec, bool) {
	for _, f := range FieldSpecs(mapping) {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// Settable returns the fields of a kind of item that plan set may change,
// in the documented order, or nil when it may change none.
func Settable(k Kind) []string {
	var out []string
	for _, f := range FieldSpecs(string(k)) {
		if f.Settable {
			out = append(out, f.Name)
		}
	}
	return out
}

// Canonical returns value as the field's word is written when it is one
// of the field's words in any case ("Red" is red), else value as it is.
func (f FieldSpec) Canonical(value string) string {
	for _, w := range f.Words {
		if strings.EqualFold(w, value) {
			return w
		}
	}
	return value
}
