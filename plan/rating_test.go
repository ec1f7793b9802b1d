package plan

import "testing"

func TestKPIRating(t *testing.T) {
	kpi := func(better Better, target, tolerance float64, actuals ...float64) *KPI {
		k := &KPI{Better: better, Target: target, Tolerance: tolerance}
		for i, v := range actuals {
			k.Actuals = append(k.Actuals, Actual{Date: NewDate(2026, 1, 1).AddDays(i), Value: v})
		}
		return k
	}
	tests := []struct {
		name string
		k    *KPI
		want RAG
	}{
		{"no actuals", kpi(Lower, 25, 5), Unrated},
		{"lower: meets target exactly", kpi(Lower, 25, 5, 25), Green},
		{"lower: under target", kpi(Lower, 25, 5, 40, 20), Green},
		{"lower: within tolerance", kpi(Lower, 25, 5, 30), Amber},
		{"lower: just beyond tolerance", kpi(Lower, 25, 5, 30.1), Red},
		{"lower: latest actual counts, not the best", kpi(Lower, 25, 5, 20, 43), Red},
		{"higher: meets target", kpi(Higher, 80, 5, 80), Green},
		{"higher: within tolerance", kpi(Higher, 80, 5, 75), Amber},
		{"higher: beyond tolerance", kpi(Higher, 80, 5, 74.9), Red},
		{"no tolerance: any miss is red", kpi(Higher, 80, 0, 79.99), Red},
		{"floating point at the boundary", kpi(Lower, 25.1, 5, 30.1), Amber},
		{"floating point: 0.1+0.2", kpi(Lower, 0.3, 0, 0.1+0.2), Green},
	}
	for _, tt := range tests {
		if got := tt.k.Rating(); got != tt.want {
			t.Errorf("%s: Rating() = %s, want %s", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		k    *KPI
		want string
	}{
		{kpi(Higher, 80, 5, 74.9), "red: 74.9 is 5.1 below the target of 80, beyond the tolerance of 5"},
		{kpi(Lower, 25, 5, 27), "amber: 27 is 2 above the target of 25, within the tolerance of 5"},
		{kpi(Lower, 25, 5, 22), "green: 22 meets the target of 25 (lower is better)"},
		{kpi(Higher, 25, 0), "unrated: no actuals yet"},
	} {
		if got := tt.k.Rate().Why; got != tt.want {
			t.Errorf("Why = %q, want %q", got, tt.want)
		}
	}
}

func TestTrend(t *testing.T) {
	kpi := func(better Better, actuals ...float64) *KPI {
		k := &KPI{Better: better}
		for i, v := range actuals {
			k.Actuals = append(k.Actuals, Actual{Date: NewDate(2026, 1, 1).AddDays(i), Value: v})
		}
		return k
	}
	for _, tt := range []struct {
		k    *KPI
		want Trend
		run  int
	}{
		{kpi(Lower), NoTrend, 0},
		{kpi(Lower, 30), NoTrend, 0},
		{kpi(Lower, 30, 28), Improving, 0},
		{kpi(Higher, 30, 28), Worsening, 1},
		{kpi(Higher, 30, 30), Steady, 0},
		{kpi(Higher, 40, 35, 30, 28), Worsening, 3},
		{kpi(Lower, 40, 35, 38, 41), Worsening, 2},
	} {
		if got, run := tt.k.Trend(), tt.k.WorseningRun(); got != tt.want || run != tt.run {
			t.Errorf("%v %v: Trend = %s, run %d; want %s, %d", tt.k.Better, tt.k.Actuals, got, run, tt.want, tt.run)
		}
	}
}

func TestRollUp(t *testing.T) {
	asOf := NewDate(2026, 6, 1)
	action := func(status Status, rag RAG, due string) *Action {
		a := &Action{Status: status, RAG: rag}
		if due != "" {
			a.Due, _ = ParseDate(due)
		}
		return a
	}
	var (
		green        = action(InProgress, Green, "2026-12-31")
		amber        = action(Planned, Amber, "2026-12-31")
		red          = action(InProgress, Red, "2026-12-31")
		unrated      = action(Planned, Unrated, "2026-12-31")
		done         = action(Done, Unrated, "2026-01-31")
		dropped      = action(Dropped, Red, "2026-01-31")
		greenOverdue = action(InProgress, Green, "2026-05-31")
		greenDueNow  = action(InProgress, Green, "2026-06-01")
	)
	tests := []struct {
		name    string
		actions []*Action
		want    RAG
	}{
		{"no actions", nil, Unrated},
		{"only dropped", []*Action{dropped}, Unrated},
		{"all done", []*Action{done, done}, Complete},
		{"done and dropped", []*Action{done, dropped}, Complete},
		{"worst open action wins", []*Action{green, amber, done}, Amber},
		{"red beats everything", []*Action{green, amber, red}, Red},
		{"dropped red does not count", []*Action{green, dropped}, Green},
		{"overdue counts as red", []*Action{greenOverdue, green}, Red},
		{"due on the as-of date is not overdue", []*Action{greenDueNow}, Green},
		{"unrated does not hide a rating", []*Action{green, unrated}, Green},
		{"unrated open action: not complete", []*Action{done, unrated}, Unrated},
	}
	for _, tt := range tests {
		if got := rollUp(tt.actions, asOf).RAG; got != tt.want {
			t.Errorf("%s: rollUp = %s, want %s", tt.name, got, tt.want)
		}
	}
	amber.ID, red.ID, greenOverdue.ID = "P1.2", "P1.3", "P1.7"
	for _, tt := range []struct {
		actions []*Action
		want    string
	}{
		{[]*Action{green, amber}, "amber: worst open action P1.2 is amber"},
		{[]*Action{amber, red}, "red: worst open action P1.3 is red"},
		{[]*Action{greenOverdue, amber}, "red: P1.7 is 1 day overdue (due 2026-05-31), which counts as red"},
		{[]*Action{done, done}, "complete: 2 actions done"},
		{nil, "unrated: no actions to rate"},
	} {
		if got := rollUp(tt.actions, asOf).Why; got != tt.want {
			t.Errorf("Why = %q, want %q", got, tt.want)
		}
	}
}

// TestRollUpNamesTheWorst: the reason names, of the actions at the worst
// rating, one its owner rated red before one red for being overdue, then
// the one most days late.
func TestRollUpNamesTheWorst(t *testing.T) {
	asOf := NewDate(2026, 11, 24)
	late := func(id string, rag RAG, due Date) *Action {
		return &Action{ID: id, Status: InProgress, RAG: rag, Due: due}
	}
	tests := []struct {
		actions []*Action
		want    string
	}{
		{[]*Action{late("A1", Amber, NewDate(2026, 8, 1)), late("A2", Red, NewDate(2027, 1, 31))}, "red: worst open action A2 is red"},
		{[]*Action{late("A1", Green, NewDate(2026, 10, 1)), late("A2", Amber, NewDate(2026, 6, 1))}, "red: A2 is 176 days overdue (due 2026-06-01), which counts as red"},
		{[]*Action{late("A1", Red, NewDate(2027, 1, 31)), late("A2", Red, NewDate(2026, 9, 1))}, "red: worst open action A2 is red"},
		{[]*Action{late("A1", Amber, NewDate(2027, 1, 31)), late("A2", Amber, NewDate(2027, 2, 28))}, "amber: worst open action A1 is amber"},
	}
	for _, tt := range tests {
		if got := rollUp(tt.actions, asOf).Why; got != tt.want {
			t.Errorf("rollUp(%v) = %q, want %q", tt.actions, got, tt.want)
		}
	}
}
