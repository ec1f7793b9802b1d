package render

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Layout for the charts. SVG does not wrap or measure text, so the charts
// measure it themselves, erring wide: a label laid out for a wide font
// still fits when a narrow one is used, and not the other way round.

// textWidth is how wide s may be, in px, when drawn at size px in a
// sans-serif font: at least 0.6em a character (DejaVu Sans, the usual
// default on Linux, averages about 0.55em for lower case; Arial and
// Liberation Sans about 0.5em), more for capitals and digits (up to 0.8em
// and 0.64em in DejaVu Sans) and for '%', 'm', 'w' and the like, and
// for Chinese, Japanese, Korean and emoji (up to 1em), and a tenth more in
// bold.
func textWidth(s string, size float64, bold bool) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("%@MWmw…—≤≥", r), r >= 0x2E80: // and CJK, emoji: a full em or so
			em += 1
		case unicode.IsUpper(r):
			em += 0.8
		case unicode.IsDigit(r):
			em += 0.65
		default:
			em += 0.6
		}
	}
	if bold {
		em *= 1.1
	}
	return em * size
}

// box is a rectangle in a chart's coordinates: x0 <= x1, y0 <= y1.
type box struct{ x0, y0, x1, y1 float64 }

// textBox is the box that text s takes when drawn at x with its baseline
// at y: anchor is SVG's text-anchor ("start", "middle" or "end"). It
// allows for ascenders above and descenders below the baseline.
func textBox(s string, x, y, size float64, bold bool, anchor string) box {
	w := textWidth(s, size, bold)
	switch anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - 0.8*size, x + w, y + 0.25*size}
}

// grow returns b made larger by d on every side.
func (b box) grow(d float64) box { return box{b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d} }

// overlaps says whether b and c share any area.
func (b box) overlaps(c box) bool {
	return b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1
}

// inside says whether b lies within c.
func (b box) inside(c box) bool {
	return b.x0 >= c.x0 && b.x1 <= c.x1 && b.y0 >= c.y0 && b.y1 <= c.y1
}

// segment is a straight line from (x1, y1) to (x2, y2).
type segment struct{ x1, y1, x2, y2 float64 }

// crosses says whether any part of s lies in b (Liang-Barsky clipping).
func (b box) crosses(s segment) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := s.x2-s.x1, s.y2-s.y1
	for _, pq := range [4][2]float64{{-dx, s.x1 - b.x0}, {dx, b.x1 - s.x1}, {-dy, s.y1 - b.y0}, {dy, b.y1 - s.y1}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return false
			}
			t0 = max(t0, r)
		} else {
			if r < t0 {
				return false
			}
			t1 = min(t1, r)
		}
	}
	return true
}

// niceScale returns the ends and the step of an axis that takes in every
// value from lo to hi in at most most steps: the step is 1, 2 or 5 times a
// power of ten and the ends are multiples of it, so the axis reads 70, 75,
// ... 95, not 69.2 to 97.8. An axis of one value gets a step either side
// of it (not below zero when the value is not).
func niceScale(lo, hi float64, most int) (a, b, step float64) {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		d := math.Max(1, math.Abs(lo)*0.1)
		if lo >= 0 && lo-d < 0 {
			lo, hi = 0, hi+d
		} else {
			lo, hi = lo-d, hi+d
		}
	}
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(most))))
	for _, m := range []float64{1, 2, 5, 10, 20, 50, 100} {
		step = m * mag
		a = math.Floor(lo/step+1e-9) * step
		b = math.Ceil(hi/step-1e-9) * step
		if (b-a)/step <= float64(most)+1e-9 {
			break
		}
	}
	return a, b, step
}

// ticks are the values from a to b, step apart.
func ticks(a, b, step float64) []float64 {
	var out []float64
	for i := 0; ; i++ {
		v := a + float64(i)*step
		if v > b+step/1e6 {
			return out
		}
		out = append(out, v)
	}
}

// tickLabel writes a tick's value with as many decimals as its step needs.
func tickLabel(v, step float64) string {
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// wrapLabel breaks s into at most lines lines, each no wider than width at
// size px, at spaces where it can. When s does not fit, the last line ends
// in an ellipsis and cut is true.
func wrapLabel(s string, width, size float64, lines int) (out []string, cut bool) {
	fits := func(t string) bool { return textWidth(t, size, false) <= width }
	words := strings.Fields(s)
	for len(words) > 0 {
		if len(out) == lines-1 {
			rest := strings.Join(words, " ")
			if fits(rest) {
				return append(out, rest), false
			}
			r := []rune(rest)
			for len(r) > 0 && !fits(strings.TrimRight(string(r), " ,;:-")+"…") {
				r = r[:len(r)-1]
			}
			return append(out, strings.TrimRight(string(r), " ,;:-")+"…"), true
		}
		if !fits(words[0]) { // a word too long for a line is broken
			r := []rune(words[0])
			n := len(r)
			for n > 1 && !fits(string(r[:n])) {
				n--
			}
			out, words[0] = append(out, string(r[:n])), string(r[n:])
			continue
		}
		line, n := words[0], 1
		for n < len(words) && fits(line+" "+words[n]) {
			line += " " + words[n]
			n++
		}
		out, words = append(out, line), words[n:]
	}
	return out, false
}
