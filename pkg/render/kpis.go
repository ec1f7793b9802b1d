package render

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// KPIs writes the KPI scorecard as of asOf.
func KPIs(w io.Writer, asOf plan.Date, rows []plan.ScorecardRow, f Format, o Options) error {
	switch f {
	case Table:
		return kpisTable(w, asOf, rows, o)
	case Markdown:
		return kpisMarkdown(w, asOf, rows, o)
	case CSV:
		return kpisCSV(w, rows)
	case JSON:
		return writeJSON(w, kpisJSON(asOf, rows))
	}
	return fmt.Errorf("a scorecard cannot be written as %q", f)
}

// value writes a number with its unit: "43%", "19.4 days".
func value(v float64, unit string) string {
	s := formatNumber(v)
	switch {
	case unit == "":
		return s
	case unit == "%":
		return s + "%"
	default:
		return s + " " + unit
	}
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// latest writes a KPI's latest value, or "-" when it has none.
func latest(r plan.ScorecardRow) (val, date string) {
	if r.Latest == nil {
		return "-", "-"
	}
	return value(r.Latest.Value, r.Unit), r.Latest.Date.String()
}

// target writes a KPI's target with its direction: "<= 20%", ">= 80%".
func target(r plan.ScorecardRow) string {
	op := ">="
	if r.Better == plan.Lower {
		op = "<="
	}
	return op + " " + value(r.Target, r.Unit)
}

// due writes the trajectory's value in force on the latest actual's date,
// with its direction: "<= 32.51%"; "-" when there is none.
func due(r plan.ScorecardRow) string {
	if r.Due == nil {
		return "-"
	}
	op := ">="
	if r.Better == plan.Lower {
		op = "<="
	}
	return op + " " + value(r.Due.Value, r.Unit)
}

// trendWord writes a trend with an arrow that reads in greyscale.
func trendWord(t plan.Trend) string {
	switch t {
	case plan.Improving:
		return "improving"
	case plan.Worsening:
		return "worsening"
	case plan.Steady:
		return "steady"
	}
	return "none"
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values as block characters, lowest to highest.
func sparkline(series []plan.Actual) string {
	if len(series) == 0 {
		return ""
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, a := range series {
		lo, hi = math.Min(lo, a.Value), math.Max(hi, a.Value)
	}
	var b strings.Builder
	for _, a := range series {
		i := len(sparks) / 2
		if hi > lo {
			i = int(math.Round((a.Value - lo) / (hi - lo) * float64(len(sparks)-1)))
		}
		b.WriteRune(sparks[i])
	}
	return b.String()
}

func kpisTable(w io.Writer, asOf plan.Date, rows []plan.ScorecardRow, o Options) error {
	if _, err := fmt.Fprintf(w, "%s\n\n", wrapText("KPI scorecard, as of "+asOf.String(), o.Width, 2)); err != nil {
		return err
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No KPIs.")
		return err
	}
	cols := []tableCol{keepCol("ID"), keepCol("PRIORITY").repeats(), textCol("TITLE"), numCol("LATEST"), keepCol("DATE"),
		numCol("TARGET"), keepCol("RAG"), keepCol("TREND")}
	traj := plan.HasTrajectory(rows)
	if traj {
		cols = slices.Insert(cols, 5, numCol("TRAJECTORY"))
	}
	if o.Terminal {
		cols = append(cols, keepCol("LAST 12").optional(1))
	}
	if o.Explain {
		cols = append(cols, textCol("WHY"))
	}
	var out [][]string
	var plans []string
	for _, r := range rows {
		plans = append(plans, r.Plan)
		val, date := latest(r)
		trend := trendWord(r.Trend)
		if r.Trend == plan.Worsening {
			trend = o.paint(red, trend)
		}
		c := []string{r.ID, r.Priority, r.Title, val, date, target(r), o.rag(r.Rating.RAG), trend}
		if traj {
			c = slices.Insert(c, 5, due(r))
		}
		if o.Terminal {
			c = append(c, sparkline(r.Series))
		}
		if o.Explain {
			c = append(c, r.Rating.Why)
		}
		out = append(out, c)
	}
	cols, out = withPlanColumn(asideCol("PLAN"), cols, out, plans)
	return writeTable(w, cols, out, nil, o.Width)
}

func kpisMarkdown(w io.Writer, asOf plan.Date, rows []plan.ScorecardRow, o Options) error {
	if _, err := fmt.Fprintf(w, "### KPI scorecard, as of %s\n\n", asOf); err != nil {
		return err
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No KPIs.")
		return err
	}
	cols := []column{{"ID", false}, {"Priority", false}, {"KPI", false}, {"Latest", true}, {"Date", false},
		{"Target", true}, {"RAG", false}, {"Trend", false}}
	traj := plan.HasTrajectory(rows)
	if traj {
		cols = slices.Insert(cols, 5, column{"Trajectory", true})
	}
	if o.Explain {
		cols = append(cols, column{"Why", false})
	}
	var out [][]string
	var plans []string
	for _, r := range rows {
		plans = append(plans, mdEscape(r.Plan))
		val, date := latest(r)
		c := []string{mdEscape(r.ID), mdEscape(r.Priority), mdEscape(r.Title), mdEscape(val), date, mdEscape(target(r)), r.Rating.RAG.String(), trendWord(r.Trend)}
		if traj {
			c = slices.Insert(c, 5, mdEscape(due(r)))
		}
		if o.Explain {
			c = append(c, mdEscape(r.Rating.Why))
		}
		out = append(out, c)
	}
	cols, out = planColumn("Plan", cols, out, plans)
	return writeMarkdownTable(w, cols, out)
}

func kpisCSV(w io.Writer, rows []plan.ScorecardRow) error {
	cw := newCSV(w)
	records := [][]string{{"id", "priority", "title", "unit", "latest_date", "latest_value", "target", "tolerance", "better", "rag", "trend", "why"}}
	traj := plan.HasTrajectory(rows)
	if traj {
		records[0] = append(records[0], "due_on_trajectory")
	}
	var plans []string
	for _, r := range rows {
		plans = append(plans, r.Plan)
		d, v := "", ""
		if r.Latest != nil {
			d, v = r.Latest.Date.String(), formatNumber(r.Latest.Value)
		}
		rec := []string{r.ID, r.Priority, r.Title, r.Unit, d, v, formatNumber(r.Target), formatNumber(r.Tolerance),
			string(r.Better), r.Rating.RAG.String(), string(r.Trend), r.Rating.Why}
		if traj {
			due := ""
			if r.Due != nil {
				due = formatNumber(r.Due.Value)
			}
			rec = append(rec, due)
		}
		records = append(records, rec)
	}
	return cw.WriteAll(csvPlan(records, plans))
}

type jsonActual struct {
	Date  plan.Date `json:"date"`
	Value float64   `json:"value"`
}

type jsonKPI struct {
	ID        string       `json:"id"`
	Priority  string       `json:"priority"`
	Title     string       `json:"title"`
	Unit      string       `json:"unit"`
	Latest    *jsonActual  `json:"latest"`
	Target    float64      `json:"target"`
	Tolerance float64      `json:"tolerance"`
	Better    plan.Better  `json:"better"`
	Frequency string       `json:"frequency"`
	RAG       plan.RAG     `json:"rag"`
	Why       string       `json:"why"`
	Trend     plan.Trend   `json:"trend"`
	Series    []jsonActual `json:"series"`
	Plan      string       `json:"plan,omitempty"`
	// Only for KPIs with a baseline or trajectory: due is the trajectory's
	// value in force on the latest actual's date.
	Baseline   *jsonActual  `json:"baseline,omitempty"`
	Trajectory []jsonActual `json:"trajectory,omitempty"`
	Due        *float64     `json:"due,omitempty"`
}

func kpiJSON(r plan.ScorecardRow) jsonKPI {
	j := jsonKPI{ID: r.ID, Priority: r.Priority, Title: r.Title, Unit: r.Unit, Target: r.Target, Tolerance: r.Tolerance,
		Better: r.Better, Frequency: string(r.Frequency), RAG: r.Rating.RAG, Why: r.Rating.Why, Trend: r.Trend, Series: []jsonActual{}, Plan: r.Plan}
	if r.Latest != nil {
		j.Latest = &jsonActual{r.Latest.Date, r.Latest.Value}
	}
	for _, a := range r.Series {
		j.Series = append(j.Series, jsonActual{a.Date, a.Value})
	}
	if b := r.Baseline; b != nil {
		j.Baseline = &jsonActual{b.Date, b.Value}
	}
	for _, a := range r.Trajectory {
		j.Trajectory = append(j.Trajectory, jsonActual{a.Date, a.Value})
	}
	if r.Due != nil {
		v := r.Due.Value
		j.Due = &v
	}
	return j
}

func kpisJSON(asOf plan.Date, rows []plan.ScorecardRow) any {
	out := struct {
		AsOf plan.Date `json:"as_of"`
		KPIs []jsonKPI `json:"kpis"`
	}{asOf, []jsonKPI{}}
	for _, r := range rows {
		out.KPIs = append(out.KPIs, kpiJSON(r))
	}
	return out
}
