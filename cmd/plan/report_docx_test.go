package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportDocxNotToATerminal: -o docx without --out is refused on a
// terminal, with a hint, before any work; piped, the document is written
// to stdout; with --out, to the file.
func TestReportDocxNotToATerminal(t *testing.T) {
	t.Parallel()
	fixtures(t)
	d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	d.io.SetOutTTY(true)
	if code := run(context.Background(), []string{"report", "-o", "docx"}, d); code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	want := "plan: a Word document is not written to a terminal\nhint: give --out FILE.docx, or redirect standard output to a file\n"
	if out.Len() != 0 || errOut.String() != want {
		t.Errorf("stdout %q\nstderr %q\nwant stderr %q", out, errOut, want)
	}

	d, out, errOut = testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	if code := run(context.Background(), []string{"report", "-o", "docx"}, d); code != exitOK {
		t.Fatalf("piped: exit %d: %s", code, errOut)
	}
	checkDocx(t, out.Bytes())

	file := filepath.Join(t.TempDir(), "pack.docx")
	d, out, errOut = testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	d.io.SetOutTTY(true)
	if code := run(context.Background(), []string{"report", "-o", "docx", "--audience", "public", "--out", file}, d); code != exitOK {
		t.Fatalf("--out: exit %d: %s", code, errOut)
	}
	if out.Len() != 0 || !strings.HasPrefix(errOut.String(), "Wrote ") {
		t.Errorf("--out: stdout %q, stderr %q", out, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if doc := checkDocx(t, data); strings.Contains(doc, "Internal: not for publication") || !strings.Contains(doc, "Progress report as of 24 November 2026") {
		t.Errorf("the public pack is not the public pack")
	}
}

// checkDocx reads a Word document's word/document.xml.
func checkDocx(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a .docx: %v", err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			_ = rc.Close() // read to the end already
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
