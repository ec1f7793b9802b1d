package plan

// A Reference is a place in the plan that names an item by its id.
type Reference struct {
	What string // the item that refers: "priority P8", "action P8.1"
	How  string // the field that holds the id: theme, owner, addresses
	Pos  Pos    // where the id is written
}

// References returns every place in the plan that names id as a theme, an
// owner or a finding, in plan order: what must change before the item
// with that id can be removed. An action, KPI or risk that names no owner of its
// own refers only through its priority.
func (p *Plan) References(id string) []Reference {
	var refs []Reference
	written := func(s source, field string) bool {
		for _, fp := range s.pos {
			if fp.field == field {
				return true
			}
		}
		return false
	}
	for _, pr := range p.Priorities {
		what := "priority " + pr.ID
		if pr.Theme == id {
			refs = append(refs, Reference{what, "theme", pr.FieldPos("theme")})
		}
		if pr.Owner == id {
			refs = append(refs, Reference{what, "owner", pr.FieldPos("owner")})
		}
		// An action, KPI or risk refers by its own owner, when it names
		// one, and by the findings it addresses.
		own := func(what, owner string, src source, addresses []string, pos func(string) Pos) {
			if owner == id && written(src, "owner") {
				refs = append(refs, Reference{what, "owner", pos("owner")})
			}
			for i, f := range addresses {
				if f == id && i < len(src.addresses) {
					refs = append(refs, Reference{what, "addresses", src.addresses[i]})
				}
			}
		}
		for _, a := range pr.Actions {
			own("action "+a.ID, a.Owner, a.src, a.Addresses, a.FieldPos)
		}
		for _, k := range pr.KPIs {
			own("kpi "+k.ID, k.Owner, k.src, k.Addresses, k.FieldPos)
		}
		for _, r := range pr.Risks {
			own("risk "+r.ID, r.Owner, r.src, nil, r.FieldPos)
		}
	}
	return refs
}
