package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/plan"
)

// TestWorkbookIssue20 reads back, with excelize, the Bury example's
// workbook: it has confidence, KPI baselines, trajectories and findings,
// risks and a decision, so the Actions and KPIs sheets gain their columns
// and the Risks and Decisions sheets are there, before the Glossary.
func TestWorkbookIssue20(t *testing.T) {
	p, _, err := plan.Load(os.DirFS("../../testdata/bury"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, p.Register(asOf, plan.ForInternal, nil)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bury.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,Actions,KPIs,Findings,Risks,Decisions,Glossary,About" {
		t.Fatalf("sheets %s", got)
	}
	headers := map[string]string{
		"Actions":   "Theme ref,Theme,Priority ref,Priority,Ref,Action,Owner ref,Owner,Due,Original due,Status,RAG,Confidence,Days late,Completed,Note,Evidence,Findings,Visibility",
		"KPIs":      "Ref,KPI,Priority ref,Owner ref,Owner,Unit,Better,Frequency,Baseline,Baseline date,Date,Value,Target,Tolerance,Due on trajectory,Rating,Direction,Findings,Visibility",
		"Risks":     "Ref,Priority ref,Risk,Owner ref,Owner,Likelihood,Impact,Score,Target score,Reviewed,State,Controls,Mitigations",
		"Decisions": "Priority ref,Date,Body,Decision,Actions",
	}
	for sheet, want := range headers {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != want {
			t.Errorf("%s headings:\n%s\nwant\n%s", sheet, got, want)
		}
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), tableRows(t, f, sheet)+1)
		if got := autoFilter(t, f, sheet); got != "A1:"+last {
			t.Errorf("%s autofilter %q, want A1:%s", sheet, got, last)
		}
	}

	if got := row(t, f, "Actions", "Ref", "LM1.6"); got["Confidence"] != "medium" || got["RAG"] != "Green" {
		t.Errorf("LM1.6: %v, want confidence medium beside its Green rating", got)
	}
	if got := row(t, f, "Actions", "Ref", "LM1.1")["Confidence"]; got != "" {
		t.Errorf("LM1.1, with no confidence, shows %q", got)
	}

	// WF1.K1's September actual: 34 against the 35 its trajectory
	// requires on 2026-09-30 (a point), green; the baseline a real date.
	rows, err := f.GetRows("KPIs")
	if err != nil {
		t.Fatal(err)
	}
	col := func(h string) int { return slices.Index(rows[0], h) }
	found := false
	for n, r := range rows[1:] {
		if r[col("Ref")] != "WF1.K1" || r[col("Value")] != "34" {
			continue
		}
		found = true
		if r[col("Due on trajectory")] != "35" || r[col("Rating")] != "Green" || r[col("Baseline")] != "45" || r[col("Findings")] != "OF-5, LGA-2" {
			t.Errorf("WF1.K1 on 2026-09-30: %v", r)
		}
		ref, _ := excelize.CoordinatesToCellName(col("Baseline date")+1, n+2)
		checkDate(t, f, "KPIs", ref, plan.NewDate(2026, 3, 31))
		ref, _ = excelize.CoordinatesToCellName(col("Due on trajectory")+1, n+2)
		if typ, _ := f.GetCellType("KPIs", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("KPIs %s type %v, want a number", ref, typ)
		}
	}
	if !found {
		t.Fatal("no row of WF1.K1 with the value 34")
	}
	if got := row(t, f, "KPIs", "Ref", "LM2.K1"); got["Due on trajectory"] != "" || got["Baseline"] != "" {
		t.Errorf("LM2.K1, with no trajectory or baseline: %v", got)
	}

	r1 := row(t, f, "Risks", "Ref", "QP1.R1")
	for h, want := range map[string]string{"Priority ref": "QP1", "Owner": "Head of Safeguarding and Quality Assurance", "Likelihood": "4", "Impact": "4",
		"Score": "16", "Target score": "6", "State": "above target", "Mitigations": "QP1.2"} {
		if r1[h] != want {
			t.Errorf("QP1.R1 %s: %q, want %q", h, r1[h], want)
		}
	}
	checkDate(t, f, "Risks", cellOf(t, f, "Risks", "Ref", "QP1.R1", "Reviewed"), plan.NewDate(2026, 10, 28))
	if st := row(t, f, "Risks", "Ref", "QP1.R2")["State"]; st != "" {
		t.Errorf("QP1.R2, at its target and reviewed, has the state %q", st)
	}

	d := row(t, f, "Decisions", "Priority ref", "LM1")
	if d["Body"] != "Improvement Board" || d["Actions"] != "LM1.6" || !strings.HasPrefix(d["Decision"], "Add a communication strategy") {
		t.Errorf("LM1's decision: %v", d)
	}
	checkDate(t, f, "Decisions", cellOf(t, f, "Decisions", "Priority ref", "LM1", "Date"), plan.NewDate(2026, 7, 21))
}
