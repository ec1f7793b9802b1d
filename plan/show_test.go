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
