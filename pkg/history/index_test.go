package history

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/plan-tool/plan/plan"
)

func TestNewIndex(t *testing.T) {
	file := "---\n# a priority\nid: P1\ntheme: A\nowner: alice\nactions:\n" +
		"  - id: P1.1\n    title: First\n    rebaselined:\n      - {date: 2026-01-06, field: due, reason: x, approved: y}\n" +
		"  # between\n  - id: P1.10\n    title: Tenth\n\n  - {id: P1.2, title: Flow}\nkpis:\n" +
		"- id: P1.K1\n  actuals:\n    2026-01-01: 3\n"
	ix, ok := newIndex(file, nil)
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
		if _, ok := newIndex(text, nil); ok {
			t.Errorf("newIndex took %s", name)
		}
	}
}

// TestIndexAgreesWithParser splits the files of random plan histories,
// written in all the ways the generator knows, and checks each split
// against the parser: a file the index takes is one YAML reads, the spans
// are its items (the same ids, in the same lists), and each span read
// alone in the skeleton is the item as read in the whole file.
func TestIndexAgreesWithParser(t *testing.T) {
	g := &genPlan{r: rand.New(rand.NewPCG(7, 8)), owners: []string{"o1"}}
	f := &genFile{name: "p1.yaml", id: "P1", owner: "o1", title: "T"}
	g.files = []*genFile{f}
	for range 5 {
		f.actions = append(f.actions, g.newAction(f))
	}
	indexed, refused, resplits := 0, 0, 0
	seen := map[string]int{} // constructs met in files the index took
	var prev *index          // the file as it was before the step
	for range 1500 {
		g.step()
		text := f.text()
		ix, ok := newIndex(text, nil)
		if prev != nil {
			// Split knowing the version before, the file is split alike.
			if _, ok := resplit(text, prev); ok {
				resplits++
			}
			again, ok2 := newIndex(text, prev)
			if ok2 != ok || ok && !sameSplit(ix, again) {
				t.Fatalf("split alone and knowing the version before, the file is split otherwise (%v, %v):\n%s\nbefore:\n%s", ok, ok2, text, prev.src)
			}
			if ok && text != prev.src && keeps(again, prev.src) {
				t.Fatal("an index keeps the text of the version it was made knowing: a walk would hold every version")
			}
		}
		prev = ix
		pl, diags := plan.LoadFile("p1.yaml", []byte(text), false)
		if !ok {
			refused++
			continue
		}
		indexed++
		if !read(diags) {
			t.Fatalf("the index took a file YAML cannot read (%v):\n%s", diags, text)
		}
		for name, s := range map[string]string{"a quote swallowing an item": "ghost of", "a block with an indicator": ">2-",
			"a quote over lines": "end\"", "a flow over lines": ", # a comment", "CR": "\r", "a plain scalar over lines": "runs on",
			"a value on the next line": "title:\n", "a byte order mark": "\ufeff"} {
			if strings.Contains(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), s) || s == "\r" && strings.Contains(text, s) {
				seen[name]++
			}
		}
		whole := map[string]plan.Item{}
		for _, it := range pl.Items() {
			if it.Kind != plan.KindPriority {
				whole[string(it.Kind)+" "+it.ID] = it
			}
		}
		if len(whole) != len(ix.spans) {
			t.Fatalf("%d spans for %d items in\n%s", len(ix.spans), len(whole), text)
		}
		for k, sp := range ix.spans {
			kind := map[string]plan.Kind{"actions": plan.KindAction, "kpis": plan.KindKPI}[sp.list]
			want, ok := whole[string(kind)+" "+sp.id]
			if !ok {
				t.Fatalf("span %s (in %q) is no item of\n%s", sp.id, sp.list, text)
			}
			alone, _ := plan.LoadFile("p1.yaml", ix.without(text, []int{k}), false)
			var got *plan.Item
			for _, it := range alone.Items() {
				if it.ID == sp.id {
					got = &it
				}
			}
			if change, diff := plan.DiffItem(&want, got); diff {
				t.Fatalf("%s read alone differs from %s read in the file: %+v\nspan %q\nfile\n%s", sp.id, sp.id, change, text[sp.start:sp.end], text)
			}
		}
	}
	if indexed < refused {
		t.Errorf("only %d of %d files indexed", indexed, indexed+refused)
	}
	if resplits < indexed/4 {
		t.Errorf("only %d of %d files split from the version before", resplits, indexed)
	}
	for _, name := range []string{"a quote swallowing an item", "a block with an indicator", "a quote over lines", "a flow over lines", "CR", "a plain scalar over lines", "a value on the next line", "a byte order mark"} {
		if seen[name] < 5 {
			t.Errorf("only %d files indexed with %s", seen[name], name)
		}
	}
	t.Logf("%d files indexed (%d from the version before), %d refused; constructs met: %v", indexed, resplits, refused, seen)
}

// keeps reports whether an id or list name of ix is part of text.
func keeps(ix *index, text string) bool {
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	in := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && lo <= p && p < lo+uintptr(len(text))
	}
	for _, sp := range ix.spans {
		if in(sp.id) || in(sp.list) {
			return true
		}
	}
	return false
}

// sameSplit reports whether two indexes split a text alike.
func sameSplit(a, b *index) bool {
	if a.src != b.src || a.skeleton != b.skeleton || a.lines != b.lines || len(a.spans) != len(b.spans) || len(a.byID) != len(b.byID) {
		return false
	}
	for i := range a.spans {
		if a.spans[i] != b.spans[i] || b.byID[a.spans[i].id] != i {
			return false
		}
	}
	return true
}
