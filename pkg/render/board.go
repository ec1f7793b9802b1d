package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Trace writes the findings traceability matrix.
func Trace(w io.Writer, findings []plan.TraceFinding, f Format, o Options) error {
	switch f {
	case Table:
		return traceTable(w, findings, o)
	case Markdown:
		return traceMarkdown(w, findings)
	case CSV:
		cw := newCSV(w)
		cw.Write([]string{"finding", "state", "source", "text", "action", "status", "rag"})
		for _, tf := range findings {
			if len(tf.Actions) == 0 {
				cw.Write([]string{tf.ID, string(tf.State), tf.Source, tf.Text, "", "", ""})
			}
			for _, a := range tf.Actions {
				cw.Write([]string{tf.ID, string(tf.State), tf.Source, tf.Text, a.ID, string(a.Status), a.RAG.String()})
			}
		}
		cw.Flush()
		return cw.Error()
	case JSON:
		return writeJSON(w, traceJSON(findings))
	}
	return fmt.Errorf("the traceability matrix cannot be written as %q", f)
}

// stateWord says a finding's state for people.
func stateWord(s plan.TraceState) string {
	if s == plan.AwaitingEvidence {
		return "done: evidence it as met"
	}
	return string(s)
}

// traceActions lists a finding's actions: "P8.1 (in-progress, amber)".
func traceActions(tf plan.TraceFinding) string {
	var parts []string
	for _, a := range tf.Actions {
		what := string(a.Status)
		if a.Status.Open() {
			what += ", " + a.RAG.String()
		} else if a.Status == plan.Done && a.Evidence == "" {
			what += ", no evidence"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", a.ID, what))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// traceOpen lists a finding's open actions and counts the rest, for a
// table a terminal can show: "P3.6 (amber), P9.2 (amber); 15 done, 14 without evidence".
func traceOpen(tf plan.TraceFinding) string {
	var open []string
	done, bare, dropped := 0, 0, 0
	for _, a := range tf.Actions {
		switch {
		case a.Status.Open():
			open = append(open, fmt.Sprintf("%s (%s)", a.ID, a.RAG))
		case a.Status == plan.Done:
			done++
			if a.Evidence == "" {
				bare++
			}
		default:
			dropped++
		}
	}
	parts := []string{}
	if len(open) > 0 {
		parts = append(parts, strings.Join(open, ", "))
	}
	if done > 0 {
		d := fmt.Sprintf("%d done", done)
		if bare > 0 {
			d += fmt.Sprintf(", %d without evidence", bare)
		}
		parts = append(parts, d)
	}
	if dropped > 0 {
		parts = append(parts, fmt.Sprintf("%d dropped", dropped))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

func traceTable(w io.Writer, findings []plan.TraceFinding, o Options) error {
	var rows [][]string
	for _, tf := range findings {
		state := stateWord(tf.State)
		if tf.State == plan.Unaddressed {
			state = o.paint(red, state)
		}
		rows = append(rows, []string{tf.ID, state, tf.Text, traceOpen(tf)})
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No findings.")
		return err
	}
	return writeTable(w, []tableCol{keepCol("FINDING"), keepCol("STATE"), textCol("TEXT"), wholeCol("OPEN ACTIONS; THE REST")}, rows, nil, o.Width)
}

func traceMarkdown(w io.Writer, findings []plan.TraceFinding) error {
	if len(findings) == 0 {
		_, err := fmt.Fprintln(w, "No findings.")
		return err
	}
	var rows [][]string
	for _, tf := range findings {
		rows = append(rows, []string{mdEscape(tf.ID), mdEscape(tf.Source), mdEscape(tf.Text), mdEscape(traceActions(tf)), mdEscape(stateWord(tf.State))})
	}
	return writeMarkdownTable(w, []column{{"Finding", false}, {"Source", false}, {"Finding text", false}, {"Actions", false}, {"State", false}}, rows)
}

type jsonTraceAction struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Priority string      `json:"priority"`
	RAG      plan.RAG    `json:"rag"`
	Status   plan.Status `json:"status"`
	Evidence string      `json:"evidence"`
}

type jsonTraceFinding struct {
	ID      string            `json:"id"`
	Source  string            `json:"source"`
	Text    string            `json:"text"`
	Actions []jsonTraceAction `json:"actions"`
	State   plan.TraceState   `json:"state"`
}

func traceFindingJSON(tf plan.TraceFinding) jsonTraceFinding {
	j := jsonTraceFinding{ID: tf.ID, Source: tf.Source, Text: tf.Text, State: tf.State, Actions: []jsonTraceAction{}}
	for _, a := range tf.Actions {
		j.Actions = append(j.Actions, jsonTraceAction{a.ID, a.Title, a.Priority, a.RAG, a.Status, a.Evidence})
	}
	return j
}

func traceJSON(findings []plan.TraceFinding) any {
	out := struct {
		Findings []jsonTraceFinding `json:"findings"`
	}{[]jsonTraceFinding{}}
	for _, tf := range findings {
		out.Findings = append(out.Findings, traceFindingJSON(tf))
	}
	return out
}

// Exceptions writes the exception report. since names what changes were
// compared with ("" when there is no history).
func Exceptions(w io.Writer, asOf plan.Date, since string, items []plan.Exception, f Format, o Options) error {
	switch f {
	case Table:
		return exceptionsTable(w, asOf, since, items, o)
	case Markdown:
		return exceptionsMarkdown(w, asOf, since, items)
	case JSON:
		return writeJSON(w, exceptionsJSON(asOf, since, items))
	}
	return fmt.Errorf("an exception report cannot be written as %q", f)
}

func exceptionsHeading(asOf plan.Date, since string, items []plan.Exception) string {
	s := fmt.Sprintf("%s, as of %s", plan.Plural(len(items), "exception", "exceptions"), asOf)
	if since != "" {
		s += "; changes since " + since
	}
	return s
}

func exceptionsTable(w io.Writer, asOf plan.Date, since string, items []plan.Exception, o Options) error {
	if _, err := fmt.Fprintln(w, wrapText(exceptionsHeading(asOf, since, items), o.Width, 2)); err != nil || len(items) == 0 {
		return err
	}
	var rows [][]string
	var plans []string
	for _, e := range items {
		for i, r := range e.Reasons {
			if i == 0 {
				rows = append(rows, []string{string(e.Kind), e.ID, e.Title, r})
				plans = append(plans, e.Plan)
			} else {
				rows = append(rows, []string{"", "", "", r})
				plans = append(plans, "")
			}
		}
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	// A reason may say what changed (old -> new): it is never cut.
	cols, rows := withPlanColumn(asideCol("PLAN"), []tableCol{keepCol("KIND"), keepCol("ID"), textCol("TITLE"), wholeCol("WHY")}, rows, plans)
	return writeTable(w, cols, rows, nil, o.Width)
}

func exceptionsMarkdown(w io.Writer, asOf plan.Date, since string, items []plan.Exception) error {
	if _, err := fmt.Fprintf(w, "### Exceptions\n\n%s.\n", mdEscape(exceptionsHeading(asOf, since, items))); err != nil || len(items) == 0 {
		return err
	}
	var rows [][]string
	var plans []string
	for _, e := range items {
		rows = append(rows, []string{string(e.Kind), mdEscape(e.ID), mdEscape(e.Title), mdEscape(strings.Join(e.Reasons, "; "))})
		plans = append(plans, mdEscape(e.Plan))
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	cols, rows := planColumn("Plan", []column{{"Kind", false}, {"ID", false}, {"Title", false}, {"Why it is here", false}}, rows, plans)
	return writeMarkdownTable(w, cols, rows)
}

type jsonException struct {
	Kind     plan.Kind `json:"kind"`
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Priority string    `json:"priority"`
	Reasons  []string  `json:"reasons"`
	Plan     string    `json:"plan,omitempty"`
}

func exceptionsJSON(asOf plan.Date, since string, items []plan.Exception) any {
	out := struct {
		AsOf  plan.Date       `json:"as_of"`
		Since string          `json:"since"`
		Items []jsonException `json:"items"`
	}{asOf, since, []jsonException{}}
	for _, e := range items {
		out.Items = append(out.Items, jsonException{e.Kind, e.ID, e.Title, e.Priority, e.Reasons, e.Plan})
	}
	return out
}

// Glossary writes glossary terms. used marks the terms a reader sees.
func Glossary(w io.Writer, terms []*plan.Term, used map[*plan.Term]bool, f Format, o Options) error {
	switch f {
	case Table:
		if len(terms) == 0 {
			_, err := fmt.Fprintln(w, "No glossary terms.")
			return err
		}
		var rows [][]string
		for _, t := range terms {
			u := "no"
			if used[t] {
				u = "yes"
			}
			rows = append(rows, []string{t.Term, t.Meaning, u})
		}
		return writeTable(w, []tableCol{keepCol("TERM"), textCol("MEANING"), keepCol("USED")}, rows, nil, o.Width)
	case Markdown:
		var b strings.Builder
		b.WriteString("### Glossary\n\n")
		for _, t := range terms {
			fmt.Fprintf(&b, "- **%s**: %s\n", mdEscape(t.Term), mdEscape(t.Meaning))
		}
		_, err := io.WriteString(w, b.String())
		return err
	case JSON:
		type jsonTerm struct {
			Term    string `json:"term"`
			Meaning string `json:"meaning"`
			Used    bool   `json:"used"`
		}
		out := struct {
			Terms []jsonTerm `json:"terms"`
		}{[]jsonTerm{}}
		for _, t := range terms {
			out.Terms = append(out.Terms, jsonTerm{t.Term, t.Meaning, used[t]})
		}
		return writeJSON(w, out)
	}
	return fmt.Errorf("a glossary cannot be written as %q", f)
}
