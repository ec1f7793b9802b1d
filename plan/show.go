package plan

import (
	"fmt"
	"slices"
)

// Shown is everything about one item of a plan, for plan show.
type Shown struct {
	Kind  Kind
	ID    string
	Title string
	Facts []Fact // every field, as the plan's items give them
	// OwnerName is the name of the owner the item names (or the owner's
	// own name), for people; "" when it names none.
	OwnerName string
	// Rating is the item's rating on the as-of date and why: an action's
	// as it counts in roll-ups, a KPI's from its latest actual, a
	// priority's or theme's rolled up. Zero for findings and owners.
	Rating   Rating
	Rated    bool
	DaysLate int // open actions past their due date
	// CompletedLate is how many days after its due date a done action
	// was completed (its completed field), else 0.
	CompletedLate int
	// Answers are, for an action, the findings it addresses; for a
	// finding, the actions that address it.
	Answers     []ShownRef
	Series      []Actual     // a KPI's actuals up to the as-of date
	Rebaselined []Rebaseline // actions and KPIs
	// LastChange is the newest change to the item in git; nil when not
	// known (outside git, or not looked up).
	LastChange *LogEntry
}

// ShownRef names another item: its id and title.
type ShownRef struct {
	ID, Title string
}

// Show gathers everything about the item id as of asOf. An unknown id is
// an error suggesting the likely one.
func (p *Plan) Show(id string, asOf Date) (Shown, error) {
	var it *Item
	items := p.Items()
	for i := range items {
		if items[i].ID == id {
			it = &items[i]
			break
		}
	}
	if it == nil {
		msg := fmt.Sprintf("no item %q in the plan", id)
		if s := suggest(id, ids(items, func(it Item) string { return it.ID })); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		return Shown{}, fmt.Errorf("%s", msg)
	}
	s := Shown{Kind: it.Kind, ID: it.ID, Title: it.Title(), Facts: it.Facts}
	if o := it.Get("owner"); o != "" {
		s.OwnerName = p.OwnerName(o)
	}
	if it.Kind == KindOwner {
		s.OwnerName = p.OwnerName(id)
	}
	switch it.Kind {
	case KindAction:
		a := p.Action(id)
		s.Rating, s.Rated = a.rate(asOf), true
		if a.IsOverdue(asOf) {
			s.DaysLate = a.DaysLate(asOf)
		}
		s.CompletedLate = a.completedLate()
		for _, fid := range a.Addresses {
			ref := ShownRef{ID: fid}
			if f := p.finding(fid); f != nil {
				ref.Title = f.Text
			}
			s.Answers = append(s.Answers, ref)
		}
		s.Rebaselined = a.Rebaselined
	case KindKPI:
		k := p.KPI(id).AsOf(asOf)
		s.Rating, s.Rated = k.Rate(), true
		s.Series = slices.Clone(k.Actuals)
		s.Rebaselined = k.Rebaselined
	case KindFinding:
		for _, pr := range p.Priorities {
			for _, a := range pr.Actions {
				if slices.Contains(a.Addresses, id) {
					s.Answers = append(s.Answers, ShownRef{a.ID, a.Title})
				}
			}
		}
	case KindPriority:
		pr := p.Priority(id)
		s.Rating, s.Rated = rollUp(pr.Actions, asOf), true
	case KindTheme:
		var actions []*Action
		for _, pr := range p.Priorities {
			if pr.Theme == id {
				actions = append(actions, pr.Actions...)
			}
		}
		s.Rating, s.Rated = rollUp(actions, asOf), true
	}
	return s, nil
}

func (p *Plan) finding(id string) *Finding {
	for _, f := range p.Findings {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// rate is the action's rating as it counts in roll-ups on asOf, and why.
func (a *Action) rate(asOf Date) Rating {
	switch {
	case a.Status == Dropped:
		return Rating{Unrated, "unrated: dropped, so it counts in no rating"}
	case a.Status == Done:
		return Rating{Complete, "complete: done"}
	case a.IsOverdue(asOf) && a.RAG != Red:
		return Rating{Red, fmt.Sprintf("red: %s overdue (due %s), whatever its own rating (%s)", Plural(a.DaysLate(asOf), "day", "days"), a.Due, a.RAG)}
	case a.IsOverdue(asOf):
		return Rating{Red, fmt.Sprintf("red: its owner rates it red, and it is %s overdue (due %s)", Plural(a.DaysLate(asOf), "day", "days"), a.Due)}
	case a.RAG == Unrated:
		return Rating{Unrated, "unrated: its owner has not rated it"}
	default:
		return Rating{a.RAG, fmt.Sprintf("%s: its owner's rating", a.RAG)}
	}
}
