package plan

import (
	"fmt"
	"sort"
	"strings"
)

// resolve fills in defaults and checks what files say about each other: ids
// are unique across the plan, and themes, owners and findings referred to
// exist. When plan.yaml could not be read (haveDefs is false) references
// to it are not checked: they would all be reported, and none is the
// mistake.
func resolve(p *Plan, haveDefs bool) []Diagnostic { return resolveCounting(p, haveDefs, nil) }

// resolveCounting is resolve, adding the edit-distance cells its
// suggestions compute to cells when it is not nil.
func resolveCounting(p *Plan, haveDefs bool, cells *int) []Diagnostic {
	var diags []Diagnostic
	report := func(pos Pos, rule Rule, id, format string, args ...any) {
		diags = append(diags, Diagnostic{Rule: rule, Pos: pos, ID: id, Message: fmt.Sprintf(format, args...)})
	}

	type def struct {
		kind string
		pos  Pos
	}
	ids := map[string]def{}
	define := func(id, kind string, pos Pos) {
		if id == "" {
			return
		}
		if first, dup := ids[id]; dup {
			report(pos, RuleDuplicateID, id, "%s id %q is already used by the %s at %s; ids must be unique across the plan", kind, id, first.kind, first.pos)
			return
		}
		ids[id] = def{kind, pos}
	}
	for _, t := range p.Themes {
		define(t.ID, "theme", t.Pos)
	}
	for _, o := range p.Owners {
		define(o.ID, "owner", o.Pos)
	}
	for _, f := range p.Findings {
		define(f.ID, "finding", f.Pos)
	}
	for _, pr := range p.Priorities {
		define(pr.ID, "priority", pr.Pos)
		for _, a := range pr.Actions {
			define(a.ID, "action", a.Pos)
		}
		for _, k := range pr.KPIs {
			define(k.ID, "kpi", k.Pos)
		}
		for _, r := range pr.Risks {
			define(r.ID, "risk", r.Pos)
		}
	}

	themes := idSet(p.Themes, func(t *Theme) string { return t.ID })
	owners := idSet(p.Owners, func(o *Owner) string { return o.ID })
	findings := idSet(p.Findings, func(f *Finding) string { return f.ID })
	// The names of each kind are sorted and prepared for suggestions once,
	// when the first unknown reference to that kind needs them. A kind
	// with a dozen names or fewer costs little to search; with more, only
	// the first suggestMaxPerLoad unknown references are compared with
	// them, and the rest are reported without a suggestion.
	type names struct {
		sorted []string
		sg     *suggester
	}
	byKind := map[string]*names{}
	suggestions := 0
	checkRef := func(known map[string]bool, kind, ref string, pos Pos, id, what string) {
		if ref == "" || known[ref] || !haveDefs {
			return
		}
		msg := fmt.Sprintf("%s refers to %s %q, which plan.yaml does not define", what, kind, ref)
		n := byKind[kind]
		if n == nil {
			n = &names{sorted: sortedKeys(known)}
			byKind[kind] = n
		}
		s := ""
		if few := len(n.sorted) <= 12; few || suggestions < suggestMaxPerLoad {
			if !few {
				suggestions++
			}
			if n.sg == nil {
				n.sg = newSuggester(n.sorted, cells)
			}
			s = n.sg.suggest(ref)
		}
		if s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if len(n.sorted) > 0 && len(n.sorted) <= 12 {
			msg += fmt.Sprintf(" (%ss: %s)", kind, strings.Join(n.sorted, ", "))
		}
		report(pos, RuleUnknownRef, id, "%s", msg)
	}

	applyDefaults(p)
	for _, pr := range p.Priorities {
		what := "priority " + pr.ID
		checkRef(themes, "theme", pr.Theme, pr.FieldPos("theme"), pr.ID, what)
		checkRef(owners, "owner", pr.Owner, pr.FieldPos("owner"), pr.ID, what)
		for _, a := range pr.Actions {
			checkRef(owners, "owner", a.Owner, a.FieldPos("owner"), a.ID, "action "+a.ID)
			for i, f := range a.Addresses {
				checkRef(findings, "finding", f, a.src.addresses[i], a.ID, "action "+a.ID)
			}
		}
		for _, k := range pr.KPIs {
			checkRef(owners, "owner", k.Owner, k.FieldPos("owner"), k.ID, "kpi "+k.ID)
			for i, f := range k.Addresses {
				if i < len(k.src.addresses) {
					checkRef(findings, "finding", f, k.src.addresses[i], k.ID, "kpi "+k.ID)
				}
			}
			diags = append(diags, k.checkTrajectory(p.Period)...)
		}
		for _, r := range pr.Risks {
			checkRef(owners, "owner", r.Owner, r.FieldPos("owner"), r.ID, "risk "+r.ID)
		}
	}
	// A decision names actions anywhere in the plan.
	for _, pr := range p.Priorities {
		for _, dec := range pr.Decisions {
			for i, a := range dec.Actions {
				if d, ok := ids[a]; !ok || d.kind != "action" {
					what := "no such action"
					if ok {
						what = "it is a " + d.kind + ", not an action"
					}
					report(dec.actionsPos[i], RuleUnknownRef, pr.ID, "the decision of %s on %s of priority %s names action %q: %s", dec.Body, dec.Date, pr.ID, a, what)
				}
			}
		}
	}
	diags = append(diags, checkMitigations(p)...)
	return diags
}

// applyDefaults gives actions and KPIs that name no owner (and whose owner
// field was not written wrongly) their priority's owner.
func applyDefaults(p *Plan) {
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if a.Owner == "" && !a.src.bad["owner"] {
				a.Owner = pr.Owner
			}
		}
		for _, k := range pr.KPIs {
			if k.Owner == "" && !k.src.bad["owner"] {
				k.Owner = pr.Owner
			}
		}
		for _, r := range pr.Risks {
			if r.Owner == "" && !r.src.bad["owner"] {
				r.Owner = pr.Owner
			}
		}
	}
}

func idSet[T any](items []T, id func(T) string) map[string]bool {
	set := make(map[string]bool, len(items))
	for _, it := range items {
		if s := id(it); s != "" {
			set[s] = true
		}
	}
	return set
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkMitigations reports risks whose mitigations name actions the plan
// does not have. A plan with a priority file that could not be read is
// not checked: the action may be in it.
func checkMitigations(p *Plan) []Diagnostic {
	if p.partial {
		return nil
	}
	var diags []Diagnostic
	for _, pr := range p.Priorities {
		for _, r := range pr.Risks {
			for i, id := range r.Mitigations {
				if id == "" || p.Action(id) != nil {
					continue
				}
				pos := r.FieldPos("mitigations")
				if i < len(r.src.addresses) {
					pos = r.src.addresses[i]
				}
				diags = append(diags, Diagnostic{Rule: RuleUnknownRef, Pos: pos, ID: r.ID,
					Message: fmt.Sprintf("risk %s is mitigated by action %q, which the plan does not have", r.ID, id)})
			}
		}
	}
	return diags
}
