package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/plan-tool/plan/plan"
)

// Overdue writes an overdue list as of asOf. within is the look-ahead in
// days the list was made with (0 for none), for its heading.
func Overdue(w io.Writer, asOf plan.Date, within int, items []plan.OverdueAction, f Format, o Options) error {
	switch f {
	case JSON:
		return writeJSON(w, overdueJSON(asOf, items))
	case CSV:
		return overdueCSV(w, items)
	case Markdown:
		return overdueMarkdown(w, asOf, within, items)
	case Table:
		return overdueTable(w, asOf, within, items, o)
	}
	return fmt.Errorf("overdue actions cannot be written as %q", f)
}

// overdueHeading says how many actions are late and, with a look-ahead,
// how many fall due soon.
func overdueHeading(asOf plan.Date, within int, items []plan.OverdueAction) string {
	late := 0
	for _, it := range items {
		if it.DaysLate > 0 {
			late++
		}
	}
	soon := len(items) - late
	var s string
	switch {
	case late == 0 && within > 0 && soon == 0:
		s = fmt.Sprintf("No actions overdue or due within %s", plan.Plural(within, "day", "days"))
	case late == 0 && within > 0:
		s = fmt.Sprintf("No actions overdue; %d due within %s", soon, plan.Plural(within, "day", "days"))
	case late == 0:
		s = "No actions overdue"
	case within > 0:
		s = fmt.Sprintf("%s overdue; %d more due within %s", plan.Plural(late, "action", "actions"), soon, plan.Plural(within, "day", "days"))
	default:
		s = fmt.Sprintf("%s overdue", plan.Plural(late, "action", "actions"))
	}
	return s + fmt.Sprintf(" (as of %s)", asOf)
}

// lateness describes days late for people: "12", or "today", "in 3 days"
// for actions not yet late.
func lateness(days int) string {
	switch {
	case days > 0:
		return strconv.Itoa(days)
	case days == 0:
		return "due today"
	case days == -1:
		return "due in 1 day"
	default:
		return fmt.Sprintf("due in %d days", -days)
	}
}

var overdueCols = []tableCol{keepCol("ID"), textCol("TITLE"), asideCol("OWNER"), keepCol("DUE"),
	numCol("DAYS LATE"), keepCol("RAG"), keepCol("PRIORITY").repeats()}

func overdueTable(w io.Writer, asOf plan.Date, within int, items []plan.OverdueAction, o Options) error {
	if _, err := fmt.Fprintln(w, wrapText(overdueHeading(asOf, within, items), o.Width, 2)); err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	var rows [][]string
	var plans []string
	for _, it := range items {
		late := lateness(it.DaysLate)
		if it.DaysLate > 0 {
			late = o.paint(red, late)
		}
		rows = append(rows, []string{it.ID, it.Title, it.OwnerName, it.Due.String(), late, o.rag(it.RAG), it.Priority})
		plans = append(plans, it.Plan)
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	cols, rows := withPlanColumn(asideCol("PLAN"), overdueCols, rows, plans)
	return writeTable(w, cols, rows, nil, o.Width)
}

func overdueMarkdown(w io.Writer, asOf plan.Date, within int, items []plan.OverdueAction) error {
	if _, err := fmt.Fprintf(w, "%s.\n", overdueHeading(asOf, within, items)); err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	cols := []column{{"ID", false}, {"Title", false}, {"Owner", false}, {"Due", false},
		{"Days late", true}, {"RAG", false}, {"Priority", false}}
	var rows [][]string
	var plans []string
	for _, it := range items {
		rows = append(rows, []string{mdEscape(it.ID), mdEscape(it.Title), mdEscape(it.OwnerName), it.Due.String(),
			lateness(it.DaysLate), it.RAG.String(), mdEscape(it.Priority)})
		plans = append(plans, mdEscape(it.Plan))
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	cols, rows = planColumn("Plan", cols, rows, plans)
	return writeMarkdownTable(w, cols, rows)
}

func overdueCSV(w io.Writer, items []plan.OverdueAction) error {
	cw := newCSV(w)
	records := [][]string{{"id", "title", "owner", "due", "days_late", "rag", "priority"}}
	var plans []string
	for _, it := range items {
		records = append(records, []string{it.ID, it.Title, it.Owner, it.Due.String(), strconv.Itoa(it.DaysLate), it.RAG.String(), it.Priority})
		plans = append(plans, it.Plan)
	}
	return cw.WriteAll(csvPlan(records, plans))
}

type jsonOverdueAction struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Owner    string    `json:"owner"`
	Due      plan.Date `json:"due"`
	DaysLate int       `json:"days_late"`
	RAG      plan.RAG  `json:"rag"`
	Priority string    `json:"priority"`
	Plan     string    `json:"plan,omitempty"`
}

type jsonOverdue struct {
	AsOf    plan.Date           `json:"as_of"`
	Actions []jsonOverdueAction `json:"actions"`
}

func overdueJSON(asOf plan.Date, items []plan.OverdueAction) jsonOverdue {
	out := jsonOverdue{AsOf: asOf, Actions: []jsonOverdueAction{}}
	for _, it := range items {
		out.Actions = append(out.Actions, jsonOverdueAction{it.ID, it.Title, it.Owner, it.Due, it.DaysLate, it.RAG, it.Priority, it.Plan})
	}
	return out
}
