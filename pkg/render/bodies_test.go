package render

import (
	"bytes"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// bodySchedule is the bodies of a plan that declares a scrutiny committee
// and a cabinet with no cycle, on 2026-11-24.
func bodySchedule() []plan.BodyStatus {
	p, _ := plan.LoadFile("plan.yaml", []byte(`title: T
organisation: O
themes: [{id: B, title: Workforce}]
owners: [{id: hr, name: HR}]
bodies:
  - {id: scrutiny, name: Children's Scrutiny Committee, cycle: 6w}
  - {id: cabinet, name: Cabinet}
`), true)
	return plan.BodySchedule(p.ReportingBodies(), snapshots(), map[string]int{"board": 3, "ofsted": 0}, plan.NewDate(2026, 11, 24))
}

func TestBodiesGolden(t *testing.T) {
	runGoldens(t, []goldenCase{
		{"bodies.table", func(b *bytes.Buffer) error { return Bodies(b, bodySchedule(), Table, Options{}) }},
		{"bodies.json", func(b *bytes.Buffer) error { return Bodies(b, bodySchedule(), JSON, Options{}) }},
		{"bodies-none.json", func(b *bytes.Buffer) error { return Bodies(b, nil, JSON, Options{}) }},
	})
}

func TestBodiesRefusesMarkdown(t *testing.T) {
	if err := Bodies(&bytes.Buffer{}, bodySchedule(), Markdown, Options{}); err == nil {
		t.Error("Bodies wrote markdown, which it does not know")
	}
}
