package tracker

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
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
		if bytes.Contains(data, utf16LE("EncryptionInfo")) {
			return nil, &ReadError{File: name, Why: "the workbook is protected with a password; open it in Excel, " +
				"remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it), save a copy and import that"}
		}
		return nil, &ReadError{File: name, Why: "this is an Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice, " +
			"save it as an Excel Workbook (.xlsx) and import that"}
	}
	if err := checkPackage(name, data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped / 4})
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
		book.Modified = strings.TrimSpace(props.Modified)
	}
	for _, sheet := range f.GetSheetList() {
		s, err := r.sheet(sheet)
		if err != nil {
			var big *tooBigError
			if errors.As(err, &big) {
				return nil, &ReadError{File: name, Why: fmt.Sprintf("sheet %s has %d rows, more than the %d a plan can hold; split it, or import the sheets that hold the plan with --sheet", sheet, big.rows, maxRows)}
			}
			return nil, &ReadError{File: name, Why: "sheet " + sheet + " cannot be read", Err: err}
		}
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			s.Hidden = true
		}
		s.Date1904 = date1904
		book.Sheets = append(book.Sheets, s)
	}
	return book, nil
}

func utf16LE(s string) []byte {
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

// maxRows is the most rows a sheet may have: a plan of 20,000 actions
// is past what plan files hold (16 MB), and reading more takes minutes.
const maxRows = 20000

// maxUnzipped is the most a workbook may unpack to: a large council
// tracker is a few megabytes; a small file that unpacks to gigabytes is
// an attack.
const maxUnzipped = 256 << 20

type tooBigError struct{ rows int }

func (e *tooBigError) Error() string { return fmt.Sprintf("%d rows", e.rows) }

// checkPackage looks inside the zip file an .xlsx is: it must unpack to
// no more than maxUnzipped, and be a workbook rather than another Office
// document.
func checkPackage(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &ReadError{File: name, Why: "not an Excel workbook (.xlsx): not a zip file, as .xlsx files are"}
	}
	var total uint64
	has := map[string]bool{}
	mimetype := ""
	for _, f := range zr.File {
		total += f.UncompressedSize64
		has[f.Name] = true
		if f.Name == "mimetype" && f.UncompressedSize64 < 200 {
			if rc, err := f.Open(); err == nil {
				b, _ := io.ReadAll(rc)
				_ = rc.Close() // read only
				mimetype = string(b)
			}
		}
	}
	switch {
	case strings.Contains(mimetype, "opendocument.spreadsheet"):
		return &ReadError{File: name, Why: "this is an OpenDocument spreadsheet (.ods); open it in LibreOffice or Excel, save it as an Excel Workbook (.xlsx) and import that"}
	case strings.Contains(mimetype, "opendocument"):
		return &ReadError{File: name, Why: "this is an OpenDocument file, not a spreadsheet: " + mimetype}
	case has["word/document.xml"]:
		return &ReadError{File: name, Why: "this is a Word document (.docx), not a workbook; if the plan is a table in it, copy the table into Excel and save that as .xlsx"}
	case has["ppt/presentation.xml"]:
		return &ReadError{File: name, Why: "this is a PowerPoint presentation (.pptx), not a workbook"}
	case !has["xl/workbook.xml"]:
		return &ReadError{File: name, Why: "not an Excel workbook (.xlsx): the zip file holds no xl/workbook.xml"}
	case total > maxUnzipped:
		return &ReadError{File: name, Why: fmt.Sprintf("the workbook unpacks to %d MB, more than the %d MB a tracker may; it is not a tracker import reads", total>>20, maxUnzipped>>20)}
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		far, rows, err := spread(f)
		switch {
		case err != nil:
			return &ReadError{File: name, Why: "a sheet cannot be read", Err: err}
		case rows > maxRows:
			return &ReadError{File: name, Why: fmt.Sprintf("a sheet (%s) has more than %d rows of values, more than a plan can hold; split it, or import the sheets that hold the plan with --sheet", path.Base(f.Name), maxRows)}
		case far != "":
			return &ReadError{File: name, Why: fmt.Sprintf("a sheet (%s) has values scattered as far as %s, over a range of more than %d million cells: "+
				"delete the stray values outside the table, save, and import again", path.Base(f.Name), far, maxCells>>20)}
		}
	}
	return nil
}

// spread reads a worksheet's cells and returns how many rows hold a
// value, and the farthest cell when laying out its rows (each as wide as
// its last cell, as excelize reads them) would take more than maxCells
// cells ("" otherwise). It stops as soon as either is too many.
func spread(f *zip.File) (far string, rows int, err error) {
	rc, err := f.Open()
	if err != nil {
		return "", 0, err
	}
	defer func() { _ = rc.Close() }() // read only
	dec := xml.NewDecoder(rc)
	total, rowLast, farCol, hasValue := 0, 0, 0, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, err
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "row" {
				total += rowLast
				rowLast = 0
				if hasValue {
					rows++
				}
				hasValue = false
				if total > maxCells {
					return far, rows, nil
				}
				if rows > maxRows {
					return "", rows, nil
				}
			}
			continue
		}
		switch el.Name.Local {
		case "v", "is", "f":
			hasValue = true
			continue
		case "c":
		default:
			continue
		}
		for _, a := range el.Attr {
			if a.Name.Local == "r" {
				if col, _, err := excelize.CellNameToCoordinates(a.Value); err == nil {
					rowLast = max(rowLast, col)
					if col > farCol {
						far, farCol = a.Value, col
					}
				}
			}
		}
	}
	return "", rows, nil
}

// maxCells is the size of the grid (rows by the widest row) up to which
// a sheet is read cell by cell, with each cell's type, number format,
// formula and link. excelize's cell functions lay out the whole grid, so
// a sheet with one stray value far to the right or below (XFD1048576)
// would take minutes and gigabytes: beyond this, cells are read from
// their values as shown (see shownCell), and the report says so.
const maxCells = 1 << 21

func (x *xlsxReader) sheet(name string) (*Sheet, error) {
	shown, err := x.f.GetRows(name)
	if err != nil {
		return nil, err
	}
	raw, err := x.f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	width, used := 0, 0
	for r := range raw {
		width = max(width, len(raw[r]))
		for _, v := range raw[r] {
			if strings.TrimSpace(v) != "" {
				used++
				break
			}
		}
	}
	if used > maxRows {
		return nil, &tooBigError{used}
	}
	s := &Sheet{Name: name, Merged: map[Ref]int{}}
	if len(raw)*width > maxCells {
		s.Sparse = CellName(len(raw)-1, width-1)
		for r := range raw {
			row := make([]Cell, len(raw[r]))
			for c, v := range raw[r] {
				text := v
				if r < len(shown) && c < len(shown[r]) {
					text = shown[r][c]
				}
				row[c] = shownCell(v, text, x.date1904)
			}
			s.Rows = append(s.Rows, row)
		}
		return s, nil
	}
	links := map[string]string{}
	if cells, err := x.f.GetHyperLinkCells(name, ""); err == nil {
		for _, c := range cells {
			if ok, target, err := x.f.GetCellHyperLink(name, c); ok && err == nil && target != "" {
				links[c] = target
			}
		}
	}
	for r := range raw {
		row := make([]Cell, len(raw[r]))
		for c, v := range raw[r] {
			text := v
			if r < len(shown) && c < len(shown[r]) {
				text = shown[r][c]
			}
			row[c] = x.cell(name, r, c, v, text)
			if row[c].Kind == Empty {
				// A formula saved without its value (as programs other
				// than Excel save them) is kept as the formula.
				if formula, err := x.f.GetCellFormula(name, CellName(r, c)); err == nil && formula != "" {
					row[c] = Cell{Kind: Text, Text: "=" + formula, Formula: true}
				}
			}
			if target, ok := links[CellName(r, c)]; ok && row[c].Kind == Text && !strings.Contains(row[c].Text, target) {
				row[c].Text += " (" + target + ")"
			}
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

// shownCell makes a cell from its raw value and the text the
// spreadsheet shows, without its number format: a number shown as a
// percentage is one; a number shown with '/', '-' or a month's name is a
// date; other numbers are numbers, and the rest text.
func shownCell(raw, shown string, date1904 bool) Cell {
	if strings.TrimSpace(raw) == "" {
		return Cell{}
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return Cell{Kind: Text, Text: shown}
	}
	t := strings.TrimSpace(shown)
	switch {
	case strings.HasSuffix(t, "%"):
		return Cell{Kind: Number, Text: shown, Num: roundPercent(n * 100), Percent: true}
	case t != raw && n >= 1 && (strings.ContainsAny(t, "/-") && !strings.HasPrefix(t, "-") || monthName().MatchString(t)):
		if tm, err := excelize.ExcelDateToTime(n, date1904); err == nil {
			if d, ok := planDate(plan.NewDate(tm.Year(), tm.Month(), tm.Day()), true); ok {
				return Cell{Kind: DateCell, Text: shown, Date: d}
			}
		}
	}
	return Cell{Kind: Number, Text: shown, Num: n}
}

var monthName = lazyRegexp(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`)

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
