package tracker

import (
	"bytes"
	"encoding/csv"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plan-tool/plan/internal/yamltext"
)

// ReadCSV reads a CSV file as one sheet named after the file. Excel saves
// CSV with a byte order mark, and, where the decimal separator is a comma,
// with ';' between cells: both are recognised, and so is a tab. Cells are
// text; numbers are recognised as numbers.
func ReadCSV(name string, data []byte) (*Book, error) {
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
	s := &Sheet{Name: strings.TrimSuffix(base, path.Ext(base)), Merged: map[Ref]int{}}
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
// decimal point (or comma) and thousands separators.
func parseDecimal(t string, decimalComma bool) (float64, bool) {
	if decimalComma {
		t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", ".")
	} else {
		t = strings.ReplaceAll(t, ",", "")
	}
	if t == "" || strings.Trim(t, "+-.0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(t, 64)
	return n, err == nil
}

// separator guesses the separator from the first line: the most common of
// ',', ';' and tab outside quotes.
func separator(data []byte) rune {
	line := data
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		line = data[:i]
	}
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
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
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
