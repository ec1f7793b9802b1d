package plan

import "slices"

// ActionCounts counts actions by their state on the as-of date. Red, Amber,
// Green and Unrated count open actions by their own rating; Overdue counts
// open actions past their due date (which are also counted by rating);
// Complete counts done actions and Dropped dropped ones.
type ActionCounts struct {
	Red, Amber, Green, Complete, Unrated, Overdue, Dropped int

	// Once counts each open action once, as a chart whose parts add up to
	// the open actions must.
	Once OpenCounts
}

// OpenCounts counts each open action once: as overdue when it is past its
// due date (the roll-up counts it as red whatever its own rating), else by
// its own rating.
type OpenCounts struct {
	Overdue, Red, Amber, Green, Unrated int
}

// add returns the sum of c and d.
func (c OpenCounts) add(d OpenCounts) OpenCounts {
	return OpenCounts{c.Overdue + d.Overdue, c.Red + d.Red, c.Amber + d.Amber, c.Green + d.Green, c.Unrated + d.Unrated}
}

// KPICounts counts KPIs by rating.
type KPICounts struct {
	Red, Amber, Green, Unrated int
}

// Summary is the rating and counts of a group of actions and KPIs.
type Summary struct {
	RAG     RAG    // by RollUp
	Why     string // the action that decided RAG, in words
	Actions ActionCounts
	KPIs    KPICounts
}

// PriorityStatus is one priority's line of a status report.
type PriorityStatus struct {
	ID, Theme, Title, Owner string
	Summary
}

// ThemeStatus is one theme's line of a status report.
type ThemeStatus struct {
	ID, Title string
	Summary
}

// OwnerStatus summarises the actions and KPIs one owner is accountable for.
type OwnerStatus struct {
	ID, Name string
	Role     string // optional
	Summary
}

// StatusReport is the RAG picture of a plan on a date.
type StatusReport struct {
	AsOf         Date
	Title        string
	Organisation string
	Themes       []ThemeStatus    // in plan.yaml order, those with priorities
	Priorities   []PriorityStatus // grouped by theme in theme order, then in file order
	Owners       []OwnerStatus    // in plan.yaml order, those with actions or KPIs
	Totals       Summary
}

// Status computes the status report of p on asOf.
func (p *Plan) Status(asOf Date) StatusReport {
	r := StatusReport{AsOf: asOf, Title: p.Title, Organisation: p.Organisation}
	var all []*Action
	var allKPIs []*KPI
	for _, t := range p.Themes {
		var actions []*Action
		var kpis []*KPI
		for _, pr := range p.Priorities {
			if pr.Theme != t.ID {
				continue
			}
			r.Priorities = append(r.Priorities, PriorityStatus{
				ID: pr.ID, Theme: pr.Theme, Title: pr.Title, Owner: pr.Owner,
				Summary: summarise(pr.Actions, pr.KPIs, asOf),
			})
			actions = append(actions, pr.Actions...)
			kpis = append(kpis, pr.KPIs...)
		}
		// A theme with no priorities yet is shown, unrated: leaving it out
		// would hide that nothing is planned for it.
		r.Themes = append(r.Themes, ThemeStatus{ID: t.ID, Title: t.Title, Summary: summarise(actions, kpis, asOf)})
		all = append(all, actions...)
		allKPIs = append(allKPIs, kpis...)
	}
	for _, o := range p.Owners {
		actions := slices.DeleteFunc(slices.Clone(all), func(a *Action) bool { return a.Owner != o.ID })
		kpis := slices.DeleteFunc(slices.Clone(allKPIs), func(k *KPI) bool { return k.Owner != o.ID })
		if len(actions)+len(kpis) > 0 {
			r.Owners = append(r.Owners, OwnerStatus{ID: o.ID, Name: o.Name, Role: o.Role, Summary: summarise(actions, kpis, asOf)})
		}
	}
	r.Totals = summarise(all, allKPIs, asOf)
	return r
}

func summarise(actions []*Action, kpis []*KPI, asOf Date) Summary {
	var s Summary
	for _, a := range actions {
		c := &s.Actions
		switch {
		case a.Status == Done:
			c.Complete++
			continue
		case a.Status == Dropped:
			c.Dropped++
			continue
		case !a.Status.Open():
			continue
		}
		rated, once := &c.Unrated, &c.Once.Unrated
		switch a.RAG {
		case Red:
			rated, once = &c.Red, &c.Once.Red
		case Amber:
			rated, once = &c.Amber, &c.Once.Amber
		case Green:
			rated, once = &c.Green, &c.Once.Green
		}
		*rated++
		if a.IsOverdue(asOf) {
			c.Overdue++
			once = &c.Once.Overdue
		}
		*once++
	}
	for _, k := range kpis {
		switch k.AsOf(asOf).Rating() {
		case Red:
			s.KPIs.Red++
		case Amber:
			s.KPIs.Amber++
		case Green:
			s.KPIs.Green++
		default:
			s.KPIs.Unrated++
		}
	}
	r := rollUp(actions, asOf)
	s.RAG, s.Why = r.RAG, r.Why
	return s
}
