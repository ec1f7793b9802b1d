package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestExportImportRoundTrip: a plan exported to a workbook and imported
// from it comes back with the same themes, priorities, owners, findings,
// glossary, and every action's and KPI's fields and values.
func TestExportImportRoundTrip(t *testing.T) {
	for _, example := range []string{"bradford", "bury"} {
		t.Run(example, func(t *testing.T) {
			src, err := filepath.Abs(filepath.Join("../../testdata", example))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			book := filepath.Join(dir, "plan.xlsx")
			runOK := func(want int, args ...string) {
				t.Helper()
				d, stdout, stderr := testDeps(nil, fixedNow)
				if code := run(context.Background(), args, d); code != want {
					t.Fatalf("plan %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, stdout, stderr)
				}
			}
			runOK(exitOK, "export", book, "-C", src)
			runOK(exitOK, "import", book, "--to", filepath.Join(dir, "back"))
			before := loadPlan(t, src)
			after := loadPlan(t, filepath.Join(dir, "back"))
			if got, want := describe(after), describe(before); got != want {
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("the plan imported from its export differs at line %d:\n got: %s\nwant: %s", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("the plan imported from its export has %d lines of description, the plan %d", len(gl), len(wl))
			}
		})
	}
}

func loadPlan(t *testing.T, dir string) *plan.Plan {
	t.Helper()
	p, diags, err := plan.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if s := plan.Structural(diags); len(s) > 0 {
		t.Fatalf("%s: %v", dir, s)
	}
	return p
}

// describe lists what a round trip keeps, one fact a line. An open
// action's rating is kept; a done or dropped one's is not (a done action
// shows as complete), nor are the re-baselinings' reasons and approvers,
// which the workbook does not hold, nor KPI actuals dated after today,
// which the export leaves out as the scorecard does. Confidence, KPI
// baselines and the findings KPIs address are kept; trajectories, risks
// and decisions are not (the workbook shows them worked out, or on sheets
// import does not read).
func describe(p *plan.Plan) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("plan %q %q", p.Title, p.Organisation)
	for _, th := range p.Themes {
		line("theme %s %q", th.ID, th.Title)
	}
	owners := slices.Clone(p.Owners)
	slices.SortFunc(owners, func(a, b *plan.Owner) int { return strings.Compare(a.ID, b.ID) })
	for _, o := range owners {
		used := false
		for _, pr := range p.Priorities {
			for _, a := range pr.Actions {
				used = used || a.Owner == o.ID
			}
			for _, k := range pr.KPIs {
				used = used || k.Owner == o.ID
			}
		}
		if used { // an owner of nothing is not in the workbook
			line("owner %s %q", o.ID, o.Name)
		}
	}
	findings := slices.Clone(p.Findings) // the workbook lists them as plan trace does
	slices.SortFunc(findings, func(a, b *plan.Finding) int { return strings.Compare(a.ID, b.ID) })
	for _, f := range findings {
		line("finding %s %q %q %q", f.ID, f.Source, f.Text, f.Visibility)
	}
	for _, g := range p.Glossary {
		line("term %q %q", g.Term, g.Meaning)
	}
	today := plan.DateOf(fixedNow)
	for _, pr := range p.Priorities {
		line("priority %s %s %q owner=%s", pr.ID, pr.Theme, pr.Title, pr.Owner)
		for _, a := range pr.Actions {
			rag := a.RAG
			if !a.Status.Open() {
				rag = plan.Unrated
			}
			line("action %s %q owner=%s due=%s %s %s addresses=%v note=%q evidence=%q %q confidence=%q", a.ID, a.Title, a.Owner, a.Due, a.Status, rag, a.Addresses, a.Note, a.Evidence, a.Visibility, a.Confidence)
		}
		for _, k := range pr.KPIs {
			freq := k.Frequency
			line("kpi %s %q owner=%s unit=%q %s target=%g tolerance=%g %s %q addresses=%v", k.ID, k.Title, k.Owner, k.Unit, k.Better, k.Target, k.Tolerance, freq, k.Visibility, k.Addresses)
			if b := k.Baseline; b != nil {
				line("  baseline %s %g", b.Date, b.Value)
			}
			for _, a := range k.AsOf(today).Actuals {
				line("  %s %g", a.Date, a.Value)
			}
		}
	}
	return b.String()
}
