package tracker

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/plan"
)

// Cases found by attacking plan import (a council analyst's trackers and
// an adversary's): each checks the value arrives, or is reported.

func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		in    string
		comma bool
		want  float64
		ok    bool
	}{
		{"1,234", false, 1234, true}, {"1,234.5", false, 1234.5, true}, {"-12.5", false, -12.5, true},
		{"1,5", false, 0, false}, {"12,34,567", false, 0, false}, {"1.2.3", false, 0, false},
		{"90,5", true, 90.5, true}, {"1.234,5", true, 1234.5, true}, {"1.5", true, 0, false}, {",5", true, 0.5, true},
	} {
		got, ok := parseDecimal(tt.in, tt.comma)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseDecimal(%q, %v) = %v, %v; want %v, %v", tt.in, tt.comma, got, ok, tt.want, tt.ok)
		}
	}
	if tg, ok := parseTarget(Cell{Kind: Text, Text: "90,5%"}, true); !ok || tg.value != 90.5 || tg.unit != "%" {
		t.Errorf("90,5%% with decimal commas read as %+v %v", tg, ok)
	}
}

func TestDirections(t *testing.T) {
	for in, want := range map[string]plan.Better{
		"no less than 20%": plan.Higher, "not more than 18": plan.Lower, "no more than 10%": plan.Lower,
		"at least 95%": plan.Higher, "<= 22%": plan.Lower, "≥90%": plan.Higher, "up to 10%": plan.Lower,
		"reduce to 25%": plan.Lower, "increase to 60%": plan.Higher, "95%": "", "Target: 95%": "",
	} {
		tg, ok := parseTarget(Cell{Kind: Text, Text: in}, false)
		if !ok || tg.better != want {
			t.Errorf("target %q: better %q, want %q", in, tg.better, want)
		}
	}
	for in, want := range map[string]plan.Better{
		"Lower is better (supports pupils)": plan.Lower, "Higher is better": plan.Higher, "Up": plan.Higher,
		"Smaller is better": plan.Lower, "Good performance is high": plan.Higher,
	} {
		if got, ok := parseBetter(in); !ok || got != want {
			t.Errorf("polarity %q: %q, want %q", in, got, want)
		}
	}
}

// unmappedAt returns the report's entry for a cell.
func unmappedAt(res *Result, where string) (Entry, bool) {
	for _, e := range res.Unmapped {
		if e.Where == where {
			return e, true
		}
	}
	return Entry{}, false
}

func TestNothingDropped(t *testing.T) {
	b := newBook(t)
	b.sheet("Plan",
		[]any{"Pennine Council"},
		[]any{"Improvement Plan"},
		[]any{"OFFICIAL - SENSITIVE"},
		[]any{"Ref", "Action", "Lead", "Due", "RAG", "Update", "Target", "Apr-24"},
		[]any{"Priority 1: Oversight"},
		[]any{"1.1", "Audit files", "Jo", nil, nil, "Started in April", "All files", "G", "stray"},
		[]any{nil, nil, nil, nil, nil, "and carried on in May"},
		[]any{"1.2", "Link", "Jo", day(2024, 3, 31), "A", nil, nil, nil},
	)
	b.must(b.f.SetCellFormula("Plan", "D6", "TODAY()+30"))
	b.must(b.f.SetCellFormula("Plan", "E6", `"G"`))
	b.must(b.f.SetCellHyperLink("Plan", "B8", "https://example.org/evidence", "External"))
	b.sheet("Closed", []any{"Ref", "Action", "Lead", "Due"}, []any{"9.9", "Old", "Jo", day(2023, 1, 1)})
	b.must(b.f.SetSheetVisible("Closed", false))
	b.sheet("Plan 2", []any{"Ref", "Action", "Lead"}, []any{"Priority 1: Workforce"}, []any{"W1", "Hire", "Jo"})
	b.sheet("Findings", []any{"Ref", "Recommendation", "Source", "Judgement"}, []any{"R1", "Text", "Ofsted", "Inadequate"})
	res := importXLSX(t, b.bytes(), Options{})
	p := loadResult(t, res)
	a := p.Action("1.1")
	if a == nil {
		t.Fatalf("no 1.1:\n%s", render(res))
	}
	if !strings.HasPrefix(a.Note, "Started in April and carried on in May [Imported: ") {
		t.Errorf("1.1's note does not hold its update and what was kept: %q", a.Note)
	}
	for _, want := range []string{"=TODAY()+30", `=\"G\"`, "All files", `Apr-24`, "stray"} {
		if !strings.Contains(a.Note, want) {
			t.Errorf("1.1's note %q lacks %s", a.Note, want)
		}
	}
	if e, ok := unmappedAt(res, "Plan!D6"); !ok || !strings.Contains(e.What, "a formula whose value the workbook does not hold") {
		t.Errorf("the formula with no value is not reported as one: %+v", e)
	}
	for _, cell := range []string{"Plan!G6", "Plan!H6", "Plan!I6", "Closed", "Findings!D2", "'Plan 2'!A2"} {
		if _, ok := unmappedAt(res, cell); !ok {
			t.Errorf("%s is not reported:\n%s", cell, render(res))
		}
	}
	if l := p.Action("1.2"); l == nil || !strings.Contains(l.Title, "https://example.org/evidence") {
		t.Errorf("the hyperlink's address is lost: %+v", l)
	}
	if p.Title != "Improvement Plan" || p.Organisation != "Pennine Council" {
		t.Errorf("title %q organisation %q", p.Title, p.Organisation)
	}
	if !strings.Contains(string(res.Files[0].Data), `OFFICIAL - SENSITIVE`) || !strings.Contains(string(res.Files[0].Data), "Inadequate") {
		t.Errorf("plan.yaml does not keep the other title row and the finding's judgement:\n%s", res.Files[0].Data)
	}
	if len(p.Priorities) != 2 || p.Priorities[1].Title != "Workforce" || p.Priorities[1].ID == p.Priorities[0].ID {
		t.Errorf("a second sheet's Priority 1 is not a priority of its own: %+v", p.Priorities)
	}
}

func TestThemeColumnWithPriorityRows(t *testing.T) {
	b := newBook(t)
	b.sheet("Plan",
		[]any{"Theme", "Ref", "Action", "Lead"},
		[]any{"Priority 1: Oversight"},
		[]any{"Practice", "1.1", "Audit", "Jo"},
	)
	p := loadResult(t, importXLSX(t, b.bytes(), Options{Organisation: "X"}))
	if len(p.Themes) != 1 || p.Themes[0].Title != "Practice" || p.Priorities[0].Theme != p.Themes[0].ID {
		t.Errorf("themes %+v, priority's theme %q", p.Themes, p.Priorities[0].Theme)
	}
}

func TestSerial1904(t *testing.T) {
	b := newBook(t)
	yes := true
	b.must(b.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	b.sheet("Plan", []any{"Ref", "Action", "Lead", "Due"}, []any{"1", "A", "Jo", 44285})
	p := loadResult(t, importXLSX(t, b.bytes(), Options{Organisation: "X"}))
	if got := p.Action("1").Due.String(); got != "2025-03-31" {
		t.Errorf("serial 44285 in a 1904 workbook read as %s, want 2025-03-31", got)
	}
}

func TestNotWorkbooks(t *testing.T) {
	zipOf := func(files map[string]string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, body := range files {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte(body)); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"ods":  {zipOf(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "OpenDocument spreadsheet (.ods)"},
		"docx": {zipOf(map[string]string{"word/document.xml": "<x/>", "[Content_Types].xml": "<x/>"}), "Word document (.docx)"},
		"zip":  {zipOf(map[string]string{"a.txt": "a"}), "holds no xl/workbook.xml"},
		"bomb": {bomb(t), "unpacks to 256 MB"},
		"text": {[]byte("hello"), "not a zip file"},
	} {
		_, err := ReadXLSX(name+".xlsx", tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error saying %s", name, err, tt.want)
		}
	}
}

func TestCSVEncodingsAndSeparators(t *testing.T) {
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	for name, data := range map[string][]byte{
		"title line then ;":  []byte("Northshire Council tracker\nRef;Action;Lead;Due\n1;Do;Jo;31/03/2024\n"),
		"tabs":               []byte("Ref\tAction\tLead\tDue\n1\tDo\tJo\t31/03/2024\n"),
		"Excel Unicode Text": utf16le("Ref\tAction\tLead\tDue\r\n1\tDo\tJo\t31/03/2024\r\n"),
	} {
		book, err := ReadCSV(name+".csv", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res, err := Import(book, Options{Organisation: "X"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a := loadResult(t, res).Action("1"); a == nil || a.Title != "Do" || a.Due.String() != "2024-03-31" {
			t.Errorf("%s: action 1 is %+v", name, a)
		}
	}
}

// bomb is a workbook whose sheet says it unpacks to more than
// maxUnzipped. Go's zip reader refuses to unpack more than an entry
// says, so what it says is what bounds the work.
func bomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/workbook.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("<workbook/>")); err != nil {
		t.Fatal(err)
	}
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, UncompressedSize64: maxUnzipped + 1, CompressedSize64: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Write([]byte("A")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStrayCells: a value far to the right on many rows is refused at
// once, naming it; one stray value far out reads the sheet as shown.
func TestStrayCells(t *testing.T) {
	b := newBook(t)
	b.sheet("Plan", []any{"Ref", "Action", "Lead", "Due"}, []any{"1", "Audit", "Jo", "31/03/2024"})
	for r := 3; r <= 200; r++ {
		b.must(b.f.SetCellValue("Plan", fmt.Sprintf("XFD%d", r), "x"))
	}
	_, err := ReadXLSX("wide.xlsx", b.bytes())
	if err == nil || !strings.Contains(err.Error(), "values scattered as far as XFD3") {
		t.Fatalf("got %v, want the scattered values refused", err)
	}

	b = newBook(t)
	b.sheet("Plan", []any{"Ref", "Action", "Lead", "Due", "Done"}, []any{"1", "Audit", "Jo", day(2024, 3, 31), 0.5})
	pct, err := b.f.NewStyle(&excelize.Style{NumFmt: 9})
	b.must(err)
	b.must(b.f.SetCellStyle("Plan", "E2", "E2", pct))
	b.must(b.f.SetCellValue("Plan", "XFD60000", "stray"))
	res := importXLSX(t, b.bytes(), Options{Organisation: "X"})
	a := loadResult(t, res).Action("1")
	if a == nil || a.Due.String() != "2024-03-31" || !strings.Contains(a.Note, `"50%"`) {
		t.Fatalf("action 1 of a sheet read as shown: %+v", a)
	}
	found := false
	for _, e := range res.Notes {
		found = found || strings.Contains(e.What, "the sheet reaches XFD60000")
	}
	if !found {
		t.Errorf("the report does not say the sheet was read as shown:\n%s", render(res))
	}
}

func TestHeadingVariants(t *testing.T) {
	im := &importer{overrideH: map[string]column{}}
	for in, want := range map[string]column{
		"Lead Officer(s)": colOwner, "RAG Status (Current)": colRAG, "Progress Update - March 2024": colNote,
		"Update Jan-24": colNote, "RAG Q3": colRAG, "Target Date (revised)": colDue, "Timescales": colDue,
		"Comments 2023/24": colNote, "Actions": colTitle, "Owners": colOwner,
	} {
		if got, ok := im.columnFor(in); !ok || got != want {
			t.Errorf("heading %q read as %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"Action Plan Ref Number", "Resources", "Risks", "Dependencies"} {
		if got, ok := im.columnFor(in); ok {
			t.Errorf("heading %q read as %q, want none", in, got)
		}
	}
}
