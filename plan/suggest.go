package plan

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Did-you-mean suggestions are bounded, so that a plan full of mistyped
// names costs about what a plan without them costs: the work for one
// unknown name is at most suggestMaxCandidates banded comparisons of at
// most suggestMaxRunes runes each, and one Load makes at most
// suggestMaxPerLoad of them.
const (
	// suggestMaxRunes: longer text gets no suggestion. A typo of a name is
	// about as long as the name, and names are short.
	suggestMaxRunes = 64
	// suggestMaxCandidates: at most this many names of about the right
	// length are compared with one unknown name, the first in name order.
	suggestMaxCandidates = 5000
	// suggestMaxPerLoad: the unknown references of one plan that are
	// compared with the names it defines; the ones after are reported
	// without a suggestion.
	suggestMaxPerLoad = 100
)

// suggest returns the candidate closest to s when it is close enough to be
// a likely typo, or "". Of equally close candidates it returns the first.
func suggest(s string, candidates []string) string {
	return newSuggester(candidates, nil).suggest(s)
}

// suggester finds likely typos among a fixed set of names, prepared once
// for many unknown names.
type suggester struct {
	names []string
	lower [][]rune      // names[i] in lower case
	byLen map[int][]int // rune length of lower -> indexes into names, ascending
	cells *int          // when not nil, counts the distance cells computed
	rows  distanceRows
}

// newSuggester prepares names for suggest. cells, when not nil, counts the
// edit-distance cells computed, for tests of the bounds.
func newSuggester(names []string, cells *int) *suggester {
	sg := &suggester{names: names, lower: make([][]rune, len(names)), byLen: map[int][]int{}, cells: cells}
	for i, n := range names {
		sg.lower[i] = []rune(strings.ToLower(n))
		l := len(sg.lower[i])
		sg.byLen[l] = append(sg.byLen[l], i)
	}
	return sg
}

// suggestLimit is the largest edit distance that counts as a typo of a
// name of n runes.
func suggestLimit(n int) int {
	switch {
	case n <= 2:
		return 0 // "C" is no typo of "A"
	case n <= 4:
		return 1
	}
	return 2
}

// suggest is the package's suggest for the suggester's names.
func (sg *suggester) suggest(s string) string {
	n := utf8.RuneCountInString(s)
	if n > suggestMaxRunes || len(sg.names) == 0 {
		return ""
	}
	limit := suggestLimit(n)
	ls := []rune(strings.ToLower(s))
	// Only names whose length is within limit of s can be within limit of
	// it: gather them in name order, as the first of equals wins.
	var idx []int
	for l := len(ls) - limit; l <= len(ls)+limit; l++ {
		idx = append(idx, sg.byLen[l]...)
	}
	slices.Sort(idx)
	if len(idx) > suggestMaxCandidates {
		idx = idx[:suggestMaxCandidates]
	}
	best, bestDist := -1, limit+1
	for _, i := range idx {
		// Only a strictly closer name replaces the best so far.
		d := sg.rows.distance(ls, sg.lower[i], bestDist-1, sg.cells)
		if d < bestDist {
			best, bestDist = i, d
			if d == 0 {
				break
			}
		}
	}
	if best < 0 {
		return ""
	}
	return sg.names[best]
}

// distanceRows are the rows boundedDistance works in, kept from one
// comparison to the next.
type distanceRows struct{ prev2, prev, cur []int }

// boundedDistance is the Damerau-Levenshtein (optimal string alignment)
// distance between a and b, counted in runes, when it is at most k, and
// k+1 when it is larger: transposed letters, the most common typo, cost
// one. Only the band of cells within k of the diagonal is computed, and
// the work stops once no path can come back within k. cells, when not
// nil, counts the cells computed.
func boundedDistance(a, b []rune, k int, cells *int) int {
	var rows distanceRows
	return rows.distance(a, b, k, cells)
}

// distance is boundedDistance in the rows r.
func (r *distanceRows) distance(a, b []rune, k int, cells *int) int {
	if k < 0 {
		return 0 // nothing is within a negative distance: the caller's k+1
	}
	// A common beginning or end costs nothing and changes no distance.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	n, m := len(a), len(b)
	if n-m > k || m-n > k {
		return k + 1
	}
	over := k + 1
	if cap(r.cur) < m+1 {
		r.prev2, r.prev, r.cur = make([]int, m+1), make([]int, m+1), make([]int, m+1)
	}
	prev2, prev, cur := r.prev2[:m+1], r.prev[:m+1], r.cur[:m+1]
	for j := range prev {
		prev2[j], prev[j], cur[j] = over, min(j, over), over
	}
	prevMin := 0
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-k), min(m, i+k)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		if hi < m {
			cur[hi+1] = over
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, over)
			rowMin = min(rowMin, cur[j])
		}
		if cells != nil {
			*cells += hi - lo + 1
		}
		// Every path goes on from this row, or by a transposition from the
		// one before; once both are beyond k, so is the end.
		if rowMin > k && prevMin > k {
			return over
		}
		prevMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}
