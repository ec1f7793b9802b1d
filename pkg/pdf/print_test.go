package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/pdftest"
	"github.com/plan-tool/plan/pkg/pdf"
)

// twoPages is an A4 page in two pages, with the margins of the board pack.
const twoPages = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>@page { size: A4; margin: 14mm 12mm 16mm 12mm; } body { margin: 0; font: 11pt Arial, sans-serif; } .p2 { break-before: page; }</style>
</head><body><p>First line of the body.</p><p class="p2">Second page body.</p></body></html>`

// privateTemp gives the test a temporary directory of its own as TMPDIR,
// and returns it: Print makes its directory there.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// leftovers lists what Print left in tmp, and (on Linux) the processes
// still running with tmp in their command line: its browser. killed says
// the browser was killed, not closed: then Chromium's directory for its
// process-singleton socket, which only it removes, may stay.
func leftovers(t *testing.T, tmp string, killed bool) []string {
	t.Helper()
	var out []string
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if killed && strings.HasPrefix(e.Name(), "org.chromium.Chromium.") {
			continue
		}
		out = append(out, "file "+e.Name())
	}
	if runtime.GOOS == "linux" {
		procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range procs {
			if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(tmp)) {
				out = append(out, "process "+p)
			}
		}
	}
	return out
}

func TestPrint(t *testing.T) {
	browser := pdftest.Browser(t)
	tmp := privateTemp(t)
	out, err := pdf.Print(context.Background(), browser, []byte(twoPages), pdf.Options{
		HeaderLeft:  `Plan <b>bold</b> & "quoted"`,
		HeaderRight: "as of 2026-11-24",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", out)
	}
	if l := leftovers(t, tmp, false); len(l) > 0 {
		t.Errorf("Print left behind: %s", strings.Join(l, ", "))
	}
	info := pdftest.ReadInfo(t, out)
	if info.Pages != 2 || math.Abs(info.Width-595) > 1 || math.Abs(info.Height-842) > 1 {
		t.Errorf("want 2 A4 pages (595 x 842 pts); pdfinfo says:\n%s", info.Raw)
	}
	for page, want := range map[int][]string{
		1: {`Plan <b>bold</b> & "quoted"`, "as of 2026-11-24", "First line of the body.", "Page 1 of 2"},
		2: {`Plan <b>bold</b> & "quoted"`, "Second page body.", "Page 2 of 2"},
	} {
		text := pdftest.Text(t, out, page, page)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("page %d has no %q:\n%s", page, w, text)
			}
		}
		// The header is above the body, the footer below it, each on
		// lines of their own.
		lines := nonBlank(text)
		if len(lines) != 3 || !strings.Contains(lines[0], "as of") || !strings.Contains(lines[2], "Page ") {
			t.Errorf("page %d: want the header, the body and the footer on three lines; got %q", page, lines)
		}
	}
}

func nonBlank(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" && l != "\f" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// TestPrintCancelled cancels Print while the browser starts or loads:
// it returns the context's error, and leaves no browser and no files.
func TestPrintCancelled(t *testing.T) {
	browser := pdftest.Browser(t)
	tmp := privateTemp(t)
	cancelled := 0
	for _, after := range []time.Duration{0, 50 * time.Millisecond, 300 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(after, cancel)
		_, err := pdf.Print(ctx, browser, []byte(twoPages), pdf.Options{})
		timer.Stop()
		cancel()
		if err == nil {
			continue // printed before the cancel: nothing to see
		}
		cancelled++
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %s: error %v, want one wrapping context.Canceled", after, err)
		}
		if l := leftovers(t, tmp, true); len(l) > 0 {
			t.Errorf("cancelled after %s, Print left behind: %s", after, strings.Join(l, ", "))
		}
	}
	if cancelled == 0 {
		t.Error("every Print finished before it was cancelled: nothing was tested")
	}
}

// TestPrintTimeout gives the browser too little time to start.
func TestPrintTimeout(t *testing.T) {
	browser := pdftest.Browser(t)
	tmp := privateTemp(t)
	_, err := pdf.Print(context.Background(), browser, []byte(twoPages), pdf.Options{Timeout: time.Millisecond})
	if !errors.Is(err, pdf.ErrTimeout) {
		t.Fatalf("error %v, want one wrapping ErrTimeout", err)
	}
	if l := leftovers(t, tmp, true); len(l) > 0 {
		t.Errorf("Print left behind: %s", strings.Join(l, ", "))
	}
}

// TestPrintBrowserFails runs a "browser" that exits at once.
func TestPrintBrowserFails(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a shell script")
	}
	script := filepath.Join(t.TempDir(), "chrome")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	privateTemp(t)
	_, err := pdf.Print(context.Background(), script, []byte(twoPages), pdf.Options{Timeout: 20 * time.Second})
	if err == nil || !strings.HasPrefix(err.Error(), "start "+script+": ") || !strings.HasSuffix(err.Error(), ": cannot open display") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %q, want one line saying the browser did not start, and what it said", err)
	}
}
