package render

import (
	"math"
	"strings"
	"testing"
)

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		lo, hi     float64
		a, b, step float64
	}{
		{72, 95, 70, 95, 5},
		{21.1, 30.3, 20, 32, 2},
		{22, 29.4, 22, 30, 2},
		{0.41, 0.6, 0.4, 0.6, 0.05},
		{124835, 140004, 120000, 145000, 5000},
		{10, 10, 9, 11, 0.5},
		{0, 0, 0, 1, 0.2},
		{-3, 4, -4, 4, 2},
	} {
		a, b, step := niceScale(tc.lo, tc.hi, 6)
		if math.Abs(a-tc.a) > 1e-9 || math.Abs(b-tc.b) > 1e-9 || math.Abs(step-tc.step) > 1e-9 {
			t.Errorf("niceScale(%g, %g) = %g, %g, %g; want %g, %g, %g", tc.lo, tc.hi, a, b, step, tc.a, tc.b, tc.step)
		}
		if n := (b - a) / step; n > 6+1e-9 {
			t.Errorf("niceScale(%g, %g) has %g intervals", tc.lo, tc.hi, n)
		}
	}
}

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width float64
		want  string
		cut   bool
	}{
		{"Workforce", 100, "Workforce", false},
		{"A: Improving the lives of children and young people", 200, "A: Improving the lives of|children and young people", false},
		{"A: Improving the lives of children and young people in Bury, wherever they live", 200, "A: Improving the lives of|children and young people in…", true},
		{"Supercalifragilisticexpialidocious", 100, "Supercalifragi|listicexpiali…", true},
	} {
		lines, cut := wrapLabel(tc.s, tc.width, 11, 2)
		if got := strings.Join(lines, "|"); got != tc.want || cut != tc.cut {
			t.Errorf("wrapLabel(%q, %g) = %q, %v; want %q, %v", tc.s, tc.width, got, cut, tc.want, tc.cut)
		}
		for _, l := range lines {
			if w := textWidth(l, 11, false); w > tc.width {
				t.Errorf("wrapLabel(%q): line %q is %.1f wide, more than %g", tc.s, l, w, tc.width)
			}
		}
	}
}

func TestBoxCrosses(t *testing.T) {
	b := box{10, 10, 20, 20}
	for _, tc := range []struct {
		s    segment
		want bool
	}{
		{segment{0, 0, 30, 30}, true},   // through it, corner to corner
		{segment{0, 15, 30, 15}, true},  // across it
		{segment{15, 15, 40, 40}, true}, // from inside
		{segment{0, 0, 5, 30}, false},   // to its left
		{segment{0, 25, 30, 25}, false}, // below it
		{segment{0, 12, 9, 40}, false},  // past its corner
		{segment{21, 0, 21, 40}, false}, // upright, beside it
		{segment{25, 0, 0, 25}, true},   // clips its corner
		{segment{19, 0, 0, 19}, false},  // misses its corner
	} {
		if got := b.crosses(tc.s); got != tc.want {
			t.Errorf("%v crosses %v = %v, want %v", b, tc.s, got, tc.want)
		}
	}
}

func TestTextWidthErrsWide(t *testing.T) {
	for _, tc := range []struct {
		s  string
		em float64 // at least, in the widest common sans-serif fonts
	}{
		{"children and young people", 0.6 * 25},
		{"98.2%", 0.636*3 + 0.318 + 0.95},
		{"WORKFORCE", 0.75 * 9},
		{"儿童和青少年", 6},
		{"≥ 95%", 0.838 + 0.318 + 0.636*2 + 0.95},
	} {
		if w := textWidth(tc.s, 10, false); w < tc.em*10-1e-9 {
			t.Errorf("textWidth(%q) = %.1f px at 10 px; it may be %.1f", tc.s, w, tc.em*10)
		}
	}
}
