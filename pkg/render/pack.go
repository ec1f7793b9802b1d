package render

import (
	"strings"

	"github.com/plan-tool/plan/plan"
)

// The board pack's wording and charts, for writers of the pack in other
// formats (pkg/docx): the same words and the same drawings as the HTML
// pack, so that every format of the pack says the same thing.

// PackChange says in one line what changed about an item, in the words of
// the audience's pack: the plan's terms for the board, plain words for the
// public.
func PackChange(a plan.Audience, c plan.Change) string { return wordsFor(a).change(c) }

// PackSummary sums up the changes in the words of the audience's pack.
func PackSummary(a plan.Audience, s plan.DiffSummary) string { return wordsFor(a).summary(s) }

// Notable picks the changes a pack's summary lists: those a board cares
// about (slips, ratings worsened or improved, actions done, targets
// changed), and items added, removed or moved.
func Notable(r *plan.DiffReport) []plan.Change { return notable(r) }

// LongDate writes a date as a public paper does: "10 November 2026".
func LongDate(d plan.Date) string { return longDate(d) }

// TrendWord says a KPI's trend in a word: improving, worsening, steady or
// none.
func TrendWord(t plan.Trend) string { return trendWord(t) }

// StateWord says a finding's state for people.
func StateWord(s plan.TraceState) string { return stateWord(s) }

// TraceActions lists a finding's actions with their status and rating:
// "P8.1 (in-progress, amber)", or "none".
func TraceActions(tf plan.TraceFinding) string { return traceActions(tf) }

// HasImpact reports whether any finding has KPIs measuring its impact:
// only then do traceability tables gain an impact column.
func HasImpact(findings []plan.TraceFinding) bool { return hasImpact(findings) }

// TraceImpact lists the KPIs measuring a finding with their rating and
// trend: "P6.K1 (green, improving)", or "none".
func TraceImpact(tf plan.TraceFinding) string { return traceImpact(tf) }

// KPIDue writes the trajectory's value in force on a KPI's latest actual,
// with its direction: "<= 32.5%"; "-" when it has no trajectory.
func KPIDue(k plan.ScorecardRow) string { return due(k) }

// CountsKey says what the counts of a status table are.
func CountsKey() string { return countsKeyText }

// KPITarget writes a KPI's target with its direction: "<= 20%".
func KPITarget(k plan.ScorecardRow) string { return target(k) }

// KPILatest writes a KPI's latest value and its date, or "-" and "-".
func KPILatest(k plan.ScorecardRow) (val, date string) { return latest(k) }

// svgNamespace makes a chart a document of its own.
const svgNamespace = `<svg xmlns="http://www.w3.org/2000/svg" `

// standalone turns a chart drawn for the HTML pack into an SVG document of
// its own: with the SVG namespace and the patterns its fills use.
func standalone(chart string) []byte {
	if chart == "" {
		return nil
	}
	defs := strings.TrimSuffix(strings.TrimPrefix(svgDefs, `<svg width="0" height="0" style="position:absolute" aria-hidden="true">`), `</svg>`)
	open, rest, _ := strings.Cut(chart, ">")
	open = strings.Replace(open, "<svg ", svgNamespace, 1)
	return []byte(open + ">" + defs + rest)
}

// KPIChartSVG draws a KPI's actuals against its target, as the HTML pack
// does, as an SVG document of its own; nil when the KPI has no actuals.
func KPIChartSVG(k plan.ScorecardRow) []byte { return standalone(kpiChart(k)) }

// RatingBarsSVG draws the actions of each theme and the whole plan by
// rating, as the HTML pack's summary does, as an SVG document of its own.
func RatingBarsSVG(r plan.StatusReport) []byte { return standalone(ratingBars(r)) }
