package plan

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is the kind of an identified thing in a plan.
type Kind string

// The kinds, in the order a plan lists them.
const (
	KindTheme    Kind = "theme"
	KindOwner    Kind = "owner"
	KindFinding  Kind = "finding"
	KindPriority Kind = "priority"
	KindAction   Kind = "action"
	KindKPI      Kind = "kpi"
	KindRisk     Kind = "risk"
)

// Fact is one field of an item as text: "due" "2026-03-31".
type Fact struct {
	Field, Value string
}

// Item is an identified thing in a plan - a theme, owner, finding,
// priority, action or KPI - as a list of facts. Items are what diffs,
// histories and git's textconv compare: one fact per line, matched by id.
type Item struct {
	Kind  Kind
	ID    string
	Facts []Fact // in a fixed order for the kind; empty fields are left out

	better      Better       // KPIs: which way is better, to judge target changes
	rebaselines []Rebaseline // actions and KPIs: recorded re-baselinings
}

// Get returns the value of field, or "".
func (it Item) Get(field string) string {
	for _, f := range it.Facts {
		if f.Field == field {
			return f.Value
		}
	}
	return ""
}

// Title returns the item's title, or the owner's name.
func (it Item) Title() string {
	if it.Kind == KindOwner {
		return it.Get("name")
	}
	if it.Kind == KindFinding {
		return it.Get("text")
	}
	return it.Get("title")
}

// Items returns the plan's items in plan order: themes, owners and
// findings, then each priority followed by its actions and KPIs.
func (p *Plan) Items() []Item { return p.itemsExcept(nil) }

// ItemsOfFiles returns the items of the priorities read from the named
// priority files (each priority, its actions, KPIs and risks), as Items
// gives them, in plan order, without making the other items.
func (p *Plan) ItemsOfFiles(files map[string]bool) []Item {
	skip := map[*Priority]bool{}
	for _, pr := range p.Priorities {
		if !files[pr.Pos.File] {
			skip[pr] = true
		}
	}
	return p.priorityItems(skip)
}

// itemsExcept is Items without the items of the priorities in skip: the
// priority, its actions, KPIs and risks.
func (p *Plan) itemsExcept(skip map[*Priority]bool) []Item {
	var items []Item
	for _, t := range p.Themes {
		items = append(items, item(KindTheme, t.ID, "title", t.Title))
	}
	for _, o := range p.Owners {
		items = append(items, item(KindOwner, o.ID, "name", o.Name, "role", o.Role, "email", o.Email))
	}
	for _, f := range p.Findings {
		items = append(items, item(KindFinding, f.ID, "source", f.Source, "text", f.Text, "visibility", string(f.Visibility)))
	}
	return append(items, p.priorityItems(skip)...)
}

// priorityItems is the items of the priorities not in skip, in plan order.
func (p *Plan) priorityItems(skip map[*Priority]bool) []Item {
	var items []Item
	for _, pr := range p.Priorities {
		if skip[pr] {
			continue
		}
		var actions, kpis []string
		for _, a := range pr.Actions {
			actions = append(actions, a.ID)
		}
		for _, k := range pr.KPIs {
			kpis = append(kpis, k.ID)
		}
		var risks []string
		for _, r := range pr.Risks {
			risks = append(risks, r.ID)
		}
		prItem := item(KindPriority, pr.ID, "theme", pr.Theme, "title", pr.Title, "owner", pr.Owner,
			"actions", joinIDs(actions), "kpis", joinIDs(kpis), "risks", joinIDs(risks))
		prItem.Facts = append(prItem.Facts, decisionFacts(pr.Decisions)...)
		items = append(items, prItem)
		for _, a := range pr.Actions {
			it := item(KindAction, a.ID, "priority", pr.ID, "title", a.Title, "owner", a.Owner, "due", a.Due.String(),
				"status", string(a.Status), "rag", string(a.RAG), "addresses", joinIDs(a.Addresses), "note", a.Note,
				"evidence", a.Evidence, "visibility", string(a.Visibility), "completed", a.Completed.String(), "reviewed", a.Reviewed.String(), "confidence", string(a.Confidence))
			it.rebaselines = a.Rebaselined
			it.Facts = append(it.Facts, rebaselineFacts(a.Rebaselined)...)
			items = append(items, it)
		}
		for _, k := range pr.KPIs {
			it := item(KindKPI, k.ID, "priority", pr.ID, "title", k.Title, "owner", k.Owner, "unit", k.Unit,
				"better", string(k.Better), "target", formatNumber(k.Target), "tolerance", formatNumber(k.Tolerance),
				"frequency", string(k.Frequency), "visibility", string(k.Visibility), "addresses", joinIDs(k.Addresses))
			if b := k.Baseline; b != nil {
				it.Facts = append(it.Facts, Fact{"baseline", formatNumber(b.Value) + " on " + b.Date.String()})
			}
			for _, t := range k.Trajectory {
				it.Facts = append(it.Facts, Fact{trajectoryField + t.Date.String(), formatNumber(t.Value)})
			}
			for _, a := range k.Actuals {
				it.Facts = append(it.Facts, Fact{"actual " + a.Date.String(), formatNumber(a.Value)})
			}
			if r := k.Rating(); r != Unrated {
				it.Facts = append(it.Facts, Fact{"rating", string(r)})
			}
			it.better = k.Better
			it.rebaselines = k.Rebaselined
			it.Facts = append(it.Facts, rebaselineFacts(k.Rebaselined)...)
			items = append(items, it)
		}
		for _, r := range pr.Risks {
			items = append(items, item(KindRisk, r.ID, "priority", pr.ID, "title", r.Title, "owner", r.Owner,
				"likelihood", scoreText(r.Likelihood), "impact", scoreText(r.Impact), "score", scoreText(r.Score()),
				"target", scoreText(r.Target), "controls", r.Controls, "mitigations", joinIDs(r.Mitigations),
				"reviewed", r.Reviewed.String()))
		}
	}
	return items
}

// trajectoryField starts the field of a KPI's trajectory point's fact:
// "trajectory 2026-03-31" "45".
const trajectoryField = "trajectory "

// scoreText writes a risk score, "" for none (0).
func scoreText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// idSep separates the ids of a list field's value: "P8.1, P8.2".
const idSep = ", "

// joinIDs writes a list of ids as one field value.
func joinIDs(ids []string) string { return strings.Join(ids, idSep) }

// splitIDs reads a field value written by joinIDs.
func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, idSep)
}

// item builds an item from field, value pairs, leaving out empty values.
func item(kind Kind, id string, fieldValues ...string) Item {
	it := Item{Kind: kind, ID: id}
	for i := 0; i+1 < len(fieldValues); i += 2 {
		if fieldValues[i+1] != "" {
			it.Facts = append(it.Facts, Fact{fieldValues[i], fieldValues[i+1]})
		}
	}
	return it
}

// decisionFacts are a priority's decisions as facts, one each:
// "decision 2026-02-10 Improvement Board": "Add a round (actions P1.1)".
func decisionFacts(decs []Decision) []Fact {
	var facts []Fact
	for _, d := range decs {
		v := d.Text
		if len(d.Actions) > 0 {
			v += " (actions " + joinIDs(d.Actions) + ")"
		}
		facts = append(facts, Fact{"decision " + d.Date.String() + " " + d.Body, v})
	}
	return facts
}

func rebaselineFacts(rbs []Rebaseline) []Fact {
	var facts []Fact
	for _, rb := range rbs {
		v := rb.Reason + " (approved: " + rb.Approved + ")"
		if rb.Proposed() {
			v = rb.Reason + " (proposed, awaiting approval)"
		}
		if rb.From != "" {
			v = "from " + rb.From + ": " + v
		}
		field := "rebaselined " + rb.Date.String() + " " + rb.Field
		if d, _, _, err := ParseTrajectoryFrom(rb.From); rb.Field == "trajectory" && err == nil {
			field += " " + d.String() // two points may be re-baselined on one day
		}
		facts = append(facts, Fact{field, v})
	}
	return facts
}

// FormatNumber writes a number as briefly as it can be read back, as the
// plan's files and reports write numbers: 12.5, 20.
func FormatNumber(f float64) string { return formatNumber(f) }

// formatNumber writes a number as briefly as it can be read back.
func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Locate returns the kind of the item with the given id and the file that
// holds it, or false when the plan has none.
func (p *Plan) Locate(id string) (Kind, string, bool) {
	for _, t := range p.Themes {
		if t.ID == id {
			return KindTheme, t.Pos.File, true
		}
	}
	for _, o := range p.Owners {
		if o.ID == id {
			return KindOwner, o.Pos.File, true
		}
	}
	for _, f := range p.Findings {
		if f.ID == id {
			return KindFinding, f.Pos.File, true
		}
	}
	for _, pr := range p.Priorities {
		if pr.ID == id {
			return KindPriority, pr.Pos.File, true
		}
		for _, a := range pr.Actions {
			if a.ID == id {
				return KindAction, a.Pos.File, true
			}
		}
		for _, k := range pr.KPIs {
			if k.ID == id {
				return KindKPI, k.Pos.File, true
			}
		}
		for _, r := range pr.Risks {
			if r.ID == id {
				return KindRisk, r.Pos.File, true
			}
		}
	}
	return "", "", false
}

// Priority returns the priority with the given id, or nil.
func (p *Plan) Priority(id string) *Priority {
	for _, pr := range p.Priorities {
		if pr.ID == id {
			return pr
		}
	}
	return nil
}

// NextID returns the next free id for a new item of a priority: with
// prefix "" an action (P8.14 after P8.13), with prefix "K" a KPI (P8.K5).
//
// It returns an error when the largest number in use has no next one
// (P1.9223372036854775807): a new id cannot be made by counting on.
func (p *Plan) NextID(priority, prefix string) (string, error) {
	most := 0
	stem := priority + "." + prefix
	for _, it := range p.Items() {
		n, err := strconv.Atoi(strings.TrimPrefix(it.ID, stem))
		if !strings.HasPrefix(it.ID, stem) || strings.HasPrefix(it.ID, stem+"+") || strings.HasPrefix(it.ID, stem+"-") {
			continue
		}
		if errors.Is(err, strconv.ErrRange) || err == nil && n == math.MaxInt {
			return "", fmt.Errorf("%s is numbered too high to count on from: add the new item to its file by hand, with an id of its own", it.ID)
		}
		if err == nil && n > most {
			most = n
		}
	}
	return fmt.Sprintf("%s%d", stem, most+1), nil
}
