package tracker

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// cellRef is how the report names where a value was: a cell, a column or
// a sheet, or an item's id.
var cellRef = regexp.MustCompile(`^('([^']|'')+'|[A-Za-z0-9_]+)(![A-Z]+[0-9]*)?$`)

// FuzzImport: any CSV either has no header, or imports to a plan that
// loads with no structural finding, with every action and KPI the report
// counts, and every value it could not read reported at a place.
func FuzzImport(f *testing.F) {
	f.Add("Ref,Action,Lead,Due,RAG\n1,Do it,Jo,31/03/2023,G\n")
	f.Add("\ufeffRef;Action;Lead;Due;RAG;Comments\n1;Do;Jo;Mar-23;Purple;x\n2;;;;;\n")
	f.Add("Title row\nTheme 1: A\nPriority 1: B\nRef,Action,Lead,Due,RAG\nTheme 2: C\n1.1,x,y,Q4 2022/23,amber\n")
	f.Add("Ref,Measure,Target,Apr-23,May-23\nK1,Agency staff,<= 20%,25%,n/a\nK1,Again,95%,x,1\n")
	f.Add("Acronym,Meaning\nDCS,Director\nDCS,Again\n,\n")
	f.Add("Ref,Recommendation,Source\nR1,Text,Ofsted\nR1,,\n")
	f.Add("Ref,KPI,Date,Value,Target,Better\nK1,A,31/03/2023,4,5,up\nK1,A,bad,4,x,sideways\n")
	f.Fuzz(func(t *testing.T, data string) {
		book, err := ReadCSV("fuzz.csv", []byte(data))
		if err != nil {
			return
		}
		res, err := Import(book, Options{Name: "fuzz.csv"})
		var nh *NoHeaderError
		if errors.As(err, &nh) || err != nil && strings.HasPrefix(err.Error(), "no sheet of actions or measures") {
			return
		}
		if err != nil {
			t.Fatalf("import failed: %v", err)
		}
		fsys := map[string][]byte{}
		for _, f := range res.Files {
			fsys[f.Path] = f.Data
		}
		p, diags, err := plan.Load(mapFS(fsys))
		if err != nil {
			t.Fatal(err)
		}
		if st := plan.Structural(diags); len(st) > 0 {
			t.Fatalf("structural finding %v in\n%s", st[0], render(res))
		}
		actions, kpis := 0, 0
		for _, pr := range p.Priorities {
			actions += len(pr.Actions)
			kpis += len(pr.KPIs)
		}
		if actions != res.Actions || kpis != res.KPIs || len(p.Priorities) != res.Priorities {
			t.Fatalf("the report counts %d actions, %d KPIs, %d priorities; the plan has %d, %d, %d", res.Actions, res.KPIs, res.Priorities, actions, kpis, len(p.Priorities))
		}
		for _, e := range append(res.Unmapped, res.Notes...) {
			if !cellRef.MatchString(e.Where) && !plan.IsID(e.Where) {
				t.Fatalf("report entry %q names no place", e)
			}
		}
	})
}
