// Package returns makes the monthly return workbooks owners fill in, and
// reads them back as edits of the plan.
//
// A return is one .xlsx workbook per owner: a sheet of their open actions
// and one of the KPIs whose next actual is due, each row with the plan's
// values (locked) and columns for the owner to fill (a new rating, status,
// due date with its reason, note and evidence; a KPI's new value and its
// date), with drop-down lists for ratings and statuses. A very hidden
// sheet holds the stamp: the plan and revision the return was made from,
// and every item's values as issued, so that applying it can tell an
// owner's change from a change made in the plan since (a conflict, never
// overwritten) and a return applied twice changes nothing the second time.
package returns

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// The sheets of a return.
const (
	ActionsSheet = "Actions"
	KPIsSheet    = "KPIs"
	StampSheet   = "plan-return" // very hidden
)

// stampMark begins the stamp sheet's first cell.
const stampMark = "plan return stamp"

// stampFormat is the version of the stamp's JSON.
const stampFormat = 1

// Stamp is what a return records about how it was made.
type Stamp struct {
	Format       int    `json:"format"`
	Plan         string `json:"plan"`
	Organisation string `json:"organisation"`
	// Revision is the plan's revision the return was made from: "git
	// <commit>" in a repository, else "sha256 <hash of the plan's
	// values>" (see Fingerprint).
	Revision string `json:"revision"`
	Owner    string `json:"owner"`
	Name     string `json:"name"`
	Issued   string `json:"issued"` // YYYY-MM-DD
	// IssuedAt is when the workbook was written (RFC 3339): a workbook
	// saved since says so in its document properties.
	IssuedAt string         `json:"issued_at"`
	Due      string         `json:"due"` // the day the return is asked for
	Actions  []IssuedAction `json:"actions"`
	KPIs     []IssuedKPI    `json:"kpis"`
}

// IssuedAction is an action as the return showed it.
type IssuedAction struct {
	ID       string `json:"id"`
	Priority string `json:"priority"`
	Title    string `json:"title"`
	Due      string `json:"due"`
	Status   string `json:"status"`
	RAG      string `json:"rag"`
	Note     string `json:"note"`
	Evidence string `json:"evidence"`
	Reviewed string `json:"reviewed"`
}

// IssuedKPI is a KPI as the return showed it.
type IssuedKPI struct {
	ID        string            `json:"id"`
	Priority  string            `json:"priority"`
	Title     string            `json:"title"`
	Unit      string            `json:"unit"`
	Better    string            `json:"better"`
	Frequency string            `json:"frequency"`
	Target    string            `json:"target"`
	Last      string            `json:"last"`      // the latest actual's value, "" for none
	LastDate  string            `json:"last_date"` // and its date
	Next      string            `json:"next"`      // the end of the period the next actual measures, "" unknown
	Actuals   map[string]string `json:"actuals"`   // every actual, date: value
}

// Request is what a return is made for: the owner, the day it is made and
// the day it is asked back by.
type Request struct {
	Owner    string
	Issued   plan.Date
	Due      plan.Date
	Revision string
}

// Items returns what the return of owner holds: the owner's open actions,
// in plan order, and the KPIs they own whose next actual measures a period
// ending on or before due, whose return is missing, or which have no
// frequency to tell by.
func Items(p *plan.Plan, owner string, due plan.Date) (actions []*plan.Action, kpis []*plan.KPI) {
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if a.Owner == owner && a.Status.Open() {
				actions = append(actions, a)
			}
		}
		for _, k := range pr.KPIs {
			if k.Owner != owner {
				continue
			}
			if next, ok := k.NextActual(p.Period.Start); !ok || !next.After(due) {
				kpis = append(kpis, k)
			}
		}
	}
	return actions, kpis
}

// Owners returns the ids of the owners with something to return by due,
// in plan.yaml's order.
func Owners(p *plan.Plan, due plan.Date) []string {
	var out []string
	for _, o := range p.Owners {
		if a, k := Items(p, o.ID, due); len(a)+len(k) > 0 {
			out = append(out, o.ID)
		}
	}
	return out
}

// NewStamp records the plan's values for the return req asks for.
func NewStamp(p *plan.Plan, req Request) Stamp {
	s := Stamp{Format: stampFormat, Plan: p.Title, Organisation: p.Organisation, Revision: req.Revision,
		Owner: req.Owner, Issued: req.Issued.String(), Due: req.Due.String()}
	if o := p.Owner(req.Owner); o != nil {
		s.Name = o.Label()
	}
	actions, kpis := Items(p, req.Owner, req.Due)
	for _, a := range actions {
		s.Actions = append(s.Actions, issuedAction(a))
	}
	for _, k := range kpis {
		s.KPIs = append(s.KPIs, issuedKPI(p, k))
	}
	return s
}

func issuedAction(a *plan.Action) IssuedAction {
	return IssuedAction{ID: a.ID, Priority: a.Priority, Title: a.Title, Due: dateText(a.Due), Status: string(a.Status),
		RAG: string(a.RAG), Note: a.Note, Evidence: a.Evidence, Reviewed: dateText(a.Reviewed)}
}

func issuedKPI(p *plan.Plan, k *plan.KPI) IssuedKPI {
	ik := IssuedKPI{ID: k.ID, Priority: k.Priority, Title: k.Title, Unit: k.Unit, Better: string(k.Better),
		Frequency: string(k.Frequency), Target: number(k.Target), Actuals: map[string]string{}}
	if l, ok := k.Latest(); ok {
		ik.Last, ik.LastDate = number(l.Value), l.Date.String()
	}
	if next, ok := k.NextActual(p.Period.Start); ok {
		ik.Next = next.String()
	}
	for _, a := range k.Actuals {
		ik.Actuals[a.Date.String()] = number(a.Value)
	}
	return ik
}

// Fingerprint is a hash of the plan's values, standing for its revision
// when it is not in git: "sha256 " and 64 hex digits.
func Fingerprint(p *plan.Plan) string {
	h := sha256.New()
	for _, it := range p.Items() {
		h.Write([]byte(string(it.Kind) + "\x00" + it.ID + "\x00"))
		for _, f := range it.Facts {
			h.Write([]byte(f.Field + "\x00" + f.Value + "\x00"))
		}
		h.Write([]byte("\x01"))
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil))
}

// ShortRevision is a revision as people read it: a commit's first 12
// digits, a hash's first 12.
func ShortRevision(rev string) string {
	kind, id, ok := strings.Cut(rev, " ")
	if !ok || len(id) <= 12 {
		return rev
	}
	return kind + " " + id[:12]
}

func dateText(d plan.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func number(f float64) string { return plan.FormatNumber(f) }

// words are a field's allowed words, for drop-down lists.
func words(kind plan.Kind, field string) []string {
	f, _ := plan.Field(string(kind), field)
	return slices.Clone(f.Words)
}
