package tracker

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/plan"
)

// oleHeader begins files in Microsoft's older compound format: an
// Excel 97-2003 .xls, or an .xlsx encrypted with a password.
var oleHeader = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ReadXLSX reads the visible sheets of an .xlsx workbook. name is the
// file's name, for errors.
func ReadXLSX(name string, data []byte) (*Book, error) {
	if bytes.HasPrefix(data, oleHeader) {
		// "EncryptionInfo" as the compound file names its streams.
		if bytes.Contains(data, utf16("EncryptionInfo")) {
			return nil, &ReadError{File: name, Why: "the workbook is protected with a password; open it in Excel, " +
				"remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it), save a copy and import that"}
		}
		return nil, &ReadError{File: name, Why: "this is an Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice, " +
			"save it as an Excel Workbook (.xlsx) and import that"}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &ReadError{File: name, Why: "not an Excel workbook (.xlsx)", Err: err}
	}
	defer func() { _ = f.Close() }() // it only removes temporary files
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	r := xlsxReader{f: f, date1904: date1904, formats: map[int]numFormat{}}
	book := &Book{}
	if props, err := f.GetDocProps(); err == nil {
		book.Title, book.Subject, book.Creator = oneLine(props.Title), oneLine(props.Subject), oneLine(props.Creator)
	}
	for _, sheet := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		s, err := r.sheet(sheet)
		if err != nil {
			return nil, &ReadError{File: name, Why: "sheet " + sheet + " cannot be read", Err: err}
		}
		book.Sheets = append(book.Sheets, s)
	}
	return book, nil
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

type xlsxReader struct {
	f        *excelize.File
	date1904 bool
	formats  map[int]numFormat // by style id
}

// numFormat is what a cell's number format says about its number.
type numFormat int

const (
	plainNumber numFormat = iota
	dateNumber
	percentNumber
)

func (x *xlsxReader) sheet(name string) (*Sheet, error) {
	shown, err := x.f.GetRows(name)
	if err != nil {
		return nil, err
	}
	raw, err := x.f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	s := &Sheet{Name: name, Merged: map[Ref]int{}}
	for r := range raw {
		row := make([]Cell, len(raw[r]))
		for c, v := range raw[r] {
			text := v
			if r < len(shown) && c < len(shown[r]) {
				text = shown[r][c]
			}
			row[c] = x.cell(name, r, c, v, text)
		}
		s.Rows = append(s.Rows, row)
	}
	merges, err := x.f.GetMergeCells(name, true)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, _, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil {
			s.Merged[Ref{r0 - 1, c0 - 1}] = c1 - c0 + 1
		}
	}
	return s, nil
}

// cell makes the cell at row r, column c (0-based) from its raw value and
// the text the spreadsheet shows.
func (x *xlsxReader) cell(sheet string, r, c int, raw, shown string) Cell {
	if strings.TrimSpace(raw) == "" {
		return Cell{}
	}
	typ, _ := x.f.GetCellType(sheet, CellName(r, c))
	switch typ {
	case excelize.CellTypeNumber, excelize.CellTypeUnset, excelize.CellTypeFormula:
		n, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			break
		}
		switch x.format(sheet, r, c) {
		case dateNumber:
			if t, err := excelize.ExcelDateToTime(n, x.date1904); err == nil && n >= 1 {
				return Cell{Kind: DateCell, Text: shown, Date: plan.NewDate(t.Year(), t.Month(), t.Day())}
			}
		case percentNumber:
			return Cell{Kind: Number, Text: shown, Num: roundPercent(n * 100), Percent: true}
		}
		return Cell{Kind: Number, Text: shown, Num: n}
	case excelize.CellTypeDate:
		if d, err := plan.ParseDate(strings.TrimSpace(raw)[:min(10, len(strings.TrimSpace(raw)))]); err == nil {
			return Cell{Kind: DateCell, Text: shown, Date: d}
		}
	}
	return Cell{Kind: Text, Text: shown}
}

// roundPercent undoes the binary noise of a fraction times 100
// (0.07*100 is 7.000000000000001).
func roundPercent(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// format says whether the cell's number format shows a date or a
// percentage.
func (x *xlsxReader) format(sheet string, r, c int) numFormat {
	id, err := x.f.GetCellStyle(sheet, CellName(r, c))
	if err != nil {
		return plainNumber
	}
	if f, ok := x.formats[id]; ok {
		return f
	}
	f := plainNumber
	if st, err := x.f.GetStyle(id); err == nil {
		switch {
		case st.CustomNumFmt != nil:
			f = classify(*st.CustomNumFmt)
		case st.NumFmt >= 14 && st.NumFmt <= 17, st.NumFmt == 22, st.NumFmt >= 27 && st.NumFmt <= 36, st.NumFmt >= 50 && st.NumFmt <= 58:
			f = dateNumber
		case st.NumFmt == 9 || st.NumFmt == 10:
			f = percentNumber
		}
	}
	x.formats[id] = f
	return f
}

// classify reads a custom number format code: one showing a day, month
// or year is a date; one with a % sign is a percentage. Quoted text,
// escaped characters and [colour] or [$-locale] sections do not count.
func classify(code string) numFormat {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the format for positive numbers
	}
	var plain strings.Builder
	for i := 0; i < len(code); i++ {
		switch ch := code[i]; ch {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is shown as it is, or padding
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
			} else {
				i += j
			}
		default:
			plain.WriteByte(ch)
		}
	}
	p := strings.ToLower(plain.String())
	switch {
	case strings.ContainsAny(p, "dy"):
		return dateNumber
	case strings.Contains(p, "m") && !strings.ContainsAny(p, "hs"):
		return dateNumber // mmm-yy; "m" beside h or s is minutes
	case strings.Contains(p, "%"):
		return percentNumber
	}
	return plainNumber
}
