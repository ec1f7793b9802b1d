package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/internal/reportcheck"
	"github.com/plan-tool/plan/plan"
)

const boardPlanYAML = `title: Test Improvement Plan
organisation: Test Council
themes:
  - {id: A, title: Leadership}
  - {id: B, title: Workforce}
owners:
  - {id: alice, name: Alice Adams}
  - {id: bob, name: Bob Brown}
findings:
  - {id: F1, source: Ofsted ILACS inspection, text: The MASH is slow.}
  - {id: F2, source: LGA peer review, text: Supervision is patchy., visibility: internal}
  - {id: F3, text: Nobody answers this.}
glossary:
  ILACS: Inspection of Local Authority Children's Services
  LGA: Local Government Association
  MASH: Multi-Agency Safeguarding Hub
  ASYE: Assessed and Supported Year in Employment
`

const boardP1 = `id: P1
theme: A
title: Leaders know the quality of practice
owner: alice
actions:
  - {id: P1.1, title: Speed up the MASH, due: 2026-03-31, status: done, completed: 2026-04-10, evidence: "Audit, April 2026", addresses: [F1],
     rebaselined: [{date: 2026-01-15, field: due, from: 2026-02-28, reason: Vacancies, approved: Improvement Board}]}
  - {id: P1.2, title: Review supervision, due: 2026-05-15, status: in-progress, rag: red, note: The LGA will help <soon>, addresses: [F2]}
  - {id: P1.3, title: Brief members, due: 2026-05-20, status: in-progress, rag: green, visibility: internal}
kpis:
  - {id: P1.K1, title: Audits good or better, unit: "%", better: higher, target: 80, tolerance: 5, frequency: quarterly, actuals: {2025-12-31: 90, 2026-03-31: 85, 2026-05-31: 74.9}}
`

const boardP2 = `id: P2
theme: B
title: A stable workforce
owner: bob
actions:
  - {id: P2.1, title: Recruit ASYE social workers, due: 2026-09-30, status: planned, rag: amber}
kpis:
  - {id: P2.K1, title: Agency staff, unit: "%", better: lower, target: 20, tolerance: 5, actuals: {2026-03-31: 30, 2026-05-31: 24}}
  - {id: P2.K2, title: Caseload, better: lower, target: 18}
`

func boardPlan(t *testing.T) *plan.Plan {
	t.Helper()
	p, diags, err := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(boardPlanYAML)},
		"priorities/01.yaml": {Data: []byte(boardP1)},
		"priorities/02.yaml": {Data: []byte(boardP2)},
	})
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	return p
}

var boardAsOf = plan.NewDate(2026, 6, 1)

// boardChanges is what changed since an older version of the plan.
func boardChanges(t *testing.T, p *plan.Plan, a plan.Audience) *plan.DiffReport {
	older, _, _ := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(boardPlanYAML)},
		"priorities/01.yaml": {Data: []byte(strings.Replace(boardP1, "due: 2026-05-15, status: in-progress, rag: red", "due: 2026-04-30, status: in-progress, rag: amber", 1))},
		"priorities/02.yaml": {Data: []byte(boardP2)},
	})
	d := plan.Diff(older.ForAudience(a).Items(), p.ForAudience(a).Items())
	return &d
}

func boardReport(t *testing.T, a plan.Audience) plan.Report {
	p := boardPlan(t)
	return p.ForAudience(a).Report(boardAsOf, a, boardChanges(t, p, a), "plan/board/2026-05-01 (2026-05-01)")
}

func TestBoardRenderersGolden(t *testing.T) {
	p := boardPlan(t)
	rows := p.Scorecard(boardAsOf)
	card, err := p.Card("P1", boardAsOf)
	if err != nil {
		t.Fatal(err)
	}
	changes := boardChanges(t, p, plan.ForInternal)
	only := changes.Only(p.Members("P1"))
	card.Changes = &only
	exceptions := p.Exceptions(boardAsOf, changes)
	used := map[*plan.Term]bool{}
	for _, term := range p.UsedTerms() {
		used[term] = true
	}
	since := "plan/board/2026-05-01 (2026-05-01)"
	runGoldens(t, []goldenCase{
		{"kpis.table", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, Table, Options{}) }},
		{"kpis-terminal-explain.table", func(b *bytes.Buffer) error {
			return KPIs(b, boardAsOf, rows, Table, Options{Terminal: true, Explain: true, Color: true})
		}},
		{"kpis.md", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, Markdown, Options{Explain: true}) }},
		{"kpis.csv", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, CSV, Options{}) }},
		{"kpis.json", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, rows, JSON, Options{}) }},
		{"kpis-none.table", func(b *bytes.Buffer) error { return KPIs(b, boardAsOf, nil, Table, Options{}) }},
		{"trace.table", func(b *bytes.Buffer) error { return Trace(b, p.Trace(), Table, Options{}) }},
		{"trace.md", func(b *bytes.Buffer) error { return Trace(b, p.Trace(), Markdown, Options{}) }},
		{"trace.csv", func(b *bytes.Buffer) error { return Trace(b, p.Trace(), CSV, Options{}) }},
		{"trace.json", func(b *bytes.Buffer) error { return Trace(b, p.Trace(), JSON, Options{}) }},
		{"exceptions.table", func(b *bytes.Buffer) error { return Exceptions(b, boardAsOf, since, exceptions, Table, Options{}) }},
		{"exceptions.md", func(b *bytes.Buffer) error { return Exceptions(b, boardAsOf, since, exceptions, Markdown, Options{}) }},
		{"exceptions.json", func(b *bytes.Buffer) error { return Exceptions(b, boardAsOf, since, exceptions, JSON, Options{}) }},
		{"exceptions-none.json", func(b *bytes.Buffer) error { return Exceptions(b, boardAsOf, "", nil, JSON, Options{}) }},
		{"card.txt", func(b *bytes.Buffer) error { return Card(b, card, since, Text, Options{}) }},
		{"card.md", func(b *bytes.Buffer) error { return Card(b, card, since, Markdown, Options{}) }},
		{"card.json", func(b *bytes.Buffer) error { return Card(b, card, since, JSON, Options{}) }},
		{"glossary.table", func(b *bytes.Buffer) error { return Glossary(b, p.Glossary, used, Table, Options{}) }},
		{"glossary.md", func(b *bytes.Buffer) error { return Glossary(b, p.UsedTerms(), used, Markdown, Options{}) }},
		{"glossary.json", func(b *bytes.Buffer) error { return Glossary(b, p.Glossary, used, JSON, Options{}) }},
		{"report.html", func(b *bytes.Buffer) error { return Report(b, boardReport(t, plan.ForInternal), HTML) }},
		{"report.md", func(b *bytes.Buffer) error { return Report(b, boardReport(t, plan.ForInternal), Markdown) }},
		{"report-public.html", func(b *bytes.Buffer) error { return Report(b, boardReport(t, plan.ForPublic), HTML) }},
		{"report-public.md", func(b *bytes.Buffer) error { return Report(b, boardReport(t, plan.ForPublic), Markdown) }},
	})
}

// reportWants says what CheckReportHTML must find in a pack of r.
func reportWants(r plan.Report) ([]string, int) {
	var ids []string
	charts := 0
	for _, c := range r.Cards {
		ids = append(ids, c.Priority.ID)
		for _, k := range c.KPIs {
			if len(k.Series) > 0 {
				charts++
			}
		}
	}
	return ids, charts
}

func TestReportHTMLStructure(t *testing.T) {
	for _, a := range []plan.Audience{plan.ForInternal, plan.ForPublic} {
		r := boardReport(t, a)
		var b bytes.Buffer
		if err := Report(&b, r, HTML); err != nil {
			t.Fatal(err)
		}
		ids, charts := reportWants(r)
		if problems := reportcheck.Page(b.Bytes(), ids, charts); len(problems) > 0 {
			t.Errorf("%s report: %s", a, strings.Join(problems, "; "))
		}
		page := b.String()
		if a == plan.ForPublic && (strings.Contains(page, "LGA will help") || strings.Contains(page, "Brief members") || strings.Contains(page, "Supervision is patchy")) {
			t.Error("the public report shows a note or an internal item")
		}
		if a == plan.ForInternal && !strings.Contains(page, "The LGA will help &lt;soon&gt;") {
			t.Error("the internal report does not show notes, escaped")
		}
	}
	// The check itself must be able to fail.
	if problems := reportcheck.Page([]byte(`<html><body><script src="https://x/y.js"></script><p>unclosed</body></html>`), nil, 0); len(problems) == 0 {
		t.Error("CheckReportHTML passed a page with a script, an external reference and bad markup")
	}
}
