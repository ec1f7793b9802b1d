package plan

import (
	"fmt"
	"strings"
)

// Digest is what needs one owner on a date: the open actions of theirs
// that are overdue, due soon or unchanged too long, the KPI figures they
// owe, and the changes of date or target on their items still awaiting
// approval. It is a value for renderers: nothing in it is formatted.
type Digest struct {
	Owner Owner
	// Title is the plan's title, which every digest names.
	Title string
	AsOf  Date
	// Within is the look-ahead in days; By is AsOf plus Within: the date
	// the digest asks for replies by.
	Within int
	By     Date
	// Overdue are the owner's open actions past their due date, most days
	// late first; DueSoon those due from AsOf to By, soonest first.
	Overdue, DueSoon []DigestAction
	// Stale are the owner's open actions whose rating and note have not
	// changed or been confirmed for more than StaleAfter days (the stale
	// rule), in plan order.
	Stale      []DigestAction
	StaleAfter int
	// Returns are the KPI figures the owner is to send, in plan order.
	Returns []DigestReturn
	// Proposals are the proposed re-baselinings of the owner's items that
	// await approval, in plan order.
	Proposals []DigestProposal
}

// Empty reports whether nothing needs the owner.
func (d Digest) Empty() bool {
	return len(d.Overdue)+len(d.DueSoon)+len(d.Stale)+len(d.Returns)+len(d.Proposals) == 0
}

// DigestAction is one of an owner's open actions in a digest.
type DigestAction struct {
	ID, Title string
	Due       Date // zero when undated
	// DaysLate is how many days past due the action is on the as-of
	// date; 0 or less when it is not late.
	DaysLate int
	RAG      RAG
	Status   Status
}

// DigestReturn is a KPI figure an owner is to send.
type DigestReturn struct {
	ID, Title, Unit string
	Frequency       Frequency
	// PeriodEnd is the end of the period the next figure measures.
	PeriodEnd Date
	// Latest is the KPI's latest actual on the as-of date; HasLatest is
	// false when it has none.
	Latest    Actual
	HasLatest bool
	// Missing is true when the figure is overdue by the missing-return
	// rule; DueBy is then the date it was due by.
	Missing bool
	DueBy   Date
}

// DigestProposal is a proposed change of an item's date or target that
// awaits approval.
type DigestProposal struct {
	Kind      Kind // KindAction or KindKPI
	ID, Title string
	Field     string // due, target or tolerance
	From, To  string // the value before (as written; "" when not recorded) and now
	Proposed  Date   // the day it was proposed
	Reason    string
}

// DigestOptions choose the digests Digests makes.
type DigestOptions struct {
	// Within is the look-ahead in days for actions falling due and KPI
	// figures to send.
	Within int
	// Owners are the ids of the owners to make digests for, in the order
	// given, each even when nothing needs them. With none, every owner
	// something needs gets one, in plan.yaml's order.
	Owners []string
	// Stale names the actions the stale rule reports (its findings'
	// ids) with StaleAfter days; nil when the rule could not run.
	Stale      map[string]bool
	StaleAfter int
}

// Digests returns, for each owner chosen by o, what needs them on asOf.
// It returns an error naming the known owners when o names an owner the
// plan does not define.
func (p *Plan) Digests(asOf Date, o DigestOptions) ([]Digest, error) {
	if err := p.KnownOwners(o.Owners); err != nil {
		return nil, err
	}
	owners := o.Owners
	if len(owners) == 0 {
		owners = ownerIDs(p)
	}
	var out []Digest
	seen := map[string]bool{}
	for _, id := range owners {
		if seen[id] {
			continue
		}
		seen[id] = true
		d := p.digest(asOf, *p.Owner(id), o)
		if len(o.Owners) == 0 && d.Empty() {
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

// KnownOwners returns an error naming the plan's owners when an id in
// ids is not one of them.
func (p *Plan) KnownOwners(ids []string) error {
	for _, id := range ids {
		if p.Owner(id) == nil {
			return fmt.Errorf("no owner %q in the plan (owners: %s)", id, strings.Join(ownerIDs(p), ", "))
		}
	}
	return nil
}

func ownerIDs(p *Plan) []string { return ids(p.Owners, func(o *Owner) string { return o.ID }) }

// digest computes one owner's digest.
func (p *Plan) digest(asOf Date, owner Owner, o DigestOptions) Digest {
	within := max(o.Within, 0)
	d := Digest{Owner: owner, Title: p.Title, AsOf: asOf, Within: within, By: asOf.AddDays(within), StaleAfter: o.StaleAfter,
		Overdue: []DigestAction{}, DueSoon: []DigestAction{}, Stale: []DigestAction{}, Returns: []DigestReturn{}, Proposals: []DigestProposal{}}
	actions := map[string]*Action{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if a.Owner != owner.ID {
				continue
			}
			actions[a.ID] = a
			if a.Status.Open() && o.Stale[a.ID] {
				d.Stale = append(d.Stale, digestAction(a, asOf))
			}
		}
		for _, k := range pr.KPIs {
			if k.Owner != owner.ID {
				continue
			}
			if r, ok := k.AsOf(asOf).digestReturn(asOf, d.By, p.Period.Start); ok {
				d.Returns = append(d.Returns, r)
			}
		}
	}
	for _, pr := range p.proposals() {
		if pr.owner == owner.ID {
			d.Proposals = append(d.Proposals, pr.DigestProposal)
		}
	}
	// Overdue lists the whole plan's late and soon-due actions, most days
	// late first (so soonest due first among those not yet late).
	for _, it := range p.Overdue(asOf, within) {
		a := actions[it.ID]
		if a == nil {
			continue
		}
		if it.DaysLate > 0 {
			d.Overdue = append(d.Overdue, digestAction(a, asOf))
		} else {
			d.DueSoon = append(d.DueSoon, digestAction(a, asOf))
		}
	}
	return d
}

func digestAction(a *Action, asOf Date) DigestAction {
	late := 0
	if !a.Due.IsZero() {
		late = a.DaysLate(asOf)
	}
	return DigestAction{ID: a.ID, Title: a.Title, Due: a.Due, DaysLate: late, RAG: a.RAG, Status: a.Status}
}

// digestReturn reports the KPI's next figure when it is due: when the
// period it measures ends on or before by, or the missing-return rule
// finds it overdue.
func (k *KPI) digestReturn(asOf, by, start Date) (DigestReturn, bool) {
	end, ok := k.NextActual(start)
	if !ok {
		return DigestReturn{}, false
	}
	_, dueBy, missing := k.returnOverdue(asOf, start)
	if end.After(by) && !missing {
		return DigestReturn{}, false
	}
	r := DigestReturn{ID: k.ID, Title: k.Title, Unit: k.Unit, Frequency: k.Frequency, PeriodEnd: end, Missing: missing}
	if missing {
		r.DueBy = dueBy
	}
	r.Latest, r.HasLatest = k.Latest()
	return r, true
}

// proposals returns the re-baselinings of the plan's actions and KPIs that
// await approval, in plan order, with the owner of each item and where
// each re-baselining is written.
func (p *Plan) proposals() []proposal {
	var out []proposal
	add := func(kind Kind, id, title, owner string, rbs []Rebaseline, now func(field string) string) {
		for _, rb := range rbs {
			if rb.Proposed() {
				out = append(out, proposal{DigestProposal{Kind: kind, ID: id, Title: title, Field: rb.Field, From: rb.From,
					To: now(rb.Field), Proposed: rb.Date, Reason: rb.Reason}, owner, rb.Pos})
			}
		}
	}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			add(KindAction, a.ID, a.Title, a.Owner, a.Rebaselined, func(string) string { return a.Due.String() })
		}
		for _, k := range pr.KPIs {
			add(KindKPI, k.ID, k.Title, k.Owner, k.Rebaselined, func(f string) string {
				if f == "tolerance" {
					return formatNumber(k.Tolerance)
				}
				return formatNumber(k.Target)
			})
		}
	}
	return out
}

// proposal is a re-baselining awaiting approval, with its item's owner
// and where it is written.
type proposal struct {
	DigestProposal
	owner string
	pos   Pos
}
