package render

import (
	"fmt"
	"io"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// Portfolio writes the status of several plans: one row per plan, then the
// totals. JSON holds a "plans" array whose entries have the fields of
// "totals", and the plan's name, title and organisation.
func Portfolio(w io.Writer, r plan.PortfolioReport, f Format, o Options) error {
	switch f {
	case JSON:
		return writeJSON(w, portfolioJSON(r))
	case CSV:
		return portfolioCSV(w, r)
	case Markdown:
		return portfolioMarkdown(w, r, o)
	case Table:
		return portfolioTable(w, r, o)
	}
	return fmt.Errorf("a portfolio's status cannot be written as %q", f)
}

func portfolioHeading(r plan.PortfolioReport) string {
	return fmt.Sprintf("%s, as of %s", plan.Plural(len(r.Plans), "plan", "plans"), r.AsOf)
}

func portfolioTable(w io.Writer, r plan.PortfolioReport, o Options) error {
	cols := append([]tableCol{asideCol("PLAN"), textCol("ORGANISATION")}, summaryCols(o)...)
	var rows [][]string
	for _, p := range r.Plans {
		rows = append(rows, append([]string{textsafe.Visible(p.Name), p.Organisation}, summaryCells(p.Summary, o)...))
	}
	footer := append([]string{"TOTAL", ""}, summaryCells(r.Totals, o)...)
	if _, err := fmt.Fprintf(w, "%s\n\n", wrapText(portfolioHeading(r), o.Width, 2)); err != nil {
		return err
	}
	if err := writeTable(w, cols, rows, footer, o.Width); err != nil {
		return err
	}
	return statusKey(w, o)
}

func portfolioMarkdown(w io.Writer, r plan.PortfolioReport, o Options) error {
	cols := append([]column{{"Plan", false}, {"Organisation", false}}, summaryMarkdownCols(o)...)
	var rows [][]string
	for _, p := range r.Plans {
		rows = append(rows, summaryMarkdownCells([]string{mdEscape(p.Name), mdEscape(p.Organisation)}, p.Summary, false, o))
	}
	rows = append(rows, summaryMarkdownCells([]string{"Total", ""}, r.Totals, true, o))
	if _, err := fmt.Fprintf(w, "## Portfolio\n\n%s.\n\n", portfolioHeading(r)); err != nil {
		return err
	}
	if err := writeMarkdownTable(w, cols, rows); err != nil {
		return err
	}
	return statusKeyMarkdown(w)
}

func portfolioCSV(w io.Writer, r plan.PortfolioReport) error {
	cw := newCSV(w)
	cw.Write(append([]string{"level", "plan", "title", "organisation"}, summaryCSVHeader...))
	for _, p := range r.Plans {
		cw.Write(summaryCSV([]string{"plan", p.Name, p.Title, p.Organisation}, p.Summary))
	}
	cw.Write(summaryCSV([]string{"total", "", "", ""}, r.Totals))
	cw.Flush()
	return cw.Error()
}

type jsonPlanStatus struct {
	Name         string `json:"name"`
	Title        string `json:"title"`
	Organisation string `json:"organisation"`
	jsonSummary
}

type jsonPortfolio struct {
	AsOf   plan.Date        `json:"as_of"`
	Plans  []jsonPlanStatus `json:"plans"`
	Totals jsonSummary      `json:"totals"`
}

func portfolioJSON(r plan.PortfolioReport) jsonPortfolio {
	out := jsonPortfolio{AsOf: r.AsOf, Plans: []jsonPlanStatus{}, Totals: summaryJSON(r.Totals)}
	for _, p := range r.Plans {
		out.Plans = append(out.Plans, jsonPlanStatus{p.Name, p.Title, p.Organisation, summaryJSON(p.Summary)})
	}
	return out
}
