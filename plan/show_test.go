package plan

import (
	"os"
	"strings"
	"testing"
)

func TestShow(t *testing.T) {
	p, _, err := Load(os.DirFS("../testdata/bradford"))
	if err != nil {
		t.Fatal(err)
	}
	asOf := NewDate(2026, 11, 24)
	s, err := p.Show("P6.1", asOf)
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind != KindAction || s.Rating.RAG != Red || s.DaysLate != 328 || len(s.Answers) != 1 || s.Answers[0].ID != "OF25-9" ||
		s.Answers[0].Title == "" || !strings.Contains(s.Rating.Why, "overdue") || s.OwnerName == "" {
		t.Errorf("P6.1: %+v", s)
	}
	// A finding lists the actions that address it, as list does.
	s, err = p.Show("OF25-3", asOf)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.List("findings", ListFilter{}, asOf)
	for _, r := range l.Rows {
		if r.ID == "OF25-3" && len(r.Answers) != len(s.Answers) {
			t.Errorf("OF25-3 is addressed by %v in the list, %v shown", r.Answers, s.Answers)
		}
	}
	// A KPI's series stops at the as-of date; its rating is as of then.
	s, err = p.Show("P9.K1", NewDate(2026, 7, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Series) == 0 || s.Series[len(s.Series)-1].Date.After(NewDate(2026, 7, 1)) {
		t.Errorf("P9.K1 series %v goes past the as-of date", s.Series)
	}
	// A priority is rated by the roll-up, as status rates it.
	s, _ = p.Show("P2", asOf)
	for _, ps := range p.Status(asOf).Priorities {
		if ps.ID == "P2" && (ps.RAG != s.Rating.RAG || ps.Why != s.Rating.Why) {
			t.Errorf("P2 shown %v, status says %v %q", s.Rating, ps.RAG, ps.Why)
		}
	}
	if _, err := p.Show("P6.11", asOf); err == nil || !strings.Contains(err.Error(), `no item "P6.11" in the plan; did you mean`) {
		t.Errorf("unknown id: %v", err)
	}
}

// A done action's completion is shown: its date, how late it was against
// the due date in force, and the due date before it was re-baselined.
func TestCompletionShown(t *testing.T) {
	p, diags := load(t, map[string]string{
		"plan.yaml": "title: T\norganisation: C\nthemes: [{id: A, title: A}]\nowners: [{id: o, name: Olive Owen}]\n",
		"priorities/01.yaml": `id: P1
theme: A
title: P
owner: o
actions:
  - {id: P1.1, title: Late, due: 2026-03-31, status: done, completed: 2026-04-10,
     rebaselined: [{date: 2026-01-15, field: due, from: 2026-02-28, reason: R, approved: Board}]}
  - {id: P1.2, title: On time, due: 2026-03-31, status: done, completed: 2026-03-31}
  - {id: P1.3, title: Not yet recorded, due: 2026-03-31, status: done}
  - {id: P1.4, title: Done later than the as-of date, due: 2026-03-31, status: done, completed: 2026-06-01}
`})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	asOf := NewDate(2026, 5, 1)
	c, err := p.Card("P1", asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		completed   string
		late        int
		originalDue string
	}{{"2026-04-10", 10, "2026-02-28"}, {"2026-03-31", 0, ""}, {"", 0, ""}, {"", 0, ""}}
	for i, a := range c.Actions {
		str := func(d Date) string {
			if d.IsZero() {
				return ""
			}
			return d.String()
		}
		if str(a.Completed) != want[i].completed || a.CompletedLate != want[i].late || str(a.OriginalDue) != want[i].originalDue {
			t.Errorf("%s: completed %q late %d original due %q, want %+v", a.ID, str(a.Completed), a.CompletedLate, str(a.OriginalDue), want[i])
		}
	}
	s, err := p.Show("P1.1", asOf)
	if err != nil {
		t.Fatal(err)
	}
	if s.CompletedLate != 10 || s.DaysLate != 0 {
		t.Errorf("show P1.1: completed late %d, days late %d; want 10, 0", s.CompletedLate, s.DaysLate)
	}
}
