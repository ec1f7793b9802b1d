package plan

import (
	"fmt"
	"path"
	"sync"
)

// Loaded is one plan of several, as its loader returned it.
type Loaded struct {
	Name  string // as given to LoadAll
	Plan  *Plan
	Diags []Diagnostic
	Err   error // the plan could not be read at all
}

// LoadAll reads several plans at once, on up to workers goroutines, and
// returns them in the order of names. load reads the plan called name (in
// the command, the directory of that name), as Load does. Each plan is
// given its Name, and each of its findings the plan's name and a file
// path that starts with it, so that findings from several plans can be
// told apart and opened.
func LoadAll(names []string, workers int, load func(name string) (*Plan, []Diagnostic, error)) []Loaded {
	out := make([]Loaded, 0, len(names))
	LoadEach(names, workers, load, func(l Loaded) { out = append(out, l) })
	return out
}

// LoadEach is LoadAll giving each plan to each as soon as it and the
// plans before it are read, in the order of names, rather than all at the
// end: a caller that keeps only what it needs of each (its findings
// written out, its line of a report) holds no more than the plans read
// out of order, and a plan is not begun more than loadAhead plans after
// the first not yet given, however long that one takes (a long history
// to walk, say). each is called on one goroutine at a time.
func LoadEach(names []string, workers int, load func(name string) (*Plan, []Diagnostic, error), each func(Loaded)) {
	var mu sync.Mutex
	ahead := sync.NewCond(&mu)          // signalled as plans are given
	read := make([]*Loaded, len(names)) // read, waiting for those before
	next := 0                           // the first plan not yet given
	parallel(len(names), workers, func(i int) {
		mu.Lock()
		for i >= next+loadAhead {
			ahead.Wait() // the plan at next is being read: it is not waiting
		}
		mu.Unlock()
		l := loadOne(names[i], load)
		mu.Lock()
		defer mu.Unlock()
		read[i] = &l
		for ; next < len(names) && read[next] != nil; next++ {
			each(*read[next])
			read[next] = nil
		}
		ahead.Broadcast()
	})
}

// loadAhead is how far past the first plan not yet given LoadEach may
// begin reading: enough to keep every core busy when plans differ in size.
const loadAhead = 16

func loadOne(name string, load func(string) (*Plan, []Diagnostic, error)) Loaded {
	p, diags, err := load(name)
	if err != nil {
		return Loaded{Name: name, Err: err}
	}
	p.Name = name
	return Loaded{Name: name, Plan: p, Diags: NameDiagnostics(name, diags)}
}

// NameDiagnostics marks findings as the named plan's: the plan's name is
// set, and their file paths start with it.
func NameDiagnostics(name string, diags []Diagnostic) []Diagnostic {
	for i := range diags {
		diags[i].Plan = name
		diags[i].Pos.File = path.Join(name, diags[i].Pos.File)
	}
	return diags
}

// PlanStatus is one plan's line of a portfolio's status report: the
// totals of its own report.
type PlanStatus struct {
	Name, Title, Organisation string
	Summary
}

// PortfolioReport is the RAG picture of several plans on a date.
type PortfolioReport struct {
	AsOf   Date
	Plans  []PlanStatus // in the order given
	Totals Summary
}

// Portfolio computes the status of each plan on asOf and their totals:
// the counts added up, and the worst plan's rating, saying which plan
// decided it.
func Portfolio(plans []*Plan, asOf Date) PortfolioReport {
	statuses := make([]PlanStatus, len(plans))
	for i, p := range plans {
		statuses[i] = p.PlanStatus(asOf)
	}
	return PortfolioOf(statuses, asOf)
}

// PlanStatus is the plan's line of a portfolio's status report on asOf.
func (p *Plan) PlanStatus(asOf Date) PlanStatus {
	return PlanStatus{Name: p.Name, Title: p.Title, Organisation: p.Organisation, Summary: p.Status(asOf).Totals}
}

// PortfolioOf is Portfolio from each plan's line, computed as each plan
// was read: the plans themselves need not be held at once.
func PortfolioOf(statuses []PlanStatus, asOf Date) PortfolioReport {
	r := PortfolioReport{AsOf: asOf, Plans: []PlanStatus{}}
	worst := -1
	for i, ps := range statuses {
		s := ps.Summary
		r.Plans = append(r.Plans, ps)
		t := &r.Totals
		t.Actions.Red += s.Actions.Red
		t.Actions.Amber += s.Actions.Amber
		t.Actions.Green += s.Actions.Green
		t.Actions.Complete += s.Actions.Complete
		t.Actions.Unrated += s.Actions.Unrated
		t.Actions.Overdue += s.Actions.Overdue
		t.Actions.Dropped += s.Actions.Dropped
		t.Actions.Once = t.Actions.Once.add(s.Actions.Once)
		t.KPIs.Red += s.KPIs.Red
		t.KPIs.Amber += s.KPIs.Amber
		t.KPIs.Green += s.KPIs.Green
		t.KPIs.Unrated += s.KPIs.Unrated
		if worst < 0 || s.RAG.severity() > r.Plans[worst].RAG.severity() {
			worst = i
		}
	}
	switch {
	case worst < 0:
		r.Totals.RAG, r.Totals.Why = Unrated, "unrated: no plans"
	case r.Plans[worst].RAG == Complete:
		r.Totals.RAG, r.Totals.Why = Complete, "complete: every plan's actions are done"
	default:
		w := r.Plans[worst]
		r.Totals.RAG, r.Totals.Why = w.RAG, fmt.Sprintf("%s: worst plan %s is %s (%s)", w.RAG, w.Name, w.RAG, w.Why)
	}
	return r
}

// MergeOverdue puts the overdue lists of several plans into one, the most
// days late first.
func MergeOverdue(lists ...[]OverdueAction) []OverdueAction {
	out := []OverdueAction{}
	for _, l := range lists {
		out = append(out, l...)
	}
	sortOverdue(out)
	return out
}
