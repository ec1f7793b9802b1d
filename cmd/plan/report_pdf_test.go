package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/pdftest"
	"github.com/plan-tool/plan/pkg/pdf"
	"github.com/plan-tool/plan/plan"
)

// mm is a millimetre in PDF points.
const mm = 72 / 25.4

// TestReportPDF prints the Bradford board pack, internal and public, with
// the browser installed here, and reads the PDF back: A4, more than three
// pages, every priority's card, and on every page the header (the title
// and the as-of date) in the top margin, the footer "Page N of M" in the
// bottom margin, and the body between them.
func TestReportPDF(t *testing.T) {
	t.Parallel()
	browser := pdftest.Browser(t)
	examples, _ := fixtures(t)
	p, _, err := plan.Load(os.DirFS(filepath.Join(examples, "testdata", "bradford")))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		header string // the header's right-hand side
	}{
		{[]string{"report", "-o", "pdf"}, "Board pack as of 2026-11-24"},
		{[]string{"report", "-o", "pdf", "--audience", "public", "--since", "HEAD"}, "Progress report as of 2026-11-24"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), "pack.pdf")
			d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24", "PLAN_BROWSER": browser}, fixedNow)
			if code := run(t.Context(), append(tc.args, "--out", file), d); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got, want := errOut.String(), "Wrote "+file+"\n"; got != want {
				t.Errorf("stderr %q, want %q", got, want)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %.20q", data)
			}
			info := pdftest.ReadInfo(t, data)
			if math.Abs(info.Width-595) > 1 || math.Abs(info.Height-842) > 1 || info.Pages <= 3 {
				t.Errorf("want more than three A4 pages (595 x 842 pts); pdfinfo says:\n%s", info.Raw)
			}
			text := pdftest.Text(t, data, 0, 0)
			for _, want := range []string{p.Title, "Page 1 of", tc.header} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF's text has no %q", want)
				}
			}
			pages := pdftest.Pages(t, data)
			if len(pages) != info.Pages {
				t.Fatalf("pdftotext read %d pages, pdfinfo %d", len(pages), info.Pages)
			}
			words := map[string]bool{}
			for i, pg := range pages {
				checkMargins(t, i+1, len(pages), pg, p.Title+" "+tc.header)
				for _, w := range pg.Words {
					words[w.Text] = true
				}
			}
			for _, pr := range p.Priorities {
				if !words[pr.ID] {
					t.Errorf("no priority %s in the PDF", pr.ID)
				}
			}
		})
	}
}

// checkMargins checks that page n of total has the header, and only the
// header, in its top margin (14 mm, the pack's @page rule), the footer in
// its bottom margin (16 mm), and everything else between them: the
// header and footer overlap no body text, and no body text is cut by them.
func checkMargins(t *testing.T, n, total int, pg pdftest.Page, header string) {
	t.Helper()
	top, bottom := 14*mm, pg.Height-16*mm
	var head, foot []string
	for _, w := range pg.Words {
		switch {
		case w.YMax <= top:
			head = append(head, w.Text)
		case w.YMin >= bottom:
			foot = append(foot, w.Text)
		case w.YMin < top || w.YMax > bottom:
			t.Errorf("page %d: %q (%.1f to %.1f pt from the top) crosses the margin of the header or the footer (%.1f, %.1f)", n, w.Text, w.YMin, w.YMax, top, bottom)
		}
	}
	if got := strings.Join(head, " "); got != header {
		t.Errorf("page %d: the top margin reads %q, want %q", n, got, header)
	}
	if got, want := strings.Join(foot, " "), fmt.Sprintf("Page %d of %d", n, total); got != want {
		t.Errorf("page %d: the bottom margin reads %q, want %q", n, got, want)
	}
	if len(pg.Words) <= len(head)+len(foot) {
		t.Errorf("page %d has nothing between its header and footer", n)
	}
}

// TestReportPDFPiped writes the PDF to standard output, not a terminal.
func TestReportPDFPiped(t *testing.T) {
	t.Parallel()
	browser := pdftest.Browser(t)
	fixtures(t)
	d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24", "PLAN_BROWSER": browser}, fixedNow)
	if code := run(t.Context(), []string{"report", "-o", "pdf"}, d); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out.Bytes()), []byte("%%EOF")) || errOut.Len() != 0 {
		t.Errorf("stdout %.20q ... %q, stderr %q: want a whole PDF and nothing else", out.Bytes(), out.Bytes()[max(0, out.Len()-10):], errOut)
	}
}

// TestReportPDFErrors: what report -o pdf says, and its exit code, when
// it cannot print, before reading the plan or starting anything.
func TestReportPDFErrors(t *testing.T) {
	fixtures(t)
	notFound := func() (string, error) {
		return "", &pdf.NotFoundError{Names: []string{"chromium", "msedge"}, Places: []string{"/opt/google/chrome/chrome"}}
	}
	for _, tc := range []struct {
		name  string
		args  []string
		tty   bool
		env   map[string]string
		find  func() (string, error)
		wantE string
	}{
		{
			name: "to a terminal", args: []string{"report", "-o", "pdf"}, tty: true,
			wantE: "plan: -o pdf writes a binary file, not to a terminal\nhint: give --out FILE.pdf, or pipe standard output to a file or program\n",
		},
		{
			name: "no browser", args: []string{"report", "-o", "pdf", "--out", "pack.pdf"}, find: notFound,
			wantE: "plan: no Chrome, Chromium or Edge to print the PDF with: looked for chromium, msedge on PATH, and for /opt/google/chrome/chrome\n" +
				"hint: install Chromium (apt install chromium), Google Chrome or Microsoft Edge, or set PLAN_BROWSER to the browser's path; -o html and -o docx need no browser\n",
		},
		{
			name: "PLAN_BROWSER names nothing", args: []string{"report", "-o", "pdf", "--out", "pack.pdf"}, env: map[string]string{"PLAN_BROWSER": "/nowhere/chrome"},
			wantE: "plan: PLAN_BROWSER=/nowhere/chrome does not name a program that can be run: exec: \"/nowhere/chrome\": stat /nowhere/chrome: no such file or directory\n" +
				"hint: set PLAN_BROWSER to the path of Chrome, Chromium or Edge, or unset it to look in the usual places\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			d, out, errOut := testDeps(tc.env, fixedNow)
			d.findBrowser = tc.find
			d.io.SetOutTTY(tc.tty)
			if code := run(t.Context(), tc.args, d); code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if errOut.String() != tc.wantE || out.Len() != 0 {
				t.Errorf("stdout %q, stderr\n%s\nwant\n%s", out, errOut, tc.wantE)
			}
			if _, err := os.Stat("pack.pdf"); err == nil {
				t.Error("pack.pdf written")
			}
		})
	}
}

// TestReportPDFInterrupted cancels report -o pdf while it prints: the
// run says it was interrupted and exits 130, writing nothing.
func TestReportPDFInterrupted(t *testing.T) {
	t.Parallel()
	browser := pdftest.Browser(t)
	fixtures(t)
	file := filepath.Join(t.TempDir(), "pack.pdf")
	for _, after := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond} {
		d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24", "PLAN_BROWSER": browser}, fixedNow)
		ctx, cancel := context.WithCancel(t.Context())
		timer := time.AfterFunc(after, cancel)
		code := run(ctx, []string{"report", "-o", "pdf", "--out", file}, d)
		timer.Stop()
		cancel()
		if code == exitOK {
			t.Logf("printed within %s: nothing to interrupt", after)
			continue
		}
		if code != exitInterrupted || errOut.String() != "plan: interrupted\n" {
			t.Errorf("cancelled after %s: exit %d, stderr %q; want %d, %q", after, code, errOut, exitInterrupted, "plan: interrupted\n")
		}
		if _, err := os.Stat(file); err == nil {
			t.Errorf("cancelled after %s, the PDF was written", after)
		}
	}
}
