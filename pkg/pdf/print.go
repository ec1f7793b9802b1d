package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultTimeout is how long Print gives each step (starting the browser,
// loading the page, printing it) when Options.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// Options are how Print prints.
type Options struct {
	// HeaderLeft and HeaderRight are the plain text at the top left and
	// top right of every page, such as a title and a date. Each page's
	// foot says "Page N of M".
	HeaderLeft, HeaderRight string
	// Timeout is how long each step may take; zero means DefaultTimeout.
	Timeout time.Duration
}

// ErrTimeout is returned, wrapped with the step, when a step takes longer
// than Options.Timeout.
var ErrTimeout = errors.New("the browser took too long")

// Print prints page, a self-contained HTML document, to PDF with the
// browser at path browser, headless, and returns the PDF. The page's own
// @page rule decides the paper size and margins; its backgrounds are
// printed. The page is loaded from a file, so nothing it needs may come
// from a network. The browser runs with a user-data directory of its own,
// removed afterwards, and without its sandbox when Print runs as root.
//
// Cancelling ctx kills the browser (and its child processes); Print then
// returns an error wrapping ctx's. A killed Chromium may leave the
// directory of its process-singleton socket in TMPDIR, which only it
// removes. A step taking longer than opts.Timeout kills the browser too, and
// returns an error wrapping ErrTimeout. What the browser wrote to its
// stderr is in the error when it fails to start.
func Print(ctx context.Context, browser string, page []byte, opts Options) ([]byte, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	dir, err := os.MkdirTemp("", "plan-pdf-")
	if err != nil {
		return nil, fmt.Errorf("print to PDF: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }() // a temporary directory: nothing to do if it stays
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, page, 0o600); err != nil {
		return nil, fmt.Errorf("print to PDF: %w", err)
	}

	var out bytes.Buffer
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(browser),
			chromedp.Flag("no-sandbox", runningAsRoot()),
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.CombinedOutput(&out),
		)...)
	// With no user-data directory given, chromedp makes a temporary one;
	// cancelling the allocator kills the browser, and any of its child
	// processes left (found by that directory), and removes it, before
	// the deferred RemoveAll above removes dir.
	defer cancelAlloc()
	// chromedp logs the protocol's errors with package log, to stderr:
	// they are in the errors Print returns, when they matter.
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	defer cancelTab()

	// The first call starts the browser, and its context must be the
	// tab's own (a deadline on it would stop the browser): time it apart.
	timer := time.AfterFunc(timeout, cancelAlloc)
	err = chromedp.Do(tab)
	if !timer.Stop() {
		return nil, fmt.Errorf("start %s: %w (%s)", browser, ErrTimeout, timeout)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("start %s: %w", browser, ctx.Err())
		}
		return nil, &startError{browser: browser, err: err, output: out.String()}
	}
	// On the way out, once printed, close the browser gracefully, so that
	// it removes what it made in TMPDIR; killing it (cancelAlloc) is for
	// when the run is cancelled or a step takes too long.
	defer func() {
		c, cancel := context.WithTimeout(tab, 5*time.Second)
		defer cancel()
		_ = chromedp.Cancel(c) // the PDF is made; cancelAlloc kills what does not close
	}()

	step := func(what string, a chromedp.Action[chromedp.Void]) error {
		c, cancel := context.WithTimeout(tab, timeout)
		defer cancel()
		if err := chromedp.Do(c, a); err != nil {
			return stepError(ctx, what, timeout, err)
		}
		return nil
	}
	if err := step("load the page", chromedp.Navigate(fileURL(file))); err != nil {
		return nil, err
	}
	c, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	pdf, err := chromedp.Run(c, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(headerTemplate(opts.HeaderLeft, opts.HeaderRight)),
		chromedp.PDFFooterTemplate(footerTemplate),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, stepError(ctx, "print", timeout, err)
	}
	return pdf, nil
}

// fileURL is the file: URL of the file at path (absolute), on Windows
// too, where the path begins with a drive letter.
func fileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// stepError says why a step failed: cancelled, out of time, or err.
func stepError(ctx context.Context, what string, timeout time.Duration, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%s: %w", what, ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w (%s)", what, ErrTimeout, timeout)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// templateStyle is the style of the header and footer. The browser lays
// them out in the page's top and bottom margins, at the full width of the
// paper, with a font size of zero unless one is given; the side padding
// lines them up with the pack's 12 mm side margins.
const templateStyle = `font-family: Arial, Helvetica, sans-serif; font-size: 7.5pt; color: #444; width: 100%; box-sizing: border-box; padding: 0 13mm; margin: 0;`

// footerTemplate is every page's foot: "Page N of M".
const footerTemplate = `<div style="` + templateStyle + ` text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`

// headerTemplate is every page's head: left at the left, cut short with an
// ellipsis when too long for the line, and right at the right.
func headerTemplate(left, right string) string {
	return `<div style="` + templateStyle + ` display: flex; justify-content: space-between; gap: 6mm;">` +
		`<span style="flex: 1 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">` + html.EscapeString(left) + `</span>` +
		`<span style="flex: none; white-space: nowrap;">` + html.EscapeString(right) + `</span></div>`
}

// startError is the error of a browser that did not start: on one line,
// chromedp's reason and the last lines the browser wrote.
type startError struct {
	browser string
	err     error
	output  string
}

func (e *startError) Error() string {
	reason, _, _ := strings.Cut(e.err.Error(), "\n")
	reason = strings.TrimSuffix(strings.TrimSpace(reason), ":")
	s := "start " + e.browser + ": " + reason
	if out := lastLines(e.output, 3); out != "" {
		s += ": " + out
	}
	return s
}

func (e *startError) Unwrap() error { return e.err }

// lastLines returns the last n lines of s that are not blank, joined by
// " / ", for an error message of one line.
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " / ")
}
