package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/plan-tool/plan/plan"
)

// GroupBy chooses the rows of a status table.
type GroupBy string

// The groupings.
const (
	ByTheme GroupBy = "theme" // one row per priority, under its theme
	ByOwner GroupBy = "owner" // one row per owner
)

// Status writes a status report. by chooses the rows of table, Markdown and
// CSV output; JSON always holds themes, priorities, owners and totals.
func Status(w io.Writer, r plan.StatusReport, f Format, by GroupBy, o Options) error {
	switch f {
	case JSON:
		return writeJSON(w, statusJSON(r))
	case CSV:
		return statusCSV(w, r, by)
	case Markdown:
		return statusMarkdown(w, r, by, o)
	case Table:
		return statusTable(w, r, by, o)
	}
	return fmt.Errorf("status cannot be written as %q", f)
}

// statusRow is one line of a status table before formatting.
type statusRow struct {
	kind  string // theme, priority, owner or total
	id    string
	title string
	plan.Summary
}

func statusRows(r plan.StatusReport, by GroupBy) []statusRow {
	var rows []statusRow
	if by == ByOwner {
		for _, o := range r.Owners {
			name := o.Name
			if o.Role != "" {
				name += ", " + o.Role // the NAME column wraps: a role fits after the name
			}
			rows = append(rows, statusRow{"owner", o.ID, name, o.Summary})
		}
		return rows
	}
	for _, t := range r.Themes {
		rows = append(rows, statusRow{"theme", t.ID, t.Title, t.Summary})
		for _, p := range r.Priorities {
			if p.Theme == t.ID {
				rows = append(rows, statusRow{"priority", p.ID, p.Title, p.Summary})
			}
		}
	}
	return rows
}

func heading(r plan.StatusReport) string {
	who := r.Organisation
	if who != "" {
		who += ", "
	}
	return fmt.Sprintf("%s\n%sas of %s\n", r.Title, who, r.AsOf)
}

func statusTable(w io.Writer, r plan.StatusReport, by GroupBy, o Options) error {
	first, second := "ID", "TITLE"
	if by == ByOwner {
		first, second = "OWNER", "NAME"
	}
	cols := append([]tableCol{keepCol(first), textCol(second)}, summaryCols(o)...)
	cells := func(s statusRow) []string {
		id, title := s.id, s.title
		switch s.kind {
		case "theme":
			id, title = o.paint(bold, id), o.paint(bold, title)
		case "priority":
			id = "  " + id
		}
		return append([]string{id, title}, summaryCells(s.Summary, o)...)
	}
	var rows [][]string
	for _, s := range statusRows(r, by) {
		rows = append(rows, cells(s))
	}
	footer := cells(statusRow{"total", "TOTAL", "", r.Totals})
	if _, err := io.WriteString(w, wrapText(heading(r), o.Width, 2)+"\n"); err != nil {
		return err
	}
	if err := writeTable(w, cols, rows, footer, o.Width); err != nil {
		return err
	}
	return statusKey(w, o)
}

// summaryCols are the table columns of a summary: its rating and counts,
// and with o.Explain the rule behind the rating.
func summaryCols(o Options) []tableCol {
	cols := []tableCol{keepCol("RAG"),
		numCol("RED"), numCol("AMBER"), numCol("GREEN"), numCol("DONE"), numCol("UNRATED"), numCol("OVERDUE"),
		numCol("KPIS R/A/G/U").optional(1)}
	if o.Explain {
		cols = append(cols, textCol("WHY"))
	}
	return cols
}

// summaryCells are the cells of summaryCols.
func summaryCells(s plan.Summary, o Options) []string {
	a, k := s.Actions, s.KPIs
	c := []string{o.rag(s.RAG),
		o.count(red, a.Red), o.count(yellow, a.Amber), o.count(green, a.Green), strconv.Itoa(a.Complete),
		o.count(dim, a.Unrated), o.count(red, a.Overdue),
		fmt.Sprintf("%d/%d/%d/%d", k.Red, k.Amber, k.Green, k.Unrated)}
	if o.Explain {
		c = append(c, s.Why)
	}
	return c
}

// How the action columns of a summary count, for a terminal table's
// column names and for Markdown's and HTML's: an overdue action is counted
// by its own rating and again as overdue, although the roll-up counts it
// as red.
const (
	countsKeyTable = "RED/AMBER/GREEN/UNRATED: open actions by their own rating; OVERDUE: those past their due date, also counted by rating"
	countsKeyText  = "Red, Amber, Green, Unrated: open actions by their own rating; Overdue: those past their due date, also counted by rating"
)

// statusKey explains a status table's columns below it.
func statusKey(w io.Writer, o Options) error {
	key := fmt.Sprintf("\nRAG: %s.\n%s.\nKPIS: red/amber/green/unrated, from each KPI's latest actual.\n", plan.RollUp, countsKeyTable)
	_, err := io.WriteString(w, wrapText(key, o.Width, 2))
	return err
}

// statusKeyMarkdown explains a Markdown status table's columns below it.
func statusKeyMarkdown(w io.Writer) error {
	_, err := fmt.Fprintf(w, "\nRAG: %s.\n\n%s.\n", plan.RollUp, countsKeyText)
	return err
}

func statusMarkdown(w io.Writer, r plan.StatusReport, by GroupBy, o Options) error {
	first, second := "Priority", "Title"
	if by == ByOwner {
		first, second = "Owner", "Name"
	}
	cols := append([]column{{first, false}, {second, false}}, summaryMarkdownCols(o)...)
	cells := func(s statusRow, strong bool) []string {
		return summaryMarkdownCells([]string{mdEscape(s.id), mdEscape(s.title)}, s.Summary, strong, o)
	}
	var rows [][]string
	for _, s := range statusRows(r, by) {
		rows = append(rows, cells(s, s.kind == "theme"))
	}
	rows = append(rows, cells(statusRow{"total", "Total", "", r.Totals}, true))
	if _, err := fmt.Fprintf(w, "## %s\n\n%s, as of %s.\n\n", mdEscape(r.Title), mdEscape(r.Organisation), r.AsOf); err != nil {
		return err
	}
	if err := writeMarkdownTable(w, cols, rows); err != nil {
		return err
	}
	return statusKeyMarkdown(w)
}

// summaryMarkdownCols are the Markdown columns of a summary.
func summaryMarkdownCols(o Options) []column {
	cols := []column{{"RAG", false},
		{"Red", true}, {"Amber", true}, {"Green", true}, {"Done", true}, {"Unrated", true}, {"Overdue", true},
		{"KPIs red", true}, {"KPIs amber", true}, {"KPIs green", true}, {"KPIs unrated", true}}
	if o.Explain {
		cols = append(cols, column{"Why", false})
	}
	return cols
}

// summaryMarkdownCells are the cells of a row naming the group (lead) and
// then summaryMarkdownCols, all in bold when strong.
func summaryMarkdownCells(lead []string, s plan.Summary, strong bool, o Options) []string {
	a, k := s.Actions, s.KPIs
	c := append(lead, s.RAG.String(),
		strconv.Itoa(a.Red), strconv.Itoa(a.Amber), strconv.Itoa(a.Green), strconv.Itoa(a.Complete),
		strconv.Itoa(a.Unrated), strconv.Itoa(a.Overdue),
		strconv.Itoa(k.Red), strconv.Itoa(k.Amber), strconv.Itoa(k.Green), strconv.Itoa(k.Unrated))
	if strong {
		for i, v := range c {
			if v != "" {
				c[i] = "**" + v + "**"
			}
		}
	}
	if o.Explain {
		c = append(c, mdEscape(s.Why))
	}
	return c
}

// summaryCSV is the CSV fields of a summary, after those naming the group.
var summaryCSVHeader = []string{"rag", "red", "amber", "green", "complete", "unrated", "overdue", "dropped",
	"kpi_red", "kpi_amber", "kpi_green", "kpi_unrated", "why"}

func summaryCSV(lead []string, s plan.Summary) []string {
	a, k := s.Actions, s.KPIs
	return append(lead, s.RAG.String(),
		strconv.Itoa(a.Red), strconv.Itoa(a.Amber), strconv.Itoa(a.Green), strconv.Itoa(a.Complete),
		strconv.Itoa(a.Unrated), strconv.Itoa(a.Overdue), strconv.Itoa(a.Dropped),
		strconv.Itoa(k.Red), strconv.Itoa(k.Amber), strconv.Itoa(k.Green), strconv.Itoa(k.Unrated), s.Why)
}

func statusCSV(w io.Writer, r plan.StatusReport, by GroupBy) error {
	cw := newCSV(w)
	cw.Write(append([]string{"level", "id", "theme", "title", "owner"}, summaryCSVHeader...))
	row := func(level, id, theme, title, owner string, s plan.Summary) {
		cw.Write(summaryCSV([]string{level, id, theme, title, owner}, s))
	}
	if by == ByOwner {
		for _, o := range r.Owners {
			row("owner", o.ID, "", o.Name, o.ID, o.Summary)
		}
	} else {
		for _, t := range r.Themes {
			row("theme", t.ID, t.ID, t.Title, "", t.Summary)
			for _, p := range r.Priorities {
				if p.Theme == t.ID {
					row("priority", p.ID, p.Theme, p.Title, p.Owner, p.Summary)
				}
			}
		}
	}
	row("total", "", "", "", "", r.Totals)
	cw.Flush()
	return cw.Error()
}

type jsonActionCounts struct {
	Red      int `json:"red"`
	Amber    int `json:"amber"`
	Green    int `json:"green"`
	Complete int `json:"complete"`
	Unrated  int `json:"unrated"`
	Overdue  int `json:"overdue"`
	Dropped  int `json:"dropped"`
}

type jsonKPICounts struct {
	Red     int `json:"red"`
	Amber   int `json:"amber"`
	Green   int `json:"green"`
	Unrated int `json:"unrated"`
}

type jsonSummary struct {
	RAG     plan.RAG         `json:"rag"`
	Why     string           `json:"why"`
	Actions jsonActionCounts `json:"actions"`
	KPIs    jsonKPICounts    `json:"kpis"`
}

type jsonPriorityStatus struct {
	ID    string `json:"id"`
	Theme string `json:"theme"`
	Title string `json:"title"`
	Owner string `json:"owner"`
	jsonSummary
}

type jsonThemeStatus struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	jsonSummary
}

type jsonOwnerStatus struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
	jsonSummary
}

type jsonStatus struct {
	AsOf         plan.Date            `json:"as_of"`
	Title        string               `json:"title"`
	Organisation string               `json:"organisation"`
	Priorities   []jsonPriorityStatus `json:"priorities"`
	Themes       []jsonThemeStatus    `json:"themes"`
	Owners       []jsonOwnerStatus    `json:"owners"`
	Totals       jsonSummary          `json:"totals"`
}

func summaryJSON(s plan.Summary) jsonSummary {
	a, k := s.Actions, s.KPIs
	return jsonSummary{
		RAG:     s.RAG,
		Why:     s.Why,
		Actions: jsonActionCounts{a.Red, a.Amber, a.Green, a.Complete, a.Unrated, a.Overdue, a.Dropped},
		KPIs:    jsonKPICounts{k.Red, k.Amber, k.Green, k.Unrated},
	}
}

func statusJSON(r plan.StatusReport) jsonStatus {
	out := jsonStatus{
		AsOf: r.AsOf, Title: r.Title, Organisation: r.Organisation,
		Priorities: []jsonPriorityStatus{}, Themes: []jsonThemeStatus{}, Owners: []jsonOwnerStatus{},
		Totals: summaryJSON(r.Totals),
	}
	for _, p := range r.Priorities {
		out.Priorities = append(out.Priorities, jsonPriorityStatus{p.ID, p.Theme, p.Title, p.Owner, summaryJSON(p.Summary)})
	}
	for _, t := range r.Themes {
		out.Themes = append(out.Themes, jsonThemeStatus{t.ID, t.Title, summaryJSON(t.Summary)})
	}
	for _, o := range r.Owners {
		out.Owners = append(out.Owners, jsonOwnerStatus{o.ID, o.Name, o.Role, summaryJSON(o.Summary)})
	}
	return out
}
