// Package tracker turns the spreadsheets councils keep their improvement
// plans in (an Excel RAG tracker, or a CSV saved from one) into a plan.
//
// A workbook is first read into Sheets: rows of cells that keep what the
// cell held (text, a number, a date) and where it was (sheet and cell), so
// that every value the import cannot map is reported by its cell. Import
// then finds each sheet's header row, reads actions, KPIs, findings and
// glossary terms from the rows below it, and Write lays the result out as
// plan files.
package tracker

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Kind is what a cell holds.
type Kind int

// The kinds of cell.
const (
	Empty Kind = iota
	Text
	Number
	DateCell // a date: a number formatted as a date in a workbook
)

// Cell is one cell of a sheet.
type Cell struct {
	Kind Kind
	// Text is the cell as the spreadsheet shows it: for text, the text;
	// for numbers and dates, as formatted.
	Text string
	// Num is a number cell's value; for a percentage cell (formatted as
	// one), the percentage (0.25 shown as 25% is 25), with Percent set.
	Num     float64
	Percent bool
	Date    plan.Date // a date cell's day
	// Formula is set for a formula cell saved without its value: Text is
	// the formula.
	Formula bool
}

// Book is a workbook read: its sheets and what its document properties
// say.
type Book struct {
	Sheets []*Sheet
	// Title, Subject and Creator are the workbook's document properties
	// (File > Info in Excel). plan export writes the plan's title and
	// organisation as Title and Subject, and "plan" as Creator.
	Title, Subject, Creator string
	// Modified is when the workbook was last saved, as its document
	// properties say (2026-11-20T10:15:00Z); "" when they do not.
	Modified string
}

// Sheet is one sheet of a workbook, or the one table of a CSV file.
type Sheet struct {
	Name string
	Rows [][]Cell
	// Merged maps the top-left cell of each merged range to the number
	// of columns the range spans.
	Merged map[Ref]int
	// Hidden sheets are read only when named with --sheet.
	Hidden bool
	// Date1904 is set for a workbook counting days from 1904 (old Macs):
	// a date written as a plain number is counted from then.
	Date1904 bool
	// Sparse names the last cell of a sheet too large to read cell by
	// cell (a stray value far from the table); "" for others.
	Sparse string
	// DecimalComma is set for a CSV file that writes 12,5 for twelve and
	// a half.
	DecimalComma bool
}

// Ref is a cell's place in its sheet: 0-based row and column.
type Ref struct{ Row, Col int }

// Cell returns the cell at row r and column c, Empty when there is none.
func (s *Sheet) Cell(r, c int) Cell {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return Cell{}
	}
	return s.Rows[r][c]
}

// Where names a cell as a spreadsheet does, with its sheet: Actions!G17.
func (s *Sheet) Where(r, c int) string {
	return sheetPrefix(s.Name) + CellName(r, c)
}

// sheetPrefix is a sheet's name as formulas write it before a cell: in
// single quotes when it holds anything but letters, digits and '_'.
func sheetPrefix(name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return name + "!"
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'!"
}

// CellName names the cell at 0-based row r and column c: A1, G17, AA3.
func CellName(r, c int) string {
	return ColumnName(c) + strconv.Itoa(r+1)
}

// ColumnName names the 0-based column c: A, Z, AA.
func ColumnName(c int) string {
	name := ""
	for c++; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}

// blank reports whether the cell holds nothing but spaces.
func (c Cell) blank() bool {
	return c.Kind == Empty || c.Kind == Text && oneLine(c.Text) == ""
}

// String is the cell as shown, for messages.
func (c Cell) String() string {
	switch c.Kind {
	case Number:
		if c.Text != "" {
			return c.Text
		}
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	case DateCell:
		return c.Date.String()
	}
	return c.Text
}

// ReadError is a file that cannot be read as a tracker, and why.
type ReadError struct {
	File string
	Why  string
	Err  error // the cause, when there is one
}

func (e *ReadError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.File, e.Why, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Why)
}

func (e *ReadError) Unwrap() error { return e.Err }
