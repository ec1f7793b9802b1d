package render

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// barTitles lists the segments of each bar of a ratings chart, as their
// tooltips say them ("2 overdue"), one string per bar.
func barTitles(svg string) []string {
	var bars []string
	for _, row := range strings.Split(svg, `class="label"`)[1:] {
		var segs []string
		for _, m := range regexp.MustCompile(`<rect[^>]*><title>([^<]*)</title>`).FindAllStringSubmatch(row, -1) {
			segs = append(segs, m[1])
		}
		if len(segs) > 0 {
			bars = append(bars, strings.Join(segs, ", "))
		}
	}
	return bars
}

func TestRatingBarsCountOverdueOnce(t *testing.T) {
	// On 2026-06-01, P1.2 (red) and P1.3 (green) are overdue, P1.1 is
	// done, and P2.1 (amber) is not due yet.
	bars := barTitles(ratingBars(boardPlan(t).Status(boardAsOf)))
	want := []string{"2 overdue, 1 done", "1 amber", "2 overdue, 1 amber, 1 done"}
	if strings.Join(bars, "; ") != strings.Join(want, "; ") {
		t.Errorf("bars %q, want %q: each open action once, overdue before its own rating", bars, want)
	}
}

// The tests below read a chart as a person would see it: they parse the
// SVG and measure its text on their own, at 0.6em a character (about the
// widest common sans-serif font, DejaVu Sans, averages), from the size the
// text is drawn at.

// svgNode is an element of a parsed SVG.
type svgNode struct {
	name  string
	attr  map[string]string
	text  string
	kids  []*svgNode
	title string // the text of a <title> child
}

// parseSVG parses s as XML, failing the test when it is not.
func parseSVG(t *testing.T, s string) *svgNode {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	root := &svgNode{}
	stack := []*svgNode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the chart is not well-formed XML: %v\n%s", err, s)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &svgNode{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if top.name == "title" {
				stack[len(stack)-1].title = top.text
			}
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(root.kids) != 1 || root.kids[0].name != "svg" {
		t.Fatalf("want one <svg> element, got %d elements", len(root.kids))
	}
	return root.kids[0]
}

// all lists n's descendants named name, in document order.
func (n *svgNode) all(name string) []*svgNode {
	var out []*svgNode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

func (n *svgNode) num(t *testing.T, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, attr, n.attr[attr], err)
	}
	return v
}

// fontSize is what a text is drawn at: its own font-size, or what the
// pack's styles gave its class before the charts set their own.
func (n *svgNode) fontSize(t *testing.T) float64 {
	if _, ok := n.attr["font-size"]; ok {
		return n.num(t, "font-size")
	}
	switch {
	case strings.Contains(n.attr["class"], "legend"), strings.Contains(n.attr["class"], "axis"):
		return 10
	}
	return 11
}

// textBox is the box a text element takes, measured at 0.6em a character.
func (n *svgNode) textBox(t *testing.T) box {
	size := n.fontSize(t)
	w := 0.6 * size * float64(len([]rune(n.text)))
	x, y := n.num(t, "x"), n.num(t, "y")
	switch n.attr["text-anchor"] {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - 0.7*size, x + w, y + 0.2*size}
}

func (n *svgNode) rect(t *testing.T) box {
	x, y := n.num(t, "x"), n.num(t, "y")
	return box{x, y, x + n.num(t, "width"), y + n.num(t, "height")}
}

// checkAccessible checks that a chart is an image with a name and a
// description.
func checkAccessible(t *testing.T, svg *svgNode) {
	t.Helper()
	if svg.attr["role"] != "img" {
		t.Errorf("the chart's role is %q, want img", svg.attr["role"])
	}
	names := map[string]string{}
	for _, k := range svg.kids {
		names[k.name] = strings.TrimSpace(k.text)
	}
	if names["title"] == "" || names["desc"] == "" {
		t.Errorf("the chart needs a <title> and a <desc> saying what it shows; has title %q, desc %q", names["title"], names["desc"])
	}
}

// barsStatus has a theme whose title needs two lines, and segments too
// narrow for their counts: one overdue action among 150.
func barsStatus() plan.StatusReport {
	counts := func(overdue, red, amber, green, unrated, done int) plan.Summary {
		return plan.Summary{Actions: plan.ActionCounts{
			Red: red, Amber: amber + overdue, Green: green, Unrated: unrated, Overdue: overdue, Complete: done,
			Once: plan.OpenCounts{Overdue: overdue, Red: red, Amber: amber, Green: green, Unrated: unrated},
		}}
	}
	a := counts(1, 2, 9, 7, 1, 36)
	b := counts(5, 1, 12, 10, 0, 66)
	return plan.StatusReport{
		Themes: []plan.ThemeStatus{
			{ID: "A", Title: "Improving the lives of children and young people in Bury, wherever they live", Summary: a},
			{ID: "WF", Title: "Workforce", Summary: b},
		},
		Totals: counts(6, 3, 21, 17, 1, 102),
	}
}

// TestRatingBarsLayout checks what a reader of the bars needs: every
// segment's count written, in its segment or clear of the bar, no text on
// top of other text, and each theme's label ending before its bar begins.
func TestRatingBarsLayout(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    plan.StatusReport
	}{
		{"narrow segments and a long title", barsStatus()},
		{"board", boardPlan(t).Status(boardAsOf)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := parseSVG(t, ratingBars(tc.r))
			checkAccessible(t, svg)
			var segs []*svgNode
			for _, r := range svg.all("rect") {
				if r.title != "" {
					segs = append(segs, r)
				}
			}
			barStart := math.Inf(1)
			for _, r := range segs {
				barStart = min(barStart, r.num(t, "x"))
			}
			texts := svg.all("text")
			for _, l := range texts {
				if strings.Contains(l.attr["class"], "label") {
					if b := l.textBox(t); b.x1 > barStart {
						t.Errorf("label %q reaches x=%.1f, past the bars' start at %.1f", l.text, b.x1, barStart)
					}
				}
			}
			for i, a := range texts {
				for _, b := range texts[i+1:] {
					if a.textBox(t).overlaps(b.textBox(t)) {
						t.Errorf("%q and %q overlap", a.text, b.text)
					}
				}
			}
			// Each segment has its count: inside it, or above it (within
			// the row, over no other segment).
			used := map[*svgNode]bool{}
			for _, r := range segs {
				n, _, _ := strings.Cut(r.title, " ")
				rb := r.rect(t)
				found := false
				for _, c := range texts {
					if used[c] || c.text != n || strings.Contains(c.attr["class"], "label") {
						continue
					}
					cb := c.textBox(t)
					if cb.inside(rb) || (cb.y1 <= rb.y0 && cb.y0 >= rb.y0-16 && cb.x1 >= rb.x0-30 && cb.x0 <= rb.x1+30) {
						used[c], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("segment %q (x %.1f to %.1f) has no count written in or above it", r.title, rb.x0, rb.x1)
				}
			}
			for _, c := range texts {
				cb := c.textBox(t)
				for _, r := range segs {
					if rb := r.rect(t); cb.overlaps(rb) && !cb.inside(rb) {
						t.Errorf("text %q runs over the edge of segment %q", c.text, r.title)
					}
				}
			}
		})
	}
}

// galleryRows are KPIs whose charts are hard to lay out: monthly values
// that zigzag across the target, a long unit and large numbers, one
// actual, a flat line on the target, weekly actuals, values either side of
// the target.
func galleryRows() []plan.ScorecardRow {
	monthly := func(vals ...float64) []plan.Actual {
		var out []plan.Actual
		for i, v := range vals {
			out = append(out, plan.Actual{Date: plan.NewDate(2025, 10, 31).AddMonths(i), Value: v})
		}
		return out
	}
	return []plan.ScorecardRow{
		{ID: "M1", Title: "Zigzag", Unit: "%", Target: 80, Tolerance: 5, Better: plan.Higher, Series: monthly(70, 85, 72, 88, 75, 90, 78, 92, 80, 94, 82, 96)},
		{ID: "M2", Title: "Long unit", Unit: "referrals per 10,000 children", Target: 130000, Tolerance: 2500, Better: plan.Lower,
			Series: monthly(124835, 126214, 127593, 128972, 130351, 131730, 133109, 134488, 135867, 137246, 138625, 140004)},
		{ID: "M3", Title: "One actual", Unit: "%", Target: 20, Tolerance: 5, Better: plan.Lower, Series: monthly(24)},
		{ID: "M4", Title: "Flat on the target", Unit: "days", Target: 10, Better: plan.Lower, Series: monthly(10, 10, 10)},
		{ID: "M5", Title: "Weekly", Target: 0.5, Tolerance: 0.1, Better: plan.Higher,
			Series: []plan.Actual{{Date: plan.NewDate(2026, 1, 3), Value: 0.41}, {Date: plan.NewDate(2026, 1, 10), Value: 0.47}, {Date: plan.NewDate(2026, 1, 17), Value: 0.52}}},
		{ID: "M6", Title: "Either side", Unit: "%", Target: 50, Tolerance: 3, Better: plan.Higher, Series: monthly(49, 51, 49, 51, 50, 48)},
		{ID: "M7", Title: "Rising to the target", Unit: "%", Target: 95, Tolerance: 5, Better: plan.Higher, Series: monthly(72, 79, 84, 88, 91)},
		{ID: "M8", Title: "Falling to the target", Unit: "%", Target: 22, Tolerance: 3, Better: plan.Lower, Series: monthly(29.4, 28.1, 26.5, 25.8, 24.6)},
		// Targets changed near the end and twice in quick succession:
		// the words that name the changes must not run into the target's
		// label, off the chart or into each other.
		{ID: "M9", Title: "Eased at the end", Unit: "%", Target: 30, Tolerance: 2, Better: plan.Lower, Series: monthly(30, 28, 27, 26),
			Targets: []plan.TargetSpan{{Target: 20, Tolerance: 2}, {From: plan.NewDate(2026, 1, 20), Target: 30, Tolerance: 2, Eased: true}}},
		{ID: "M10", Title: "Changed twice", Unit: "%", Target: 25, Tolerance: 2, Better: plan.Lower, Series: monthly(30, 28, 27, 26, 25, 24),
			Targets: []plan.TargetSpan{{Target: 20, Tolerance: 2}, {From: plan.NewDate(2026, 1, 5), Target: 22, Tolerance: 2, Approved: "Improvement Board"}, {From: plan.NewDate(2026, 1, 20), Target: 25, Tolerance: 2, Eased: true}}},
	}
}

// kpiParts are the parts of a KPI chart a reader looks at.
type kpiParts struct {
	ticks      []*svgNode // the value axis's labels, bottom to top
	grid       []float64  // the heights of horizontal lines
	dates      []*svgNode // the time axis's labels
	values     []*svgNode // labels of actuals
	target     []*svgNode // the target's label
	line       []segment  // the line of actuals
	markers    []box
	targetLine segment
	plotBottom float64
}

func readKPIChart(t *testing.T, svg *svgNode) kpiParts {
	t.Helper()
	var p kpiParts
	plotLeft := math.Inf(1)
	for _, l := range svg.all("line") {
		y1, y2 := l.num(t, "y1"), l.num(t, "y2")
		switch {
		case l.attr["stroke-dasharray"] != "" && y1 == y2 && l.num(t, "x2")-l.num(t, "x1") > 50:
			p.targetLine = segment{l.num(t, "x1"), y1, l.num(t, "x2"), y2}
		case y1 == y2 && l.num(t, "x2")-l.num(t, "x1") > 50:
			p.grid = append(p.grid, y1)
			p.plotBottom = max(p.plotBottom, y1)
			plotLeft = min(plotLeft, l.num(t, "x1"))
		case l.num(t, "x1") == l.num(t, "x2") && math.Abs(y2-y1) > 50: // an axis drawn upright
			plotLeft = min(plotLeft, l.num(t, "x1"))
		}
	}
	for _, pl := range svg.all("polyline") {
		var xs, ys []float64
		for _, pt := range strings.Fields(pl.attr["points"]) {
			a, b, _ := strings.Cut(pt, ",")
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			xs, ys = append(xs, x), append(ys, y)
		}
		for i := 1; i < len(xs); i++ {
			p.line = append(p.line, segment{xs[i-1], ys[i-1], xs[i], ys[i]})
		}
	}
	for _, c := range svg.all("circle") {
		if c.title == "" {
			continue // the legend's
		}
		x, y, r := c.num(t, "cx"), c.num(t, "cy"), c.num(t, "r")
		p.markers = append(p.markers, box{x - r, y - r, x + r, y + r})
	}
	for _, tx := range svg.all("text") {
		cls := tx.attr["class"]
		switch {
		case strings.Contains(cls, "value"):
			p.values = append(p.values, tx)
		case strings.HasPrefix(tx.text, "target") || strings.Contains(cls, "target"):
			p.target = append(p.target, tx)
		case strings.Contains(cls, "legend"):
		case tx.attr["text-anchor"] == "end" && tx.num(t, "x") < plotLeft:
			p.ticks = append(p.ticks, tx)
		case p.plotBottom > 0 && tx.num(t, "y") > p.plotBottom:
			p.dates = append(p.dates, tx)
		}
	}
	slices.SortFunc(p.ticks, func(a, b *svgNode) int { return cmp.Compare(b.num(t, "y"), a.num(t, "y")) })
	return p
}

// roundStep says whether step is 1, 2 or 5 times a power of ten.
func roundStep(step float64) bool {
	m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9))
	for _, r := range []float64{1, 2, 5, 10} {
		if math.Abs(m-r) < 1e-6 {
			return true
		}
	}
	return false
}

// TestKPIChartAxes checks that the value axis runs between round numbers
// that take in every actual, the target and the tolerance band, in steps
// of 1, 2 or 5 times a power of ten, each with a gridline; and that the
// time axis names several dates, none on top of another.
func TestKPIChartAxes(t *testing.T) {
	for _, k := range append(galleryRows(), boardPlan(t).Scorecard(boardAsOf)...) {
		if len(k.Series) == 0 {
			continue
		}
		t.Run(k.ID, func(t *testing.T) {
			svg := parseSVG(t, kpiChart(k))
			checkAccessible(t, svg)
			p := readKPIChart(t, svg)
			if len(p.ticks) < 3 {
				t.Fatalf("the value axis has %d labels, want at least 3", len(p.ticks))
			}
			var vals []float64
			for _, tk := range p.ticks {
				v, err := strconv.ParseFloat(strings.TrimSuffix(tk.text, "%"), 64)
				if err != nil {
					t.Fatalf("axis label %q is not a number", tk.text)
				}
				vals = append(vals, v)
			}
			step := vals[1] - vals[0]
			if !roundStep(step) {
				t.Errorf("the value axis goes up in steps of %g (%v); want 1, 2 or 5 times a power of ten", step, vals)
			}
			for i, v := range vals {
				if math.Abs(v/step-math.Round(v/step)) > 1e-6 || (i > 0 && math.Abs(v-vals[i-1]-step) > 1e-6) {
					t.Errorf("axis labels %v are not round multiples of %g, evenly spaced", vals, step)
					break
				}
			}
			band := k.Target - k.Tolerance
			if k.Better == plan.Lower {
				band = k.Target + k.Tolerance
			}
			lo, hi := min(k.Target, band), max(k.Target, band)
			for _, a := range k.Series {
				lo, hi = min(lo, a.Value), max(hi, a.Value)
			}
			if vals[0] > lo || vals[len(vals)-1] < hi {
				t.Errorf("the value axis runs %g to %g; it must take in %g to %g", vals[0], vals[len(vals)-1], lo, hi)
			}
			for _, tk := range p.ticks {
				y := tk.num(t, "y") - 0.35*tk.fontSize(t)
				if !slices.ContainsFunc(p.grid, func(g float64) bool { return math.Abs(g-y) < 1 }) {
					t.Errorf("axis label %q has no gridline (lines at %v)", tk.text, p.grid)
				}
			}
			months := 0
			for i, d := range p.dates {
				if !regexp.MustCompile(`^\d{4}$`).MatchString(d.text) {
					months++
				}
				for _, e := range p.dates[i+1:] {
					if d.textBox(t).overlaps(e.textBox(t)) {
						t.Errorf("dates %q and %q overlap", d.text, e.text)
					}
				}
			}
			if want := min(len(k.Series), 3); months < want {
				t.Errorf("the time axis names %d dates of %d actuals; want at least %d", months, len(k.Series), want)
			}
		})
	}
}

// kpiCharts are the KPI charts the layout tests read: those of the
// gallery, of the board fixture, and every one in the example board pack.
func kpiCharts(t *testing.T) map[string]string {
	t.Helper()
	charts := map[string]string{}
	for _, k := range append(galleryRows(), boardPlan(t).Scorecard(boardAsOf)...) {
		if len(k.Series) > 0 {
			charts[k.ID] = kpiChart(k)
		}
	}
	example, err := os.ReadFile(filepath.Join("..", "..", "docs", "example-board-pack.html"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range regexp.MustCompile(`(?s)<svg class="chart kpi".*?</svg>`).FindAll(example, -1) {
		charts[fmt.Sprintf("example-%02d", i+1)] = string(c)
	}
	return charts
}

// TestKPIChartLabels checks that each label of an actual is clear of the
// line of actuals and its markers, of the target line, of the target's
// label and of the other labels, and that the latest actual is labelled.
func TestKPIChartLabels(t *testing.T) {
	charts := kpiCharts(t)
	for _, name := range slices.Sorted(maps.Keys(charts)) {
		t.Run(name, func(t *testing.T) {
			svg := parseSVG(t, charts[name])
			p := readKPIChart(t, svg)
			circles := slices.DeleteFunc(svg.all("circle"), func(c *svgNode) bool { return c.title == "" }) // not the legend's
			_, latest, _ := strings.Cut(circles[len(circles)-1].title, ": ")
			if !slices.ContainsFunc(p.values, func(v *svgNode) bool { return v.text != "" && strings.HasPrefix(latest, v.text) }) {
				t.Errorf("the latest actual, %s, is not labelled", latest)
			}
			if len(p.target) == 0 {
				t.Errorf("the target is not labelled")
			}
			for i, v := range p.values {
				b := v.textBox(t)
				for _, s := range p.line {
					if b.crosses(s) {
						t.Errorf("label %q lies on the line of actuals", v.text)
						break
					}
				}
				if b.crosses(p.targetLine) {
					t.Errorf("label %q lies on the target line", v.text)
				}
				for _, m := range p.markers {
					if b.overlaps(m) {
						t.Errorf("label %q covers a marker", v.text)
						break
					}
				}
				for _, tg := range p.target {
					if b.overlaps(tg.textBox(t)) {
						t.Errorf("label %q lies on the target's label %q", v.text, tg.text)
					}
				}
				for _, w := range p.values[i+1:] {
					if b.overlaps(w.textBox(t)) {
						t.Errorf("labels %q and %q overlap", v.text, w.text)
					}
				}
			}
		})
	}
}

// TestKPIChartText checks that no text of a KPI chart lies on other text
// or runs off the chart.
func TestKPIChartText(t *testing.T) {
	charts := kpiCharts(t)
	for _, name := range slices.Sorted(maps.Keys(charts)) {
		t.Run(name, func(t *testing.T) {
			svg := parseSVG(t, charts[name])
			chart := box{0, 0, svg.num(t, "width"), svg.num(t, "height")}
			texts := svg.all("text")
			for i, a := range texts {
				b := a.textBox(t)
				if !b.inside(chart) {
					t.Errorf("%q (%.1f to %.1f) runs off the chart", a.text, b.x0, b.x1)
				}
				for _, c := range texts[i+1:] {
					if b.overlaps(c.textBox(t)) {
						t.Errorf("%q and %q overlap", a.text, c.text)
					}
				}
			}
		})
	}
}
