package render

import (
	"bytes"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// The streamed JSON of findings is byte for byte the document writeJSON
// writes, whatever the findings hold.
func TestStreamedDiagnosticsJSON(t *testing.T) {
	d := func(msg, file string) plan.Diagnostic {
		return plan.Diagnostic{Rule: plan.RuleOverdue, Severity: plan.SeverityError, Pos: plan.Pos{File: file, Line: 3, Column: 7}, ID: "P1.1", Message: msg}
	}
	for _, ds := range [][]plan.Diagnostic{
		nil,
		{d("one", "a.yaml")},
		{d("<b>&\\\"quoted\"</b>", "dir/a.yaml"), d("escape \x1b[31m and \u2028 and \u202e", "b.yaml"), {Rule: plan.RuleStale, Severity: plan.SeverityWarning, Message: "x", Plan: "east"}},
	} {
		var want, got bytes.Buffer
		if err := writeJSON(&want, diagnosticsJSON(ds)); err != nil {
			t.Fatal(err)
		}
		if err := streamDiagnosticsJSON(&got, ds); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("streamed:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
		}
	}
}
