package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/plan-tool/plan/pkg/iostreams"
	"github.com/plan-tool/plan/pkg/pdf"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// pdfPrinter prints the HTML board pack to PDF, for report -o pdf, with
// the browser found for it. Its methods work on nil, which stands for any
// other format.
type pdfPrinter struct {
	browser string
}

// errPDFToTerminal is returned by report -o pdf without --out when stdout
// is a terminal.
var errPDFToTerminal = errors.New("-o pdf writes a binary file, not to a terminal")

// pdfPrinter returns nil unless -o pdf is asked for; then it checks where
// the PDF goes and finds the browser to print it with, before anything is
// read, so that a missing browser is said at once.
func (o *reportCmdOptions) pdfPrinter() (*pdfPrinter, error) {
	if o.output != "pdf" {
		return nil, nil
	}
	if o.out == "" && o.deps.io.IsOutTTY() {
		return nil, withHint(errPDFToTerminal, "give --out FILE.pdf, or pipe standard output to a file or program")
	}
	find := o.deps.findBrowser
	if find == nil {
		find = func() (string, error) { return pdf.Find(pdf.System(o.deps.getenv)) }
	}
	browser, err := find()
	var notFound *pdf.NotFoundError
	switch {
	case errors.As(err, &notFound):
		return nil, withHint(err, "install Chromium (apt install chromium), Google Chrome or Microsoft Edge, or set %s to the browser's path; -o html and -o docx need no browser", pdf.EnvVar)
	case err != nil:
		return nil, withHint(err, "set %s to the path of Chrome, Chromium or Edge, or unset it to look in the usual places", pdf.EnvVar)
	}
	return &pdfPrinter{browser: browser}, nil
}

// htmlFormat is the format to render the report in before printing:
// HTML for a PDF, else f.
func (p *pdfPrinter) htmlFormat(f render.Format) render.Format {
	if p == nil {
		return f
	}
	return render.HTML
}

// stdout is where the report goes without --out: the PDF byte for byte,
// anything else through the guard on lines beginning "::".
func (p *pdfPrinter) stdout(s *iostreams.IOStreams) io.Writer {
	if p == nil {
		return s.Out
	}
	return s.RawOut()
}

// print prints page, the report r as HTML, to PDF: the plan's title and the
// as-of date at the head of every page, "Page N of M" at the foot.
func (p *pdfPrinter) print(ctx context.Context, r plan.Report, page []byte) ([]byte, error) {
	what := "Board pack"
	if r.Audience == plan.ForPublic {
		what = "Progress report"
	}
	out, err := pdf.Print(ctx, p.browser, page, pdf.Options{
		HeaderLeft:  r.Title,
		HeaderRight: fmt.Sprintf("%s as of %s", what, r.AsOf),
	})
	if err != nil {
		return nil, fmt.Errorf("print the board pack to PDF with %s: %w", p.browser, err)
	}
	return out, nil
}
