package plan_test

import (
	"fmt"
	"testing/fstest"

	"github.com/plan-tool/plan/plan"
)

func ExampleLoad() {
	fsys := fstest.MapFS{
		"plan.yaml": {Data: []byte(`title: Example plan
organisation: Example Council
themes: [{id: A, title: Leadership}]
owners: [{id: dcs, name: Director of Children's Services}]
`)},
		"priorities/01-leadership.yaml": {Data: []byte(`id: P1
theme: A
title: Stable leadership
owner: dcs
actions:
  - id: P1.1
    title: Appoint permanent heads of service
    due: 2026-03-31
    status: in-progress
    rag: amber
  - id: P1.2
    title: Publish the scorecard
    due: 31/03/2026
    status: planned
    rag: green
`)},
	}
	p, diags, err := plan.Load(fsys)
	if err != nil {
		fmt.Println("cannot read the plan:", err)
		return
	}
	for _, d := range diags {
		fmt.Printf("%s: %s [%s]\n", d.Pos, d.Message, d.Rule)
	}
	asOf := plan.NewDate(2026, 4, 30)
	for _, d := range p.Check(asOf) {
		fmt.Printf("%s: %s [%s]\n", d.Pos, d.Message, d.Rule)
	}
	fmt.Println("rating:", p.Status(asOf).Totals.RAG)
	// Output:
	// priorities/01-leadership.yaml:13:10: due of action P1.2: "31/03/2026" is not a date in YYYY-MM-DD form; write 2026-03-31 [bad-date]
	// priorities/01-leadership.yaml:8:10: action P1.1 is 30 days overdue (due 2026-03-31) [overdue]
	// rating: red
}

func ExampleDiff() {
	// version is the plan with action P1.1 due on due and rated rag.
	version := func(due, rag string) fstest.MapFS {
		return fstest.MapFS{
			"plan.yaml": {Data: []byte(`title: Example plan
organisation: Example Council
themes: [{id: A, title: Leadership}]
owners: [{id: dcs, name: Director of Children's Services}]
`)},
			"priorities/01-leadership.yaml": {Data: []byte(`id: P1
theme: A
title: Stable leadership
owner: dcs
actions:
  - id: P1.1
    title: Appoint permanent heads of service
    due: ` + due + `
    status: in-progress
    rag: ` + rag + `
`)},
		}
	}
	older, _, err := plan.Load(version("2026-03-31", "green"))
	if err != nil {
		fmt.Println("cannot read the older plan:", err)
		return
	}
	newer, _, err := plan.Load(version("2026-06-30", "amber"))
	if err != nil {
		fmt.Println("cannot read the newer plan:", err)
		return
	}
	report := plan.Diff(older.Items(), newer.Items())
	for _, c := range report.Changes {
		fmt.Printf("%s %s %s\n", c.Type, c.Kind, c.ID)
		for _, f := range c.Fields {
			fmt.Printf("  %s: %s -> %s (%s)\n", f.Field, f.Old, f.New, f.Meaning)
		}
	}
	fmt.Println("slipped:", report.Summary.Slipped, "worsened:", report.Summary.Worsened)
	// Output:
	// modified action P1.1
	//   due: 2026-03-31 -> 2026-06-30 (slipped)
	//   rag: green -> amber (worsened)
	// slipped: 1 worsened: 1
}
