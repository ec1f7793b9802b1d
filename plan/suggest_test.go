package plan

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
)

// fullDistance is the unbanded Damerau-Levenshtein (optimal string
// alignment) distance, the reference boundedDistance must agree with.
func fullDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// unboundedSuggest is suggest as it was before it was bounded: every
// candidate compared in full.
func unboundedSuggest(s string, candidates []string) string {
	best, bestDist := "", -1
	ls := []rune(strings.ToLower(s))
	for _, c := range candidates {
		d := fullDistance(ls, []rune(strings.ToLower(c)))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > suggestLimit(len([]rune(s))) {
		return ""
	}
	return best
}

// randomName is a short name from a small alphabet, so that random names
// are often within a typo of each other.
func randomName(r *rand.Rand, maxLen int) string {
	letters := []rune("abcAB.é")
	n := r.IntN(maxLen + 1)
	out := make([]rune, n)
	for i := range out {
		out[i] = letters[r.IntN(len(letters))]
	}
	return string(out)
}

func TestBoundedDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200000 {
		a, b := []rune(randomName(r, 3+i%7)), []rune(randomName(r, 3+i%7))
		k := r.IntN(5)
		want := min(fullDistance(a, b), k+1)
		if got := boundedDistance(a, b, k, nil); got != want {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d, want %d", string(a), string(b), k, got, want)
		}
	}
	for _, tt := range []struct {
		a, b    string
		k, want int
	}{
		{"owner", "owenr", 2, 1}, {"", "", 0, 0}, {"abc", "", 2, 3}, {"abc", "", 3, 3}, {"ca", "abc", 3, 3},
	} {
		if got := boundedDistance([]rune(tt.a), []rune(tt.b), tt.k, nil); got != tt.want {
			t.Errorf("boundedDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.k, got, tt.want)
		}
	}
}

// TestSuggestAsBefore checks that bounding the search changed no
// suggestion for input within the bounds.
func TestSuggestAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var cands []string
		for range r.IntN(20) {
			cands = append(cands, randomName(r, 7))
		}
		s := randomName(r, 7)
		if got, want := suggest(s, cands), unboundedSuggest(s, cands); got != want {
			t.Fatalf("suggest(%q, %q) = %q, unbounded %q", s, cands, got, want)
		}
	}
}

func TestSuggestLongText(t *testing.T) {
	long := strings.Repeat("x", suggestMaxRunes)
	cands := []string{long + "y"}
	if got := suggest(long, cands); got != long+"y" {
		t.Errorf("suggest of %d runes = %q, want a suggestion", suggestMaxRunes, got)
	}
	if got := suggest(long+"z", cands); got != "" {
		t.Errorf("suggest of %d runes = %q, want none", suggestMaxRunes+1, got)
	}
}

// manyBadRefs is a plan of owners owner ids, alike and as long as
// "owner-of-the-children-services-team-00000" with pad more letters, and a
// priority of refs actions each naming an owner with two letters swapped.
func manyBadRefs(owners, refs, pad int) fstest.MapFS {
	var p, pr strings.Builder
	p.WriteString("title: T\norganisation: O\nthemes:\n  - {id: A, title: A}\nowners:\n")
	id := func(i int) string {
		return fmt.Sprintf("owner-of-the-children-services-%steam-%05d", strings.Repeat("x", pad), i)
	}
	for i := range owners {
		fmt.Fprintf(&p, "  - {id: %s, name: N}\n", id(i))
	}
	pr.WriteString("id: P1\ntheme: A\ntitle: T\nowner: " + id(0) + "\nactions:\n")
	for i := range refs {
		ref := strings.Replace(id(i%owners), "team", "taem", 1)
		fmt.Fprintf(&pr, "  - {id: P1.%d, title: T, owner: %s, due: 2026-03-31, status: in-progress, rag: green}\n", i+1, ref)
	}
	return fstest.MapFS{"plan.yaml": {Data: []byte(p.String())}, "priorities/01.yaml": {Data: []byte(pr.String())}}
}

// TestSuggestionsBounded shows the bound on the work of suggestions: 4,000
// mistyped owners among 5,000 long owner ids. Unbounded, each reference
// was compared in full with every id.
func TestSuggestionsBounded(t *testing.T) {
	const owners, refs = 5000, 4000
	p, _, err := Load(manyBadRefs(owners, refs, 0))
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	diags := resolveCounting(p, true, &cells)
	suggested, unknown := 0, 0
	for _, d := range diags {
		if d.Rule != RuleUnknownRef {
			continue
		}
		unknown++
		if strings.Contains(d.Message, "did you mean") {
			suggested++
		}
		if strings.Contains(d.Message, "(owners:") {
			t.Fatalf("a list of 5,000 owners: %s", d.Message)
		}
	}
	if unknown != refs || suggested != suggestMaxPerLoad {
		t.Errorf("%d unknown references, %d with a suggestion; want %d and %d", unknown, suggested, refs, suggestMaxPerLoad)
	}
	// Each suggestion compares at most suggestMaxCandidates names, each
	// within a band of 2*2+1 cells a row.
	idLen := len("owner-of-the-children-services-taem-00000")
	if bound := suggestMaxPerLoad * min(owners, suggestMaxCandidates) * 5 * idLen; cells > bound {
		t.Errorf("suggestions computed %d distance cells, more than the bound %d", cells, bound)
	}
	t.Logf("%d distance cells for %d suggestions", cells, suggested)
}

// TestLongNamesNotCompared: 100 mistyped references among 100 owner ids of
// 10,000 letters took minutes when each was compared in full.
func TestLongNamesNotCompared(t *testing.T) {
	p, _, err := Load(manyBadRefs(100, 100, 10000))
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	resolveCounting(p, true, &cells)
	if cells != 0 {
		t.Errorf("suggestions for names of 10,000 letters computed %d distance cells", cells)
	}
}

// TestFewNamesAlwaysSuggested: a kind with a dozen names or fewer is
// cheap to search, so every mistyped reference to it gets a suggestion.
func TestFewNamesAlwaysSuggested(t *testing.T) {
	p, diags, err := Load(manyBadRefs(3, 2*suggestMaxPerLoad, 0))
	if err != nil {
		t.Fatal(err)
	}
	_ = p
	n := 0
	for _, d := range diags {
		if d.Rule == RuleUnknownRef && strings.Contains(d.Message, "did you mean") {
			n++
		}
	}
	if n != 2*suggestMaxPerLoad {
		t.Errorf("%d of %d mistyped references have a suggestion", n, 2*suggestMaxPerLoad)
	}
}

// BenchmarkSuggestions is resolve on 4,000 mistyped owners among 5,000
// owner ids of 41 letters, 100 among 100, and 100 among 100 ids of 10,000
// letters.
func BenchmarkSuggestions(b *testing.B) {
	for _, n := range []struct{ owners, refs, pad int }{{5000, 4000, 0}, {100, 100, 0}, {100, 100, 10000}} {
		b.Run(fmt.Sprintf("%d-refs-%d-owners-%d-letters", n.refs, n.owners, 41+n.pad), func(b *testing.B) {
			p, _, err := Load(manyBadRefs(n.owners, n.refs, n.pad))
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				resolve(p, true)
			}
		})
	}
}
