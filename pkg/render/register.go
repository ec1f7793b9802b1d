package render

import (
	"io"
	"slices"
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
	Name    string // the sheet's name: Summary, Actions, KPIs, Findings, Risks, Decisions, Glossary
	Columns []SheetColumn
	Rows    [][]Cell
}

// Register sheet names. Export's --sheet takes the five of them CSV
// writes (CSVSheets), in lower case.
const (
	SummarySheet   = "Summary"
	ActionsSheet   = "Actions"
	KPIsSheet      = "KPIs"
	FindingsSheet  = "Findings"
	GlossarySheet  = "Glossary"
	RisksSheet     = "Risks"
	DecisionsSheet = "Decisions"
)

// CSVSheets are the tables RegisterCSV writes.
var CSVSheets = []string{"actions", "kpis", "findings", "risks", "decisions"}

// RegisterSheets returns the register's tables, in workbook order:
// Summary, Actions, KPIs, Findings, Risks and Decisions (each only when
// the plan has some) and Glossary. These are the one statement of each
// table's headings and cells; the Visibility columns are left out of a
// register for the public.
func RegisterSheets(r plan.Register) []Sheet {
	return registerSheets(r, false)
}

// registerSheets returns the register's tables; with all, the Risks and
// Decisions sheets even when they have no rows.
func registerSheets(r plan.Register, all bool) []Sheet {
	out := []Sheet{summarySheet(r), actionsSheet(r), kpisSheet(r), findingsSheet(r)}
	if all || len(r.Risks) > 0 {
		out = append(out, risksSheet(r))
	}
	if all || len(r.Decisions) > 0 {
		out = append(out, decisionsSheet(r))
	}
	return append(out, glossarySheet(r))
}

// RegisterSheet returns the table of the register named name, in any
// case, and whether there is one. The Risks and Decisions tables are
// there, with their headings and no rows, even for a plan without risks
// or decisions, so that a CSV of them always has the same columns.
func RegisterSheet(r plan.Register, name string) (Sheet, bool) {
	for _, t := range registerSheets(r, true) {
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
	// The Confidence column is there only when an action has one, so that
	// a plan without any exports as it did before confidence was known.
	confidence := slices.ContainsFunc(r.Actions, func(a plan.RegisterAction) bool { return a.Confidence != "" })
	cols := []SheetColumn{
		{Heading: "Theme ref"}, {Heading: "Theme", Wrap: true}, {Heading: "Priority ref"}, {Heading: "Priority", Wrap: true},
		{Heading: "Ref"}, {Heading: "Action", Wrap: true}, {Heading: "Owner ref"}, {Heading: "Owner", Wrap: true},
		{Heading: "Due"}, {Heading: "Original due"}, {Heading: "Status"}, {Heading: "RAG"},
	}
	if confidence {
		cols = append(cols, SheetColumn{Heading: "Confidence"})
	}
	cols = append(cols, []SheetColumn{{Heading: "Days late"},
		{Heading: "Completed"}, {Heading: "Note", Wrap: true}, {Heading: "Evidence", Wrap: true}, {Heading: "Findings"},
	}...)
	t := Sheet{Name: ActionsSheet, Columns: withVisibility(r, cols)}
	for _, a := range r.Actions {
		late := Cell{}
		if a.DaysLate > 0 {
			late = numberCell(float64(a.DaysLate))
		}
		row := []Cell{
			textCell(a.Theme), textCell(a.ThemeTitle), textCell(a.Priority), textCell(a.PriorityTitle),
			textCell(a.ID), textCell(a.Title), textCell(a.Owner), textCell(a.OwnerName),
			dateCell(a.Due), dateCell(a.OriginalDue), textCell(a.Status.Label()), ratingCell(a.RAG),
		}
		if confidence {
			row = append(row, textCell(string(a.Confidence)))
		}
		row = append(row, late, dateCell(a.Completed), textCell(a.Note), textCell(a.Evidence), textCell(strings.Join(a.Findings, ", ")))
		t.Rows = append(t.Rows, visibility(r, row, a.Visibility))
	}
	return t
}

func kpisSheet(r plan.Register) Sheet {
	// Baseline, trajectory and findings columns are there only when a KPI
	// has them, so that a plan without any exports as it did before.
	baseline := slices.ContainsFunc(r.KPIs, func(k plan.RegisterActual) bool { return k.Baseline != nil })
	trajectory := slices.ContainsFunc(r.KPIs, func(k plan.RegisterActual) bool { return k.HasTrajectory })
	findings := slices.ContainsFunc(r.KPIs, func(k plan.RegisterActual) bool { return len(k.Findings) > 0 })
	cols := []SheetColumn{
		{Heading: "Ref"}, {Heading: "KPI", Wrap: true}, {Heading: "Priority ref"}, {Heading: "Owner ref"}, {Heading: "Owner", Wrap: true},
		{Heading: "Unit"}, {Heading: "Better"}, {Heading: "Frequency"},
	}
	if baseline {
		cols = append(cols, SheetColumn{Heading: "Baseline"}, SheetColumn{Heading: "Baseline date"})
	}
	cols = append(cols, SheetColumn{Heading: "Date"}, SheetColumn{Heading: "Value"}, SheetColumn{Heading: "Target"}, SheetColumn{Heading: "Tolerance"})
	if trajectory {
		cols = append(cols, SheetColumn{Heading: "Due on trajectory"})
	}
	cols = append(cols, SheetColumn{Heading: "Rating"}, SheetColumn{Heading: "Direction"})
	if findings {
		cols = append(cols, SheetColumn{Heading: "Findings"})
	}
	t := Sheet{Name: KPIsSheet, Columns: withVisibility(r, cols)}
	for _, k := range r.KPIs {
		value, rated := Cell{}, Cell{}
		if !k.Date.IsZero() {
			value, rated = numberCell(k.Value), ratingCell(k.Rating.RAG)
		}
		row := []Cell{
			textCell(k.ID), textCell(k.Title), textCell(k.Priority), textCell(k.Owner), textCell(k.OwnerName),
			textCell(k.Unit), textCell(string(k.Better)), textCell(string(k.Frequency)),
		}
		if baseline {
			if b := k.Baseline; b != nil {
				row = append(row, numberCell(b.Value), dateCell(b.Date))
			} else {
				row = append(row, Cell{}, Cell{})
			}
		}
		row = append(row, dateCell(k.Date), value, numberCell(k.Target), numberCell(k.Tolerance))
		if trajectory {
			due := Cell{}
			if k.HasTrajectory {
				due = numberCell(k.OnTrajectory)
			}
			row = append(row, due)
		}
		row = append(row, rated, textCell(k.Direction.Label()))
		if findings {
			row = append(row, textCell(strings.Join(k.Findings, ", ")))
		}
		t.Rows = append(t.Rows, visibility(r, row, k.Visibility))
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

// risksSheet is the risk register as plan risks lists it: the scores,
// and the state (above target, review due) it works out.
func risksSheet(r plan.Register) Sheet {
	t := Sheet{Name: RisksSheet, Columns: []SheetColumn{
		{Heading: "Ref"}, {Heading: "Priority ref"}, {Heading: "Risk", Wrap: true}, {Heading: "Owner ref"}, {Heading: "Owner", Wrap: true},
		{Heading: "Likelihood"}, {Heading: "Impact"}, {Heading: "Score"}, {Heading: "Target score"}, {Heading: "Reviewed"},
		{Heading: "State"}, {Heading: "Controls", Wrap: true}, {Heading: "Mitigations"},
	}}
	score := func(n int) Cell {
		if n == 0 {
			return Cell{}
		}
		return numberCell(float64(n))
	}
	for _, k := range r.Risks {
		t.Rows = append(t.Rows, []Cell{
			textCell(k.ID), textCell(k.Priority), textCell(k.Title), textCell(k.Owner), textCell(k.OwnerName),
			score(k.Likelihood), score(k.Impact), score(k.Score), score(k.Target), dateCell(k.Reviewed),
			textCell(riskState(k)), textCell(k.Controls), textCell(strings.Join(k.Mitigations, ", ")),
		})
	}
	return t
}

// decisionsSheet lists what bodies agreed about each priority.
func decisionsSheet(r plan.Register) Sheet {
	t := Sheet{Name: DecisionsSheet, Columns: []SheetColumn{
		{Heading: "Priority ref"}, {Heading: "Date"}, {Heading: "Body", Wrap: true}, {Heading: "Decision", Wrap: true}, {Heading: "Actions"},
	}}
	for _, d := range r.Decisions {
		t.Rows = append(t.Rows, []Cell{
			textCell(d.Priority), dateCell(d.Date), textCell(d.Body), textCell(d.Text), textCell(strings.Join(d.Actions, ", ")),
		})
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
