package tracker

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/plan-tool/plan/internal/yamltext"
)

// ReadCSV reads a CSV file as one sheet named after the file. Excel saves
// CSV with a byte order mark, and, where the decimal separator is a comma,
// with ';' between cells: both are recognised, and so is a tab. Cells are
// text; numbers are recognised as numbers.
func ReadCSV(name string, data []byte) (*Book, error) {
	if u, ok := fromUTF16(data); ok {
		data = u // Excel's "Unicode Text" (.txt) is UTF-16, tab separated
	}
	data = bytes.TrimPrefix(data, []byte(yamltext.BOM))
	if !utf8.Valid(data) {
		data = latin1(data) // Excel on Windows saves "CSV" in Windows-1252
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	records, err := r.ReadAll()
	if err != nil {
		return nil, &ReadError{File: name, Why: "not a CSV file", Err: err}
	}
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	s := &Sheet{Name: strings.TrimSuffix(base, path.Ext(base)), Merged: map[Ref]int{}, DecimalComma: r.Comma == ';'}
	if len(records) > maxRows {
		return nil, &ReadError{File: name, Why: fmt.Sprintf("it has %d rows, more than the %d a plan can hold", len(records), maxRows)}
	}
	for _, rec := range records {
		row := make([]Cell, len(rec))
		for i, v := range rec {
			row[i] = textCell(v, r.Comma == ';')
		}
		s.Rows = append(s.Rows, row)
	}
	return &Book{Sheets: []*Sheet{s}}, nil
}

// textCell is a cell holding text as written: a number when it is one.
// decimalComma says the file writes 12,5 for twelve and a half (as
// Excel does where it separates cells with ';'); else a comma separates
// thousands.
func textCell(v string, decimalComma bool) Cell {
	t := strings.TrimSpace(v)
	if t == "" {
		return Cell{}
	}
	if n, ok := parseDecimal(t, decimalComma); ok {
		return Cell{Kind: Number, Text: t, Num: n}
	}
	return Cell{Kind: Text, Text: v}
}

// parseDecimal reads a number written with digits, an optional sign, a
// decimal point and separators between thousands: 1,234.5; or, where
// decimalComma is set, 1.234,5. A separator not followed by groups of
// three digits (1,5 in a file that writes 1,234 for thousands) makes it
// not a number, rather than a number read wrong.
func parseDecimal(t string, decimalComma bool) (float64, bool) {
	point, group := ".", ","
	if decimalComma {
		point, group = ",", "."
	}
	whole, frac, hasFrac := strings.Cut(t, point)
	sign := ""
	if whole != "" && (whole[0] == '+' || whole[0] == '-') {
		sign, whole = whole[:1], whole[1:]
	}
	if strings.Contains(whole, group) {
		parts := strings.Split(whole, group)
		if len(parts[0]) == 0 || len(parts[0]) > 3 {
			return 0, false
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return 0, false
			}
		}
		whole = strings.Join(parts, "")
	}
	if whole == "" && !hasFrac || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || hasFrac && frac == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(sign+whole+"."+frac+map[bool]string{true: "", false: "0"}[hasFrac], 64)
	return n, err == nil
}

// fromUTF16 decodes text that begins with a UTF-16 byte order mark.
func fromUTF16(b []byte) ([]byte, bool) {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return nil, false
	}
	b = b[2:]
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = order.Uint16(b[2*i:])
	}
	return []byte(string(utf16.Decode(units))), true
}

// separator guesses the separator: of ',', ';' and tab, the one most
// used outside quotes on any one of the first lines (a title line above
// the header may have none).
func separator(data []byte) rune {
	best, most := ',', 0
	lines := bytes.FieldsFunc(data, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines[:min(len(lines), 30)] {
		counts := map[rune]int{}
		quoted := false
		for _, r := range string(line) {
			switch {
			case r == '"':
				quoted = !quoted
			case !quoted && (r == ',' || r == ';' || r == '\t'):
				counts[r]++
			}
		}
		for _, r := range []rune{',', ';', '\t'} {
			if counts[r] > most {
				best, most = r, counts[r]
			}
		}
	}
	return best
}

// latin1 decodes Windows-1252 text (as Latin-1, with the common
// punctuation of 0x80-0x9F) to UTF-8.
func latin1(b []byte) []byte {
	cp1252 := map[byte]rune{0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0xA3: '£'}
	var out strings.Builder
	for _, c := range b {
		if r, ok := cp1252[c]; ok {
			out.WriteRune(r)
		} else {
			out.WriteRune(rune(c))
		}
	}
	return []byte(out.String())
}
