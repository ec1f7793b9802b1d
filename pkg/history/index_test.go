package history

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNewIndex(t *testing.T) {
	file := "---\n# a priority\nid: P1\ntheme: A\nowner: alice\nactions:\n" +
		"  - id: P1.1\n    title: First\n    rebaselined:\n      - {date: 2026-01-06, field: due, reason: x, approved: y}\n" +
		"  # between\n  - id: P1.10\n    title: Tenth\n\n  - {id: P1.2, title: Flow}\nkpis:\n" +
		"- id: P1.K1\n  actuals:\n    2026-01-01: 3\n"
	ix, ok := newIndex(file, 0)
	if !ok {
		t.Fatal("newIndex refused a plain priority file")
	}
	var ids []string
	for _, sp := range ix.spans {
		ids = append(ids, sp.id)
		want, _ := itemText([]byte(file), sp.id)
		if got := file[sp.start:sp.end]; got != string(want) {
			t.Errorf("span of %s = %q; itemText says %q", sp.id, got, want)
		}
	}
	if got := strings.Join(ids, " "); got != "P1.1 P1.10 P1.2 P1.K1" {
		t.Errorf("spans = %s", got)
	}
	if want := "---\nid: P1\ntheme: A\nowner: alice\nactions:\nkpis:\n"; ix.skeleton != want {
		t.Errorf("skeleton = %q, want %q", ix.skeleton, want)
	}
	if ords := [3]int{ix.spans[0].ord, ix.spans[2].ord, ix.spans[3].ord}; ords != [3]int{5, 5, 6} {
		t.Errorf("ords = %v", ords)
	}
	if got := string(ix.without(file, []int{1})); got != "---\n# a priority\nid: P1\ntheme: A\nowner: alice\nactions:\n  # between\n  - id: P1.10\n    title: Tenth\n\nkpis:\n" {
		t.Errorf("without = %q", got)
	}
	for name, text := range map[string]string{
		"an item in an item":    "actions:\n  - id: P1.1\n    - id: P1.2\n",
		"an id twice":           "actions:\n  - id: P1.1\n  - id: P1.1\n",
		"an item not id first":  "actions:\n  - title: T\n    id: P1.1\n",
		"a flow list":           "actions: [{id: P1.1}]\n",
		"a quoted id":           "actions:\n  - id: \"P1.1\"\n",
		"an id with an anchor":  "actions:\n  - id: &a P1.1\n",
		"an empty id":           "actions:\n  - id: \n",
		"a list item with tabs": "actions:\n  -\tid: P1.1\n",
	} {
		if _, ok := newIndex(text, 0); ok {
			t.Errorf("newIndex took %s", name)
		}
	}
}

// TestIndexAgreesWithItemText checks spans against itemText on random
// plan histories' files.
func TestIndexAgreesWithItemText(t *testing.T) {
	g := &genPlan{r: rand.New(rand.NewPCG(7, 8)), owners: []string{"o1"}}
	f := &genFile{name: "p1.yaml", id: "P1", owner: "o1", title: "T"}
	g.files = []*genFile{f}
	for range 5 {
		f.actions = append(f.actions, g.newAction(f))
	}
	indexed := 0
	for range 300 {
		g.step()
		text := f.text()
		ix, ok := newIndex(text, 0)
		if !ok {
			continue
		}
		indexed++
		for _, sp := range ix.spans {
			want, ok := itemText([]byte(text), sp.id)
			if got := text[sp.start:sp.end]; !ok || got != string(want) {
				t.Fatalf("span of %s = %q; itemText says %q, %v\nin\n%s", sp.id, got, want, ok, text)
			}
		}
	}
	if indexed < 100 {
		t.Errorf("only %d of 300 files indexed", indexed)
	}
}
