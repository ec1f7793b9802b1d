package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/internal/reportcheck"
	"github.com/plan-tool/plan/plan"
)

const risksPlanYAML = `title: Risk plan
organisation: Test Council
themes:
  - {id: A, title: Help}
owners:
  - {id: dcs, name: Director of Children's Services}
  - {id: it, name: Head of Technology}
`

const risksP1 = `id: P1
theme: A
title: Children get help in time
owner: dcs
actions:
  - {id: P1.1, title: Replace the case system, due: 2027-03-31, status: in-progress, rag: amber}
  - {id: P1.2, title: More social workers, due: 2026-12-31, status: in-progress, rag: green}
risks:
  - {id: P1.R1, title: The case recording system fails during migration, owner: it, likelihood: 4, impact: 5, target: 8,
     controls: "Nightly backups | a tested paper fallback", mitigations: [P1.1], reviewed: 2026-10-15}
  - {id: P1.R2, title: Demand at the front door outstrips capacity, likelihood: 3, impact: 3, target: 9,
     controls: Daily triage meeting, mitigations: [P1.1, P1.2], reviewed: 2026-06-30}
  - {id: P1.R3, title: A risk with no target or review yet, likelihood: 2, impact: 2}
`

func TestRisksGolden(t *testing.T) {
	p, diags, err := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(risksPlanYAML)},
		"priorities/01.yaml": {Data: []byte(risksP1)},
	})
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	r := p.Risks(plan.NewDate(2026, 11, 24))
	for _, c := range []struct {
		name string
		f    Format
		o    Options
	}{
		{"risks.table", Table, Options{Width: 120}},
		{"risks-color.table", Table, Options{Width: 120, Color: true}},
		{"risks.md", Markdown, Options{}},
		{"risks.csv", CSV, Options{}},
		{"risks.json", JSON, Options{}},
	} {
		var b bytes.Buffer
		if err := Risks(&b, r, c.f, c.o); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name+".golden", b.Bytes())
	}
	var b bytes.Buffer
	if err := Risks(&b, plan.RiskReport{AsOf: r.AsOf, Risks: []plan.RiskRow{}}, JSON, Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "risks-none.json.golden", b.Bytes())
}

// TestRisksPack: a plan with risks gets a risk page in the board pack,
// after the report cards, in HTML and Markdown; the page is well formed.
func TestRisksPack(t *testing.T) {
	p, _, err := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(risksPlanYAML)},
		"priorities/01.yaml": {Data: []byte(risksP1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := p.Report(plan.NewDate(2026, 11, 24), plan.ForInternal, nil, "")
	if r.Risks == nil || len(r.Risks.Risks) != 3 {
		t.Fatalf("report risks = %+v", r.Risks)
	}
	for _, c := range []struct {
		name string
		f    Format
	}{{"risks-pack.html", HTML}, {"risks-pack.md", Markdown}} {
		var b bytes.Buffer
		if err := Report(&b, r, c.f); err != nil {
			t.Fatal(err)
		}
		if c.f == HTML {
			if problems := reportcheck.Page(b.Bytes(), []string{"P1"}, 0); len(problems) > 0 {
				t.Errorf("pack: %s", strings.Join(problems, "; "))
			}
			page := b.String()
			cards, risks, trace := strings.Index(page, `id="priority-P1"`), strings.Index(page, `id="risks"`), strings.Index(page, "Findings traceability")
			if !(cards < risks && risks < trace) {
				t.Errorf("the risk page is not between the cards (%d) and the trace (%d): %d", cards, trace, risks)
			}
		}
		golden(t, c.name+".golden", b.Bytes())
	}
}
