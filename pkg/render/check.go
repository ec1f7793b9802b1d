package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// Diagnostics writes check findings. Text output is one line per finding,
// FILE:LINE:COL: SEVERITY: MESSAGE [rule], the form editors and CI logs
// recognise.
func Diagnostics(w io.Writer, ds []plan.Diagnostic, f Format, o Options) error {
	switch f {
	case JSON:
		return streamDiagnosticsJSON(w, ds)
	case Text:
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, DiagnosticLine(d, o)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("findings cannot be written as %q", f)
}

// DiagnosticLine formats one finding as FILE:LINE:COL: SEVERITY: MESSAGE [rule].
func DiagnosticLine(d plan.Diagnostic, o Options) string {
	sev := string(d.Severity)
	switch d.Severity {
	case plan.SeverityError:
		sev = o.paint(red, sev)
	case plan.SeverityWarning:
		sev = o.paint(yellow, sev)
	}
	return fmt.Sprintf("%s: %s: %s %s", textsafe.Visible(d.Pos.String()), sev, textsafe.Visible(d.Message), o.paint(dim, "["+string(d.Rule)+"]"))
}

type jsonDiagnostic struct {
	Rule     plan.Rule     `json:"rule"`
	Severity plan.Severity `json:"severity"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	ID       string        `json:"id"`
	Message  string        `json:"message"`
	Plan     string        `json:"plan,omitempty"`
}

type jsonDiagnostics struct {
	Findings []jsonDiagnostic `json:"findings"`
}

func diagnosticsJSON(ds []plan.Diagnostic) jsonDiagnostics {
	out := jsonDiagnostics{Findings: []jsonDiagnostic{}}
	for _, d := range ds {
		out.Findings = append(out.Findings, jsonDiagnostic{d.Rule, d.Severity, d.Pos.File, d.Pos.Line, d.Pos.Column, d.ID, d.Message, d.Plan})
	}
	return out
}

// streamDiagnosticsJSON writes what writeJSON(w, diagnosticsJSON(ds))
// writes, the same bytes, one finding at a time through a buffer: a
// portfolio's findings are written without the whole document in memory
// two or three times over.
func streamDiagnosticsJSON(w io.Writer, ds []plan.Diagnostic) error {
	if len(ds) == 0 {
		return writeJSON(w, diagnosticsJSON(nil))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	if _, err := bw.WriteString("{\n  \"findings\": ["); err != nil {
		return err
	}
	for i, d := range ds {
		one.Reset()
		if err := enc.Encode(jsonDiagnostic{d.Rule, d.Severity, d.Pos.File, d.Pos.Line, d.Pos.Column, d.ID, d.Message, d.Plan}); err != nil {
			return err
		}
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
		if _, err := bw.Write(textsafe.JSON(bytes.TrimSuffix(one.Bytes(), []byte("\n")))); err != nil {
			return err
		}
	}
	if _, err := bw.WriteString("\n  ]\n}\n"); err != nil {
		return err
	}
	return bw.Flush()
}
