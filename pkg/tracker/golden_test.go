package tracker

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// book builds a workbook in a test: sheets of rows, with dates as date
// cells.
type book struct {
	t *testing.T
	f *excelize.File
}

func newBook(t *testing.T) *book {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { _ = f.Close() })
	return &book{t, f}
}

func (b *book) must(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

// sheet writes rows to the named sheet (the first call renames Sheet1).
// A time.Time is written as a date cell in the given format.
func (b *book) sheet(name string, rows ...[]any) {
	b.t.Helper()
	if b.f.GetSheetList()[0] == "Sheet1" {
		b.must(b.f.SetSheetName("Sheet1", name))
	} else if idx, _ := b.f.GetSheetIndex(name); idx < 0 {
		_, err := b.f.NewSheet(name)
		b.must(err)
	}
	date, err := b.f.NewStyle(&excelize.Style{NumFmt: 14})
	b.must(err)
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			b.must(b.f.SetCellValue(name, cell, v))
			if _, ok := v.(time.Time); ok {
				b.must(b.f.SetCellStyle(name, cell, cell, date))
			}
		}
	}
}

func (b *book) bytes() []byte {
	var buf bytes.Buffer
	b.must(b.f.Write(&buf))
	return buf.Bytes()
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// render is an import's result as the golden files hold it: each file,
// then the report.
func render(res *Result) string {
	var b strings.Builder
	for _, f := range res.Files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.Path, f.Data)
	}
	b.WriteString("-- unmapped --\n")
	for _, e := range res.Unmapped {
		b.WriteString(e.String() + "\n")
	}
	b.WriteString("-- notes --\n")
	for _, e := range res.Notes {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./pkg/tracker -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./pkg/tracker -update rewrites it):\n%s", path, got)
	}
}

// TestLayouts: trackers laid out the ways councils lay them out import
// to the plans in testdata, each loading with no structural finding.
func TestLayouts(t *testing.T) {
	layouts := map[string]func(t *testing.T) []byte{
		"sections": councilTracker,
		// Theme and priority in columns, a status column beside the RAG
		// one, a workbook saved with the 1904 date system.
		"columns": func(t *testing.T) []byte {
			b := newBook(t)
			yes := true
			b.must(b.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
			b.sheet("Tracker",
				[]any{"Theme", "Priority", "Action No.", "Key Actions", "Responsible Officer", "Deadline", "Status", "RAG Rating", "Commentary", "Finding(s)"},
				[]any{"Practice", "1. Supervision", "1a", "Monthly supervision audits", "Service Manager", nil, "In progress", "Amber", "Behind on two teams", "AFI 1"},
				[]any{"Practice", "1. Supervision", "1b", "Reflective supervision training", "Service Manager", "June 2023", "Completed", nil, nil, "AFI 1; AFI 2"},
				[]any{"Practice", "2. Planning", "2a", "Plans reviewed at every core group", "IRO Manager", "Q2 2023/24", "Not started", nil, nil, "Plans are not specific enough about what needs to change"},
				[]any{"Partnerships", "3. Front door", "3a", "Publish thresholds", "Partnership Manager", "31.12.2023", "On track", nil, nil, nil},
				[]any{"Partnerships", "3. Front door", "3a", "Duplicate reference", "Partnership Manager", "31.12.2023", "Off track", nil, nil, nil},
			)
			// The 1904 system counts days from 1904-01-01: 2023-06-30
			// is 43645 (in the 1900 system it would be 2027-07-01).
			b.must(b.f.SetCellValue("Tracker", "F2", 43645))
			st, err := b.f.NewStyle(&excelize.Style{NumFmt: 14})
			b.must(err)
			b.must(b.f.SetCellStyle("Tracker", "F2", "F2", st))
			return b.bytes()
		},
		// KPIs one row per value, as plan export writes them; a hidden
		// sheet of drop-down lists.
		"long-kpis": func(t *testing.T) []byte {
			b := newBook(t)
			b.sheet("Actions",
				[]any{"Ref", "Action", "Lead", "Due", "RAG"},
				[]any{"P1.1", "Start the audit programme", "QA Lead", day(2023, 5, 31), "G"},
			)
			b.sheet("KPIs",
				[]any{"Ref", "KPI", "Priority ref", "Owner", "Unit", "Better", "Frequency", "Date", "Value", "Target", "Tolerance", "Rating"},
				[]any{"P1.K1", "Audits graded good", "P1", "QA Lead", "%", "higher", "quarterly", day(2023, 3, 31), 40, 60, 10, "Red"},
				[]any{"P1.K1", "Audits graded good", "P1", "QA Lead", "%", "higher", "quarterly", day(2023, 6, 30), 52, 60, 10, "Amber"},
				[]any{"P2.K1", "Agency social workers", "P2", "HR Lead", "", "lower", "monthly", "31/05/2023", 31, 20, 5, "Red"},
				[]any{"P2.K2", "Measure with no values yet", "P2", "HR Lead", "", "Lower", "monthly", nil, nil, "15", "bad", nil},
			)
			b.sheet("Lists", []any{"Ref", "Action", "RAG"}, []any{"x", "Red", "Red"})
			b.must(b.f.SetSheetVisible("Lists", false))
			return b.bytes()
		},
		// A bare list: no title rows, no sections, no references.
		"flat": func(t *testing.T) []byte {
			b := newBook(t)
			b.sheet("Sheet1",
				[]any{"Action", "Owner", "Timescale", "Progress"},
				[]any{"Write the plan", "Director of Children's Services", "Mar-23", "Done"},
				[]any{"Tell staff about it", "Director of Children's Services", "Ongoing", nil},
				[]any{"Control\x07 characters\u202e and\nline breaks", "DCS", day(2023, 4, 30), nil},
			)
			return b.bytes()
		},
	}
	for name, build := range layouts {
		t.Run(name, func(t *testing.T) {
			res := importXLSX(t, build(t), Options{Organisation: "Test Council"})
			loadResult(t, res)
			golden(t, name, render(res))
		})
	}
}
