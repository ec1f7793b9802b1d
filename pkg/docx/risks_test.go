package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// riskyP2 is the small plan's second priority with two risks: one above
// its target and never reviewed, one within target and reviewed.
const riskyP2 = p2 + `risks:
  - {id: P2.R1, title: Agency staff leave at short notice, owner: bob, likelihood: 4, impact: 4, target: 6,
     controls: Notice periods in contracts, mitigations: [P2.1]}
  - {id: P2.R2, title: Caseloads rise, likelihood: 2, impact: 3, target: 9, reviewed: 2026-05-20}
`

// rowTexts is the text of each cell of each row of a table.
func rowTexts(tbl node) [][]string {
	var rows [][]string
	for _, tr := range tbl.all("tr") {
		var row []string
		for _, tc := range tr.all("tc") {
			row = append(row, tc.text())
		}
		rows = append(rows, row)
	}
	return rows
}

// TestRisks reads the risk page back: after the cards, from a new page,
// the register with scores and what is wrong, and the heat map with each
// cell shaded by its score's level and the risks counted in it.
func TestRisks(t *testing.T) {
	p := load(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1, "priorities/02.yaml": riskyP2})
	r := p.Report(plan.NewDate(2026, 6, 1), plan.ForInternal, nil, "")
	ps := parts(t, write(t, r))
	checkPackage(t, ps)
	doc := readNode(t, ps["word/document.xml"])

	var headings []string
	for _, para := range doc.all("p") {
		if para.style() == "Heading1" {
			headings = append(headings, para.text())
			if para.text() == "Risks" && !para.has("pageBreakBefore") {
				t.Error("the risk page does not start a new page")
			}
		}
	}
	want := []string{"Summary", "Exceptions", "P1: Leaders know the quality of practice", "P2: A stable workforce", "Risks", "Findings traceability", "Glossary"}
	if !slices.Equal(headings, want) {
		t.Errorf("headings:\n got %q\nwant %q", headings, want)
	}

	var register, heat node
	for _, tbl := range doc.all("tbl") {
		switch head := rowTexts(tbl)[0]; {
		case head[0] == "Risk":
			register = tbl
		case strings.HasPrefix(head[0], "Likelihood"):
			heat = tbl
		}
	}
	got := rowTexts(register)
	wantRows := [][]string{
		{"Risk", "Title", "Owner", "Likelihood", "Impact", "Score", "Target", "Reviewed", "Controls and mitigating actions"},
		{"P2.R1", "Agency staff leave at short noticeabove target; review due", "Bob Brown", "4", "4", "16", "6", "-", "Notice periods in contractsActions: P2.1"},
		{"P2.R2", "Caseloads rise", "Bob Brown", "2", "3", "6", "9", "2026-05-20", ""},
	}
	if !slices.EqualFunc(got, wantRows, slices.Equal) {
		t.Errorf("register:\n got %q\nwant %q", got, wantRows)
	}

	rows := heat.all("tr")
	if len(rows) != 6 {
		t.Fatalf("heat map has %d rows, want a heading and 5", len(rows))
	}
	if h := rowTexts(heat)[0]; !slices.Equal(h, []string{`Likelihood \ impact`, "1", "2", "3", "4", "5"}) {
		t.Errorf("heat map heading %q", h)
	}
	for i, tr := range rows[1:] {
		l := 5 - i
		cells := tr.all("tc")
		if got := cells[0].text(); got != string(rune('0'+l)) {
			t.Errorf("row %d is likelihood %q, want %d", i+1, got, l)
		}
		for j, tc := range cells[1:] {
			imp := j + 1
			wantFill := heatColours[plan.RiskLevel(l*imp)]
			if s := tc.all("shd"); len(s) != 1 || s[0].attr("fill") != wantFill {
				t.Errorf("cell likelihood %d impact %d: shading %v, want %s", l, imp, s, wantFill)
			}
			wantText := "\u00b7"
			switch {
			case l == 4 && imp == 4, l == 2 && imp == 3:
				wantText = "1"
			}
			if got := tc.text(); got != wantText {
				t.Errorf("cell likelihood %d impact %d says %q, want %q", l, imp, got, wantText)
			}
		}
	}
	if heatColours["high"] == heatColours["low"] || heatColours["medium"] == "" {
		t.Error("the levels are not shaded apart")
	}
}

// TestNoRisks: a plan without risks has no risk page.
func TestNoRisks(t *testing.T) {
	doc := readNode(t, parts(t, write(t, testReport(t, plan.ForInternal)))["word/document.xml"])
	if strings.Contains(doc.text(), "Heat map") {
		t.Error("a plan without risks has a heat map")
	}
}

// TestRisksLibreOffice prints the Bury pack, which has risks, with
// LibreOffice and reads the risk page back from the PDF's text.
func TestRisksLibreOffice(t *testing.T) {
	soffice := need(t, "soffice", "libreoffice-writer")
	pdftotext := need(t, "pdftotext", "poppler-utils")
	p, diags, err := plan.Load(os.DirFS(filepath.Join("..", "..", "testdata", "bury")))
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	r := p.Report(plan.NewDate(2026, 11, 24), plan.ForInternal, nil, "")
	if r.Risks == nil {
		t.Fatal("the Bury plan has no risks")
	}
	text, err := exec.Command(pdftotext, "-layout", printed(t, soffice, r), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if os.Getenv("PLAN_SHOW_PDF") != "" {
		t.Logf("%s", text)
	}
	s := string(text)
	risks := strings.Index(s, "Each risk to delivering the plan")
	trace := strings.Index(s, "Findings traceability")
	if risks < 0 || trace < risks {
		t.Fatalf("no risk page before the findings (at %d, findings at %d)", risks, trace)
	}
	page := s[risks:trace]
	for _, k := range r.Risks.Risks {
		if !strings.Contains(page, k.ID) {
			t.Errorf("the risk page does not list %s", k.ID)
		}
	}
	for _, want := range []string{"Heat map", "Likelihood \\ impact", "above target"} {
		if !strings.Contains(page, want) {
			t.Errorf("the risk page does not say %q", want)
		}
	}
}
