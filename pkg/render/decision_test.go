package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/plan"
)

const decisionsP1 = `id: P1
theme: A
title: Leaders know the quality of practice
owner: alice
actions:
  - {id: P1.1, title: Speed up the MASH, due: 2026-07-31, status: in-progress, rag: amber, confidence: low}
  - {id: P1.2, title: Review supervision, due: 2026-08-15, status: planned, rag: green, confidence: high}
  - {id: P1.3, title: Brief members, due: 2026-03-20, status: done, confidence: low}
decisions:
  - {date: 2026-05-12, body: Improvement Board, text: Add a weekly MASH performance huddle., actions: [P1.1, P1.2]}
  - {date: 2026-04-01, body: Cabinet, text: Fund two more MASH social workers}
  - {date: 2026-07-01, body: Improvement Board, text: Not yet taken on the as-of date}
`

// Decisions and confidence on a card, in each format: decisions up to the
// as-of date, oldest first; confidence beside an open action's rating.
func TestDecisionsAndConfidence(t *testing.T) {
	p, diags, err := plan.Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(boardPlanYAML)},
		"priorities/01.yaml": {Data: []byte(decisionsP1)},
	})
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	card, err := p.Card("P1", boardAsOf)
	if err != nil {
		t.Fatal(err)
	}
	runGoldens(t, []goldenCase{
		{"card-decisions.txt", func(b *bytes.Buffer) error { return Card(b, card, "", Text, Options{}) }},
		{"card-decisions.md", func(b *bytes.Buffer) error { return Card(b, card, "", Markdown, Options{}) }},
		{"card-decisions.json", func(b *bytes.Buffer) error { return Card(b, card, "", JSON, Options{}) }},
		{"exceptions-confidence.table", func(b *bytes.Buffer) error {
			return Exceptions(b, boardAsOf, "", p.Exceptions(boardAsOf, nil), Table, Options{})
		}},
	})
	var html bytes.Buffer
	if err := Report(&html, p.Report(boardAsOf, plan.ForInternal, nil, ""), HTML); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<p class="decision">Agreed by the Cabinet on 2026-04-01: Fund two more MASH social workers.</p>`,
		`<p class="decision">Agreed by the Improvement Board on 2026-05-12: Add a weekly MASH performance huddle (actions P1.1, P1.2).</p>`,
		`<span class="why">low confidence</span>`,
	} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the board pack does not have %s", want)
		}
	}
	if strings.Contains(html.String(), "Not yet taken") {
		t.Error("the board pack shows a decision dated after the as-of date")
	}
	if n := strings.Count(html.String(), `<span class="why">low confidence</span>`); n != 1 {
		t.Errorf("low confidence shown %d times, want 1 (a done action's is not shown)", n)
	}
}
