package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// CellKind says what a cell of a register table holds.
type CellKind int

// The kinds of cell.
const (
	TextCell   CellKind = iota // Text; "" for a blank cell
	NumberCell                 // Number
	DateCell                   // Date
	RatingCell                 // RAG, shown as its Label, coloured in a workbook
)

// Cell is one cell of a register table. The zero Cell is blank.
type Cell struct {
	Kind   CellKind
	Text   string
	Number float64
	Date   plan.Date
	RAG    plan.RAG
}

// String returns the cell as CSV writes it: a date as YYYY-MM-DD, a
// number plainly, a rating as its word.
func (c Cell) String() string {
	switch c.Kind {
	case NumberCell:
		return strconv.FormatFloat(c.Number, 'f', -1, 64)
	case DateCell:
		return c.Date.String()
	case RatingCell:
		return c.RAG.Label()
	}
	return c.Text
}

func textCell(s string) Cell { return Cell{Text: s} }

func numberCell(f float64) Cell { return Cell{Kind: NumberCell, Number: f} }

// date is a date cell, or a blank one for the zero Date.
func dateCell(d plan.Date) Cell {
	if d.IsZero() {
		return Cell{}
	}
	return Cell{Kind: DateCell, Date: d}
}

func ratingCell(r plan.RAG) Cell { return Cell{Kind: RatingCell, RAG: r} }

// SheetColumn is a column of a register table.
type SheetColumn struct {
	Heading string
	// Wrap says the column holds sentences: a workbook wraps them rather
	// than widening the column.
	Wrap bool
}

// Sheet is one table of a register: a sheet of a workbook, or a CSV file.
type Sheet struct {
	Name    string // the sheet's name: Summary, Actions, KPIs, Findings, Glossary
	Columns []SheetColumn
	Rows    [][]Cell
}

// Register sheet names. Export's --sheet takes the three of them CSV
// writes, in lower case.
const (
	SummarySheet  = "Summary"
	ActionsSheet  = "Actions"
	KPIsSheet     = "KPIs"
	FindingsSheet = "Findings"
	GlossarySheet = "Glossary"
)

// CSVSheets are the tables RegisterCSV writes.
var CSVSheets = []string{"actions", "kpis", "findings"}

// RegisterSheets returns the register's tables, in workbook order:
// Summary, Actions, KPIs, Findings and Glossary. These are the one
// statement of each table's headings and cells; the Visibility columns
// are left out of a register for the public.
func RegisterSheets(r plan.Register) []Sheet {
	return []Sheet{summarySheet(r), actionsSheet(r), kpisSheet(r), findingsSheet(r), glossarySheet(r)}
}

// RegisterSheet returns the table of the register named name, in any
// case, and whether there is one.
func RegisterSheet(r plan.Register, name string) (Sheet, bool) {
	for _, t := range RegisterSheets(r) {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return Sheet{}, false
}

// RegisterCSV writes a register table as CSV: the headings, then a record
// per row, formula-safe as every CSV this package writes.
func RegisterCSV(w io.Writer, t Sheet) error {
	cw := newCSV(w)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Heading
	}
	cw.Write(head)
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.String()
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// withVisibility adds the Visibility column to a register's columns
// unless it is for the public.
func withVisibility(r plan.Register, cols []SheetColumn) []SheetColumn {
	if r.Audience == plan.ForPublic {
		return cols
	}
	return append(cols, SheetColumn{Heading: "Visibility"})
}

func visibility(r plan.Register, row []Cell, v plan.Visibility) []Cell {
	if r.Audience == plan.ForPublic {
		return row
	}
	if v != plan.Internal {
		v = ""
	}
	return append(row, textCell(string(v)))
}

func summarySheet(r plan.Register) Sheet {
	t := Sheet{Name: SummarySheet, Columns: []SheetColumn{
		{Heading: "Theme ref"}, {Heading: "Theme", Wrap: true}, {Heading: "Priority ref"}, {Heading: "Priority", Wrap: true},
		{Heading: "Owner ref"}, {Heading: "Owner", Wrap: true}, {Heading: "Rating"},
		{Heading: "Red"}, {Heading: "Amber"}, {Heading: "Green"}, {Heading: "Complete"}, {Heading: "Unrated"},
		{Heading: "Overdue"}, {Heading: "Dropped"},
		{Heading: "KPIs red"}, {Heading: "KPIs amber"}, {Heading: "KPIs green"}, {Heading: "KPIs unrated"},
	}}
	for _, s := range r.Summary {
		a, k := s.Actions, s.KPIs
		t.Rows = append(t.Rows, []Cell{
			textCell(s.Theme), textCell(s.ThemeTitle), textCell(s.ID), textCell(s.Title), textCell(s.Owner), textCell(s.OwnerName), ratingCell(s.RAG),
			numberCell(float64(a.Red)), numberCell(float64(a.Amber)), numberCell(float64(a.Green)), numberCell(float64(a.Complete)),
			numberCell(float64(a.Unrated)), numberCell(float64(a.Overdue)), numberCell(float64(a.Dropped)),
			numberCell(float64(k.Red)), numberCell(float64(k.Amber)), numberCell(float64(k.Green)), numberCell(float64(k.Unrated)),
		})
	}
	return t
}

// RegisterAbout returns what a register is of, as label and value pairs:
// the plan's title and organisation, the as-of date, the audience and the
// plan's rating. A workbook shows them below the status table.
func RegisterAbout(r plan.Register) [][2]Cell {
	return [][2]Cell{
		{textCell("Plan"), textCell(r.Title)},
		{textCell("Organisation"), textCell(r.Organisation)},
		{textCell("As of"), dateCell(r.AsOf)},
		{textCell("Audience"), textCell(string(r.Audience))},
		{textCell("Rating"), ratingCell(r.Status.Totals.RAG)},
	}
}

func actionsSheet(r plan.Register) Sheet {
	t := Sheet{Name: ActionsSheet, Columns: withVisibility(r, []SheetColumn{
		{Heading: "Theme ref"}, {Heading: "Theme", Wrap: true}, {Heading: "Priority ref"}, {Heading: "Priority", Wrap: true},
		{Heading: "Ref"}, {Heading: "Action", Wrap: true}, {Heading: "Owner ref"}, {Heading: "Owner", Wrap: true},
		{Heading: "Due"}, {Heading: "Original due"}, {Heading: "Status"}, {Heading: "RAG"}, {Heading: "Days late"},
		{Heading: "Completed"}, {Heading: "Note", Wrap: true}, {Heading: "Evidence", Wrap: true}, {Heading: "Findings"},
	})}
	for _, a := range r.Actions {
		late := Cell{}
		if a.DaysLate > 0 {
			late = numberCell(float64(a.DaysLate))
		}
		t.Rows = append(t.Rows, visibility(r, []Cell{
			textCell(a.Theme), textCell(a.ThemeTitle), textCell(a.Priority), textCell(a.PriorityTitle),
			textCell(a.ID), textCell(a.Title), textCell(a.Owner), textCell(a.OwnerName),
			dateCell(a.Due), dateCell(a.OriginalDue), textCell(a.Status.Label()), ratingCell(a.RAG), late,
			dateCell(a.Completed), textCell(a.Note), textCell(a.Evidence), textCell(strings.Join(a.Findings, ", ")),
		}, a.Visibility))
	}
	return t
}

func kpisSheet(r plan.Register) Sheet {
	t := Sheet{Name: KPIsSheet, Columns: withVisibility(r, []SheetColumn{
		{Heading: "Ref"}, {Heading: "KPI", Wrap: true}, {Heading: "Priority ref"}, {Heading: "Owner ref"}, {Heading: "Owner", Wrap: true},
		{Heading: "Unit"}, {Heading: "Better"}, {Heading: "Frequency"}, {Heading: "Date"}, {Heading: "Value"},
		{Heading: "Target"}, {Heading: "Tolerance"}, {Heading: "Rating"}, {Heading: "Direction"},
	})}
	for _, k := range r.KPIs {
		value, rated := Cell{}, Cell{}
		if !k.Date.IsZero() {
			value, rated = numberCell(k.Value), ratingCell(k.Rating.RAG)
		}
		t.Rows = append(t.Rows, visibility(r, []Cell{
			textCell(k.ID), textCell(k.Title), textCell(k.Priority), textCell(k.Owner), textCell(k.OwnerName),
			textCell(k.Unit), textCell(string(k.Better)), textCell(string(k.Frequency)), dateCell(k.Date), value,
			numberCell(k.Target), numberCell(k.Tolerance), rated, textCell(k.Direction.Label()),
		}, k.Visibility))
	}
	return t
}

func findingsSheet(r plan.Register) Sheet {
	t := Sheet{Name: FindingsSheet, Columns: withVisibility(r, []SheetColumn{
		{Heading: "Ref"}, {Heading: "Finding", Wrap: true}, {Heading: "Source", Wrap: true}, {Heading: "State"}, {Heading: "Actions"},
	})}
	for _, f := range r.Findings {
		t.Rows = append(t.Rows, visibility(r, []Cell{
			textCell(f.ID), textCell(f.Text), textCell(f.Source), textCell(string(f.State)), textCell(strings.Join(f.Actions, ", ")),
		}, f.Visibility))
	}
	return t
}

func glossarySheet(r plan.Register) Sheet {
	t := Sheet{Name: GlossarySheet, Columns: []SheetColumn{{Heading: "Term"}, {Heading: "Meaning", Wrap: true}}}
	for _, g := range r.Glossary {
		t.Rows = append(t.Rows, []Cell{textCell(g.Term), textCell(g.Meaning)})
	}
	return t
}
