package render

import (
	"bytes"
	"encoding/json"
	"strings"
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
		if err := Diagnostics(&got, ds, JSON, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("streamed:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
		}
	}
}

// Findings written a few at a time, in any split, are the bytes of all of
// them written at once, in text and JSON; a JSON writer not closed leaves
// a document no reader takes for whole.
func TestDiagnosticWriterInPieces(t *testing.T) {
	var ds []plan.Diagnostic
	for i, f := range []string{"a/plan.yaml", "a/priorities/x.yaml", "b/plan.yaml", "b/priorities/y.yaml"} {
		ds = append(ds, plan.Diagnostic{Rule: plan.RuleOverdue, Severity: plan.SeverityError, Pos: plan.Pos{File: f, Line: i + 1, Column: 3}, ID: "P1.1", Message: "overdue \u2028 by " + f, Plan: f[:1]})
	}
	for _, f := range []Format{Text, JSON} {
		var whole bytes.Buffer
		if err := Diagnostics(&whole, ds, f, Options{}); err != nil {
			t.Fatal(err)
		}
		for cut := 0; cut <= len(ds); cut++ {
			var got bytes.Buffer
			dw, err := NewDiagnosticWriter(&got, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range [][]plan.Diagnostic{ds[:cut], nil, ds[cut:]} {
				if err := dw.Write(part); err != nil {
					t.Fatal(err)
				}
			}
			if err := dw.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), whole.Bytes()) {
				t.Errorf("%s cut at %d:\n%s\nwant:\n%s", f, cut, got.Bytes(), whole.Bytes())
			}
		}
	}
	var unfinished bytes.Buffer
	dw, err := NewDiagnosticWriter(&unfinished, JSON, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := dw.Write(ds[:1]); err != nil {
		t.Fatal(err)
	}
	if err := dw.Flush(); err != nil {
		t.Fatal(err)
	}
	if unfinished.Len() == 0 || json.Valid(unfinished.Bytes()) {
		t.Errorf("a writer not closed wrote %q: want an unfinished document", unfinished.Bytes())
	}
	// A writer never closed, after more findings than its buffer holds,
	// has written whole findings only: none is cut in two.
	for _, f := range []Format{Text, JSON} {
		var out bytes.Buffer
		dw, err := NewDiagnosticWriter(&out, f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3000 {
			d := ds[i%len(ds)]
			d.Message = strings.Repeat("m", i%97) // lines of many lengths, so that a cut would fall mid-line
			if err := dw.Write([]plan.Diagnostic{d}); err != nil {
				t.Fatal(err)
			}
		}
		end := map[Format]string{Text: "]\n", JSON: "\n    }"}[f]
		if out.Len() == 0 || !strings.HasSuffix(out.String(), end) {
			t.Errorf("%s: %d bytes written, ending %q: want whole findings, ending %q", f, out.Len(), out.String()[max(0, out.Len()-20):], end)
		}
	}
	if _, err := NewDiagnosticWriter(&unfinished, SARIF, Options{}); err == nil {
		t.Error("a writer of findings as SARIF: want an error, SARIF is written whole")
	}
}
