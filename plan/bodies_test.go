package plan

import (
	"slices"
	"strings"
	"testing"
)

func TestParseCycle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Cycle
		str  string
	}{
		{"monthly", Cycle{Months: 1}, "monthly"},
		{"Quarterly", Cycle{Months: 3}, "quarterly"},
		{"annual", Cycle{Months: 12}, "annual"},
		{"weekly", Cycle{Weeks: 1}, "1w"},
		{"fortnightly", Cycle{Weeks: 2}, "2w"},
		{"6w", Cycle{Weeks: 6}, "6w"},
		{"4W", Cycle{Weeks: 4}, "4w"},
		{"2m", Cycle{Months: 2}, "2m"},
		{"6m", Cycle{Months: 6}, "6m"},
	} {
		got, err := ParseCycle(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseCycle(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.str {
			t.Errorf("ParseCycle(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
		}
	}
	for _, bad := range []string{"", "w", "0w", "-3w", "53w", "13m", "6d", "often", "six weeks"} {
		if c, err := ParseCycle(bad); err == nil {
			t.Errorf("ParseCycle(%q) = %+v, want an error", bad, c)
		}
	}
}

func TestCycleNext(t *testing.T) {
	d := NewDate(2026, 1, 31)
	for _, tt := range []struct {
		c    Cycle
		want Date
	}{
		{Cycle{Weeks: 6}, NewDate(2026, 3, 14)},
		{Cycle{Months: 1}, NewDate(2026, 2, 28)}, // the last day of a month stays the last
		{Cycle{Months: 3}, NewDate(2026, 4, 30)},
		{Cycle{}, Date{}},
	} {
		if got := tt.c.Next(d); got != tt.want {
			t.Errorf("%+v.Next(%s) = %s, want %s", tt.c, d, got, tt.want)
		}
	}
	if got := (Cycle{Weeks: 6}).Next(Date{}); !got.IsZero() {
		t.Errorf("Next of no date = %s, want none", got)
	}
}

const bodiesPlan = `title: T
organisation: O
themes: [{id: A, title: A}]
owners: [{id: al, name: Al}]
bodies:
  - {id: board, cycle: 4w}
  - {id: scrutiny, name: Children's Scrutiny Committee, cycle: 6w}
  - {id: cabinet, name: Cabinet}
`

func TestReportingBodies(t *testing.T) {
	p, diags := LoadFile(PlanFile, []byte(bodiesPlan), true)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	got := p.ReportingBodies()
	want := []Body{
		{ID: "board", Name: "Improvement Board", Cycle: Cycle{Weeks: 4}, Pos: Pos{PlanFile, 6, 5}},
		{ID: "dfe", Name: "DfE advisor", Cycle: Cycle{Weeks: 6}},
		{ID: "ofsted", Name: "Ofsted monitoring visit", Cycle: Cycle{Months: 3}},
		{ID: "scrutiny", Name: "Children's Scrutiny Committee", Cycle: Cycle{Weeks: 6}, Pos: Pos{PlanFile, 7, 5}},
		{ID: "cabinet", Name: "Cabinet", Pos: Pos{PlanFile, 8, 5}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ReportingBodies() =\n%+v\nwant\n%+v", got, want)
	}
	if ids := (*Plan)(nil).BodyIDs(); !slices.Equal(ids, []string{"board", "dfe", "ofsted"}) {
		t.Errorf("a nil plan's bodies are %v, want the defaults", ids)
	}
	noBodies, _ := LoadFile(PlanFile, []byte("title: T\norganisation: O\nthemes: [{id: A, title: A}]\nowners: [{id: al, name: Al}]\n"), true)
	if got := noBodies.ReportingBodies(); !slices.Equal(got, DefaultBodies()) {
		t.Errorf("a plan without bodies reports to %+v, want the defaults", got)
	}
}

func TestBodiesRefused(t *testing.T) {
	for _, tt := range []struct{ bodies, want string }{
		{"  - {id: scrutiny, cycle: often}", `body scrutiny: cycle "often" is not weekly`},
		{"  - {id: scrutiny}\n  - {id: scrutiny}", "body scrutiny is declared twice (first at line 6)"},
		{"  - {id: 2026-01-01}", "body id 2026-01-01 reads as a date"},
		{"  - {name: Cabinet}", `body has no "id"`},
	} {
		src := "title: T\norganisation: O\nthemes: [{id: A, title: A}]\nowners: [{id: al, name: Al}]\nbodies:\n" + tt.bodies + "\n"
		_, diags := LoadFile(PlanFile, []byte(src), true)
		found := false
		for _, d := range diags {
			found = found || strings.Contains(d.Message, tt.want)
		}
		if !found {
			t.Errorf("bodies:\n%s\nfindings %v, want one saying %q", tt.bodies, diags, tt.want)
		}
	}
}

func TestBodySchedule(t *testing.T) {
	p, _ := LoadFile(PlanFile, []byte(bodiesPlan), true)
	snaps := []Snapshot{
		{Kind: "board", Date: NewDate(2026, 10, 13), Tag: "plan/board/2026-10-13"},
		{Kind: "board", Date: NewDate(2026, 11, 10), Tag: "plan/board/2026-11-10"},
		{Kind: "scrutiny", Date: NewDate(2026, 9, 10), Tag: "plan/scrutiny/2026-09-10"},
		{Kind: "board", Date: NewDate(2026, 9, 15), Tag: "plan/board/2026-09-15"}, // out of order: the latest counts
		{Kind: "cabinet", Date: NewDate(2026, 9, 1), Tag: "plan/cabinet/2026-09-01"},
	}
	got := BodySchedule(p.ReportingBodies(), snaps, map[string]int{"board": 2, "scrutiny": 7, "cabinet": 1}, NewDate(2026, 11, 24))
	type row struct {
		id, last, next string
		overdue        bool
		changes        int
	}
	var rows []row
	for _, s := range got {
		rows = append(rows, row{s.Body.ID, s.Last.Date.String(), s.Next.String(), s.Overdue, s.Changes})
	}
	want := []row{
		{"board", "2026-11-10", "2026-12-08", false, 2},
		{"dfe", "", "", false, -1},
		{"ofsted", "", "", false, -1},
		{"scrutiny", "2026-09-10", "2026-10-22", true, 7},
		{"cabinet", "2026-09-01", "", false, 1}, // no cycle: never overdue
	}
	if !slices.Equal(rows, want) {
		t.Errorf("BodySchedule =\n%+v\nwant\n%+v", rows, want)
	}
}
