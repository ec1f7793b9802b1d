package main

import (
	"errors"
	"io"

	"github.com/plan-tool/plan/pkg/docx"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// writeReport writes the board pack in the format asked for: a Word
// document by pkg/docx, the rest by pkg/render.
func writeReport(w io.Writer, r plan.Report, format string) error {
	if format == "docx" {
		return docx.Write(w, r)
	}
	return render.Report(w, r, render.Format(format))
}

// stdout is where the pack goes without --out: a Word document byte for
// byte (RawOut), text through the guard on lines beginning "::".
func (o *reportCmdOptions) stdout() io.Writer {
	if o.output == "docx" {
		return o.deps.io.RawOut()
	}
	return o.deps.io.Out
}

// binaryOut refuses to write a binary pack (a Word document) to a
// terminal: it is written with --out, or to standard output piped to a
// file or a program.
func (o *reportCmdOptions) binaryOut() error {
	if o.output != "docx" || o.out != "" || !o.deps.io.IsOutTTY() {
		return nil
	}
	return withHint(errors.New("a Word document is not written to a terminal"),
		"give --out FILE.docx, or redirect standard output to a file")
}
