package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ChangeType says what happened to an item between two versions of a plan.
type ChangeType string

// The change types.
const (
	Added    ChangeType = "added"
	Removed  ChangeType = "removed"
	Modified ChangeType = "modified"
	Moved    ChangeType = "moved" // an action or KPI now in another priority
)

// Meaning says what a field change means to a reader of the plan.
type Meaning string

// The meanings a field change can carry.
const (
	Slipped        Meaning = "slipped"         // due date later
	BroughtForward Meaning = "brought-forward" // due date earlier
	Worsened       Meaning = "worsened"        // rating worse
	Improved       Meaning = "improved"        // rating better
	Completed      Meaning = "done"            // status now done
	DroppedMeaning Meaning = "dropped"         // status now dropped
	Reopened       Meaning = "reopened"        // status open again after done or dropped
	Eased          Meaning = "eased"           // target or tolerance now easier to meet: moved goalposts
	Tightened      Meaning = "tightened"       // target or tolerance now harder to meet
	NewActual      Meaning = "new-actual"      // a KPI actual recorded
	RevisedActual  Meaning = "revised-actual"  // a KPI actual changed after it was recorded
	MovedMeaning   Meaning = "moved"           // an action or KPI now in another priority
)

// FieldChange is one field of an item, old and new, with what the change
// means.
type FieldChange struct {
	Field    string
	Old, New string // "" when the field was absent
	// OldName and NewName are, for the owner field, the names of the owners
	// Old and New are the ids of (the id where neither version names it),
	// for a pack to say who; "" for every other field.
	OldName, NewName string
	Meaning          Meaning
	// Days is, for a due date that moved, how many days later it is
	// (negative when brought forward).
	Days int
	// Rebaselined is the recorded, approved re-baselining that accounts for
	// the change, when the newer version added one.
	Rebaselined *Rebaseline
	// Misrecorded is a re-baselining of the field that the newer version
	// added but whose from is not the value before the change: it does not
	// account for the change, and says something untrue.
	Misrecorded *Rebaseline
	// Members is, for a field that lists the ids of an item's members (a
	// priority's actions and kpis), the ids that joined and left the list;
	// nil for every other field.
	Members *Membership
}

// Membership is how a list of ids changed: the ids that joined it and the
// ids that left it, each in list order. Neither means only the order
// changed.
type Membership struct {
	Added, Removed []string
}

// memberFields are the fields that list the ids of an item's members.
var memberFields = map[string]bool{"actions": true, "kpis": true, "risks": true}

// membership works out which ids joined or left a list field, or returns
// nil when field is not a list of members.
func membership(field, old, new string) *Membership {
	if !memberFields[field] {
		return nil
	}
	o, n := splitIDs(old), splitIDs(new)
	m := &Membership{}
	for _, id := range n {
		if !slices.Contains(o, id) {
			m.Added = append(m.Added, id)
		}
	}
	for _, id := range o {
		if !slices.Contains(n, id) {
			m.Removed = append(m.Removed, id)
		}
	}
	return m
}

// MisrecordedWhy says what is wrong with a misrecorded re-baselining:
// "re-baselining of due says from 2026-06-29, it was 2026-06-30".
func (f FieldChange) MisrecordedWhy() string {
	if f.Misrecorded == nil {
		return ""
	}
	return fmt.Sprintf("re-baselining of %s says from %s, it was %s", f.Field, f.Misrecorded.From, f.Old)
}

// Direction returns "worsened" or "improved" for a rating change, else "".
func (f FieldChange) Direction() string {
	if f.Meaning == Worsened || f.Meaning == Improved {
		return string(f.Meaning)
	}
	return ""
}

// Change is what happened to one item.
type Change struct {
	Kind   Kind
	ID     string
	Title  string // the newer title (the older for removed items)
	Type   ChangeType
	Fields []FieldChange // for added and removed items, every field
}

// DiffSummary counts changes by what they mean.
type DiffSummary struct {
	Slipped, BroughtForward, Worsened, Improved, Done, Dropped int
	TargetsChanged, Rebaselined, NewActuals                    int
	Added, Removed, Moved, Modified                            int
	// Other counts modified items none of whose changes is counted above:
	// a note, a title, an owner.
	Other int
}

// DiffReport is the difference between two versions of a plan.
type DiffReport struct {
	Changes []Change
	Summary DiffSummary
}

// Diff compares two versions of a plan's items, matching them by id: an
// action moved to another file or priority is one moved change, and a
// renamed file whose ids are unchanged is no change at all. Changes come in
// the newer version's order, removed items last.
func Diff(older, newer []Item) DiffReport {
	old := map[string]*Item{}
	for i := range older {
		old[key(older[i])] = &older[i]
	}
	var r DiffReport
	seen := map[string]bool{}
	for i := range newer {
		b := &newer[i]
		seen[key(*b)] = true
		if c, ok := DiffItem(old[key(*b)], b); ok {
			r.Changes = append(r.Changes, c)
		}
	}
	for i := range older {
		if !seen[key(older[i])] {
			c, _ := DiffItem(&older[i], nil)
			r.Changes = append(r.Changes, c)
		}
	}
	nameOwners(r.Changes, older, newer)
	r.Summary = summariseChanges(r.Changes)
	return r
}

// DiffPlans is Diff of two plans' items. A priority the two plans share,
// the same *Priority in both (as plans read by LoadDraftReusing share the
// priority of a file whose bytes are alike), holds the same items in both,
// so they are not made or compared: a diff of two revisions a commit
// apart works on the files the commit changed. Should a kind and id be
// used twice where one use is in a shared priority (Diff matches items by
// kind and id, the last one of each), every item is compared, as Diff
// compares them.
func DiffPlans(older, newer *Plan) DiffReport {
	inNewer := map[*Priority]bool{}
	for _, pr := range newer.Priorities {
		inNewer[pr] = true
	}
	shared := map[*Priority]bool{}
	for _, pr := range older.Priorities {
		if inNewer[pr] {
			shared[pr] = true
		}
	}
	if len(shared) == 0 {
		return Diff(older.Items(), newer.Items())
	}
	held := map[string]bool{} // the kinds and ids of the shared priorities' items
	twice := false
	hold := func(kind Kind, id string) {
		k := string(kind) + " " + id
		twice = twice || held[k]
		held[k] = true
	}
	for pr := range shared {
		hold(KindPriority, pr.ID)
		for _, a := range pr.Actions {
			hold(KindAction, a.ID)
		}
		for _, k := range pr.KPIs {
			hold(KindKPI, k.ID)
		}
		for _, r := range pr.Risks {
			hold(KindRisk, r.ID)
		}
	}
	if twice {
		return Diff(older.Items(), newer.Items())
	}
	a, b := older.itemsExcept(shared), newer.itemsExcept(shared)
	for _, items := range [][]Item{a, b} {
		for _, it := range items {
			if held[key(it)] {
				return Diff(older.Items(), newer.Items())
			}
		}
	}
	return Diff(a, b)
}

// nameOwners fills in the names of the owners that owner fields change
// between, as the newer version names them, else the older.
func nameOwners(changes []Change, older, newer []Item) {
	names := map[string]string{}
	for _, items := range [][]Item{older, newer} {
		for _, it := range items {
			if it.Kind == KindOwner && it.Get("name") != "" {
				names[it.ID] = it.Get("name")
			}
		}
	}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	for i := range changes {
		for j := range changes[i].Fields {
			if f := &changes[i].Fields[j]; f.Field == "owner" {
				f.OldName, f.NewName = name(f.Old), name(f.New)
			}
		}
	}
}

func key(it Item) string { return string(it.Kind) + " " + it.ID }

// DiffItem compares two versions of one item; either may be nil (added,
// removed). It reports false when nothing changed.
func DiffItem(a, b *Item) (Change, bool) {
	switch {
	case a == nil && b == nil:
		return Change{}, false
	case a == nil:
		c := Change{Kind: b.Kind, ID: b.ID, Title: b.Title(), Type: Added}
		for _, f := range b.Facts {
			c.Fields = append(c.Fields, FieldChange{Field: f.Field, New: f.Value, Members: membership(f.Field, "", f.Value)})
		}
		return c, true
	case b == nil:
		c := Change{Kind: a.Kind, ID: a.ID, Title: a.Title(), Type: Removed}
		for _, f := range a.Facts {
			c.Fields = append(c.Fields, FieldChange{Field: f.Field, Old: f.Value, Members: membership(f.Field, f.Value, "")})
		}
		return c, true
	}
	c := Change{Kind: b.Kind, ID: b.ID, Title: b.Title(), Type: Modified}
	added := newRebaselines(a, b)
	for _, field := range fieldOrder(a, b) {
		ov, nv := a.Get(field), b.Get(field)
		if ov == nv {
			continue
		}
		if strings.HasPrefix(field, "rebaselined ") {
			if ov != "" && nv != "" {
				// An entry changed where it stands: a proposal approved.
				c.Fields = append(c.Fields, FieldChange{Field: field, Old: ov, New: nv})
			}
			continue // new entries are listed below
		}
		fc := FieldChange{Field: field, Old: ov, New: nv, Members: membership(field, ov, nv)}
		meaning(&fc, b)
		for i := range added {
			switch {
			case !rebaselinesField(added[i], field):
			case added[i].From == "" || sameValue(field, added[i].From, ov):
				fc.Rebaselined, fc.Misrecorded = &added[i], nil
			case fc.Rebaselined == nil:
				fc.Misrecorded = &added[i]
			}
			if fc.Rebaselined != nil {
				break
			}
		}
		if field == "priority" {
			c.Type = Moved
		}
		c.Fields = append(c.Fields, fc)
	}
	// Recorded re-baselinings are facts too: list new ones after the rest.
	for _, rb := range rebaselineFacts(added) {
		c.Fields = append(c.Fields, FieldChange{Field: rb.Field, New: rb.Value})
	}
	return c, len(c.Fields) > 0
}

// sameValue reports whether a re-baselining's from, as written, is the
// value v of field: the same day for a date, the same number for a target
// or tolerance (25 and 25.0 alike).
func sameValue(field, from, v string) bool {
	if from == v {
		return true
	}
	switch field {
	case "due":
		a, err1 := ParseDate(from)
		b, err2 := ParseDate(v)
		return err1 == nil && err2 == nil && a == b
	case "target", "tolerance":
		a, err1 := parseNumber(from)
		b, err2 := parseNumber(v)
		return err1 == nil && err2 == nil && a == b
	}
	if strings.HasPrefix(field, trajectoryField) {
		// from is DATE=OLD, or DATE= for a point that was new.
		_, a, had, err1 := ParseTrajectoryFrom(from)
		if err1 == nil && !had {
			return v == ""
		}
		b, err2 := parseNumber(v)
		return err1 == nil && err2 == nil && a == b
	}
	return false
}

// rebaselinesField reports whether the re-baselining rb is of field: the
// same field, or for a trajectory point's field ("trajectory 2026-03-31")
// a re-baselining of the trajectory whose from names that point (any
// point when it records no from).
func rebaselinesField(rb Rebaseline, field string) bool {
	point, ok := strings.CutPrefix(field, trajectoryField)
	if !ok || rb.Field != "trajectory" {
		return rb.Field == field
	}
	if rb.From == "" {
		return true
	}
	d, _, _, err := ParseTrajectoryFrom(rb.From)
	return err == nil && d.String() == point
}

// newRebaselines returns the re-baselinings b records that a does not.
func newRebaselines(a, b *Item) []Rebaseline {
	var out []Rebaseline
	for _, rb := range b.rebaselines {
		// Two points of a trajectory may be re-baselined on one day: their
		// froms tell them apart.
		if !slices.ContainsFunc(a.rebaselines, func(x Rebaseline) bool {
			return x.Date == rb.Date && x.Field == rb.Field && (rb.Field != "trajectory" || x.From == rb.From)
		}) {
			out = append(out, rb)
		}
	}
	return out
}

// fieldOrder lists the fields of a and b: b's order, then fields only a has.
func fieldOrder(a, b *Item) []string {
	var fields []string
	for _, f := range b.Facts {
		fields = append(fields, f.Field)
	}
	for _, f := range a.Facts {
		if !slices.Contains(fields, f.Field) {
			fields = append(fields, f.Field)
		}
	}
	return fields
}

// meaning fills in what a field change means.
func meaning(fc *FieldChange, b *Item) {
	switch {
	case fc.Field == "due":
		od, err1 := ParseDate(fc.Old)
		nd, err2 := ParseDate(fc.New)
		if err1 == nil && err2 == nil {
			fc.Days = nd.DaysSince(od)
			if fc.Days > 0 {
				fc.Meaning = Slipped
			} else if fc.Days < 0 {
				fc.Meaning = BroughtForward
			}
		}
	case fc.Field == "rag" || fc.Field == "rating":
		o, n := RAG(fc.Old).severity(), RAG(fc.New).severity()
		if fc.Old != "" && fc.New != "" && n > o {
			fc.Meaning = Worsened
		} else if fc.Old != "" && fc.New != "" && n < o {
			fc.Meaning = Improved
		}
	case fc.Field == "score" && b.Kind == KindRisk:
		o, err1 := strconv.Atoi(fc.Old)
		n, err2 := strconv.Atoi(fc.New)
		if err1 == nil && err2 == nil && n > o {
			fc.Meaning = Worsened
		} else if err1 == nil && err2 == nil && n < o {
			fc.Meaning = Improved
		}
	case fc.Field == "status":
		switch Status(fc.New) {
		case Done:
			fc.Meaning = Completed
		case Dropped:
			fc.Meaning = DroppedMeaning
		case Planned, InProgress:
			if !Status(fc.Old).Open() && fc.Old != "" {
				fc.Meaning = Reopened
			}
		}
	case fc.Field == "target" || fc.Field == "tolerance" || strings.HasPrefix(fc.Field, trajectoryField):
		o, err1 := parseNumber(fc.Old)
		n, err2 := parseNumber(fc.New)
		if err1 != nil || err2 != nil {
			return
		}
		easier := n > o // a wider tolerance is easier; so is a higher target (or trajectory point) when lower is better
		if fc.Field != "tolerance" && b.better == Higher {
			easier = n < o
		}
		fc.Meaning = Tightened
		if easier {
			fc.Meaning = Eased
		}
	case fc.Field == "priority":
		fc.Meaning = MovedMeaning
	case strings.HasPrefix(fc.Field, "actual "):
		if fc.Old == "" {
			fc.Meaning = NewActual
		} else if fc.New != "" {
			fc.Meaning = RevisedActual
		}
	}
}

func summariseChanges(changes []Change) DiffSummary {
	var s DiffSummary
	for _, c := range changes {
		switch c.Type {
		case Added:
			s.Added++
			continue
		case Removed:
			s.Removed++
			continue
		case Moved:
			s.Moved++
		default:
			s.Modified++
		}
		counted := false
		for _, f := range c.Fields {
			if n := s.count(f); n != nil {
				*n++
				counted = true
			} else if f.Members != nil {
				counted = true // follows from items added, removed or moved
			}
		}
		if !counted && c.Type == Modified {
			s.Other++
		}
	}
	return s
}

// count returns the counter a field change adds to, or nil.
func (s *DiffSummary) count(f FieldChange) *int {
	if f.Rebaselined != nil && !f.Rebaselined.Proposed() {
		return &s.Rebaselined
	}
	switch f.Meaning {
	case Slipped:
		return &s.Slipped
	case BroughtForward:
		return &s.BroughtForward
	case Worsened:
		return &s.Worsened
	case Improved:
		return &s.Improved
	case Completed:
		return &s.Done
	case DroppedMeaning:
		return &s.Dropped
	case Eased, Tightened:
		return &s.TargetsChanged
	case NewActual:
		return &s.NewActuals
	}
	return nil
}

// String is the one-line summary: "3 slipped, 2 worsened, 1 improved, 4
// added, 1 done", or "no changes".
func (s DiffSummary) String() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, Plural(n, one, many))
		}
	}
	add(s.Slipped, "slipped", "slipped")
	add(s.BroughtForward, "brought forward", "brought forward")
	add(s.Worsened, "worsened", "worsened")
	add(s.Improved, "improved", "improved")
	add(s.Done, "done", "done")
	add(s.Dropped, "dropped", "dropped")
	add(s.TargetsChanged, "target changed", "targets changed")
	add(s.Rebaselined, "re-baselined with approval", "re-baselined with approval")
	add(s.NewActuals, "new actual", "new actuals")
	add(s.Added, "added", "added")
	add(s.Removed, "removed", "removed")
	add(s.Moved, "moved", "moved")
	add(s.Other, "other change", "other changes")
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// Empty reports whether the report has no changes.
func (r DiffReport) Empty() bool { return len(r.Changes) == 0 }
