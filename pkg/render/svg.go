package render

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// The charts are SVG drawn here, from the same values the tables show.
// Every rating is told apart by pattern as well as colour, and labelled in
// words, so the charts read in greyscale.

// ragStyle is how a rating is drawn: a fill colour, and a pattern id for
// greyscale printing.
var ragStyle = map[plan.RAG]struct{ fill, pattern, label string }{
	plan.Red:      {"#c0392b", "hatch-dense", "red"},
	plan.Amber:    {"#e6a118", "hatch-wide", "amber"},
	plan.Green:    {"#2e8b57", "", "green"},
	plan.Unrated:  {"#9e9e9e", "dots", "unrated"},
	plan.Complete: {"#d6e4f5", "", "done"},
}

// overdueStyle is how overdue open actions are drawn, whatever their own
// rating: darker than red, and cross-hatched.
var overdueStyle = struct{ fill, pattern, label string }{"#7b241c", "crosshatch", "overdue"}

// svgDefs are the patterns the charts use; they go once in the report.
const svgDefs = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="crosshatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#7b241c"/><path d="M0 0V5M0 0H5" stroke="#000" stroke-width="1.5"/></pattern>
<pattern id="hatch-dense" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#c0392b"/><line x1="0" y1="0" x2="0" y2="4" stroke="#000" stroke-width="1.6"/></pattern>
<pattern id="hatch-wide" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="8" height="8" fill="#e6a118"/><line x1="0" y1="0" x2="0" y2="8" stroke="#000" stroke-width="1"/></pattern>
<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e0e0e0"/><circle cx="3" cy="3" r="1.2" fill="#000"/></pattern>
</defs></svg>`

func ragFill(r plan.RAG) string {
	st := ragStyle[r]
	if st.pattern != "" {
		return "url(#" + st.pattern + ")"
	}
	return st.fill
}

// barSegment is one part of a bar: how many, drawn how.
type barSegment struct {
	n                    int
	fill, pattern, label string
}

func (b barSegment) paint() string {
	if b.pattern != "" {
		return "url(#" + b.pattern + ")"
	}
	return b.fill
}

// barSegments are the parts of a bar of actions, each open action counted
// once: overdue (whatever its rating), else red, amber, green or unrated;
// then done.
func barSegments(c plan.ActionCounts) []barSegment {
	seg := func(n int, r plan.RAG) barSegment {
		st := ragStyle[r]
		return barSegment{n, st.fill, st.pattern, st.label}
	}
	return []barSegment{
		{c.Once.Overdue, overdueStyle.fill, overdueStyle.pattern, overdueStyle.label},
		seg(c.Once.Red, plan.Red), seg(c.Once.Amber, plan.Amber), seg(c.Once.Green, plan.Green), seg(c.Once.Unrated, plan.Unrated),
		seg(c.Complete, plan.Complete),
	}
}

// ratingBars draws, for each theme and the whole plan, a bar of its
// actions: open actions counted once (overdue, else by rating), then done.
func ratingBars(r plan.StatusReport) string {
	type bar struct {
		label string
		c     plan.ActionCounts
	}
	var bars []bar
	for _, t := range r.Themes {
		bars = append(bars, bar{t.ID + ": " + truncate(t.Title, 44), t.Actions})
	}
	bars = append(bars, bar{"Whole plan", r.Totals.Actions})
	most := 1
	for _, b := range bars {
		total := 0
		for _, seg := range barSegments(b.c) {
			total += seg.n
		}
		most = max(most, total)
	}
	const labelW, barW, rowH, barH = 230.0, 420.0, 34.0, 20.0
	height := rowH*float64(len(bars)) + 40
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="Actions by rating for each theme">`, labelW+barW+20, height, labelW+barW+20, height)
	for i, b := range bars {
		y := float64(i)*rowH + 6
		fmt.Fprintf(&s, `<text x="0" y="%g" class="label">%s</text>`, y+barH*0.72, html.EscapeString(b.label))
		x := labelW
		for _, seg := range barSegments(b.c) {
			if seg.n == 0 {
				continue
			}
			w := barW * float64(seg.n) / float64(most)
			fmt.Fprintf(&s, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="%s" stroke="#000" stroke-width="0.6"><title>%d %s</title></rect>`,
				x, y, w, barH, seg.paint(), seg.n, seg.label)
			if w >= 18 {
				fmt.Fprintf(&s, `<text x="%.1f" y="%g" class="count">%d</text>`, x+w/2, y+barH*0.72, seg.n)
			}
			x += w
		}
	}
	// The legend says in words what each fill means.
	lx := 0.0
	ly := float64(len(bars))*rowH + 16
	for _, seg := range barSegments(plan.ActionCounts{}) {
		fmt.Fprintf(&s, `<rect x="%g" y="%g" width="14" height="14" fill="%s" stroke="#000" stroke-width="0.6"/><text x="%g" y="%g" class="legend">%s</text>`,
			lx, ly-11, seg.paint(), lx+18, ly, seg.label)
		lx += 105
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// kpiChart draws a KPI's actuals as a line, with its target as a dashed
// line and the tolerance as a band on the side that misses.
func kpiChart(k plan.ScorecardRow) string {
	if len(k.Series) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = 330.0, 150.0, 46.0, 14.0, 14.0, 30.0
	lo, hi := k.Target, k.Target
	band := k.Target + k.Tolerance
	if k.Better == plan.Higher {
		band = k.Target - k.Tolerance
	}
	lo, hi = math.Min(lo, band), math.Max(hi, band)
	for _, a := range k.Series {
		lo, hi = math.Min(lo, a.Value), math.Max(hi, a.Value)
	}
	pad := (hi - lo) * 0.12
	if pad == 0 {
		pad = math.Max(1, math.Abs(hi)*0.1)
	}
	lo, hi = lo-pad, hi+pad
	y := func(v float64) float64 { return top + (hi-v)/(hi-lo)*(h-top-bottom) }
	n := len(k.Series)
	x := func(i int) float64 {
		if n == 1 {
			return (left + w - right) / 2
		}
		return left + float64(i)*(w-left-right)/float64(n-1)
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart kpi" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s: actuals against the target">`,
		w, h, w, h, html.EscapeString(k.ID+" "+k.Title))
	// Tolerance band, then the target.
	y1, y2 := y(k.Target), y(band)
	fmt.Fprintf(&s, `<rect x="%g" y="%.1f" width="%g" height="%.1f" fill="url(#hatch-wide)" opacity="0.35"><title>within tolerance (amber)</title></rect>`,
		left, math.Min(y1, y2), w-left-right, math.Abs(y2-y1))
	fmt.Fprintf(&s, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#000" stroke-width="1.2" stroke-dasharray="5 3"/>`, left, y1, w-right, y1)
	fmt.Fprintf(&s, `<text x="%g" y="%.1f" class="axis">target %s</text>`, left+4, y1-3, html.EscapeString(value(k.Target, k.Unit)))
	// Axis: the range of values and the first and last dates.
	fmt.Fprintf(&s, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#555"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&s, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#555"/>`, left, h-bottom, w-right, h-bottom)
	fmt.Fprintf(&s, `<text x="%g" y="%.1f" class="axis" text-anchor="end">%s</text>`, left-4, top+8, axisLabel(hi))
	fmt.Fprintf(&s, `<text x="%g" y="%.1f" class="axis" text-anchor="end">%s</text>`, left-4, h-bottom, axisLabel(lo))
	fmt.Fprintf(&s, `<text x="%g" y="%g" class="axis">%s</text>`, left, h-bottom+14, k.Series[0].Date)
	if n > 1 {
		fmt.Fprintf(&s, `<text x="%g" y="%g" class="axis" text-anchor="end">%s</text>`, w-right, h-bottom+14, k.Series[n-1].Date)
	}
	// The actuals.
	var pts []string
	for i, a := range k.Series {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(a.Value)))
	}
	fmt.Fprintf(&s, `<polyline points="%s" fill="none" stroke="#000" stroke-width="2"/>`, strings.Join(pts, " "))
	for i, a := range k.Series {
		fmt.Fprintf(&s, `<circle cx="%.1f" cy="%.1f" r="3" fill="#fff" stroke="#000" stroke-width="1.5"><title>%s: %s</title></circle>`,
			x(i), y(a.Value), a.Date, html.EscapeString(value(a.Value, k.Unit)))
	}
	// The latest value, beside its point, on the side away from the target.
	last := k.Series[n-1]
	ly := y(last.Value) - 7
	if y(last.Value) < y1 {
		ly = y(last.Value) + 15
	}
	fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" class="value" text-anchor="end">%s</text>`, x(n-1)-5, ly, html.EscapeString(value(last.Value, k.Unit)))
	s.WriteString(`</svg>`)
	return s.String()
}

// axisLabel writes a value at the end of an axis to three figures or so.
func axisLabel(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 100:
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	case a >= 10:
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	default:
		return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	}
}
