package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Card writes one priority's report card. since names what its changes
// are compared with ("" when there is no history).
func Card(w io.Writer, c plan.Card, since string, f Format, o Options) error {
	switch f {
	case Text, Table:
		return cardText(w, c, since, o)
	case Markdown:
		return cardMarkdown(w, c, since, "###", internalWords)
	case JSON:
		return writeJSON(w, cardJSON(c, since))
	}
	return fmt.Errorf("a report card cannot be written as %q", f)
}

// ActionLate says how late an action is: "N days late" while it is open
// and overdue, "completed late by N days" when it was done after its due
// date, else "".
func ActionLate(a plan.CardAction) string {
	switch {
	case a.Overdue:
		return plan.Plural(a.DaysLate, "day", "days") + " late"
	case a.CompletedLate > 0:
		return "completed late by " + plan.Plural(a.CompletedLate, "day", "days")
	}
	return ""
}

// DecisionLine says what a body agreed: "Agreed by the Improvement Board
// on 2026-02-10: Add a second recruitment round (actions P8.4, P8.5)."
func DecisionLine(d plan.Decision) string {
	body := d.Body
	if !strings.HasPrefix(strings.ToLower(body), "the ") {
		body = "the " + body
	}
	s := "Agreed by " + body + " on " + d.Date.String() + ": " + strings.TrimRight(strings.TrimSpace(d.Text), ".")
	if len(d.Actions) > 0 {
		word := "actions "
		if len(d.Actions) == 1 {
			word = "action "
		}
		s += " (" + word + strings.Join(d.Actions, ", ") + ")"
	}
	return s + "."
}

// ActionRating is an open action's rating word with the owner's
// confidence of delivery when given: "amber, low confidence".
func ActionRating(a plan.CardAction) string {
	if !a.Status.Open() {
		return ""
	}
	if a.Confidence == "" {
		return a.RAG.String()
	}
	return a.RAG.String() + ", " + string(a.Confidence) + " confidence"
}

// ActionDue is an action's due date, with the date it was first due
// when it has been re-baselined: "2026-10-31 (was 2026-09-30)".
func ActionDue(a plan.CardAction) string {
	if a.OriginalDue.IsZero() {
		return a.Due.String()
	}
	return a.Due.String() + " (was " + a.OriginalDue.String() + ")"
}

// ActionStatus is an action's status, with the day it was completed
// when that is recorded: "done 2026-10-02".
func ActionStatus(a plan.CardAction) string {
	if a.Completed.IsZero() {
		return string(a.Status)
	}
	return string(a.Status) + " " + a.Completed.String()
}

func cardText(w io.Writer, c plan.Card, since string, o Options) error {
	p := c.Priority
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", o.paint(bold, p.ID), o.paint(bold, p.Title))
	owner := c.OwnerName
	if owner != p.Owner {
		owner += " (" + p.Owner + ")" // the id, for --owner
	}
	fmt.Fprintf(&b, "Theme %s: %s\nOwner: %s\nRating: %s (%s)\n", p.Theme, c.ThemeTitle, owner, o.rag(p.RAG), p.Why)
	for _, d := range c.Decisions {
		b.WriteString(DecisionLine(d) + "\n")
	}
	if _, err := io.WriteString(w, wrapText(b.String(), o.Width, 2)); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\nActions\n"); err != nil {
		return err
	}
	var rows [][]string
	for _, a := range c.Actions {
		late := ActionLate(a)
		if a.Overdue {
			late = o.paint(red, late)
		}
		rag := o.rag(a.RAG)
		if !a.Status.Open() {
			rag = ""
		} else if a.Confidence != "" {
			rag += ", " + string(a.Confidence) + " confidence"
		}
		rows = append(rows, []string{a.ID, a.Title, a.OwnerName, ActionDue(a), ActionStatus(a), rag, late})
	}
	if err := writeTable(w, []tableCol{keepCol("ID"), textCol("TITLE"), asideCol("OWNER"), keepCol("DUE"), keepCol("STATUS"), keepCol("RAG"), keepCol("LATE")}, rows, nil, o.Width); err != nil {
		return err
	}
	if len(c.KPIs) > 0 {
		if _, err := fmt.Fprintf(w, "\nKPIs\n"); err != nil {
			return err
		}
		rows = nil
		traj := plan.HasTrajectory(c.KPIs)
		for _, k := range c.KPIs {
			val, date := latest(k)
			row := []string{k.ID, k.Title, val, date, target(k), o.rag(k.Rating.RAG), trendWord(k.Trend)}
			if traj {
				row = slices.Insert(row, 4, due(k))
			}
			rows = append(rows, row)
		}
		cols := []tableCol{keepCol("ID"), textCol("TITLE"), numCol("LATEST"), keepCol("DATE"), numCol("TARGET"), keepCol("RAG"), keepCol("TREND")}
		if traj {
			cols = slices.Insert(cols, 4, numCol("TRAJECTORY"))
		}
		if err := writeTable(w, cols, rows, nil, o.Width); err != nil {
			return err
		}
	}
	if len(c.Findings) > 0 {
		if _, err := fmt.Fprintf(w, "\nFindings addressed\n"); err != nil {
			return err
		}
		rows = nil
		for _, tf := range c.Findings {
			rows = append(rows, []string{tf.ID, stateWord(tf.State), tf.Text})
		}
		if err := writeTable(w, []tableCol{keepCol("ID"), keepCol("STATE"), textCol("TEXT")}, rows, nil, o.Width); err != nil {
			return err
		}
	}
	if c.Changes != nil {
		if _, err := fmt.Fprintf(w, "\n%s\n", wrapText(fmt.Sprintf("Changes since %s: %s", since, c.Changes.Summary), o.Width, 2)); err != nil {
			return err
		}
		// What changed is wrapped on a narrow terminal, never cut.
		for _, ch := range c.Changes.Changes {
			line := fmt.Sprintf("  %s %s %s: %s", changeSigns[ch.Type], ch.Kind, ch.ID, changeLine(ch))
			if _, err := fmt.Fprintln(w, wrapText(line, o.Width, 2)); err != nil {
				return err
			}
		}
	}
	return nil
}

// changeLine says in one line what changed about an item.
func changeLine(c plan.Change) string {
	if c.Type == plan.Added || c.Type == plan.Removed {
		return string(c.Type)
	}
	var parts []string
	for _, f := range c.Fields {
		if strings.HasPrefix(f.Field, "rebaselined ") {
			if f.Old != "" && f.New != "" {
				// A proposal approved where it stands.
				parts = append(parts, f.Field+" "+f.New)
			}
			continue
		}
		s := fmt.Sprintf("%s %s -> %s", f.Field, orNone(f.Old), orNone(f.New))
		if f.Field == "owner" {
			s = fmt.Sprintf("owner %s -> %s", orNone(f.OldName), orNone(f.NewName))
		}
		if f.Members != nil {
			s = f.Field + " " + membership(f.Members)
		}
		if text, _ := describe(f); text != "" {
			s += " (" + text + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func cardMarkdown(w io.Writer, c plan.Card, since, h string, words wording) error {
	p := c.Priority
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", h, mdEscape(p.ID), mdEscape(p.Title))
	fmt.Fprintf(&b, "Theme %s: %s. Owner: %s. Rating: **%s** (%s).\n\n", mdEscape(p.Theme), mdEscape(c.ThemeTitle), mdEscape(c.OwnerName), p.RAG, mdEscape(p.Why))
	for _, d := range c.Decisions {
		b.WriteString("- " + mdEscape(DecisionLine(d)) + "\n")
	}
	if len(c.Decisions) > 0 {
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	var rows [][]string
	for _, a := range c.Actions {
		rag := ActionRating(a)
		rows = append(rows, []string{mdEscape(a.ID), mdEscape(a.Title), mdEscape(a.OwnerName), ActionDue(a), ActionStatus(a), rag, ActionLate(a)})
	}
	if err := writeMarkdownTable(w, []column{{"Action", false}, {"Title", false}, {"Owner", false}, {"Due", false}, {"Status", false}, {"RAG", false}, {"Late", false}}, rows); err != nil {
		return err
	}
	// Notes and evidence, which the HTML card shows under each title: a
	// list, which reads right in a paper too, where a table cell cannot
	// hold a line break.
	b.Reset()
	for _, a := range c.Actions {
		var parts []string
		if a.Note != "" {
			parts = append(parts, mdEscape(strings.TrimSpace(a.Note)))
		}
		if a.Evidence != "" {
			parts = append(parts, "Evidence: "+mdEscape(strings.TrimSpace(a.Evidence)))
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "- %s: %s\n", mdEscape(a.ID), strings.Join(parts, " "))
		}
	}
	if b.Len() > 0 {
		if _, err := io.WriteString(w, "\nNotes and evidence:\n\n"+b.String()); err != nil {
			return err
		}
	}
	if len(c.KPIs) > 0 {
		rows = nil
		traj := plan.HasTrajectory(c.KPIs)
		for _, k := range c.KPIs {
			val, date := latest(k)
			row := []string{mdEscape(k.ID), mdEscape(k.Title), mdEscape(val), date, mdEscape(target(k)), k.Rating.RAG.String(), trendWord(k.Trend)}
			if traj {
				row = slices.Insert(row, 4, mdEscape(due(k)))
			}
			rows = append(rows, row)
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		cols := []column{{"KPI", false}, {"Title", false}, {"Latest", true}, {"Date", false}, {"Target", true}, {"RAG", false}, {"Trend", false}}
		if traj {
			cols = slices.Insert(cols, 4, column{"Trajectory", true})
		}
		if err := writeMarkdownTable(w, cols, rows); err != nil {
			return err
		}
		b.Reset()
		b.WriteString("\nHow each KPI is rated:\n\n")
		for _, k := range c.KPIs {
			fmt.Fprintf(&b, "- %s: %s\n", mdEscape(k.ID), mdEscape(k.Rating.Why))
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	if len(c.Findings) > 0 {
		b.Reset()
		b.WriteString("\nFindings addressed:\n\n")
		for _, tf := range c.Findings {
			fmt.Fprintf(&b, "- %s (%s): %s\n", mdEscape(tf.ID), stateWord(tf.State), mdEscape(tf.Text))
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	if c.Changes != nil {
		if _, err := fmt.Fprintf(w, "\nChanges since %s: %s.\n", mdEscape(since), words.summary(c.Changes.Summary)); err != nil {
			return err
		}
		for _, ch := range c.Changes.Changes {
			if _, err := fmt.Fprintf(w, "- %s %s: %s\n", ch.Kind, mdEscape(ch.ID), mdEscape(words.change(ch))); err != nil {
				return err
			}
		}
	}
	return nil
}

type jsonCardAction struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Owner    string      `json:"owner"`
	Due      plan.Date   `json:"due"`
	Status   plan.Status `json:"status"`
	RAG      plan.RAG    `json:"rag"`
	DaysLate int         `json:"days_late"`
	Note     string      `json:"note"`
	Evidence string      `json:"evidence"`
	// Completed, CompletedLate and OriginalDue appear only when known.
	Completed     *plan.Date `json:"completed,omitempty"`
	CompletedLate int        `json:"completed_days_late,omitempty"`
	OriginalDue   *plan.Date `json:"original_due,omitempty"`
	Confidence    string     `json:"confidence,omitempty"`
}

type jsonDecision struct {
	Date    plan.Date `json:"date"`
	Body    string    `json:"body"`
	Text    string    `json:"text"`
	Actions []string  `json:"actions"`
}

type jsonCard struct {
	ID       string             `json:"id"`
	Theme    string             `json:"theme"`
	Title    string             `json:"title"`
	Owner    string             `json:"owner"`
	RAG      plan.RAG           `json:"rag"`
	Why      string             `json:"why"`
	Actions  []jsonCardAction   `json:"actions"`
	KPIs     []jsonKPI          `json:"kpis"`
	Findings []jsonTraceFinding `json:"findings"`
	Since    string             `json:"since"`
	Changes  []jsonChange       `json:"changes"`
	// Decisions appear only when the priority has some.
	Decisions []jsonDecision `json:"decisions,omitempty"`
}

func cardJSON(c plan.Card, since string) jsonCard {
	p := c.Priority
	j := jsonCard{ID: p.ID, Theme: p.Theme, Title: p.Title, Owner: p.Owner, RAG: p.RAG, Why: p.Why, Since: since,
		Actions: []jsonCardAction{}, KPIs: []jsonKPI{}, Findings: []jsonTraceFinding{}, Changes: []jsonChange{}}
	for _, a := range c.Actions {
		late := 0
		if a.Overdue {
			late = a.DaysLate
		}
		ja := jsonCardAction{ID: a.ID, Title: a.Title, Owner: a.Owner, Due: a.Due, Status: a.Status, RAG: a.RAG, DaysLate: late,
			Note: a.Note, Evidence: a.Evidence, CompletedLate: a.CompletedLate, Confidence: string(a.Confidence)}
		if !a.Completed.IsZero() {
			ja.Completed = &a.Completed
		}
		if !a.OriginalDue.IsZero() {
			ja.OriginalDue = &a.OriginalDue
		}
		j.Actions = append(j.Actions, ja)
	}
	for _, k := range c.KPIs {
		j.KPIs = append(j.KPIs, kpiJSON(k))
	}
	for _, d := range c.Decisions {
		j.Decisions = append(j.Decisions, jsonDecision{d.Date, d.Body, d.Text, append([]string{}, d.Actions...)})
	}
	for _, tf := range c.Findings {
		j.Findings = append(j.Findings, traceFindingJSON(tf))
	}
	if c.Changes != nil {
		for _, ch := range c.Changes.Changes {
			j.Changes = append(j.Changes, jsonChange{ch.Kind, ch.ID, ch.Title, ch.Type, fieldChangesJSON(ch.Fields)})
		}
	}
	return j
}
