package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Filter narrows a plan to one theme, one owner, or both. Empty fields
// match everything.
type Filter struct {
	Theme string // keep the priorities of this theme
	Owner string // keep the actions and KPIs this owner is accountable for
}

// Filter returns a copy of p holding only what f selects; priorities left
// with no actions and no KPIs are dropped, and themes left with no
// priorities (but the one f names). It returns an error naming the
// known ids when f names a theme or owner the plan does not define.
func (p *Plan) Filter(f Filter) (*Plan, error) {
	if f.Theme != "" && p.Theme(f.Theme) == nil {
		return nil, fmt.Errorf("no theme %q in the plan (themes: %s)", f.Theme, strings.Join(ids(p.Themes, func(t *Theme) string { return t.ID }), ", "))
	}
	if f.Owner != "" && p.Owner(f.Owner) == nil {
		return nil, fmt.Errorf("no owner %q in the plan (owners: %s)", f.Owner, strings.Join(ids(p.Owners, func(o *Owner) string { return o.ID }), ", "))
	}
	out := *p
	out.Priorities = nil
	for _, pr := range p.Priorities {
		if f.Theme != "" && pr.Theme != f.Theme {
			continue
		}
		if f.Owner != "" {
			c := *pr
			c.Actions = slices.DeleteFunc(slices.Clone(pr.Actions), func(a *Action) bool { return a.Owner != f.Owner })
			c.KPIs = slices.DeleteFunc(slices.Clone(pr.KPIs), func(k *KPI) bool { return k.Owner != f.Owner })
			if len(c.Actions)+len(c.KPIs) == 0 {
				continue
			}
			pr = &c
		}
		out.Priorities = append(out.Priorities, pr)
	}
	if f != (Filter{}) {
		// Only the themes the selection reaches (and one asked for).
		out.Themes = slices.DeleteFunc(slices.Clone(p.Themes), func(t *Theme) bool {
			return t.ID != f.Theme && !slices.ContainsFunc(out.Priorities, func(pr *Priority) bool { return pr.Theme == t.ID })
		})
	}
	return &out, nil
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}
