package plan

// A Reference is a place in the plan that names an item by its id.
type Reference struct {
	What string // the item that refers: "priority P8", "action P8.1"
	How  string // the field that holds the id: theme, owner, addresses
	Pos  Pos    // where the id is written
}

// References returns every place in the plan that names id as a theme, an
// owner or a finding, in plan order: what must change before the item
// with that id can be removed. An action or KPI that names no owner of its
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
		for _, a := range pr.Actions {
			if a.Owner == id && written(a.src, "owner") {
				refs = append(refs, Reference{"action " + a.ID, "owner", a.FieldPos("owner")})
			}
			for i, f := range a.Addresses {
				if f == id && i < len(a.src.addresses) {
					refs = append(refs, Reference{"action " + a.ID, "addresses", a.src.addresses[i]})
				}
			}
		}
		for _, k := range pr.KPIs {
			if k.Owner == id && written(k.src, "owner") {
				refs = append(refs, Reference{"kpi " + k.ID, "owner", k.FieldPos("owner")})
			}
			for i, f := range k.Addresses {
				if f == id && i < len(k.src.addresses) {
					refs = append(refs, Reference{"kpi " + k.ID, "addresses", k.src.addresses[i]})
				}
			}
		}
	}
	return refs
}
