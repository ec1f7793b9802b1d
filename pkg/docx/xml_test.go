package docx

import (
	"strings"
	"testing"
)

// TestLongRowsMaySplit: a table row is kept on one page unless it is
// long; a long note's row moved whole to the next page would leave a
// near-blank page behind.
func TestLongRowsMaySplit(t *testing.T) {
	cols := []column{{"Action", 800, false}, {"Title", 3438, false}}
	for _, tt := range []struct {
		text  string
		split bool
	}{{"A short title", false}, {strings.Repeat("A long note. ", 300), true}} {
		var b strings.Builder
		writeRow(&b, cols, []cell{textCell(plain("P1.1")), textCell(plain(tt.text))}, false)
		if got := !strings.Contains(b.String(), "<w:cantSplit/>"); got != tt.split {
			t.Errorf("a row of %d characters may split: %v, want %v", len(tt.text), got, tt.split)
		}
	}
}
