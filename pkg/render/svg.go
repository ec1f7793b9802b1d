package render

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

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

// svgFont is the font of every chart's text, set on each chart so that
// the chart is drawn with the font it was measured for, whatever the page.
const svgFont = "Arial, Helvetica, sans-serif"

// svgText writes an SVG text element at x with its baseline at y. The size,
// weight and anchor are set on the element, so the text is drawn as it was
// measured whatever styles the page has; attrs are any more attributes.
func svgText(s *strings.Builder, x, y, size float64, bold bool, anchor, class, t, attrs string) {
	fmt.Fprintf(s, `<text x="%.1f" y="%.1f" font-size="%g"`, x, y, size)
	if bold {
		s.WriteString(` font-weight="bold"`)
	}
	if anchor != "" && anchor != "start" {
		fmt.Fprintf(s, ` text-anchor="%s"`, anchor)
	}
	if class != "" {
		fmt.Fprintf(s, ` class="%s"`, class)
	}
	if attrs != "" {
		s.WriteString(" " + attrs)
	}
	fmt.Fprintf(s, `>%s</text>`, html.EscapeString(t))
}

// svgOpen starts a chart: its size, its accessible name (title) and a
// description in words of what it shows (desc).
func svgOpen(s *strings.Builder, class string, w, h float64, title, desc string) {
	fmt.Fprintf(s, `<svg class="%s" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s" font-family="%s"><title>%s</title><desc>%s</desc>`,
		class, w, h, w, h, html.EscapeString(title), svgFont, html.EscapeString(title), html.EscapeString(desc))
}

// ratingBars draws, for each theme and the whole plan, a bar of its
// actions: open actions counted once (overdue, else by rating), then done.
// Each theme's label is wrapped (and, past two lines, cut with the whole
// label as a tooltip) to end before the bars begin; each segment's count
// is written in it, or above it when the segment is too narrow.
func ratingBars(r plan.StatusReport) string {
	const (
		width    = 670.0
		labelMax = 210.0 // the widest a label may be
		labelFS  = 11.0  // labels and counts in segments
		smallFS  = 10.0  // counts above segments, the legend
		lineH    = 13.0  // between a label's lines
		lane     = 14.0  // above a bar, for counts too wide for their segment
		barH     = 20.0
		gap      = 8.0 // below a bar
		rowH     = lane + barH + gap
	)
	type bar struct {
		title string
		lines []string
		cut   bool
		segs  []barSegment
	}
	var bars []bar
	for _, t := range r.Themes {
		bars = append(bars, bar{title: t.ID + ": " + t.Title, segs: barSegments(t.Actions)})
	}
	bars = append(bars, bar{title: "Whole plan", segs: barSegments(r.Totals.Actions)})
	labelW, most := 0.0, 1
	var desc []string
	for i := range bars {
		b := &bars[i]
		b.lines, b.cut = wrapLabel(b.title, labelMax, labelFS, 2)
		for _, l := range b.lines {
			labelW = max(labelW, textWidth(l, labelFS, false))
		}
		total := 0
		var parts []string
		for _, seg := range b.segs {
			total += seg.n
			if seg.n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", seg.n, seg.label))
			}
		}
		most = max(most, total)
		if len(parts) == 0 {
			parts = []string{"no actions"}
		}
		desc = append(desc, b.title+": "+strings.Join(parts, ", "))
	}
	barX := 2 + math.Ceil(labelW) + 12
	barW := width - barX - 12

	// The legend says in words what each fill means, over as many lines as
	// it needs.
	type key struct {
		x, y float64
		seg  barSegment
	}
	var keys []key
	lx, ly := 0.0, float64(len(bars))*rowH+4
	for _, seg := range barSegments(plan.ActionCounts{}) {
		w := 18 + textWidth(seg.label, smallFS, false)
		if lx > 0 && lx+w > width {
			lx, ly = 0, ly+20
		}
		keys = append(keys, key{lx, ly, seg})
		lx += w + 16
	}
	height := ly + 20

	var s strings.Builder
	svgOpen(&s, "chart", width, height, "Actions by rating for each theme",
		"Open actions are counted once: overdue, else by rating. "+strings.Join(desc, ". ")+".")
	for i, b := range bars {
		top := float64(i)*rowH + lane
		mid := top + barH/2
		s.WriteString(`<g>`)
		if b.cut {
			fmt.Fprintf(&s, `<title>%s</title>`, html.EscapeString(b.title))
		}
		for j, l := range b.lines {
			svgText(&s, 2, mid+(float64(j)-float64(len(b.lines)-1)/2)*lineH+0.35*labelFS, labelFS, false, "", "label", l, "")
		}
		s.WriteString(`</g>`)
		// Counts too wide for their segment go above it, in order, apart.
		type above struct {
			mid, x0, w float64
			n          string
		}
		var out []above
		x := barX
		for _, seg := range b.segs {
			if seg.n == 0 {
				continue
			}
			w := barW * float64(seg.n) / float64(most)
			fmt.Fprintf(&s, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="%s" stroke="#000" stroke-width="0.6"><title>%d %s</title></rect>`,
				x, top, w, barH, seg.paint(), seg.n, seg.label)
			n := strconv.Itoa(seg.n)
			if w >= textWidth(n, labelFS, true)+4 {
				svgText(&s, x+w/2, mid+0.35*labelFS, labelFS, true, "middle", "count", n,
					`fill="#fff" stroke="#000" stroke-width="2.5" paint-order="stroke" stroke-linejoin="round"`)
			} else {
				tw := textWidth(n, smallFS, false)
				out = append(out, above{x + w/2, x + w/2 - tw/2, tw, n})
			}
			x += w
		}
		for j := range out {
			if j > 0 {
				out[j].x0 = max(out[j].x0, out[j-1].x0+out[j-1].w+4)
			}
			out[j].x0 = max(out[j].x0, barX)
		}
		limit := width
		for j := len(out) - 1; j >= 0; j-- {
			out[j].x0 = min(out[j].x0, limit-out[j].w)
			limit = out[j].x0 - 4
		}
		for _, o := range out {
			fmt.Fprintf(&s, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#000" stroke-width="0.8"/>`, o.mid, top, o.x0+o.w/2, top-3)
			svgText(&s, o.x0+o.w/2, top-4.5, smallFS, false, "middle", "count", o.n, "")
		}
	}
	for _, k := range keys {
		fmt.Fprintf(&s, `<rect x="%g" y="%g" width="14" height="14" fill="%s" stroke="#000" stroke-width="0.6"/>`, k.x, k.y, k.seg.paint())
		svgText(&s, k.x+18, k.y+11, smallFS, false, "", "legend", k.seg.label, "")
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// seriesColour is the colour of a KPI's line of actuals; in greyscale the
// line is told from the target by being solid, with a marker at each
// actual, where the target is dashed and labelled.
const seriesColour = "#1f4e79"

// chartValue writes a value for a chart: with its unit when the unit is
// short ("91%", "12 days"), else bare (the chart writes a long unit once).
func chartValue(v float64, unit string) string {
	if len([]rune(unit)) > 6 {
		return formatNumber(v)
	}
	return value(v, unit)
}

// dateLabels writes the dates of a series for a time axis, in two lines:
// the month ("Sep"), or the day and month ("30 Sep") when two actuals
// share a month; and the year.
func dateLabels(series []plan.Actual) (day, year []string) {
	layout := "Jan"
	for i := 1; i < len(series); i++ {
		if series[i].Date.Time().Format("Jan 2006") == series[i-1].Date.Time().Format("Jan 2006") {
			layout = "2 Jan"
			break
		}
	}
	for _, a := range series {
		day = append(day, a.Date.Time().Format(layout))
		year = append(year, a.Date.Time().Format("2006"))
	}
	return day, year
}

// kpiChart draws a KPI's actuals as a line against its target. The value
// axis runs between round numbers, with gridlines; the time axis is to
// scale, with as many dates labelled as fit; the target is a dashed line
// labelled at its right end, outside the plot, and the tolerance a band on
// the side that misses; each actual is labelled where there is room clear
// of the lines and other labels, the latest always.
func kpiChart(k plan.ScorecardRow) string {
	n := len(k.Series)
	if n == 0 {
		return ""
	}
	const (
		w, h    = 330.0, 176.0
		axisFS  = 10.0
		valueFS = 11.0
		plotT   = 22.0 // above it: labels of actuals at the top, and a long unit
		plotB   = h - 56
		xpad    = 12.0 // between the plot's sides and the first and last actuals
	)
	band := k.Target + k.Tolerance
	op := "≤"
	if k.Better == plan.Higher {
		band, op = k.Target-k.Tolerance, "≥"
	}
	lo, hi := math.Min(k.Target, band), math.Max(k.Target, band)
	for _, a := range k.Series {
		lo, hi = math.Min(lo, a.Value), math.Max(hi, a.Value)
	}
	// The targets the KPI had over the span of the chart, each drawn where
	// it stood (the last is its target now).
	spans := shownTargets(k)
	for _, sp := range spans {
		lo, hi = math.Min(lo, math.Min(sp.Target, sp.band)), math.Max(hi, math.Max(sp.Target, sp.band))
	}
	first, last := k.Series[0].Date.Time(), k.Series[n-1].Date.Time()
	// A baseline before the first actual widens the time axis to it; the
	// trajectory is drawn over the axis's span.
	if b := k.Baseline; b != nil {
		lo, hi = math.Min(lo, b.Value), math.Max(hi, b.Value)
		if b.Date.Time().Before(first) {
			first = b.Date.Time()
		}
	}
	traj := trajectoryPoints(k, first, last)
	for _, p := range traj {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	a, b, step := niceScale(lo, hi, 6)
	suffix := ""
	if k.Unit == "%" {
		suffix = "%"
	}
	var tickText []string
	left := 0.0
	for _, v := range ticks(a, b, step) {
		t := tickLabel(v, step) + suffix
		tickText = append(tickText, t)
		left = max(left, textWidth(t, axisFS, false))
	}
	plotL := math.Ceil(left) + 8
	targetText := op + " " + chartValue(k.Target, k.Unit)
	plotR := w - math.Ceil(max(textWidth("target", axisFS, false), textWidth(targetText, axisFS, false))) - 8
	y := func(v float64) float64 { return plotB - (v-a)/(b-a)*(plotB-plotT) }
	x := func(i int) float64 {
		switch {
		case n == 1 && !last.After(first):
			return (plotL + plotR) / 2
		case !last.After(first):
			return plotL + xpad + float64(i)*(plotR-plotL-2*xpad)/float64(n-1)
		}
		return plotL + xpad + k.Series[i].Date.Time().Sub(first).Hours()/last.Sub(first).Hours()*(plotR-plotL-2*xpad)
	}

	var vals []string
	for _, act := range k.Series {
		vals = append(vals, value(act.Value, k.Unit)+" on "+act.Date.String())
	}
	desc := "Actuals: " + strings.Join(vals, "; ") + ". Target " + op + " " + value(k.Target, k.Unit) + ", tolerance " + formatNumber(k.Tolerance) + "."
	if b := k.Baseline; b != nil {
		desc += " Baseline " + value(b.Value, k.Unit) + " on " + b.Date.String() + "."
	}
	if len(k.Trajectory) > 0 {
		var pts []string
		for _, t := range k.Trajectory {
			pts = append(pts, value(t.Value, k.Unit)+" by "+t.Date.String())
		}
		desc += " Trajectory: " + strings.Join(pts, "; ") + "."
	}
	var s strings.Builder
	svgOpen(&s, "chart kpi", w, h, k.ID+" "+k.Title+": actuals against the target", desc)

	// What labels of actuals must keep clear of.
	var lines []segment
	var boxes []box

	// Gridlines and the value axis's labels.
	for i, v := range ticks(a, b, step) {
		stroke := `stroke="#d9d9d9" stroke-width="0.8"`
		if i == 0 {
			stroke = `stroke="#555" stroke-width="1"`
		}
		fmt.Fprintf(&s, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" %s/>`, plotL, y(v), plotR, y(v), stroke)
		svgText(&s, plotL-5, y(v)+0.35*axisFS, axisFS, false, "end", "axis", tickText[i], "")
	}
	// A long unit is written once, above the plot.
	if len([]rune(k.Unit)) > 6 {
		caption, cut := wrapLabel(k.Unit, plotR-plotL, axisFS, 1)
		s.WriteString(`<g>`)
		if cut {
			fmt.Fprintf(&s, `<title>%s</title>`, html.EscapeString(k.Unit))
		}
		svgText(&s, plotL, 11, axisFS, false, "", "axis", caption[0], "")
		s.WriteString(`</g>`)
		boxes = append(boxes, textBox(caption[0], plotL, 11, axisFS, false, "start"))
	}
	// The tolerance band, then the target, as each stood from its date to
	// the next's, with each change marked; the target now is labelled
	// beyond the plot's right.
	xAt := func(d plan.Date) float64 {
		if !last.After(first) {
			return plotL
		}
		f := d.Time().Sub(first).Hours() / last.Sub(first).Hours()
		return math.Max(plotL, math.Min(plotR, plotL+xpad+f*(plotR-plotL-2*xpad)))
	}
	var words []box // the words that name changes of target
	for i, sp := range spans {
		x0, x1 := plotL, plotR
		if i > 0 {
			x0 = xAt(sp.From)
		}
		if i < len(spans)-1 {
			x1 = xAt(spans[i+1].From)
		}
		ty, by := y(sp.Target), y(sp.band)
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="url(#hatch-wide)" opacity="0.35" class="band"><title>within tolerance (amber)</title></rect>`,
			x0, math.Min(ty, by), x1-x0, math.Abs(by-ty))
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="1.2" stroke-dasharray="5 3"/>`, x0, ty, x1, ty)
		lines = append(lines, segment{x0, ty, x1, ty})
		if i > 0 {
			// The change: a dotted rule up the plot, and a word for it.
			prev := spans[i-1]
			fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="1.2" stroke-dasharray="5 3" class="target-step"/>`, x0, y(prev.Target), x0, ty)
			fmt.Fprintf(&s, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#777" stroke-width="0.8" stroke-dasharray="1 2"><title>%s</title></line>`,
				x0, plotT, x0, plotB, html.EscapeString(targetChangeText(prev, sp, k.Unit)))
			word := "target changed"
			switch {
			case sp.Approved != "":
				word = "re-baselined"
			case sp.Eased:
				word = "eased, not approved"
			}
			// The word goes right of the rule, or left of it where it would
			// run past the plot into the target's label, and below any
			// earlier change's word; labels of actuals keep off the rule.
			wb := textBox(word, x0+2, plotT+8, 8, true, "start")
			if wb.x1 > plotR {
				wb = textBox(word, x0-2, plotT+8, 8, true, "end")
			}
			if d := plotL + 1 - wb.x0; d > 0 {
				wb.x0, wb.x1 = wb.x0+d, wb.x1+d
			}
			for slices.ContainsFunc(words, func(o box) bool { return o.grow(1).overlaps(wb) }) {
				wb.y0, wb.y1 = wb.y0+9, wb.y1+9
			}
			words = append(words, wb)
			svgText(&s, wb.x0, wb.y1-0.25*8, 8, sp.Eased && sp.Approved == "", "", "axis target-change", word, "")
			boxes = append(boxes, wb)
			lines = append(lines, segment{x0, plotT, x0, plotB})
		}
	}
	// The trajectory: a grey dashed line through the values in force,
	// and the baseline a hollow square.
	if len(traj) > 1 {
		var pts []string
		for _, p := range traj {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xAt(p.Date), y(p.Value)))
		}
		for i := 1; i < len(traj); i++ {
			lines = append(lines, segment{xAt(traj[i-1].Date), y(traj[i-1].Value), xAt(traj[i].Date), y(traj[i].Value)})
		}
		fmt.Fprintf(&s, `<polyline points="%s" fill="none" stroke="#666" stroke-width="1.5" stroke-dasharray="2 2" class="trajectory"><title>trajectory</title></polyline>`, strings.Join(pts, " "))
	}
	if bl := k.Baseline; bl != nil {
		bx, by := xAt(bl.Date), y(bl.Value)
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="7" height="7" fill="#fff" stroke="#666" stroke-width="1.5" class="baseline"><title>baseline %s: %s</title></rect>`,
			bx-3.5, by-3.5, bl.Date, html.EscapeString(value(bl.Value, k.Unit)))
		boxes = append(boxes, box{bx - 4, by - 4, bx + 4, by + 4})
	}
	y1 := y(k.Target)
	blockH := 2.2 * axisFS
	bt := math.Max(1, math.Min(y1-blockH/2, plotB-blockH))
	svgText(&s, plotR+4, bt+0.8*axisFS, axisFS, false, "", "axis target", "target", "")
	svgText(&s, plotR+4, bt+1.95*axisFS, axisFS, false, "", "axis target", targetText, "")
	// The time axis: a tick at each actual, and as many dates as fit, the
	// latest first, then the earliest, then back from the latest. Each
	// date is the month, with the year below it where the year changes.
	day, year := dateLabels(k.Series)
	order := []int{n - 1}
	if n > 1 {
		order = append(order, 0)
	}
	for i := n - 2; i > 0; i-- {
		order = append(order, i)
	}
	var placed []box
	labelled := make([]bool, n)
	for _, i := range order {
		wd := max(textWidth(day[i], axisFS, false), textWidth(year[i], axisFS, false))
		bx := box{x(i) - wd/2, plotB + 4, x(i) + wd/2, plotB + 27}
		if bx.x0 < 0 || bx.x1 > w || slices.ContainsFunc(placed, func(p box) bool { return p.grow(2).overlaps(bx) }) {
			continue
		}
		placed, labelled[i] = append(placed, bx), true
	}
	shown := ""
	for i := range k.Series {
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#555"/>`, x(i), plotB, x(i), plotB+3)
		if !labelled[i] {
			continue
		}
		svgText(&s, x(i), plotB+13, axisFS, false, "middle", "axis date", day[i], "")
		if year[i] != shown {
			svgText(&s, x(i), plotB+24, axisFS, false, "middle", "axis date", year[i], "")
			shown = year[i]
		}
	}
	// The actuals: a solid line with a marker at each, the latest filled.
	var pts []string
	for i, act := range k.Series {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(act.Value)))
		if i > 0 {
			lines = append(lines, segment{x(i - 1), y(k.Series[i-1].Value), x(i), y(act.Value)})
		}
		boxes = append(boxes, box{x(i) - 3.5, y(act.Value) - 3.5, x(i) + 3.5, y(act.Value) + 3.5})
	}
	fmt.Fprintf(&s, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), seriesColour)
	for i, act := range k.Series {
		fill := "#fff"
		if i == n-1 {
			fill = seriesColour
		}
		fmt.Fprintf(&s, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s" stroke="%s" stroke-width="1.5"><title>%s: %s</title></circle>`,
			x(i), y(act.Value), fill, seriesColour, act.Date, html.EscapeString(value(act.Value, k.Unit)))
	}
	// Labels of actuals, where each is clear of everything else: above or
	// below its marker (the side away from its neighbours first), or
	// beside it, moved along to stay within the plot.
	area := box{plotL + 1, 0, plotR, plotB - 1}
	for _, i := range order {
		t := chartValue(k.Series[i].Value, k.Unit)
		px, py := x(i), y(k.Series[i].Value)
		type spot struct {
			x, y   float64
			anchor string
		}
		above := []spot{{px, py - 8, "middle"}, {px - 5, py - 7, "end"}, {px + 5, py - 7, "start"}, {px, py - 16, "middle"}}
		below := []spot{{px, py + 14.8, "middle"}, {px - 5, py + 13.8, "end"}, {px + 5, py + 13.8, "start"}, {px, py + 22.8, "middle"}}
		spots := slices.Concat(above, below)
		if !higherThanNeighbours(k.Series, i) {
			spots = slices.Concat(below, above)
		}
		spots = append(spots, spot{px - 7, py + 4, "end"}, spot{px + 7, py + 4, "start"})
		var best box
		fewest := math.MaxInt
		for _, sp := range spots {
			bx := textBox(t, sp.x, sp.y, valueFS, true, sp.anchor)
			if d := area.x0 - bx.x0; d > 0 {
				bx.x0, bx.x1 = bx.x0+d, bx.x1+d
			}
			if d := bx.x1 - area.x1; d > 0 {
				bx.x0, bx.x1 = bx.x0-d, bx.x1-d
			}
			if !bx.inside(area) {
				continue
			}
			hits := 0
			for _, l := range lines {
				if bx.grow(1).crosses(l) {
					hits++
				}
			}
			for _, o := range boxes {
				if bx.grow(1).overlaps(o) {
					hits++
				}
			}
			if hits < fewest {
				best, fewest = bx, hits
			}
		}
		if fewest == math.MaxInt || (fewest > 0 && i != n-1) {
			continue // no room: its value is in the tooltip and the table
		}
		svgText(&s, (best.x0+best.x1)/2, best.y1-0.25*valueFS, valueFS, true, "middle", "value", t,
			`fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"`)
		boxes = append(boxes, best.grow(1))
	}
	// The legend names each series in words, beside a sample of its line.
	items := []struct{ sample, label string }{
		{fmt.Sprintf(`<line x1="0" y1="-4" x2="18" y2="-4" stroke="%s" stroke-width="2"/><circle cx="9" cy="-4" r="3" fill="#fff" stroke="%s" stroke-width="1.5"/>`, seriesColour, seriesColour), "actual"},
		{`<line x1="0" y1="-4" x2="18" y2="-4" stroke="#000" stroke-width="1.2" stroke-dasharray="5 3"/>`, "target"},
		{`<rect x="2" y="-9" width="14" height="10" fill="url(#hatch-wide)" opacity="0.35"/><rect x="2" y="-9" width="14" height="10" fill="none" stroke="#999" stroke-width="0.6"/>`, "within tolerance"},
	}
	if len(traj) > 1 {
		items = append(items, struct{ sample, label string }{`<line x1="0" y1="-4" x2="18" y2="-4" stroke="#666" stroke-width="1.5" stroke-dasharray="2 2"/>`, "trajectory"})
		items[2].label = "tolerance"
	}
	total := 0.0
	for _, it := range items {
		total += 22 + textWidth(it.label, axisFS, false) + 12
	}
	lx := math.Max(2, math.Min(plotL, w-total))
	for _, it := range items {
		fmt.Fprintf(&s, `<g transform="translate(%.1f %g)">%s</g>`, lx, h-7, it.sample)
		svgText(&s, lx+22, h-7, axisFS, false, "", "legend", it.label, "")
		lx += 22 + textWidth(it.label, axisFS, false) + 12
	}
	s.WriteString(`</svg>`)
	return s.String()
}

// trajectoryPoints returns the values a KPI's trajectory holds in force
// over the span of its chart, from first to last: at each end, at each
// point and the baseline between them, and the day after the last point,
// when the target takes over. It is empty without a trajectory.
func trajectoryPoints(k plan.ScorecardRow, first, last time.Time) []plan.Actual {
	if len(k.Trajectory) == 0 {
		return nil
	}
	kp := &plan.KPI{Target: k.Target, Baseline: k.Baseline, Trajectory: k.Trajectory}
	from, to := plan.DateOf(first), plan.DateOf(last)
	dates := []plan.Date{from}
	add := func(d plan.Date) {
		if d.After(from) && d.Before(to) {
			dates = append(dates, d)
		}
	}
	if k.Baseline != nil {
		add(k.Baseline.Date)
	}
	for _, t := range k.Trajectory {
		add(t.Date)
	}
	add(k.Trajectory[len(k.Trajectory)-1].Date.AddDays(1))
	if to.After(from) {
		dates = append(dates, to)
	}
	slices.SortFunc(dates, func(a, b plan.Date) int { return a.Time().Compare(b.Time()) })
	var out []plan.Actual
	for _, d := range dates {
		f, _ := kp.InForce(d)
		out = append(out, plan.Actual{Date: d, Value: f.Value})
	}
	return out
}

// higherThanNeighbours says whether actual i is at least as high as the
// mean of those either side of it, so that its label goes above it.
func higherThanNeighbours(series []plan.Actual, i int) bool {
	sum, n := 0.0, 0
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(series) {
			sum += series[j].Value
			n++
		}
	}
	return n == 0 || series[i].Value >= sum/float64(n)
}

// targetSpan is a target as a chart draws it, with the far edge of its
// tolerance band.
type targetSpan struct {
	plan.TargetSpan
	band float64
}

// shownTargets returns the targets a KPI's chart draws, oldest first: those
// in force at some time from its first actual shown on, the first of them
// drawn from the plot's left. A row that does not say (made by hand) has
// the target it has now.
func shownTargets(k plan.ScorecardRow) []targetSpan {
	spans := k.Targets
	if len(spans) == 0 {
		spans = []plan.TargetSpan{{Target: k.Target, Tolerance: k.Tolerance}}
	}
	first := k.Series[0].Date
	for len(spans) > 1 && !spans[1].From.After(first) {
		spans = spans[1:] // over before the chart begins
	}
	out := make([]targetSpan, len(spans))
	for i, sp := range spans {
		band := sp.Target + sp.Tolerance
		if k.Better == plan.Higher {
			band = sp.Target - sp.Tolerance
		}
		out[i] = targetSpan{sp, band}
	}
	return out
}

// targetChangeText says what a change of target was, for a tooltip.
func targetChangeText(from, to targetSpan, unit string) string {
	t := fmt.Sprintf("From %s the target is %s (was %s), tolerance %s (was %s)", to.From, value(to.Target, unit), value(from.Target, unit),
		formatNumber(to.Tolerance), formatNumber(from.Tolerance))
	switch {
	case to.Approved != "":
		return t + ", re-baselined with the approval of " + to.Approved
	case to.Eased:
		return t + ": easier to meet, and no re-baselining records it"
	}
	return t + ": no re-baselining records it"
}
