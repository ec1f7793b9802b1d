package workbook

import (
	"bytes"
	"os"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestWriteIsDeterministic: the same register makes the same bytes, run
// after run (the rating styles were once made in a map's order), so that
// an export can be compared byte for byte.
func TestWriteIsDeterministic(t *testing.T) {
	p, _, err := plan.Load(os.DirFS("../../testdata/bradford"))
	if err != nil {
		t.Fatal(err)
	}
	r := p.Register(asOf, plan.ForInternal, nil)
	var first []byte
	for i := range 8 {
		var buf bytes.Buffer
		if err := Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("write %d made other bytes than the first", i+1)
		}
	}
}
