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
		impact := hasImpact(findings)
		row := func(r []string, tf plan.TraceFinding) []string {
			if impact {
				r = append(r, traceImpact(tf))
			}
			return r
		}
		header := []string{"finding", "state", "source", "text", "action", "status", "rag"}
		if impact {
			header = append(header, "impact")
		}
		cw.Write(header)
		for _, tf := range findings {
			if len(tf.Actions) == 0 {
				cw.Write(row([]string{tf.ID, string(tf.State), tf.Source, tf.Text, "", "", ""}, tf))
			}
			for _, a := range tf.Actions {
				cw.Write(row([]string{tf.ID, string(tf.State), tf.Source, tf.Text, a.ID, string(a.Status), a.RAG.String()}, tf))
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
	switch s {
	case plan.AwaitingEvidence:
		return "done: evidence it as met"
	case plan.AwaitingImpact:
		return "delivered: impact not yet green"
	}
	return string(s)
}

// hasImpact reports whether any finding has KPIs measuring its impact:
// only then do the matrices gain an impact column.
func hasImpact(findings []plan.TraceFinding) bool {
	for _, tf := range findings {
		if len(tf.KPIs) > 0 {
			return true
		}
	}
	return false
}

// traceImpact lists the KPIs measuring a finding with their rating and
// trend: "P6.K1 (green, improving); P6.K2 (amber, worsening)", or "none".
func traceImpact(tf plan.TraceFinding) string {
	var parts []string
	for _, k := range tf.KPIs {
		what := k.Rating.RAG.String()
		if k.Trend != plan.NoTrend {
			what += ", " + string(k.Trend)
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", k.ID, what))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
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
	impact := hasImpact(findings)
	var rows [][]string
	for _, tf := range findings {
		state := stateWord(tf.State)
		if tf.State == plan.Unaddressed {
			state = o.paint(red, state)
		}
		row := []string{tf.ID, state, tf.Text, traceOpen(tf)}
		if impact {
			row = append(row, traceImpact(tf))
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No findings.")
		return err
	}
	cols := []tableCol{keepCol("FINDING"), keepCol("STATE"), textCol("TEXT"), wholeCol("OPEN ACTIONS; THE REST")}
	if impact {
		cols = append(cols, wholeCol("IMPACT (KPIS)"))
	}
	return writeTable(w, cols, rows, nil, o.Width)
}

func traceMarkdown(w io.Writer, findings []plan.TraceFinding) error {
	if len(findings) == 0 {
		_, err := fmt.Fprintln(w, "No findings.")
		return err
	}
	impact := hasImpact(findings)
	var rows [][]string
	for _, tf := range findings {
		row := []string{mdEscape(tf.ID), mdEscape(tf.Source), mdEscape(tf.Text), mdEscape(traceActions(tf))}
		if impact {
			row = append(row, mdEscape(traceImpact(tf)))
		}
		rows = append(rows, append(row, mdEscape(stateWord(tf.State))))
	}
	cols := []column{{"Finding", false}, {"Source", false}, {"Finding text", false}, {"Actions", false}}
	if impact {
		cols = append(cols, column{"Impact (KPIs)", false})
	}
	return writeMarkdownTable(w, append(cols, column{"State", false}), rows)
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
	// Only when KPIs measure the finding's impact: delivery is the state
	// from its actions alone, impact the worst rating of its KPIs.
	Delivery plan.TraceState `json:"delivery,omitempty"`
	Impact   string          `json:"impact,omitempty"`
	KPIs     []jsonTraceKPI  `json:"kpis,omitempty"`
}

type jsonTraceKPI struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Priority string     `json:"priority"`
	RAG      plan.RAG   `json:"rag"`
	Trend    plan.Trend `json:"trend"`
	Why      string     `json:"why"`
}

func traceFindingJSON(tf plan.TraceFinding) jsonTraceFinding {
	j := jsonTraceFinding{ID: tf.ID, Source: tf.Source, Text: tf.Text, State: tf.State, Actions: []jsonTraceAction{}}
	for _, a := range tf.Actions {
		j.Actions = append(j.Actions, jsonTraceAction{a.ID, a.Title, a.Priority, a.RAG, a.Status, a.Evidence})
	}
	if len(tf.KPIs) > 0 {
		j.Delivery, j.Impact = tf.Delivery(), tf.Impact()
		for _, k := range tf.KPIs {
			j.KPIs = append(j.KPIs, jsonTraceKPI{k.ID, k.Title, k.Priority, k.Rating.RAG, k.Trend, k.Rating.Why})
		}
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
