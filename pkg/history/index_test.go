package history

import (
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
	}
	if got := strings.Join(ids, " "); got != "P1.1 P1.10 P1.2 P1.K1" {
		t.Errorf("spans = %s", got)
	}
	for id, want := range map[string]string{
		"P1.1":  "  - id: P1.1\n    title: First\n    rebaselined:\n      - {date: 2026-01-06, field: due, reason: x, approved: y}\n",
		"P1.10": "  - id: P1.10\n    title: Tenth\n\n",
		"P1.2":  "  - {id: P1.2, title: Flow}\n",
		"P1.K1": "- id: P1.K1\n  actuals:\n    2026-01-01: 3\n",
	} {
		if got, _ := ix.text(file, id); got != want {
			t.Errorf("text of %s = %q, want %q", id, got, want)
		}
	}
	if want := "---\nid: P1\ntheme: A\nowner: alice\nactions:\nkpis:\n"; ix.skeleton != want {
		t.Errorf("skeleton = %q, want %q", ix.skeleton, want)
	}
	if want := "---\n# a priority\nid: P1\ntheme: A\nowner: alice\nactions:\n"; ix.header(file) != want {
		t.Errorf("header = %q, want %q", ix.header(file), want)
	}
	if ords := [3]int{ix.spans[0].ord, ix.spans[2].ord, ix.spans[3].ord}; ords != [3]int{5, 5, 6} {
		t.Errorf("ords = %v", ords)
	}
	if lists := [2]string{ix.spans[0].list, ix.spans[3].list}; lists != [2]string{"actions", "kpis"} {
		t.Errorf("lists = %v", lists)
	}
	if got := string(ix.without(file, []int{1})); got != "---\n# a priority\nid: P1\ntheme: A\nowner: alice\nactions:\n  # between\n  - id: P1.10\n    title: Tenth\n\nkpis:\n" {
		t.Errorf("without = %q", got)
	}
	for name, text := range map[string]string{
		"an id twice":              "actions:\n  - id: P1.1\n  - id: P1.1\n",
		"an item without an id":    "actions:\n  - title: T\n    note: N\n",
		"an item with two ids":     "actions:\n  - title: T\n    id: P1.1\n    id: P1.2\n",
		"a flow item with two ids": "actions:\n  - {id: P1.1, title: T, id: P1.2}\n",
		"a flow list":              "actions: [{id: P1.1}]\n",
		"a quoted id":              "actions:\n  - id: \"P1.1\"\n",
		"a quoted key":             "actions:\n  - title: T\n    \"id\": P1.1\n",
		"a quoted key in flow":     "actions:\n  - {\"id\": P1.1}\n",
		"an id with an anchor":     "actions:\n  - id: &a P1.1\n",
		"an alias":                 "actions:\n  - id: P1.1\n    owner: *o\n",
		"a tag":                    "actions:\n  - id: P1.1\n    title: !!str T\n",
		"an empty id":              "actions:\n  - id: \n",
		"a null id":                "actions:\n  - id: null\n",
		"an id over two lines":     "actions:\n  - id: P1\n      .1\n",
		"a list item with tabs":    "actions:\n  -\tid: P1.1\n",
		"a tab in indentation":     "actions:\n  - id: P1.1\n\ttitle: T\n",
		"a complex key":            "actions:\n  - id: P1.1\n    ? title\n    : T\n",
		"a second document":        "id: P1\n---\nactions:\n  - id: P1.1\n",
		"a document end":           "id: P1\n...\n",
		"a directive":              "%YAML 1.2\n---\nid: P1\n",
		"a byte order mark inside": "id: P1\nactions:\n\ufeff  - id: P1.1\n",
		"a list of lists":          "actions:\n  - - id: P1.1\n",
		"a scalar item":            "actions:\n  - P1.1\n",
		"a block scalar alone":     "actions:\n  - |\n    id: P1.1\n",
	} {
		if _, ok := newIndex(text, 0); ok {
			t.Errorf("newIndex took %s", name)
		}
	}
}
