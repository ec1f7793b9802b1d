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
	dw, err := NewDiagnosticWriter(w, f, o)
	if err != nil {
		return err
	}
	if err := dw.Write(ds); err != nil {
		return err
	}
	return dw.Close()
}

// DiagnosticWriter writes findings as Diagnostics does, in text or JSON, a
// few at a time: the findings of many plans are written as each plan is
// checked, without all of them in memory. What it writes, once closed, is
// what Diagnostics writes for all the findings given, in the order given.
// A writer not closed leaves a JSON document unfinished, so that no reader
// takes what was written for the whole.
type DiagnosticWriter struct {
	w   *bufio.Writer
	f   Format
	o   Options
	n   int          // the findings written
	one bytes.Buffer // one finding as JSON
	enc *json.Encoder
}

// NewDiagnosticWriter returns a writer of findings in f, text or JSON.
func NewDiagnosticWriter(w io.Writer, f Format, o Options) (*DiagnosticWriter, error) {
	if f != Text && f != JSON {
		return nil, fmt.Errorf("findings cannot be written as %q", f)
	}
	dw := &DiagnosticWriter{w: bufio.NewWriterSize(w, 64<<10), f: f, o: o}
	if f == JSON {
		dw.enc = json.NewEncoder(&dw.one)
		dw.enc.SetIndent("    ", "  ")
		dw.enc.SetEscapeHTML(false)
	}
	return dw, nil
}

// Write writes findings, after those written before. What is written
// reaches the underlying writer by the buffer's fill, or at Flush or
// Close.
func (dw *DiagnosticWriter) Write(ds []plan.Diagnostic) error {
	for _, d := range ds {
		if err := dw.write(d); err != nil {
			return err
		}
		dw.n++
	}
	return nil
}

func (dw *DiagnosticWriter) write(d plan.Diagnostic) error {
	dw.one.Reset()
	if dw.f == Text {
		dw.one.WriteString(DiagnosticLine(d, dw.o))
		dw.one.WriteByte('\n')
	} else {
		// The same bytes as writeJSON(w, diagnosticsJSON(all)), one
		// finding at a time.
		sep := ",\n    "
		if dw.n == 0 {
			sep = "{\n  \"findings\": [\n    "
		}
		dw.one.WriteString(sep)
		at := dw.one.Len()
		if err := dw.enc.Encode(jsonDiagnostic{d.Rule, d.Severity, d.Pos.File, d.Pos.Line, d.Pos.Column, d.ID, d.Message, d.Plan}); err != nil {
			return err
		}
		b := textsafe.JSON(bytes.TrimSuffix(dw.one.Bytes()[at:], []byte("\n")))
		dw.one.Truncate(at)
		dw.one.Write(b)
	}
	// What reaches the writer ends where a finding ends: a run that stops
	// before Close (interrupted) leaves no finding cut in two.
	if dw.w.Available() < dw.one.Len() && dw.w.Buffered() > 0 {
		if err := dw.w.Flush(); err != nil {
			return err
		}
	}
	_, err := dw.w.Write(dw.one.Bytes())
	return err
}

// Flush writes what is buffered.
func (dw *DiagnosticWriter) Flush() error { return dw.w.Flush() }

// Close writes the end of the document, if it has one, and what is
// buffered.
func (dw *DiagnosticWriter) Close() error {
	if dw.f == JSON {
		var err error
		if dw.n == 0 {
			err = writeJSON(dw.w, diagnosticsJSON(nil))
		} else {
			_, err = dw.w.WriteString("\n  ]\n}\n")
		}
		if err != nil {
			return err
		}
	}
	return dw.w.Flush()
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
