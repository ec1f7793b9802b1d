package returns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/pkg/tracker"
	"github.com/plan-tool/plan/plan"
)

// Edit is one change a return makes to an item of the plan.
type Edit struct {
	ID     string
	Kind   plan.Kind
	Where  string // the cell it comes from
	Change func(data []byte) ([]byte, error)
}

// Outcome is what applying a return would do: its edits, in the order of
// its rows, and the cells not applied.
type Outcome struct {
	Edits    []Edit
	Problems []Problem
	// Unchanged counts values the plan already holds: a return applied
	// twice, or "no change".
	Unchanged int
}

// ForeignError is a return made for another plan.
type ForeignError struct {
	File, Why string
}

func (e *ForeignError) Error() string { return e.File + ": " + e.Why }

// Options say how to apply a return.
type Options struct {
	// AsOf is the day the return is applied: actuals after it are
	// refused, and it dates reviews and proposed re-baselinings when the
	// workbook does not say when it was saved.
	AsOf plan.Date
	// Theirs takes the return's values where the plan changed since the
	// return was issued, instead of leaving them for a person.
	Theirs bool
}

// Apply works out the edits the return r makes to the plan p, validating
// every cell as the edit commands do. It returns a *ForeignError, and no
// edits, when r was made for another plan.
func Apply(p *plan.Plan, r *Returned, o Options) (Outcome, error) {
	st := r.Stamp
	if st.Plan != p.Title || st.Organisation != p.Organisation {
		return Outcome{}, &ForeignError{File: r.File, Why: fmt.Sprintf("this return was made for %q (%s), not for this plan, %q (%s): apply it to the plan it came from",
			st.Plan, st.Organisation, p.Title, p.Organisation)}
	}
	issued, err := plan.ParseDate(st.Issued)
	if err != nil {
		return Outcome{}, fmt.Errorf("%s: the return's stamp has no issue date: %w", r.File, err)
	}
	day := o.AsOf // the day the owner made the return
	if !r.Saved.IsZero() && !r.Saved.Before(issued) && !r.Saved.After(o.AsOf) {
		day = r.Saved
	}
	a := applier{p: p, o: o, day: day, issued: issued, out: Outcome{Problems: slices.Clone(r.Problems)}}
	seen := map[string]string{}
	once := func(row Row) bool {
		if first, dup := seen[row.ID]; dup {
			a.problem(row.where("id"), row.ID, fmt.Sprintf("%s appears twice (first at %s): this row is not applied", row.ID, first))
			return false
		}
		seen[row.ID] = row.where("id")
		return true
	}
	for _, row := range r.Actions {
		if once(row) {
			a.action(row, st)
		}
	}
	for _, row := range r.KPIs {
		if once(row) {
			a.kpi(row, st)
		}
	}
	return a.out, nil
}

type applier struct {
	p           *plan.Plan
	o           Options
	day, issued plan.Date
	out         Outcome
}

func (a *applier) problem(where, id, msg string) {
	a.out.Problems = append(a.out.Problems, Problem{Where: where, ID: id, Message: msg})
}

func (a *applier) edit(kind plan.Kind, id, where string, change func([]byte) ([]byte, error)) {
	a.out.Edits = append(a.out.Edits, Edit{ID: id, Kind: kind, Where: where, Change: change})
}

// text reads a cell the owner filled in as one line of text.
func text(c tracker.Cell) string { return tracker.OneLine(c.String()) }

// lockedChanged reports the locked cells of row whose value is not what
// was issued: someone lifted the sheet's protection and typed over them.
func (a *applier) lockedChanged(row Row, cols []column, issued map[string]string) {
	for _, col := range cols {
		if col.fill || col.key == "id" {
			continue
		}
		c := row.cell(col.key)
		got, want := text(c), issued[col.key]
		switch col.kind {
		case dateCol:
			if c.Kind == tracker.DateCell {
				got = c.Date.String()
			}
		case numberCol:
			if c.Kind == tracker.Number {
				got = plan.FormatNumber(c.Num)
			}
		}
		if got != want {
			a.problem(row.where(col.key), row.ID, fmt.Sprintf("the %s column is not for returns, and %s's was changed from %s to %s: it is not applied; ask for changes to it in the update note",
				col.heading, row.ID, shown(want), shown(got)))
		}
	}
}

func shown(s string) string {
	if s == "" {
		return "blank"
	}
	return fmt.Sprintf("%q", s)
}

// word reads a rating or status: one of words, in any case.
func (a *applier) word(row Row, key, what string, ws []string) (string, bool) {
	v := text(row.cell(key))
	if v == "" {
		return "", false
	}
	for _, w := range ws {
		if strings.EqualFold(w, v) {
			return w, true
		}
	}
	a.problem(row.where(key), row.ID, fmt.Sprintf("%q is not %s: choose %s from the list", v, what, joinWords(ws)))
	return "", false
}

// date reads a date cell: a date, or text written YYYY-MM-DD.
func (a *applier) date(row Row, key string) (plan.Date, bool) {
	c := row.cell(key)
	switch {
	case c.Kind == tracker.DateCell:
		if _, err := plan.ParseDate(c.Date.String()); err == nil {
			return c.Date, true
		}
	case text(c) == "":
		return plan.Date{}, false
	case c.Kind == tracker.Text:
		if d, err := plan.ParseDate(text(c)); err == nil && len(text(c)) == 10 {
			return d, true
		}
	}
	a.problem(row.where(key), row.ID, fmt.Sprintf("%q is not a date: type the date itself, such as 31/03/2027", text(c)))
	return plan.Date{}, false
}

// note reads text for a plan's one-line text field.
func (a *applier) note(row Row, key string) (string, bool) {
	v := text(row.cell(key))
	if v == "" {
		return "", false
	}
	if i, r := textsafe.First(v); i >= 0 {
		a.problem(row.where(key), row.ID, fmt.Sprintf("holds %s, which plan files may not: it is not applied", textsafe.Name(r)))
		return "", false
	}
	return v, true
}

// set applies one field's new value v, unless the plan already has it
// (counted unchanged) or changed it since the return was issued (a
// conflict, unless Theirs). It reports whether the value is in the plan
// afterwards.
func (a *applier) set(kind plan.Kind, id, where, field, what, v, cur, issued string, change func([]byte) ([]byte, error)) bool {
	switch {
	case v == cur:
		a.out.Unchanged++
		return true
	case cur != issued && !a.o.Theirs:
		a.out.Problems = append(a.out.Problems, Problem{Where: where, ID: id, Conflict: true, Message: fmt.Sprintf(
			"conflict: %s's %s changed in the plan after the return was issued (%s -> %s); the return says %s: left as the plan has it for a person to decide (plan returns apply --theirs takes the return's)",
			id, what, shown(issued), shown(cur), shown(v))})
		return false
	}
	a.edit(kind, id, where, change)
	return true
}

func (a *applier) action(row Row, st Stamp) {
	i := slices.IndexFunc(st.Actions, func(x IssuedAction) bool { return x.ID == row.ID })
	if i < 0 {
		a.problem(row.where("id"), row.ID, fmt.Sprintf("%s was not issued in this return: rows cannot be added or ids changed; it is not applied", row.ID))
		return
	}
	ia := st.Actions[i]
	act := a.p.Action(row.ID)
	if act == nil {
		a.problem(row.where("id"), row.ID, fmt.Sprintf("action %s is no longer in the plan (removed or renamed since the return was issued): its row is not applied", row.ID))
		return
	}
	a.lockedChanged(row, actionColumns, map[string]string{"priority": ia.Priority, "title": ia.Title, "due": ia.Due, "status": ia.Status, "rag": ia.RAG, "note": ia.Note})
	id := row.ID
	order := plan.Fields(string(plan.KindAction))
	setField := func(field, value string) func([]byte) ([]byte, error) {
		f, _ := plan.Field(string(plan.KindAction), field)
		return func(d []byte) ([]byte, error) { return edit.Set(d, id, field, edit.Value(f, value), order) }
	}
	reviewed := false
	// Closed in the plan since: a rating or a new date for it is not
	// the owner's to give any more.
	closed := func(where, what string) bool {
		if act.Status.Open() || act.Status == plan.Status(ia.Status) || a.o.Theirs {
			return false
		}
		a.out.Problems = append(a.out.Problems, Problem{Where: where, ID: id, Conflict: true, Message: fmt.Sprintf(
			"conflict: %s became %s in the plan after the return was issued; the return's %s is left for a person to decide (plan returns apply --theirs takes it)", id, act.Status, what)})
		return true
	}
	if v, ok := a.word(row, newRAG, "a rating", words(plan.KindAction, "rag")); ok && !closed(row.where(newRAG), "new rating") {
		reviewed = a.set(plan.KindAction, id, row.where(newRAG), "rag", "rating", v, string(act.RAG), ia.RAG, setField("rag", v)) || reviewed
	}
	if v, ok := a.word(row, newStatus, "a status", words(plan.KindAction, "status")); ok {
		reviewed = a.set(plan.KindAction, id, row.where(newStatus), "status", "status", v, string(act.Status), ia.Status, setField("status", v)) || reviewed
	}
	if v, ok := a.note(row, newNote); ok {
		reviewed = a.set(plan.KindAction, id, row.where(newNote), "note", "note", v, act.Note, ia.Note, setField("note", v)) || reviewed
	}
	if v, ok := a.note(row, newEvidence); ok {
		reviewed = a.set(plan.KindAction, id, row.where(newEvidence), "evidence", "evidence", v, act.Evidence, ia.Evidence, setField("evidence", v)) || reviewed
	}
	newDate, hasDate := a.date(row, newDue)
	reason, hasReason := a.note(row, dueReason)
	switch {
	case hasDate && !hasReason:
		a.problem(row.where(dueReason), id, fmt.Sprintf("a new due date for %s needs its reason, for the board to approve: the date is not applied", id))
	case hasReason && !hasDate && text(row.cell(newDue)) == "":
		a.problem(row.where(newDue), id, fmt.Sprintf("a reason for a new due date of %s, but no date: it is not applied", id))
	case hasDate && closed(row.where(newDue), "new due date"):
	case hasDate:
		cur := dateText(act.Due)
		v := newDate.String()
		// The new date goes in with a proposed re-baselining: no
		// approved, so check lists it and the review gate refuses it
		// until someone records who approved it.
		rb := []edit.Field{{Name: "date", Value: a.day.String()}, {Name: "field", Value: "due"}}
		if cur != "" {
			rb = append(rb, edit.Field{Name: "from", Value: cur})
		}
		rb = append(rb, edit.Field{Name: "reason", Value: edit.Quote(reason)})
		reviewed = a.set(plan.KindAction, id, row.where(newDue), "due", "due date", v, cur, ia.Due, func(d []byte) ([]byte, error) {
			d, err := setField("due", v)(d)
			if err != nil {
				return nil, err
			}
			return edit.AppendEntry(d, id, "rebaselined", rb, order)
		}) || reviewed
	}
	// A return is a review, even when nothing changed: it clears the
	// stale rule. One recorded since the return was issued stands.
	if reviewed && act.Reviewed.Before(a.issued) {
		a.edit(plan.KindAction, id, row.where("id"), setField("reviewed", a.day.String()))
	}
}

func (a *applier) kpi(row Row, st Stamp) {
	i := slices.IndexFunc(st.KPIs, func(x IssuedKPI) bool { return x.ID == row.ID })
	if i < 0 {
		a.problem(row.where("id"), row.ID, fmt.Sprintf("%s was not issued in this return: rows cannot be added or ids changed; it is not applied", row.ID))
		return
	}
	ik := st.KPIs[i]
	k := a.p.KPI(row.ID)
	if k == nil {
		a.problem(row.where("id"), row.ID, fmt.Sprintf("KPI %s is no longer in the plan (removed or renamed since the return was issued): its row is not applied", row.ID))
		return
	}
	a.lockedChanged(row, kpiColumns, map[string]string{"priority": ik.Priority, "title": ik.Title, "unit": ik.Unit, "better": ik.Better,
		"frequency": ik.Frequency, "target": ik.Target, "last": ik.Last, "last-date": ik.LastDate})
	c := row.cell(newValue)
	if text(c) == "" {
		return // no new value: the period's date is filled in for them
	}
	var value float64
	switch c.Kind {
	case tracker.Number:
		value = c.Num
	default:
		n, err := plan.ParseNumber(strings.TrimSuffix(text(c), "%"))
		if err != nil {
			a.problem(row.where(newValue), row.ID, fmt.Sprintf("%q is not a number: type the value alone, such as 21 or 87.5", text(c)))
			return
		}
		value = n
	}
	d, ok := a.date(row, newDate)
	if !ok {
		if text(row.cell(newDate)) == "" {
			a.problem(row.where(newDate), row.ID, fmt.Sprintf("a new value for %s with no date: give the last day of the period it measures", row.ID))
		}
		return
	}
	if d.After(a.o.AsOf) {
		a.problem(row.where(newDate), row.ID, fmt.Sprintf("%s is after the as-of date %s: an actual measures a period that has ended; check the year", d, a.o.AsOf))
		return
	}
	v := plan.FormatNumber(value)
	cur := ""
	for _, x := range k.Actuals {
		if x.Date == d {
			cur = plan.FormatNumber(x.Value)
		}
	}
	id := row.ID
	a.set(plan.KindKPI, id, row.where(newValue), "actual "+d.String(), "actual for "+d.String(), v, cur, ik.Actuals[d.String()], func(data []byte) ([]byte, error) {
		return edit.SetActual(data, id, d.String(), v)
	})
}
