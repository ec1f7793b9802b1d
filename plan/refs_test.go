package plan

import (
	"slices"
	"testing"
)

func TestReferences(t *testing.T) {
	p, diags := load(t, map[string]string{
		"plan.yaml": `title: T
organisation: C
themes: [{id: A, title: A}, {id: B, title: B}]
owners: [{id: o, name: O}, {id: q, name: Q}]
findings: [{id: F1, text: f}, {id: F2, text: g}]
`,
		"priorities/01.yaml": `id: P1
theme: A
title: P
owner: o
actions:
  - {id: P1.1, title: a, due: 2027-01-31, status: planned, rag: green, addresses: [F2, F1]}
  - {id: P1.2, title: b, owner: q, due: 2027-01-31, status: planned, rag: green}
  - {id: P1.3, title: c, owner: o, due: 2027-01-31, status: planned, rag: green, addresses: [F1]}
kpis:
  - {id: P1.K1, title: k, better: lower, target: 1, owner: q, addresses: [F2]}
risks:
  - {id: P1.R1, title: r, owner: q, likelihood: 2, impact: 3}
  - {id: P1.R2, title: s, likelihood: 2, impact: 3}
`})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	str := func(refs []Reference) []string {
		var out []string
		for _, r := range refs {
			out = append(out, r.What+" "+r.How+" "+r.Pos.String())
		}
		return out
	}
	for _, c := range []struct {
		id   string
		want []string
	}{
		{"A", []string{"priority P1 theme priorities/01.yaml:2:8"}},
		{"B", nil},
		// P1.1 takes its owner from the priority: only the owner written counts.
		{"o", []string{"priority P1 owner priorities/01.yaml:4:8", "action P1.3 owner priorities/01.yaml:8:33"}},
		// P1.R2 takes its owner from the priority; P1.R1 names its own.
		{"q", []string{"action P1.2 owner priorities/01.yaml:7:33", "kpi P1.K1 owner priorities/01.yaml:10:60", "risk P1.R1 owner priorities/01.yaml:12:34"}},
		{"F1", []string{"action P1.1 addresses priorities/01.yaml:6:88", "action P1.3 addresses priorities/01.yaml:8:94"}},
		{"F2", []string{"action P1.1 addresses priorities/01.yaml:6:84", "kpi P1.K1 addresses priorities/01.yaml:10:75"}},
		{"P1.1", nil},
	} {
		if got := str(p.References(c.id)); !slices.Equal(got, c.want) {
			t.Errorf("References(%s):\n got %q\nwant %q", c.id, got, c.want)
		}
	}
}
