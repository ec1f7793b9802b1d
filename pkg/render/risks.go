package render

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Risks writes the risk register as of its date: each risk with its
// current and target scores, then a 5x5 heat map of current scores
// (likelihood rows, impact columns). CSV holds the register only.
func Risks(w io.Writer, r plan.RiskReport, f Format, o Options) error {
	switch f {
	case Table:
		return risksTable(w, r, o)
	case Markdown:
		return risksMarkdown(w, r)
	case CSV:
		return risksCSV(w, r)
	case JSON:
		return writeJSON(w, risksJSON(r))
	}
	return fmt.Errorf("a risk register cannot be written as %q", f)
}

// score writes a score, "-" for none.
func score(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

// riskState says what is wrong with a risk: "above target", "review
// due", both, or "".
func riskState(r plan.RiskRow) string {
	var s []string
	if r.AboveTarget {
		s = append(s, "above target")
	}
	if r.Overdue {
		s = append(s, "review due")
	}
	return strings.Join(s, "; ")
}

func reviewed(r plan.RiskRow) string {
	if r.Reviewed.IsZero() {
		return "-"
	}
	return r.Reviewed.String()
}

// heatRows writes the heat map as rows of cells, likelihood 5 first, with
// "." for no risk.
func heatRows(h plan.HeatMap) [][]string {
	var rows [][]string
	for l := 5; l >= 1; l-- {
		row := []string{strconv.Itoa(l)}
		for i := 1; i <= 5; i++ {
			c := "."
			if n := h.Count[l-1][i-1]; n > 0 {
				c = strconv.Itoa(n)
			}
			row = append(row, c)
		}
		rows = append(rows, row)
	}
	return rows
}

func risksTable(w io.Writer, r plan.RiskReport, o Options) error {
	if _, err := fmt.Fprintf(w, "%s\n\n", wrapText("Risk register, as of "+r.AsOf.String(), o.Width, 2)); err != nil {
		return err
	}
	if len(r.Risks) == 0 {
		_, err := fmt.Fprintln(w, "No risks.")
		return err
	}
	cols := []tableCol{keepCol("ID"), keepCol("PRIORITY").repeats(), textCol("TITLE"), asideCol("OWNER"), numCol("L"), numCol("I"),
		numCol("SCORE"), numCol("TARGET"), keepCol("REVIEWED"), textCol("STATE")}
	var out [][]string
	var plans []string
	for _, k := range r.Risks {
		plans = append(plans, k.Plan)
		state := riskState(k)
		if k.AboveTarget {
			state = o.paint(red, state)
		}
		out = append(out, []string{k.ID, k.Priority, k.Title, k.OwnerName, score(k.Likelihood), score(k.Impact),
			score(k.Score), score(k.Target), reviewed(k), state})
	}
	cols, out = withPlanColumn(asideCol("PLAN"), cols, out, plans)
	if err := writeTable(w, cols, out, nil, o.Width); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("\nHeat map: number of risks by likelihood (rows) and impact (columns)\n\n")
	b.WriteString("  L\\I  1  2  3  4  5\n")
	for _, row := range heatRows(r.Heat) {
		fmt.Fprintf(&b, "  %3s", row[0])
		for _, c := range row[1:] {
			fmt.Fprintf(&b, "%3s", c)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func risksMarkdown(w io.Writer, r plan.RiskReport) error {
	if _, err := fmt.Fprintf(w, "### Risk register, as of %s\n\n", r.AsOf); err != nil {
		return err
	}
	return risksMarkdownBody(w, r, "####")
}

// heatStyle shades a heat map cell by the level of its score, in colours
// that keep black text readable; the cell's title names the level too.
func heatStyle(level string) template.CSS {
	switch level {
	case "high":
		return "background:#f4b6b6"
	case "medium":
		return "background:#fbe3a6"
	}
	return "background:#cfe8cf"
}

// risksMarkdownBody writes the register and heat map without a heading,
// for plan risks and the board pack; h is the heat map's heading.
func risksMarkdownBody(w io.Writer, r plan.RiskReport, h string) error {
	if len(r.Risks) == 0 {
		_, err := fmt.Fprintln(w, "No risks.")
		return err
	}
	cols := []column{{"ID", false}, {"Priority", false}, {"Risk", false}, {"Owner", false}, {"Likelihood", true}, {"Impact", true},
		{"Score", true}, {"Target", true}, {"Reviewed", false}, {"Controls", false}, {"Mitigations", false}, {"State", false}}
	var out [][]string
	var plans []string
	for _, k := range r.Risks {
		plans = append(plans, mdEscape(k.Plan))
		out = append(out, []string{mdEscape(k.ID), mdEscape(k.Priority), mdEscape(k.Title), mdEscape(k.OwnerName),
			score(k.Likelihood), score(k.Impact), score(k.Score), score(k.Target), reviewed(k), mdEscape(k.Controls),
			mdEscape(strings.Join(k.Mitigations, ", ")), riskState(k)})
	}
	cols, out = planColumn("Plan", cols, out, plans)
	if err := writeMarkdownTable(w, cols, out); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\n%s Heat map\n\nNumber of risks by likelihood (rows) and impact (columns).\n\n", h); err != nil {
		return err
	}
	hcols := []column{{"Likelihood \\ impact", false}, {"1", true}, {"2", true}, {"3", true}, {"4", true}, {"5", true}}
	return writeMarkdownTable(w, hcols, heatRows(r.Heat))
}

func risksCSV(w io.Writer, r plan.RiskReport) error {
	cw := newCSV(w)
	records := [][]string{{"id", "priority", "title", "owner", "likelihood", "impact", "score", "target", "above_target", "reviewed", "review_due", "controls", "mitigations"}}
	var plans []string
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, k := range r.Risks {
		plans = append(plans, k.Plan)
		rv := ""
		if !k.Reviewed.IsZero() {
			rv = k.Reviewed.String()
		}
		records = append(records, []string{k.ID, k.Priority, k.Title, k.Owner, num(k.Likelihood), num(k.Impact), num(k.Score), num(k.Target),
			strconv.FormatBool(k.AboveTarget), rv, strconv.FormatBool(k.Overdue), k.Controls, strings.Join(k.Mitigations, " ")})
	}
	return cw.WriteAll(csvPlan(records, plans))
}

type jsonRisk struct {
	ID          string   `json:"id"`
	Priority    string   `json:"priority"`
	Title       string   `json:"title"`
	Owner       string   `json:"owner"`
	Likelihood  int      `json:"likelihood"`
	Impact      int      `json:"impact"`
	Score       int      `json:"score"`
	Level       string   `json:"level"`
	Target      int      `json:"target"`
	AboveTarget bool     `json:"above_target"`
	Reviewed    *string  `json:"reviewed"`
	ReviewDue   bool     `json:"review_due"`
	Controls    string   `json:"controls"`
	Mitigations []string `json:"mitigations"`
	Plan        string   `json:"plan,omitempty"`
}

// jsonHeatCell is one cell of the heat map holding risks.
type jsonHeatCell struct {
	Likelihood int `json:"likelihood"`
	Impact     int `json:"impact"`
	Count      int `json:"count"`
}

func risksJSON(r plan.RiskReport) any {
	out := struct {
		AsOf  plan.Date      `json:"as_of"`
		Risks []jsonRisk     `json:"risks"`
		Heat  []jsonHeatCell `json:"heat_map"`
	}{AsOf: r.AsOf, Risks: []jsonRisk{}, Heat: []jsonHeatCell{}}
	for _, k := range r.Risks {
		j := jsonRisk{ID: k.ID, Priority: k.Priority, Title: k.Title, Owner: k.Owner, Likelihood: k.Likelihood, Impact: k.Impact,
			Score: k.Score, Level: plan.RiskLevel(k.Score), Target: k.Target, AboveTarget: k.AboveTarget, ReviewDue: k.Overdue,
			Controls: k.Controls, Mitigations: k.Mitigations, Plan: k.Plan}
		if j.Mitigations == nil {
			j.Mitigations = []string{}
		}
		if !k.Reviewed.IsZero() {
			s := k.Reviewed.String()
			j.Reviewed = &s
		}
		out.Risks = append(out.Risks, j)
	}
	for l := 5; l >= 1; l-- {
		for i := 5; i >= 1; i-- {
			if n := r.Heat.Count[l-1][i-1]; n > 0 {
				out.Heat = append(out.Heat, jsonHeatCell{l, i, n})
			}
		}
	}
	return out
}

// RiskState says what is wrong with a risk for the board pack's other
// writers (Word): "above target", "review due", both, or "".
func RiskState(r plan.RiskRow) string { return riskState(r) }

// RiskReviewed is the date a risk was last reviewed, "-" for never.
func RiskReviewed(r plan.RiskRow) string { return reviewed(r) }

// RiskScore writes a likelihood, impact or score, "-" for none.
func RiskScore(n int) string { return score(n) }
