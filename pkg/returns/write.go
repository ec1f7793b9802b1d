package returns

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// colKind is what a column holds.
type colKind int

const (
	textCol colKind = iota
	dateCol
	numberCol
	wordCol // one of a field's words, from a drop-down list
)

// column is one column of a return's sheet.
type column struct {
	heading string
	key     string  // what it holds: an issued value, or what the owner fills in
	fill    bool    // the owner fills it in; the others are locked
	width   float64 // in characters
	kind    colKind
	words   []string // a wordCol's words
	wrap    bool
}

// The columns owners fill in, by key.
const (
	newRAG      = "new-rag"
	newStatus   = "new-status"
	newDue      = "new-due"
	dueReason   = "due-reason"
	newNote     = "new-note"
	newEvidence = "new-evidence"
	newValue    = "new-value"
	newDate     = "new-date"
)

var actionColumns = []column{
	{heading: "ID", key: "id", width: 9},
	{heading: "Priority", key: "priority", width: 9},
	{heading: "Action", key: "title", width: 40, wrap: true},
	{heading: "Due", key: "due", width: 13, kind: dateCol},
	{heading: "Status", key: "status", width: 12},
	{heading: "Rating", key: "rag", width: 9},
	{heading: "Last update", key: "note", width: 40, wrap: true},
	{heading: "New rating", key: newRAG, fill: true, width: 11, kind: wordCol, words: words(plan.KindAction, "rag")},
	{heading: "New status", key: newStatus, fill: true, width: 13, kind: wordCol, words: words(plan.KindAction, "status")},
	{heading: "New due date asked for", key: newDue, fill: true, width: 14, kind: dateCol},
	{heading: "Reason for the new date", key: dueReason, fill: true, width: 28, wrap: true},
	{heading: "Update note", key: newNote, fill: true, width: 40, wrap: true},
	{heading: "Evidence", key: newEvidence, fill: true, width: 28, wrap: true},
}

var kpiColumns = []column{
	{heading: "ID", key: "id", width: 9},
	{heading: "Priority", key: "priority", width: 9},
	{heading: "Measure", key: "title", width: 40, wrap: true},
	{heading: "Unit", key: "unit", width: 9},
	{heading: "Better", key: "better", width: 8},
	{heading: "Frequency", key: "frequency", width: 11},
	{heading: "Target", key: "target", width: 9, kind: numberCol},
	{heading: "Last value", key: "last", width: 10, kind: numberCol},
	{heading: "Last value for", key: "last-date", width: 13, kind: dateCol},
	{heading: "New value", key: newValue, fill: true, width: 11, kind: numberCol},
	{heading: "For the period ending", key: newDate, fill: true, width: 14, kind: dateCol},
}

// headerRow is the 1-based row of a sheet's headings; the items follow.
const headerRow = 6

// dateFormat is how dates are shown: a UK day, month and year.
const dateFormat = "dd/mm/yyyy"

// Write writes the return for req of the plan p as an .xlsx workbook to w.
// now stamps the workbook's document properties.
func Write(w io.Writer, p *plan.Plan, req Request, now time.Time) error {
	st := NewStamp(p, req)
	st.IssuedAt = now.UTC().Format(time.RFC3339)
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // nothing to lose: written to w or abandoned
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	due := longDate(req.Due)
	first := true
	sheet := func(name string) error {
		if first {
			first = false
			return f.SetSheetName(f.GetSheetName(0), name)
		}
		_, err := f.NewSheet(name)
		return err
	}
	if len(st.Actions) > 0 || len(st.KPIs) == 0 {
		if err := sheet(ActionsSheet); err != nil {
			return err
		}
		rows := make([]map[string]any, len(st.Actions))
		for i, a := range st.Actions {
			rows[i] = map[string]any{"id": a.ID, "priority": a.Priority, "title": a.Title, "due": a.Due, "status": a.Status, "rag": a.RAG, "note": a.Note}
		}
		intro := []string{
			"Monthly return: " + st.Plan,
			fmt.Sprintf("%s. Actions owned by %s: please return by %s.", p.Organisation, st.Name, due),
			"For each action, fill in the yellow columns: a new rating or status only where it has changed; a new due date only with its reason " +
				"(it goes to the board for approval, the date stays until then); and an update note, even if nothing has changed (\"No change\" is a good note). " +
				"Leave the other columns as they are. Save the workbook and send it back.",
		}
		if len(st.Actions) == 0 {
			intro[1] = fmt.Sprintf("%s. %s has no open actions and no measures due by %s: nothing to return.", p.Organisation, st.Name, due)
		}
		if err := styles.table(f, ActionsSheet, intro, actionColumns, rows); err != nil {
			return fmt.Errorf("sheet %s: %w", ActionsSheet, err)
		}
	}
	if len(st.KPIs) > 0 {
		if err := sheet(KPIsSheet); err != nil {
			return err
		}
		rows := make([]map[string]any, len(st.KPIs))
		for i, k := range st.KPIs {
			rows[i] = map[string]any{"id": k.ID, "priority": k.Priority, "title": k.Title, "unit": k.Unit, "better": k.Better,
				"frequency": k.Frequency, "target": k.Target, "last": k.Last, "last-date": k.LastDate, newDate: k.Next}
		}
		intro := []string{
			"Monthly return: " + st.Plan,
			fmt.Sprintf("%s. Measures owned by %s: please return by %s.", p.Organisation, st.Name, due),
			"For each measure with a new value, fill in the yellow columns: the value, and the last day of the period it measures " +
				"(filled in with the period due; change it if your value is for another period). Leave a row blank if there is no new value yet.",
		}
		if err := styles.table(f, KPIsSheet, intro, kpiColumns, rows); err != nil {
			return fmt.Errorf("sheet %s: %w", KPIsSheet, err)
		}
	}
	if err := writeStamp(f, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: textsafe.Visible("Monthly return: " + st.Plan), Subject: textsafe.Visible(p.Organisation),
		Creator: "plan", Description: textsafe.Visible(fmt.Sprintf("Return of %s, due %s", st.Name, st.Due)),
		Created: now.UTC().Format(time.RFC3339), Modified: now.UTC().Format(time.RFC3339),
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// writeStamp writes the stamp to its very hidden sheet: a mark, the
// SHA-256 of the stamp's JSON, and the JSON in cells of at most
// stampChunk characters, one below another.
func writeStamp(f *excelize.File, st Stamp) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(StampSheet); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	cells := []string{stampMark + " - written by plan returns; changing it makes the return unreadable", hex.EncodeToString(sum[:])}
	for s := string(data); s != ""; {
		n := min(len(s), stampChunk)
		for n < len(s) && n > 0 && !utf8Start(s[n]) {
			n-- // never split a character
		}
		cells = append(cells, s[:n])
		s = s[n:]
	}
	for i, c := range cells {
		if err := f.SetCellStr(StampSheet, fmt.Sprintf("A%d", i+1), c); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(StampSheet, false, true)
}

// stampChunk is how much of the stamp one cell holds: spreadsheets keep
// at most 32,767 characters in a cell.
const stampChunk = 30000

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// styles are the cell styles of a return.
type styles struct {
	title, intro, heading, fillHeading, locked, lockedWrap, lockedDate, fill, fillWrap, fillDate, fillNumber, lockedNumber int
}

func newStyles(f *excelize.File) (*styles, error) {
	var s styles
	var err error
	mk := func(dst *int, st *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(st)
	}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	locked := &excelize.Protection{Locked: true}
	df := dateFormat
	mk(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Protection: locked})
	mk(&s.intro, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: locked})
	mk(&s.heading, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: wrapTop, Protection: locked,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}})
	mk(&s.fillHeading, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: wrapTop, Protection: locked,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFD966"}}})
	mk(&s.locked, &excelize.Style{Border: border, Alignment: top, Protection: locked})
	mk(&s.lockedWrap, &excelize.Style{Border: border, Alignment: wrapTop, Protection: locked})
	mk(&s.lockedDate, &excelize.Style{Border: border, Alignment: top, Protection: locked, CustomNumFmt: &df})
	mk(&s.lockedNumber, &excelize.Style{Border: border, Alignment: top, Protection: locked, NumFmt: 0})
	mk(&s.fill, &excelize.Style{Border: border, Alignment: top, Protection: unlocked, Fill: yellow})
	mk(&s.fillWrap, &excelize.Style{Border: border, Alignment: wrapTop, Protection: unlocked, Fill: yellow})
	mk(&s.fillDate, &excelize.Style{Border: border, Alignment: top, Protection: unlocked, Fill: yellow, CustomNumFmt: &df})
	mk(&s.fillNumber, &excelize.Style{Border: border, Alignment: top, Protection: unlocked, Fill: yellow, NumFmt: 0})
	return &s, err
}

func (s *styles) cellStyle(c column) int {
	switch {
	case c.fill && c.kind == dateCol:
		return s.fillDate
	case c.fill && c.kind == numberCol:
		return s.fillNumber
	case c.fill && c.wrap:
		return s.fillWrap
	case c.fill:
		return s.fill
	case c.kind == dateCol:
		return s.lockedDate
	case c.kind == numberCol:
		return s.lockedNumber
	case c.wrap:
		return s.lockedWrap
	}
	return s.locked
}

// table writes a return's sheet: the intro lines above, the headings in
// headerRow and a row for each item, then the drop-down lists and date
// checks of the columns owners fill in, and the sheet's protection.
func (s *styles) table(f *excelize.File, sheet string, intro []string, cols []column, rows []map[string]any) error {
	last, _ := excelize.ColumnNumberToName(len(cols))
	for i, line := range intro {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(sheet, cell, textsafe.Visible(line)); err != nil {
			return err
		}
		style := s.intro
		if i == 0 {
			style = s.title
		}
		if err := f.MergeCell(sheet, cell, fmt.Sprintf("%s%d", last, i+1)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return err
		}
	}
	// Rows as tall as their wrapped text: spreadsheets size a row to its
	// text only when they lay it out themselves, not on opening a file.
	if err := f.SetRowHeight(sheet, 2, lineHeight*float64(lines(intro[1], totalWidth(cols)))); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 3, lineHeight*float64(lines(intro[2], totalWidth(cols)))); err != nil {
		return err
	}
	for c, col := range cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, name, name, col.width); err != nil {
			return err
		}
		cell := fmt.Sprintf("%s%d", name, headerRow)
		if err := f.SetCellStr(sheet, cell, col.heading); err != nil {
			return err
		}
		style := s.heading
		if col.fill {
			style = s.fillHeading
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return err
		}
	}
	end := headerRow + len(rows)
	headLines := 1
	for _, col := range cols {
		headLines = max(headLines, lines(col.heading, col.width))
	}
	if err := f.SetRowHeight(sheet, headerRow, lineHeight*float64(headLines)); err != nil {
		return err
	}
	for r, row := range rows {
		n := 1
		for c, col := range cols {
			cell, _ := excelize.CoordinatesToCellName(c+1, headerRow+1+r)
			if err := setCell(f, sheet, cell, col, row[col.key]); err != nil {
				return err
			}
			if v, _ := row[col.key].(string); col.wrap {
				n = max(n, lines(v, col.width))
			}
		}
		// Room for a two-line update in the owner's columns.
		if err := f.SetRowHeight(sheet, headerRow+1+r, lineHeight*float64(max(n, 2))); err != nil {
			return err
		}
	}
	for c, col := range cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if len(rows) > 0 {
			if err := f.SetCellStyle(sheet, fmt.Sprintf("%s%d", name, headerRow+1), fmt.Sprintf("%s%d", name, end), s.cellStyle(col)); err != nil {
				return err
			}
		}
		if !col.fill || len(rows) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", name, headerRow+1, name, end))
		switch col.kind {
		case wordCol:
			if err := dv.SetDropList(col.words); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, col.heading, "Choose one of: "+joinWords(col.words))
		case dateCol:
			if err := dv.SetRange(excelSerial(2000, 1, 1), excelSerial(2099, 12, 31), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, col.heading, "Type a date, such as 31/03/2027.")
		case numberCol:
			if err := dv.SetRange(-1e12, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, col.heading, "Type a number, such as 21 or 87.5.")
		default:
			continue
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow), Scope: sheet}); err != nil {
		return err
	}
	// Protected without a password: it keeps the locked columns from
	// being typed over by mistake, and anyone may lift it.
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
}

func ptr[T any](v T) *T { return &v }

func joinWords(ws []string) string {
	out := ""
	for i, w := range ws {
		switch {
		case i == 0:
		case i == len(ws)-1:
			out += " or "
		default:
			out += ", "
		}
		out += w
	}
	return out
}

// excelSerial is the day d as Excel counts days (from 1899-12-30).
func excelSerial(y int, m time.Month, d int) float64 {
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

// setCell writes one value of an item: a date as a date, a number as a
// number, text as text.
func setCell(f *excelize.File, sheet, cell string, col column, v any) error {
	s, _ := v.(string)
	if s == "" {
		return nil
	}
	switch col.kind {
	case dateCol:
		if d, err := plan.ParseDate(s); err == nil {
			return f.SetCellValue(sheet, cell, d.Time())
		}
	case numberCol:
		if n, err := plan.ParseNumber(s); err == nil {
			return f.SetCellFloat(sheet, cell, n, -1, 64)
		}
	}
	return f.SetCellStr(sheet, cell, textsafe.Visible(s))
}

// longDate writes a day as people do: 11 December 2026.
func longDate(d plan.Date) string { return d.Time().Format("2 January 2006") }

// lineHeight is the height of a line of text, in points.
const lineHeight = 15

// lines estimates how many lines text takes wrapped in a column width
// characters wide.
func lines(text string, width float64) int {
	per := max(int(width*1.1), 1) // a column's width counts its widest digits
	n := 0
	for _, para := range strings.Split(text, "\n") {
		words, line := strings.Fields(para), 0
		n++
		for _, w := range words {
			l := utf8.RuneCountInString(w)
			switch {
			case line == 0:
				line = l
			case line+1+l > per:
				n++
				line = l
			default:
				line += 1 + l
			}
			for line > per {
				n++
				line -= per
			}
		}
	}
	return min(max(n, 1), maxLines)
}

// maxLines keeps a row within the 409 points spreadsheets allow.
const maxLines = 409 / lineHeight

func totalWidth(cols []column) float64 {
	w := 0.0
	for _, c := range cols {
		w += c.width
	}
	return w
}
