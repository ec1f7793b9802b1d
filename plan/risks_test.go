package plan

import (
	"strings"
	"testing"
	"testing/fstest"
)

const risksPlanYAML = `title: Risk plan
organisation: Test Council
themes:
  - {id: A, title: Help}
owners:
  - {id: dcs, name: Director}
  - {id: ict, name: Head of Technology}
`

const risksPriorityYAML = `id: P1
theme: A
title: Children get help in time
owner: dcs
actions:
  - {id: P1.1, title: Replace the case system, due: 2027-03-31, status: in-progress, rag: amber}
  - {id: P1.2, title: More social workers, due: 2026-12-31, status: in-progress, rag: green}
risks:
  - id: P1.R1
    title: The case system fails
    owner: ict
    likelihood: 4
    impact: 5
    target: 8
    controls: Nightly backups
    mitigations: [P1.1]
    reviewed: 2026-10-15
  - id: P1.R2
    title: Demand outstrips capacity
    likelihood: 3
    impact: 3
    target: 9
    mitigations: [P1.2]
    reviewed: 2026-06-30
`

func loadRisks(t *testing.T, priority string) (*Plan, []Diagnostic) {
	t.Helper()
	p, diags, err := Load(fstest.MapFS{
		"plan.yaml":          {Data: []byte(risksPlanYAML)},
		"priorities/01.yaml": {Data: []byte(priority)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, diags
}

func TestRisksLoad(t *testing.T) {
	p, diags := loadRisks(t, risksPriorityYAML)
	if len(diags) > 0 {
		t.Fatalf("findings: %v", diags)
	}
	r1, r2 := p.Risk("P1.R1"), p.Risk("P1.R2")
	if r1 == nil || r2 == nil {
		t.Fatal("risks not read")
	}
	if r1.Score() != 20 || !r1.AboveTarget() || r1.Owner != "ict" || r1.Controls != "Nightly backups" || r1.Mitigations[0] != "P1.1" {
		t.Errorf("P1.R1 = %+v", r1)
	}
	if r2.Score() != 9 || r2.AboveTarget() || r2.Owner != "dcs" {
		t.Errorf("P1.R2 = %+v (the owner defaults to the priority's)", r2)
	}
	if k, f, ok := p.Locate("P1.R2"); !ok || k != KindRisk || f != "priorities/01.yaml" {
		t.Errorf("Locate(P1.R2) = %v %v %v", k, f, ok)
	}
	asOf := NewDate(2026, 11, 24)
	rep := p.Risks(asOf)
	if len(rep.Risks) != 2 || rep.Heat.Count[3][4] != 1 || rep.Heat.Count[2][2] != 1 {
		t.Errorf("report = %+v", rep)
	}
	if rep.Risks[0].Overdue || !rep.Risks[1].Overdue {
		t.Errorf("review due: P1.R1 %v (reviewed 40 days ago), P1.R2 %v (147 days ago)", rep.Risks[0].Overdue, rep.Risks[1].Overdue)
	}
	var one RiskReport
	if err := one.AddPlan(p, "P9"); err == nil || !strings.Contains(err.Error(), `no priority "P9"`) {
		t.Errorf("AddPlan(P9) = %v", err)
	}
}

func TestRisksCheck(t *testing.T) {
	bad := strings.NewReplacer("likelihood: 4", "likelihood: 6", "target: 9", "target: 30", "[P1.2]", "[P1.9]", "impact: 5", "impact: 2.5").Replace(risksPriorityYAML) +
		"  - {id: P1.1, title: Dup, owner: nobody, likelihood: 0, impact: 1}\n"
	_, diags := loadRisks(t, bad)
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String()+": "+d.Message+" ["+string(d.Rule)+"]")
	}
	want := []string{
		"priorities/01.yaml:12:17: likelihood of risk P1.R1 is 6; it is how likely the risk is, a whole number from 1 to 5 [bad-value]",
		"priorities/01.yaml:13:13: impact of risk P1.R1 is 2.5; it is how much harm it would do, a whole number from 1 to 5 [bad-value]",
		"priorities/01.yaml:22:13: target of risk P1.R2 is 30; it is the score aimed for (likelihood x impact), a whole number from 1 to 25 [bad-value]",
		`priorities/01.yaml:23:19: risk P1.R2 is mitigated by action "P1.9", which the plan does not have [unknown-ref]`,
		`priorities/01.yaml:25:5: risk id "P1.1" is already used by the action at priorities/01.yaml:6:5; ids must be unique across the plan [duplicate-id]`,
		`priorities/01.yaml:25:35: risk P1.1 refers to owner "nobody", which plan.yaml does not define (owners: dcs, ict) [unknown-ref]`,
		"priorities/01.yaml:25:55: likelihood of risk P1.1 is 0; it is how likely the risk is, a whole number from 1 to 5 [bad-value]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRisksExceptionsAndDiff(t *testing.T) {
	old, _ := loadRisks(t, risksPriorityYAML)
	p, diags := loadRisks(t, strings.Replace(risksPriorityYAML, "likelihood: 3", "likelihood: 4", 1))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	d := Diff(old.Items(), p.Items())
	if len(d.Changes) != 1 || d.Summary.Worsened != 1 {
		t.Fatalf("diff = %+v", d)
	}
	var score FieldChange
	for _, f := range d.Changes[0].Fields {
		if f.Field == "score" {
			score = f
		}
	}
	if score.Old != "9" || score.New != "12" || score.Meaning != Worsened {
		t.Errorf("score change = %+v", score)
	}
	back := Diff(p.Items(), old.Items())
	if back.Summary.Improved != 1 {
		t.Errorf("a lower score is an improvement: %+v", back.Summary)
	}

	ex := p.Exceptions(NewDate(2026, 11, 24), &d)
	var got []string
	for _, e := range ex {
		got = append(got, string(e.Kind)+" "+e.ID+": "+strings.Join(e.Reasons, "; "))
	}
	want := []string{
		"risk P1.R1: scored 20 (likelihood 4 x impact 5), above its target of 8",
		"risk P1.R2: scored 12 (likelihood 4 x impact 3), above its target of 9; last reviewed 2026-06-30, 147 days ago; risks are reviewed at least every 90 days; risk score worsened since the last report, from 9 to 12",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exceptions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRisksReaderTexts: a risk's title and controls are texts readers see,
// so an acronym in them must be in the glossary.
func TestRisksReaderTexts(t *testing.T) {
	p, _ := loadRisks(t, strings.Replace(risksPriorityYAML, "Nightly backups", "Nightly backups by the CRM team", 1))
	found := false
	for _, rt := range p.ReaderTexts() {
		if rt.ID == "P1.R1" && strings.Contains(rt.Text, "CRM") {
			found = true
		}
	}
	if !found {
		t.Error("the controls of risk P1.R1 are not among the reader texts")
	}
}
