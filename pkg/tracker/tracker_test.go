package tracker

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/plan"
)

// councilTracker builds a tracker laid out as councils lay them out:
// title rows, a merged theme row, priority rows, Excel and text dates,
// R/A/G letters, a column import does not know, a KPI sheet with a
// column per month, a findings sheet and acronyms.
func councilTracker(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Action Plan"))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	customDate := "dd mmm yy"
	customStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &customDate})
	must(err)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	must(err)
	set := func(sheet, cell string, v any) {
		t.Helper()
		must(f.SetCellValue(sheet, cell, v))
	}
	row := func(sheet string, r int, vals ...any) {
		t.Helper()
		for i, v := range vals {
			if v == nil {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(i+1, r)
			set(sheet, name, v)
		}
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	s := "Action Plan"
	row(s, 1, "Bury Council")
	row(s, 2, "Children's Services Improvement Plan 2022-2024")
	row(s, 4, "Ref", "Action", "Lead Officer", "Target date", "RAG", "Progress update", "Evidence", "Ofsted recommendation", "Resources")
	row(s, 5, "Theme 1: Leadership and management")
	must(f.MergeCell(s, "A5", "I5"))
	row(s, 6, "Priority 1: Strong management oversight")
	must(f.MergeCell(s, "A6", "I6"))
	row(s, 7, "1.1", "Audit supervision monthly", "Head of Service, Safeguarding", day(2023, 3, 31), "G", "Audits running\nsince January", "Audit reports", "R1", nil)
	must(f.SetCellStyle(s, "D7", "D7", dateStyle))
	row(s, 8, "1.2", "Train team managers in oversight", "Principal Social Worker", "31/03/2023", "a", nil, nil, "R1, R2", "£20k")
	row(s, 9, "1.3", "Refresh the supervision policy", "Head of Service, Safeguarding", "Mar-23", "Purple", nil, nil, nil, nil)
	row(s, 10, "1.4", "Publish the practice standards", "Principal Social Worker", "Q4 2022/23", "Complete", nil, nil, nil, nil)
	row(s, 11, "1.5", "Recruit permanent team managers", "HR Lead", "Ongoing", "Not started", nil, nil, nil, nil)
	row(s, 12, "Theme 2: Partnerships")
	must(f.MergeCell(s, "A12", "I12"))
	row(s, 13, "Priority 2: A shared front door")
	row(s, 14, nil, "Agree thresholds with partners", "Partnership Manager", day(2023, 6, 30), "R", nil, nil, "R3", nil)
	must(f.SetCellStyle(s, "D14", "D14", customStyle))
	row(s, 15, nil, "Closed action", "Partnership Manager", "31 March 2023", "Withdrawn", nil, nil, nil, nil)

	k := "KPIs"
	_, err = f.NewSheet(k)
	must(err)
	row(k, 1, "Performance scorecard")
	row(k, 2, "Ref", "Measure", "Target", "Lead", day(2023, 4, 30), "May-23", "Jun-23")
	must(f.SetCellStyle(k, "E2", "E2", dateStyle))
	row(k, 3, "P1.K1", "Supervision in timescale", ">= 90%", "Head of Service, Safeguarding", 0.72, 0.81, 0.88)
	must(f.SetCellStyle(k, "E3", "G3", pct))
	row(k, 4, "P2.K1", "Re-referrals within 12 months", "<= 22%", "Partnership Manager", "25%", "n/a", "see note")

	fs := "Recommendations"
	_, err = f.NewSheet(fs)
	must(err)
	row(fs, 1, "Ref", "Recommendation", "Source")
	row(fs, 2, "R1", "Management oversight is not consistently effective.", "Ofsted ILACS, 2022")
	row(fs, 3, "R2", "Supervision does not consistently help practice.", "Ofsted ILACS, 2022")

	g := "Acronyms"
	_, err = f.NewSheet(g)
	must(err)
	row(g, 1, "Acronym", "Meaning")
	row(g, 2, "ILACS", "Inspection of local authority children's services")
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func importXLSX(t *testing.T, data []byte, opts Options) *Result {
	t.Helper()
	book, err := ReadXLSX("tracker.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	opts.Name = "tracker.xlsx"
	res, err := Import(book, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func loadResult(t *testing.T, res *Result) *plan.Plan {
	t.Helper()
	fsys := map[string][]byte{}
	for _, f := range res.Files {
		fsys[f.Path] = f.Data
	}
	p, diags, err := plan.Load(mapFS(fsys))
	if err != nil {
		t.Fatal(err)
	}
	if s := plan.Structural(diags); len(s) > 0 {
		t.Fatalf("structural findings: %v", s)
	}
	return p
}

func TestCouncilTracker(t *testing.T) {
	res := importXLSX(t, councilTracker(t), Options{})
	for _, f := range res.Files {
		t.Logf("--- %s\n%s", f.Path, f.Data)
	}
	for _, e := range res.Unmapped {
		t.Logf("unmapped: %s", e)
	}
	for _, e := range res.Notes {
		t.Logf("note: %s", e)
	}
	p := loadResult(t, res)
	if p.Title != "Children's Services Improvement Plan 2022-2024" || p.Organisation != "Bury Council" {
		t.Errorf("title %q, organisation %q", p.Title, p.Organisation)
	}
	want := map[string]struct {
		due    string
		status plan.Status
		rag    plan.RAG
	}{
		"1.1": {"2023-03-31", plan.InProgress, plan.Green},
		"1.2": {"2023-03-31", plan.InProgress, plan.Amber},
		"1.3": {"2023-03-31", plan.Planned, plan.Unrated},
		"1.4": {"2023-03-31", plan.Done, plan.Unrated},
		"1.5": {"", plan.Planned, plan.Unrated},
	}
	for id, w := range want {
		a := p.Action(id)
		if a == nil {
			t.Errorf("no action %s", id)
			continue
		}
		if got := a.Due.String(); a.Due.IsZero() && w.due != "" || !a.Due.IsZero() && got != w.due {
			t.Errorf("%s due %s, want %s", id, got, w.due)
		}
		if a.Status != w.status || a.RAG != w.rag {
			t.Errorf("%s status %s rag %s, want %s %s", id, a.Status, a.RAG, w.status, w.rag)
		}
	}
	if a := p.Action("1.1"); a != nil && (a.Note != "Audits running since January" || a.Evidence != "Audit reports" || a.Owner != "head-of-service-safeguarding") {
		t.Errorf("1.1: note %q evidence %q owner %q", a.Note, a.Evidence, a.Owner)
	}
	if a := p.Action("1.3"); a != nil && !strings.Contains(a.Note, `'Action Plan'!E9: "Purple"`) {
		t.Errorf("1.3's note does not keep the rating it could not read: %q", a.Note)
	}
	if a := p.Action("1.2"); a != nil && !strings.Contains(a.Note, `Resources ('Action Plan'!I8): "£20k"`) {
		t.Errorf("1.2's note does not keep the unknown column: %q", a.Note)
	}
	for _, cell := range []string{`'Action Plan'!E9`, `'Action Plan'!D11`, `'Action Plan'!I8`, `KPIs!G4`} {
		found := false
		for _, e := range res.Unmapped {
			found = found || e.Where == cell
		}
		if !found {
			t.Errorf("the report does not list %s", cell)
		}
	}
	if len(p.Priorities) != 2 || len(p.Themes) != 2 {
		t.Fatalf("%d priorities, %d themes", len(p.Priorities), len(p.Themes))
	}
	if p.Priorities[1].ID != "P2" || p.Priorities[1].Theme != "T2" || len(p.Priorities[1].Actions) != 2 {
		t.Errorf("priority 2: %+v", p.Priorities[1])
	}
	if a := p.Priorities[1].Actions[1]; a.Status != plan.Dropped {
		t.Errorf("withdrawn action is %s", a.Status)
	}
	k := p.Priorities[0].KPIs
	if len(k) != 1 || k[0].ID != "P1.K1" || k[0].Target != 90 || k[0].Unit != "%" || k[0].Better != plan.Higher || len(k[0].Actuals) != 3 || k[0].Actuals[1].Value != 81 || k[0].Frequency != plan.Monthly {
		t.Errorf("P1.K1: %+v", k)
	}
	k2 := p.Priorities[1].KPIs
	if len(k2) != 1 || k2[0].Better != plan.Lower || k2[0].Target != 22 || len(k2[0].Actuals) != 1 || k2[0].Actuals[0].Value != 25 {
		t.Errorf("P2.K1: %+v", k2)
	}
	if len(p.Glossary) != 1 || len(p.Findings) < 3 {
		t.Errorf("glossary %d, findings %d", len(p.Glossary), len(p.Findings))
	}
}

func TestProtectedWorkbook(t *testing.T) {
	f := excelize.NewFile()
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	_, err := ReadXLSX("locked.xlsx", buf.Bytes())
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "password") {
		t.Fatalf("got %v, want an error saying the workbook has a password", err)
	}
}

func TestCSVWithBOMAndSemicolons(t *testing.T) {
	data := "\ufeffRef;Action;Lead;Due;RAG;Comments\n1;Do the thing;Jo Bloggs;31/03/2023;r;\"Late; waiting\"\n2;Another;Jo Bloggs;Q1 2023/24;Blue;\n"
	book, err := ReadCSV("tracker.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(book, Options{Name: "tracker.csv", Organisation: "Test Council"})
	if err != nil {
		t.Fatal(err)
	}
	p := loadResult(t, res)
	a := p.Action("1")
	if a == nil || a.RAG != plan.Red || a.Due.String() != "2023-03-31" || a.Note != "Late; waiting" || a.Owner != "jo-bloggs" {
		t.Fatalf("action 1: %+v", a)
	}
	if b := p.Action("2"); b == nil || b.Status != plan.Done || b.Due.String() != "2023-06-30" {
		t.Fatalf("action 2: %+v", b)
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"31/03/2023": "2023-03-31", "1/4/23": "2023-04-01", "31 March 2023": "2023-03-31", "31st Mar 2023": "2023-03-31",
		"Mar-23": "2023-03-31", "February 2024": "2024-02-29", "Q4 2022/23": "2023-03-31", "Q1 2023/24": "2023-06-30",
		"Q3 2023-24": "2023-12-31", "2022/23": "2023-03-31", "Q2 2023": "2023-06-30", "2023-09-30": "2023-09-30",
		"end of June 2023": "2023-06-30", "March 31, 2023": "2023-03-31",
	} {
		d, ok := parseDateText(in)
		if !ok || d.String() != want {
			t.Errorf("%q read as %v %v, want %s", in, d, ok, want)
		}
	}
	for _, in := range []string{"Ongoing", "31/02/2023", "TBC", "Q5 2023/24", "2022/24", "13/13/2023", ""} {
		if d, ok := parseDateText(in); ok {
			t.Errorf("%q read as %s, want no date", in, d)
		}
	}
}
