package plan

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestList(t *testing.T) {
	p, _, err := Load(os.DirFS("../testdata/bradford"))
	if err != nil {
		t.Fatal(err)
	}
	asOf := NewDate(2026, 11, 24)
	rowIDs := func(l List) []string {
		var out []string
		for _, r := range l.Rows {
			out = append(out, r.ID)
		}
		return out
	}
	// The overdue filter keeps what overdue lists.
	l, err := p.List("actions", ListFilter{Overdue: true}, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, o := range p.Overdue(asOf, 0) {
		want = append(want, o.ID)
	}
	got := rowIDs(l)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("--overdue listed %v, want %v", got, want)
	}
	for _, r := range l.Rows {
		if r.DaysLate <= 0 || r.OwnerName == "" {
			t.Errorf("overdue row %+v: want days late and an owner's name", r)
		}
	}
	// Filters combine.
	l, err = p.List("actions", ListFilter{Priority: "P8", Status: InProgress, RAG: Red, RAGSet: true}, asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range l.Rows {
		if r.Priority != "P8" || r.Status != InProgress || r.RAG != Red {
			t.Errorf("row %+v does not match the filter", r)
		}
	}
	l, err = p.List("actions", ListFilter{Stale: map[string]bool{"P8.1": true}}, asOf)
	if err != nil || !slices.Equal(rowIDs(l), []string{"P8.1"}) {
		t.Errorf("stale filter: %v %v", rowIDs(l), err)
	}
	// Every kind lists everything unfiltered.
	counts := map[ListKind]int{"findings": len(p.Findings), "owners": len(p.Owners), "priorities": len(p.Priorities), "themes": len(p.Themes)}
	for k, n := range counts {
		if l, err := p.List(k, ListFilter{}, asOf); err != nil || len(l.Rows) != n {
			t.Errorf("list %s: %d rows, %v; want %d", k, len(l.Rows), err, n)
		}
	}
	// Refusals.
	for _, c := range []struct {
		kind ListKind
		f    ListFilter
		want string
	}{
		{"owners", ListFilter{Owner: "dcs"}, "--owner does not apply to a list of owners"},
		{"kpis", ListFilter{Overdue: true}, "--overdue does not apply to a list of kpis"},
		{"findings", ListFilter{Stale: map[string]bool{}}, "--stale does not apply"},
		{"actions", ListFilter{Owner: "nobody"}, `no owner "nobody" in the plan`},
		{"actions", ListFilter{Priority: "P99"}, `no priority "P99" in the plan`},
		{"widgets", ListFilter{}, `cannot list "widgets"`},
	} {
		if _, err := p.List(c.kind, c.f, asOf); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("list %s %+v: %v, want %q", c.kind, c.f, err, c.want)
		}
	}
}
