package plan

import (
	"fmt"
	"slices"
	"strings"
)

// ListKind is what a list lists: one of ListKinds.
type ListKind string

// ListKinds are the kinds a list can hold, the first the default.
var ListKinds = []ListKind{"actions", "kpis", "findings", "owners", "priorities", "themes"}

// ListFilter narrows a list. Empty fields match everything; a field that
// does not apply to the kind listed is refused by List.
type ListFilter struct {
	Owner, Theme, Priority string
	Status                 Status
	RAG                    RAG
	RAGSet                 bool // RAG was given (Unrated is a value to match)
	Overdue                bool
	// Stale, when not nil, keeps only the actions it holds: those the
	// stale rule reports.
	Stale map[string]bool
}

// ListRow is one item of a list. Which fields are set depends on the kind.
type ListRow struct {
	ID, Title string
	Owner     string // owner id: actions, KPIs, priorities
	OwnerName string // the owner's name, for people
	Priority  string // actions and KPIs
	Theme     string // priorities, actions and KPIs
	Due       Date   // actions
	Status    Status // actions
	DaysLate  int    // actions: positive when overdue and open
	RAG       RAG    // actions: the owner's rating; KPIs, priorities, themes: computed
	Latest    *Actual
	Unit      string
	Source    string   // findings
	Answers   []string // findings: the actions that address it
	Role      string   // owners
	Email     string   // owners
}

// List is a list of one kind of item as of a date.
type List struct {
	AsOf Date
	Kind ListKind
	Rows []ListRow
}

// List lists the items of kind in plan order, narrowed by f, as of asOf.
func (p *Plan) List(kind ListKind, f ListFilter, asOf Date) (List, error) {
	if err := p.checkListFilter(kind, f); err != nil {
		return List{}, err
	}
	l := List{AsOf: asOf, Kind: kind, Rows: []ListRow{}}
	themeOf := map[string]string{}
	for _, pr := range p.Priorities {
		themeOf[pr.ID] = pr.Theme
	}
	keep := func(owner, theme, priority string, rag RAG) bool {
		return (f.Owner == "" || owner == f.Owner) && (f.Theme == "" || theme == f.Theme) &&
			(f.Priority == "" || priority == f.Priority) && (!f.RAGSet || rag == f.RAG)
	}
	switch kind {
	case "actions":
		for _, pr := range p.Priorities {
			for _, a := range pr.Actions {
				if !keep(a.Owner, pr.Theme, pr.ID, a.RAG) || (f.Status != "" && a.Status != f.Status) ||
					(f.Overdue && !a.IsOverdue(asOf)) || (f.Stale != nil && !f.Stale[a.ID]) {
					continue
				}
				late := 0
				if a.Status.Open() && !a.Due.IsZero() {
					late = max(a.DaysLate(asOf), 0)
				}
				l.Rows = append(l.Rows, ListRow{ID: a.ID, Title: a.Title, Owner: a.Owner, OwnerName: p.OwnerName(a.Owner),
					Priority: pr.ID, Theme: pr.Theme, Due: a.Due, Status: a.Status, DaysLate: late, RAG: a.RAG})
			}
		}
	case "kpis":
		for _, pr := range p.Priorities {
			for _, k := range pr.KPIs {
				k = k.AsOf(asOf)
				r := k.Rating()
				if !keep(k.Owner, pr.Theme, pr.ID, r) {
					continue
				}
				row := ListRow{ID: k.ID, Title: k.Title, Owner: k.Owner, OwnerName: p.OwnerName(k.Owner),
					Priority: pr.ID, Theme: pr.Theme, RAG: r, Unit: k.Unit}
				if a, ok := k.Latest(); ok {
					row.Latest = &a
				}
				l.Rows = append(l.Rows, row)
			}
		}
	case "findings":
		answers := map[string][]string{}
		for _, pr := range p.Priorities {
			for _, a := range pr.Actions {
				for _, id := range a.Addresses {
					answers[id] = append(answers[id], a.ID)
				}
			}
		}
		for _, fd := range p.Findings {
			l.Rows = append(l.Rows, ListRow{ID: fd.ID, Title: fd.Text, Source: fd.Source, Answers: answers[fd.ID]})
		}
	case "owners":
		for _, o := range p.Owners {
			l.Rows = append(l.Rows, ListRow{ID: o.ID, Title: o.Label(), OwnerName: o.Label(), Role: o.Role, Email: o.Email})
		}
	case "priorities":
		for _, pr := range p.Priorities {
			s := summarise(pr.Actions, pr.KPIs, asOf)
			if !keep(pr.Owner, pr.Theme, "", s.RAG) {
				continue
			}
			l.Rows = append(l.Rows, ListRow{ID: pr.ID, Title: pr.Title, Owner: pr.Owner, OwnerName: p.OwnerName(pr.Owner),
				Theme: pr.Theme, RAG: s.RAG})
		}
	case "themes":
		for _, t := range p.Status(asOf).Themes {
			if !keep("", t.ID, "", t.RAG) {
				continue
			}
			l.Rows = append(l.Rows, ListRow{ID: t.ID, Title: t.Title, Theme: t.ID, RAG: t.RAG})
		}
	}
	return l, nil
}

// checkListFilter refuses filters that do not apply to kind, and ids the
// plan does not define.
func (p *Plan) checkListFilter(kind ListKind, f ListFilter) error {
	if !slices.Contains(ListKinds, kind) {
		return fmt.Errorf("cannot list %q: lists are of %s", kind, joinKinds())
	}
	applies := map[string][]ListKind{
		"--owner":    {"actions", "kpis", "priorities"},
		"--theme":    {"actions", "kpis", "priorities", "themes"},
		"--priority": {"actions", "kpis"},
		"--status":   {"actions"},
		"--rag":      {"actions", "kpis", "priorities", "themes"},
		"--overdue":  {"actions"},
		"--stale":    {"actions"},
	}
	given := map[string]bool{"--owner": f.Owner != "", "--theme": f.Theme != "", "--priority": f.Priority != "",
		"--status": f.Status != "", "--rag": f.RAGSet, "--overdue": f.Overdue, "--stale": f.Stale != nil}
	for _, flag := range []string{"--owner", "--theme", "--priority", "--status", "--rag", "--overdue", "--stale"} {
		if given[flag] && !slices.Contains(applies[flag], kind) {
			return fmt.Errorf("%s does not apply to a list of %s", flag, kind)
		}
	}
	if f.Owner != "" && p.Owner(f.Owner) == nil {
		return fmt.Errorf("no owner %q in the plan (owners: %s)", f.Owner, strings.Join(ids(p.Owners, func(o *Owner) string { return o.ID }), ", "))
	}
	if f.Theme != "" && p.Theme(f.Theme) == nil {
		return fmt.Errorf("no theme %q in the plan (themes: %s)", f.Theme, strings.Join(ids(p.Themes, func(t *Theme) string { return t.ID }), ", "))
	}
	if f.Priority != "" && p.Priority(f.Priority) == nil {
		return fmt.Errorf("no priority %q in the plan (priorities: %s)", f.Priority, strings.Join(ids(p.Priorities, func(pr *Priority) string { return pr.ID }), ", "))
	}
	return nil
}

func joinKinds() string {
	s := make([]string, len(ListKinds))
	for i, k := range ListKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
