package workbook

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/plan"
)

var asOf = plan.NewDate(2026, 11, 24)

// write writes the Bradford example's register for the audience to a
// file and returns its path.
func write(t *testing.T, audience plan.Audience) string {
	t.Helper()
	p, _, err := plan.Load(os.DirFS("../../testdata/bradford"))
	if err != nil {
		t.Fatal(err)
	}
	r := p.ForAudience(audience).Register(asOf, audience, map[string]plan.Date{"P8.2": plan.NewDate(2025, 12, 19)})
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// row returns the cells of the sheet's row whose column col holds value,
// by heading.
func row(t *testing.T, f *excelize.File, sheet, col, value string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(rows[0], col)
	for _, r := range rows[1:] {
		if i < len(r) && r[i] == value {
			out := map[string]string{}
			for j, h := range rows[0] {
				if j < len(r) {
					out[h] = r[j]
				} else {
					out[h] = ""
				}
			}
			return out
		}
	}
	t.Fatalf("%s: no row with %s %s", sheet, col, value)
	return nil
}

// cellOf returns the reference of the cell in the sheet's row holding
// value in column col, under heading.
func cellOf(t *testing.T, f *excelize.File, sheet, col, value, heading string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	i, h := slices.Index(rows[0], col), slices.Index(rows[0], heading)
	if h < 0 {
		t.Fatalf("%s: no column %s", sheet, heading)
	}
	for n, r := range rows[1:] {
		if i < len(r) && r[i] == value {
			ref, _ := excelize.CoordinatesToCellName(h+1, n+2)
			return ref
		}
	}
	t.Fatalf("%s: no row with %s %s", sheet, col, value)
	return ""
}

func TestWorkbook(t *testing.T) {
	f := open(t, write(t, plan.ForInternal))
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,Actions,KPIs,Findings,Glossary,About" {
		t.Fatalf("sheets %s", got)
	}
	headers := map[string]string{
		"Summary":  "Theme ref,Theme,Priority ref,Priority,Owner ref,Owner,Rating,Red,Amber,Green,Complete,Unrated,Overdue,Dropped,KPIs red,KPIs amber,KPIs green,KPIs unrated",
		"Actions":  "Theme ref,Theme,Priority ref,Priority,Ref,Action,Owner ref,Owner,Due,Original due,Status,RAG,Days late,Completed,Note,Evidence,Findings,Visibility",
		"KPIs":     "Ref,KPI,Priority ref,Owner ref,Owner,Unit,Better,Frequency,Date,Value,Target,Tolerance,Rating,Direction,Visibility",
		"Findings": "Ref,Finding,Source,State,Actions,Visibility",
		"Glossary": "Term,Meaning",
	}
	for sheet, want := range headers {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != want {
			t.Errorf("%s headings:\n%s\nwant\n%s", sheet, got, want)
		}
		// Frozen below the headings, filtered over the whole table.
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s panes %+v, want frozen below row 1", sheet, panes)
		}
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), tableRows(t, f, sheet)+1)
		if got := autoFilter(t, f, sheet); got != "A1:"+last {
			t.Errorf("%s autofilter %q, want A1:%s", sheet, got, last)
		}
		style, err := f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("%s A1 is not bold: %+v %v", sheet, s, err)
		}
	}

	p81 := row(t, f, "Actions", "Ref", "P8.1")
	for h, want := range map[string]string{"Theme ref": "B", "Priority ref": "P8", "Owner ref": "head-workforce", "Owner": "Head of Workforce Development",
		"Status": "Done", "RAG": "Complete", "Days late": "", "Original due": "", "Findings": "OF25-5", "Visibility": "",
		"Note": "14 ASYE and 6 experienced practitioners recruited since January.", "Completed": ""} {
		if p81[h] != want {
			t.Errorf("P8.1 %s: %q, want %q", h, p81[h], want)
		}
	}
	// Overdue and red: days late as plan overdue counts them.
	p22 := row(t, f, "Actions", "Ref", "P2.2")
	if p22["Status"] != "In progress" || p22["RAG"] != "Red" || p22["Days late"] != "55" {
		t.Errorf("P2.2: %v", p22)
	}
	if v := row(t, f, "Actions", "Ref", "P7.10")["Visibility"]; v != "internal" {
		t.Errorf("P7.10 visibility %q", v)
	}

	// Dates are numbers with a date format, and read back as the day.
	checkDate(t, f, "Actions", cellOf(t, f, "Actions", "Ref", "P8.1", "Due"), plan.NewDate(2026, 3, 31))
	checkDate(t, f, "Actions", cellOf(t, f, "Actions", "Ref", "P8.2", "Completed"), plan.NewDate(2025, 12, 19))
	checkDate(t, f, "KPIs", cellOf(t, f, "KPIs", "Ref", "P1.K1", "Date"), plan.NewDate(2025, 9, 30))

	// Ratings are words, filled in the rating's colour.
	checkFill(t, f, "Actions", cellOf(t, f, "Actions", "Ref", "P2.2", "RAG"), "Red", plan.Red)
	checkFill(t, f, "Actions", cellOf(t, f, "Actions", "Ref", "P6.1", "RAG"), "Amber", plan.Amber)
	checkFill(t, f, "Actions", cellOf(t, f, "Actions", "Ref", "P8.1", "RAG"), "Complete", plan.Complete)
	checkFill(t, f, "KPIs", cellOf(t, f, "KPIs", "Ref", "P1.K3", "Rating"), "Red", plan.Red) // its first actual, 2025-09-30

	// Numbers are numbers.
	ref := cellOf(t, f, "KPIs", "Ref", "P1.K1", "Value")
	if typ, _ := f.GetCellType("KPIs", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("KPIs %s type %v, want a number", ref, typ)
	}
	if v, _ := f.GetCellValue("KPIs", ref, excelize.Options{RawCellValue: true}); v != "72" {
		t.Errorf("P1.K1 first value %q, want 72", v)
	}

	// Title and as-of: document properties, and a table below the status.
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != "Children's Services Improvement Plan 2025-2027" || props.Subject != "City of Bradford Metropolitan District Council" || !strings.HasPrefix(props.Created, "2026-11-24") {
		t.Errorf("doc props %+v", props)
	}
	if rows, _ := f.GetRows("Summary"); len(rows) != tableRows(t, f, "Summary")+1 {
		t.Errorf("the Summary sheet holds %d rows, more than its table's %d: a tool reading it whole gets them as priorities", len(rows), tableRows(t, f, "Summary")+1)
	}
	if v, _ := f.GetCellValue(AboutSheet, "A1"); v != "Plan" {
		t.Errorf("About A1 %q, want Plan", v)
	}
	checkDate(t, f, AboutSheet, "B3", asOf)
}

// tableRows counts the rows of the sheet's table below its headings: up
// to the first blank row.
func tableRows(t *testing.T, f *excelize.File, sheet string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows[1:] {
		if len(r) == 0 {
			break
		}
		n++
	}
	return n
}

func autoFilter(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	// excelize has no getter: read the sheet's XML.
	x, ok := f.Pkg.Load("xl/worksheets/sheet" + strconv.Itoa(slices.Index(f.GetSheetList(), sheet)+1) + ".xml")
	if !ok {
		t.Fatalf("no XML for %s", sheet)
	}
	s := string(x.([]byte))
	i := strings.Index(s, `<autoFilter ref="`)
	if i < 0 {
		return ""
	}
	s = s[i+len(`<autoFilter ref="`):]
	// excelize writes the range absolute, $A$1:$R$140: the same range.
	return strings.ReplaceAll(s[:strings.IndexByte(s, '"')], "$", "")
}

func checkDate(t *testing.T, f *excelize.File, sheet, ref string, want plan.Date) {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s %s: %q is not a date serial", sheet, ref, raw)
	}
	got, err := excelize.ExcelDateToTime(serial, false)
	if err != nil || plan.DateOf(got) != want {
		t.Errorf("%s %s: %v (%v), want %s", sheet, ref, got, err, want)
	}
	style, _ := f.GetCellStyle(sheet, ref)
	s, err := f.GetStyle(style)
	if err != nil || s.CustomNumFmt == nil || *s.CustomNumFmt != DateFormat {
		t.Errorf("%s %s: number format %+v, want %s", sheet, ref, s, DateFormat)
	}
}

func checkFill(t *testing.T, f *excelize.File, sheet, ref, word string, rag plan.RAG) {
	t.Helper()
	if v, _ := f.GetCellValue(sheet, ref); v != word {
		t.Errorf("%s %s: %q, want %q", sheet, ref, v, word)
	}
	style, _ := f.GetCellStyle(sheet, ref)
	s, err := f.GetStyle(style)
	if err != nil || len(s.Fill.Color) != 1 || !strings.EqualFold(s.Fill.Color[0], map[plan.RAG]string{plan.Red: "C0392B", plan.Amber: "F5C542", plan.Complete: "D6E4F5"}[rag]) {
		t.Errorf("%s %s: fill %+v, want %s", sheet, ref, s.Fill, map[plan.RAG]string{plan.Red: "C0392B", plan.Amber: "F5C542", plan.Complete: "D6E4F5"}[rag])
	}
}

func TestWorkbookPublic(t *testing.T) {
	f := open(t, write(t, plan.ForPublic))
	for _, sheet := range []string{"Actions", "KPIs", "Findings"} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(rows[0], "Visibility") {
			t.Errorf("public %s has a Visibility column", sheet)
		}
		note := slices.Index(rows[0], "Note")
		for _, r := range rows[1:] {
			if r[0] == "P7.10" || slices.Contains(r, "P7.10") {
				t.Errorf("public %s has the internal P7.10: %v", sheet, r)
			}
			if note >= 0 && note < len(r) && r[note] != "" {
				t.Errorf("public %s has a note: %q", sheet, r[note])
			}
		}
	}
	if v := row(t, f, "Actions", "Ref", "P8.2")["Evidence"]; v != "" {
		t.Errorf("public P8.2 evidence %q", v)
	}
}

// TestOpenpyxlReads has a second reader, openpyxl, read the workbook.
func TestOpenpyxlReads(t *testing.T) {
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("openpyxl is not installed: apt-get install python3-openpyxl to have a second reader check the workbook")
	}
	path := write(t, plan.ForInternal)
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
ws = wb["Actions"]
print(ws.freeze_panes, ws.auto_filter.ref.replace("$", ""))
for r in ws.iter_rows(min_row=2):
    if r[4].value == "P2.2":
        print(r[4].value, r[8].value.date().isoformat(), r[8].is_date, r[8].number_format, r[10].value, r[11].value, r[11].fill.fgColor.rgb, r[12].value)
print(wb.properties.title)
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := "Summary,Actions,KPIs,Findings,Glossary,About\n" +
		"A2 A1:R140\n" +
		"P2.2 2026-09-30 True dd/mm/yyyy In progress Red FFC0392B 55\n" +
		"Children's Services Improvement Plan 2025-2027\n"
	if string(out) != want {
		t.Errorf("openpyxl read\n%s\nwant\n%s", out, want)
	}
}

// TestLibreOfficeReads has LibreOffice Calc open the workbook and write
// its Actions sheet as shown: dates as dd/mm/yyyy, ratings as words.
func TestLibreOfficeReads(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice takes seconds to start")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed: apt-get install libreoffice-calc-nogui to have it check the workbook")
	}
	path := write(t, plan.ForInternal)
	dir := t.TempDir()
	// Sheet 2, Actions, as shown, in UTF-8 with a comma and double quotes.
	out, err := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
		"--outdir", dir, path).CombinedOutput()
	if strings.Contains(string(out), "source file could not be loaded") {
		t.Skip("LibreOffice cannot open spreadsheets here: apt-get install libreoffice-calc-nogui")
	}
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "plan-Actions.csv"))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(string(csv), "\n")
	if !strings.HasPrefix(lines[0], "Theme ref,Theme,Priority ref,Priority,Ref,Action,") {
		t.Errorf("headings %s", lines[0])
	}
	want := ",P2.2,"
	for _, l := range lines {
		if strings.Contains(l, want) {
			if !strings.Contains(l, ",30/09/2026,,In progress,Red,55,") {
				t.Errorf("P2.2 as LibreOffice shows it: %s", l)
			}
			return
		}
	}
	t.Errorf("no row for P2.2 in\n%s", csv)
}
