package tracker

import (
	"sort"
	"strings"
	"sync"
	"unicode"
)

// A column is what a heading says a column holds. Most are fields of the
// plan's items (the names are the plan's field names, which a test checks
// against plan.FieldSpecs); the rest name what a tracker holds around
// them: the theme and priority of each row, a KPI's measured values, and
// columns a plan computes (days late), which are read but not imported.
type column string

const (
	colRef         column = "id"
	colTitle       column = "title" // an action's title
	colKPI         column = "kpi"   // a KPI's title
	colOwner       column = "owner" // as written: a name or role
	colOwnerRef    column = "owner-id"
	colDue         column = "due"
	colRAG         column = "rag"
	colStatus      column = "status"
	colNote        column = "note"
	colEvidence    column = "evidence"
	colAddresses   column = "addresses"
	colTheme       column = "theme"
	colThemeRef    column = "theme-id"
	colPriority    column = "priority"
	colPriorityRef column = "priority-id"
	colVisibility  column = "visibility"
	colUnit        column = "unit"
	colBetter      column = "better"
	colTarget      column = "target"
	colTolerance   column = "tolerance"
	colFrequency   column = "frequency"
	colDate        column = "date"  // the date of a KPI's value
	colValue       column = "value" // a KPI's value
	colText        column = "text"  // a finding's text
	colSource      column = "source"
	colTerm        column = "term"
	colMeaning     column = "meaning"
	colComputed    column = "computed"      // what the plan works out itself
	colConfidence  column = "confidence"    // an action's confidence of delivery
	colBaseline    column = "baseline"      // a KPI's baseline value
	colBaselineDay column = "baseline-date" // the date of a KPI's baseline
)

// headings maps each heading, as normalise writes it, to its column. The
// README lists them (TestREADMEListsHeadings keeps it honest).
var headings = map[column][]string{
	colRef: {"ref", "id", "no", "number", "ref no", "reference", "action ref", "action no", "action id", "action number",
		"kpi ref", "kpi id", "kpi no", "measure ref", "measure id", "indicator ref", "finding ref", "finding id", "recommendation no",
		"#", "item", "item no"},
	colTitle: {"action", "actions", "activity", "activities", "milestone", "milestones", "action description",
		"task", "key action", "key actions", "what we will do", "improvement action", "action required"},
	colKPI: {"kpi", "measure", "indicator", "performance measure", "performance indicator", "metric",
		"key performance indicator", "kpi description", "measure description", "pi"},
	colOwner: {"lead", "lead officer", "owner", "responsible", "responsible officer", "action owner", "accountable",
		"accountable officer", "lead person", "who", "responsibility", "kpi owner", "measure owner"},
	colOwnerRef: {"owner ref", "owner id", "lead ref", "lead id"},
	colDue: {"due", "due date", "target date", "deadline", "timescale", "timescales", "by when", "target completion date",
		"completion target", "date due", "end date", "timeframe"},
	colRAG:    {"rag", "rag status", "rag rating", "progress rating", "brag", "brag rating", "current rag", "rating", "rag rating current"},
	colStatus: {"status", "progress status", "action status", "current status", "delivery status"},
	colNote: {"update", "progress update", "commentary", "comments", "comment", "progress", "note", "notes",
		"latest update", "progress to date", "progress commentary", "update on progress", "latest position", "position"},
	colEvidence:    {"evidence", "evidence of impact", "evidence of completion", "evidence impact", "impact evidence", "how will we know", "impact"},
	colAddresses:   {"ofsted recommendation", "ofsted recommendations", "finding", "findings", "recommendation", "recommendations", "recommendation ref", "ofsted ref", "area for improvement", "areas for improvement", "inspection finding", "addresses"},
	colTheme:       {"theme", "theme title", "strategic theme"},
	colThemeRef:    {"theme ref", "theme id", "theme no"},
	colPriority:    {"priority", "priorities", "outcome", "outcomes", "objective", "workstream", "priority area", "priority title"},
	colPriorityRef: {"priority ref", "priority id", "priority no", "outcome ref", "workstream ref"},
	colVisibility:  {"visibility"},
	colUnit:        {"unit", "units", "unit of measure"},
	colBetter:      {"better", "polarity", "good is", "good performance is", "higher or lower is better", "direction of improvement"},
	colTarget:      {"target", "year end target", "end target", "final target", "annual target", "target value"},
	colTolerance:   {"tolerance"},
	colFrequency:   {"frequency", "reporting frequency", "how often"},
	colDate:        {"date", "as at", "as at date", "period", "month", "period ending"},
	colValue:       {"value", "actual", "actuals", "result", "outturn"},
	colText:        {"text", "finding text", "recommendation text", "description"},
	colSource:      {"source"},
	colTerm:        {"term", "acronym", "abbreviation"},
	colMeaning:     {"meaning", "definition", "stands for", "full name", "full title"},
	colConfidence:  {"confidence", "confidence of delivery", "delivery confidence", "confidence level", "level of confidence"},
	colBaseline:    {"baseline", "baseline value", "baseline figure"},
	colBaselineDay: {"baseline date", "baseline as at", "date of baseline"},
	colComputed: {"days late", "days overdue", "completed", "original due", "state", "direction", "trend", "direction of travel",
		"due on trajectory"},
}

// headingColumn is made when import first needs it, not at start-up.
var headingColumn = sync.OnceValue(func() map[string]column {
	m := map[string]column{}
	for col, hs := range headings {
		for _, h := range hs {
			if prev, dup := m[h]; dup {
				panic("heading " + h + " is listed for " + string(prev) + " and " + string(col))
			}
			m[h] = col
		}
	}
	return m
})

// Headings lists every heading import recognises, by the plan field or
// other column it fills, for the README.
func Headings() map[string][]string {
	out := map[string][]string{}
	for col, hs := range headings {
		out[string(col)] = append([]string(nil), hs...)
		sort.Strings(out[string(col)])
	}
	return out
}

// normalise writes a heading as the table does: lower case, words
// separated by single spaces, without punctuation, "(s)" or a trailing
// colon or asterisk.
func normalise(h string) string {
	h = strings.ToLower(strings.ReplaceAll(h, "(s)", "s"))
	h = strings.NewReplacer("&", " and ", "/", " ", "-", " ", "_", " ").Replace(h)
	var b strings.Builder
	for _, r := range h {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// columnOf returns the column a heading names, and whether it names one.
func columnOf(heading string) (column, bool) {
	c, ok := headingColumn()[normalise(heading)]
	return c, ok
}
