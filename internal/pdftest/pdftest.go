// Package pdftest reads PDFs back for tests, with poppler-utils' pdfinfo
// and pdftotext, and finds the browser that prints them.
package pdftest

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plan-tool/plan/pkg/pdf"
)

// Browser returns the browser pdf.Find finds on this machine, or skips
// the test saying what to install.
func Browser(t testing.TB) string {
	t.Helper()
	b, err := pdf.Find(pdf.System(os.Getenv))
	if err != nil {
		t.Skipf("no browser to print with (install Chromium: apt install chromium; or set %s): %v", pdf.EnvVar, err)
	}
	return b
}

// Info is what pdfinfo says of a PDF.
type Info struct {
	Pages         int
	Width, Height float64 // of the first page, in points
	Raw           string  // pdfinfo's whole output
}

var (
	pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)
	sizeLine  = regexp.MustCompile(`(?m)^Page size:\s+([0-9.]+) x ([0-9.]+) pts`)
)

// ReadInfo runs pdfinfo on data, or skips the test when poppler-utils is
// not installed.
func ReadInfo(t testing.TB, data []byte) Info {
	t.Helper()
	out := run(t, "pdfinfo", write(t, data))
	info := Info{Raw: out}
	m := pagesLine.FindStringSubmatch(out)
	s := sizeLine.FindStringSubmatch(out)
	if m == nil || s == nil {
		t.Fatalf("pdfinfo gives no page count or size:\n%s", out)
	}
	info.Pages, _ = strconv.Atoi(m[1])
	info.Width, _ = strconv.ParseFloat(s[1], 64)
	info.Height, _ = strconv.ParseFloat(s[2], 64)
	return info
}

// Text runs pdftotext -layout on pages first to last (0, 0: all) of
// data, or skips the test when poppler-utils is not installed.
func Text(t testing.TB, data []byte, first, last int) string {
	t.Helper()
	args := []string{"-layout"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return run(t, "pdftotext", append(args, write(t, data), "-")...)
}

func write(t testing.TB, data []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed (Debian package poppler-utils): cannot read the PDF back", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

// Page is one page of a PDF as pdftotext -bbox reads it: its size and its
// words, in points from the top left corner.
type Page struct {
	Width  float64 `xml:"width,attr"`
	Height float64 `xml:"height,attr"`
	Words  []Word  `xml:"word"`
}

// Word is a word on a page and its box.
type Word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// Pages reads every page's words with pdftotext -bbox, or skips the test
// when poppler-utils is not installed.
func Pages(t testing.TB, data []byte) []Page {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", write(t, data), "-")
	var doc struct {
		Pages []Page `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = false // pdftotext writes HTML entities such as &apos;
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	return doc.Pages
}
