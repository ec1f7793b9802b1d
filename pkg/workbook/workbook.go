// Package workbook writes a plan's register (plan.Register) as an Excel
// workbook: a sheet for each of the register's tables (render.RegisterSheets),
// each with its headings in row 1, bold and frozen, an AutoFilter over the
// table, columns sized to their contents, dates as real dates and ratings
// filled in the board pack's colours with the word always written.
package workbook

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// DateFormat is the number format of date cells: a UK day, month and
// year.
const DateFormat = "dd/mm/yyyy"

// Fills are the colours of the rating cells, as the board pack's tables
// show them (pkg/render/report.html.tmpl), and the colour of their words.
// An unrated cell is left unfilled.
var Fills = map[plan.RAG]struct{ Fill, Font string }{
	plan.Red:      {"C0392B", "FFFFFF"},
	plan.Amber:    {"F5C542", "111111"},
	plan.Green:    {"2E8B57", "FFFFFF"},
	plan.Complete: {"D6E4F5", "2C6FBB"},
}

// Column widths, in characters: a column is as wide as its longest cell
// within these bounds; longer text in a wrapped column wraps.
const (
	minWidth  = 6
	maxWidth  = 60
	dateWidth = 12
)

// Write writes the register r as an XLSX workbook to w: sheets Summary,
// Actions, KPIs, Findings, Risks and Decisions (each only when the plan
// has some) and Glossary, in that order. The plan's title,
// organisation and as-of date are the workbook's document properties, and
// a small table two rows below the Summary's status table. It returns an
// error only when writing to w fails or a cell cannot be written.
func Write(w io.Writer, r plan.Register) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // nothing to lose: it is written to w or abandoned
	s, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, t := range render.RegisterSheets(r) {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), t.Name)
		} else {
			_, err = f.NewSheet(t.Name)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
		if err := s.table(f, t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
	}
	// What the workbook is (plan, council, as-of date, audience, rating)
	// on a sheet of its own, so that every other sheet is one table a
	// tool such as Power Query reads whole.
	if _, err := f.NewSheet(AboutSheet); err != nil {
		return err
	}
	if err := s.about(f, AboutSheet, 1, render.RegisterAbout(r)); err != nil {
		return fmt.Errorf("sheet %s: %w", AboutSheet, err)
	}
	if err := f.SetColWidth(AboutSheet, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(AboutSheet, "B", "B", 70); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	when := r.AsOf.String() + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       textsafe.Visible(r.Title),
		Subject:     textsafe.Visible(r.Organisation),
		Description: fmt.Sprintf("Improvement plan register as of %s (audience: %s)", r.AsOf, r.Audience),
		Creator:     "plan",
		Created:     when,
		Modified:    when,
		Language:    "en-GB",
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// AboutSheet is the last sheet: what the workbook is.
const AboutSheet = "About"

// styles are the workbook's cell styles, each created once.
type styles struct {
	header, date, wrap, label int
	rating                    map[plan.RAG]int
}

func newStyles(f *excelize.File) (*styles, error) {
	var s styles
	var err error
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt := DateFormat
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}); err != nil {
		return nil, err
	}
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}); err != nil {
		return nil, err
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, err
	}
	if s.label, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}); err != nil {
		return nil, err
	}
	s.rating = map[plan.RAG]int{}
	// In a fixed order, so that the same register makes the same bytes
	// (a map's order changes from run to run).
	for _, rag := range []plan.RAG{plan.Red, plan.Amber, plan.Green, plan.Complete} {
		c := Fills[rag]
		if s.rating[rag], err = f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: c.Font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Fill}},
			Alignment: top,
		}); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// table writes t to its sheet: headings in row 1, frozen and filtered,
// then the rows.
func (s *styles) table(f *excelize.File, t render.Sheet) error {
	sheet := t.Name
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		ref, err := excelize.CoordinatesToCellName(i+1, 1)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, ref, c.Heading); err != nil {
			return err
		}
		widths[i] = utf8.RuneCountInString(c.Heading) + 3 // room for the filter's button
	}
	last, err := excelize.CoordinatesToCellName(len(t.Columns), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last, s.header); err != nil {
		return err
	}
	for r, row := range t.Rows {
		for c, cell := range row {
			ref, err := excelize.CoordinatesToCellName(c+1, r+2)
			if err != nil {
				return err
			}
			w, err := s.cell(f, sheet, ref, cell, t.Columns[c].Wrap)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			widths[c] = max(widths[c], w)
		}
	}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, float64(min(max(w+1, minWidth), maxWidth))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, err := excelize.CoordinatesToCellName(len(t.Columns), len(t.Rows)+1)
	if err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return err
	}
	return printSetup(f, sheet) // after the filter, which rewrites the sheet's properties
}

// printSetup makes a sheet print as a register is read: A4 landscape,
// the header row at the top of each page, and the sheet's name and page
// number in the footer. It is not shrunk to the page's width: the
// Actions sheet's eighteen columns would print too small to read.
func printSetup(f *excelize.File, sheet string) error {
	a4, landscape := 9, "landscape"
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&RPage &P of &N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1", Scope: sheet})
}

// cell writes one cell at ref and returns how wide it is, in characters.
func (s *styles) cell(f *excelize.File, sheet, ref string, c render.Cell, wrap bool) (int, error) {
	switch c.Kind {
	case render.NumberCell:
		v := c.String()
		return len(v), f.SetCellFloat(sheet, ref, c.Number, -1, 64)
	case render.DateCell:
		if err := f.SetCellValue(sheet, ref, c.Date.Time()); err != nil {
			return 0, err
		}
		return dateWidth, f.SetCellStyle(sheet, ref, ref, s.date)
	case render.RatingCell:
		word := c.RAG.Label()
		if word == "" {
			return 0, nil
		}
		if err := f.SetCellStr(sheet, ref, word); err != nil {
			return 0, err
		}
		return len(word), f.SetCellStyle(sheet, ref, ref, s.rating[c.RAG])
	}
	if c.Text == "" {
		return 0, nil
	}
	v := textsafe.Visible(c.Text)
	if err := f.SetCellStr(sheet, ref, v); err != nil {
		return 0, err
	}
	if wrap {
		if err := f.SetCellStyle(sheet, ref, ref, s.wrap); err != nil {
			return 0, err
		}
	}
	return utf8.RuneCountInString(v), nil
}

// about writes the label and value pairs down from row, labels bold.
func (s *styles) about(f *excelize.File, sheet string, row int, pairs [][2]render.Cell) error {
	for i, p := range pairs {
		if _, err := s.cell(f, sheet, fmt.Sprintf("A%d", row+i), p[0], false); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, fmt.Sprintf("A%d", row+i), fmt.Sprintf("A%d", row+i), s.label); err != nil {
			return err
		}
		if _, err := s.cell(f, sheet, fmt.Sprintf("B%d", row+i), p[1], false); err != nil {
			return err
		}
	}
	return nil
}
