package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/plan-tool/plan/plan"
)

// HTML is a format: one self-contained page.
const HTML Format = "html"

//go:embed report.html.tmpl
var reportHTML string

// reportTemplates hold the pack for each wording: in the plan's terms and
// in plain words. Each is parsed when first used, not at start-up.
var (
	reportTemplate       = sync.OnceValue(func() *template.Template { return newReportTemplate(internalWords) })
	publicReportTemplate = sync.OnceValue(func() *template.Template { return newReportTemplate(publicWords) })
)

func newReportTemplate(words wording) *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"svgDefs":      func() template.HTML { return template.HTML(svgDefs) },
		"ratingBars":   func(r plan.StatusReport) template.HTML { return template.HTML(ratingBars(r)) },
		"kpiChart":     func(k plan.ScorecardRow) template.HTML { return template.HTML(kpiChart(k)) },
		"rag":          ragBadge,
		"actionLate":   ActionLate,
		"decision":     DecisionLine,
		"trend":        trendWord,
		"state":        stateWord,
		"traceActions": traceActions,
		"changeLine":   words.change,
		"summary":      words.summary,
		"longDate":     longDate,
		"notable":      notable,
		"countsKey":    func() string { return countsKeyText },
		"attention":    AttentionLine,
		"target":       target,
		"latestValue":  func(k plan.ScorecardRow) string { v, _ := latest(k); return v },
		"latestDate":   func(k plan.ScorecardRow) string { _, d := latest(k); return d },
		"riskState":    riskState,
		"riskReviewed": reviewed,
		"score":        score,
		"join":         strings.Join,
		"heatStyle":    heatStyle,
		"due":          due,
		"hasImpact":    hasImpact,
		"traceImpact":  traceImpact,
	}).Parse(reportHTML))
}

// ragBadge writes a rating as a word in a coloured badge: colour is never
// the only sign.
func ragBadge(r plan.RAG) template.HTML {
	word := r.String()
	if r == plan.Complete {
		word = "done"
	}
	return template.HTML(fmt.Sprintf(`<span class="rag rag-%s">%s</span>`, template.HTMLEscapeString(r.String()), template.HTMLEscapeString(word)))
}

// notable picks the changes a summary page lists: those with a meaning a
// board cares about (slips, ratings worsened or improved, actions done,
// targets changed), and items added, removed or moved.
func notable(r *plan.DiffReport) []plan.Change {
	var out []plan.Change
	for _, c := range r.Changes {
		if c.Type != plan.Modified || slices.ContainsFunc(c.Fields, func(f plan.FieldChange) bool {
			switch f.Meaning {
			case plan.Slipped, plan.Worsened, plan.Improved, plan.Completed, plan.DroppedMeaning, plan.Eased, plan.Tightened, plan.Reopened:
				return true
			}
			return f.Rebaselined != nil
		}) {
			out = append(out, c)
		}
	}
	return out
}

// Report writes a board pack: HTML (one self-contained page, printable on
// A4) or Markdown (for a committee paper).
func Report(w io.Writer, r plan.Report, f Format) error {
	switch f {
	case HTML:
		if r.Audience == plan.ForPublic {
			return publicReportTemplate().Execute(w, r)
		}
		return reportTemplate().Execute(w, r)
	case Markdown:
		return reportMarkdown(w, r)
	}
	return fmt.Errorf("a board pack cannot be written as %q", f)
}

func reportMarkdown(w io.Writer, r plan.Report) error {
	var b strings.Builder
	words := wordsFor(r.Audience)
	if r.Audience == plan.ForPublic {
		fmt.Fprintf(&b, "# %s\n\n%s. Progress report as of %s.", mdEscape(r.Title), mdEscape(r.Organisation), longDate(r.AsOf))
	} else {
		fmt.Fprintf(&b, "# %s\n\n%s. Board pack as of %s.", mdEscape(r.Title), mdEscape(r.Organisation), r.AsOf)
	}
	if r.Since != "" {
		fmt.Fprintf(&b, " Changes are since %s.", mdEscape(r.Since))
	}
	fmt.Fprintf(&b, "\n\n## Summary\n\nThe plan is rated **%s** (%s).\n\n", r.Status.Totals.RAG, mdEscape(r.Status.Totals.Why))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	status := r.Status
	status.Title = "" // the heading above names the plan
	if err := statusRowsMarkdown(w, status); err != nil {
		return err
	}
	b.Reset()
	if r.Changes != nil {
		fmt.Fprintf(&b, "\n### Changes since %s\n\n**%s**.\n\n", mdEscape(r.Since), words.summary(r.Changes.Summary))
		for _, c := range notable(r.Changes) {
			fmt.Fprintf(&b, "- %s %s: %s\n", c.Kind, mdEscape(c.ID), mdEscape(words.change(c)))
		}
	} else if r.NoChanges != "" {
		fmt.Fprintf(&b, "\n### What changed\n\n%s\n", mdEscape(r.NoChanges))
	}
	b.WriteString("\n## Exceptions\n\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if len(r.Exceptions) == 0 {
		if _, err := io.WriteString(w, "No exceptions.\n"); err != nil {
			return err
		}
	} else {
		var rows [][]string
		for _, e := range r.Exceptions {
			rows = append(rows, []string{string(e.Kind) + " " + mdEscape(e.ID), mdEscape(e.Title), mdEscape(strings.Join(e.Reasons, "; "))})
		}
		if err := writeMarkdownTable(w, []column{{"Item", false}, {"Title", false}, {"Why it is here", false}}, rows); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n## Report cards\n"); err != nil {
		return err
	}
	for _, c := range r.Cards {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		if err := cardMarkdown(w, c, r.Since, "###", words); err != nil {
			return err
		}
	}
	if r.Risks != nil {
		if _, err := io.WriteString(w, "\n## Risks\n\n"); err != nil {
			return err
		}
		if err := risksMarkdownBody(w, *r.Risks, "###"); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n## Findings traceability\n\n"); err != nil {
		return err
	}
	if err := traceMarkdown(w, r.Trace); err != nil {
		return err
	}
	if len(r.Glossary) > 0 {
		b.Reset()
		b.WriteString("\n## Glossary\n\n")
		for _, t := range r.Glossary {
			fmt.Fprintf(&b, "- **%s**: %s\n", mdEscape(t.Term), mdEscape(t.Meaning))
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// statusRowsMarkdown writes the status table of a report, without the
// status command's own heading.
func statusRowsMarkdown(w io.Writer, r plan.StatusReport) error {
	cols := []column{{"Priority", false}, {"Title", false}, {"RAG", false},
		{"Red", true}, {"Amber", true}, {"Green", true}, {"Done", true}, {"Unrated", true}, {"Overdue", true}, {"KPIs red/amber/green", true}}
	cells := func(s statusRow, strong bool) []string {
		a, k := s.Actions, s.KPIs
		c := []string{mdEscape(s.id), mdEscape(s.title), s.RAG.String(),
			fmt.Sprint(a.Red), fmt.Sprint(a.Amber), fmt.Sprint(a.Green), fmt.Sprint(a.Complete), fmt.Sprint(a.Unrated), fmt.Sprint(a.Overdue),
			fmt.Sprintf("%d/%d/%d", k.Red, k.Amber, k.Green)}
		if strong {
			for i, v := range c {
				if v != "" {
					c[i] = "**" + v + "**"
				}
			}
		}
		return c
	}
	var rows [][]string
	for _, s := range statusRows(r, ByTheme) {
		rows = append(rows, cells(s, s.kind == "theme"))
	}
	rows = append(rows, cells(statusRow{"total", "Whole plan", "", r.Totals}, true))
	if err := writeMarkdownTable(w, cols, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s.\n", countsKeyText)
	return err
}

// AttentionLine introduces the exceptions: how many items need the
// board's attention.
func AttentionLine(n int) string {
	return plan.Plural(n, "item needs", "items need") + " the board's attention; each says why it is here."
}
