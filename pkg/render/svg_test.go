package render

import (
	"regexp"
	"strings"
	"testing"
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
		bars = append(bars, strings.Join(segs, ", "))
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
