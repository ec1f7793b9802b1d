package history

import (
	"bytes"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// A plan file is mostly lists of items, each starting with a line "- id:
// ID" (or "- {id: ID, ...}") and running on over the lines indented deeper
// than its dash. A commit usually changes a few items of a long file. To
// find which without parsing the file, a version of a file is split into
// the text of each item (its span) and the rest, the skeleton: the file's
// header, the keys of its lists, comments. An item whose text and place in
// an unchanged skeleton are the same in two versions is the same item: it
// is read the same way whatever the other items say. An item whose text
// differs is parsed alone, in the skeleton of its version.

// span is the text of one item in a version of a file.
type span struct {
	id         string
	start, end int    // byte offsets: from its "- " line to the next line indented no deeper
	ord        int    // the number of skeleton lines before it
	list       string // the top-level key of the list it is in, when plain: "actions"
}

// index is a version of a file split into spans and skeleton.
type index struct {
	spans []span
	byID  map[string]int // id -> index into spans
	// skeleton is the text outside the spans, without blank lines and
	// comments, which say nothing about the items.
	skeleton string
}

// newIndex splits text into spans and skeleton, expecting about hint
// items. It reports false when the
// file cannot be split so that each item is a span: an item starts some
// other way (a list item not starting with its id, a flow sequence), an
// id is not plain text, two items have the same id, or an item holds
// another. Such versions are parsed whole.
func newIndex(text string, hint int) (*index, bool) {
	ix := &index{spans: make([]span, 0, hint), byID: make(map[string]int, hint)}
	var skeleton strings.Builder
	open, dash := -1, 0 // the span being read, and the indentation of its dash
	ord := 0
	list, lists := "", map[string]int{} // the top-level list key last seen; how often each is
	for pos := 0; pos < len(text); {
		end := len(text)
		if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
			end = pos + i + 1
		}
		line := text[pos:end]
		t := strings.TrimLeft(line, " ")
		indent := len(line) - len(t)
		blank := len(strings.TrimSpace(t)) == 0
		id, item := itemStart(t)
		if open >= 0 {
			if blank || indent > dash {
				if item {
					return nil, false // an item inside an item
				}
				pos = end
				continue
			}
			ix.spans[open].end = pos
			open = -1
		}
		switch {
		case item:
			if !plan.IsID(id) {
				return nil, false
			}
			if _, dup := ix.byID[id]; dup {
				return nil, false
			}
			ix.byID[id] = len(ix.spans)
			ix.spans = append(ix.spans, span{id: id, start: pos, end: len(text), ord: ord, list: list})
			open, dash = len(ix.spans)-1, indent
		case blank || t[0] == '#':
		case (t[0] == '-' && !isDocumentMarker(line)) || flowValue(t):
			return nil, false // items written in some other way
		default:
			skeleton.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				skeleton.WriteByte('\n')
			}
			ord++
			list = ""
			if key, ok := strings.CutSuffix(strings.TrimRight(line, " \r\n"), ":"); ok && indent == 0 && plan.IsID(key) {
				list = key
				lists[key]++
			}
		}
		pos = end
	}
	for i, sp := range ix.spans {
		if lists[sp.list] > 1 {
			ix.spans[i].list = "" // a key given twice: which list is read is the parser's business
		}
	}
	ix.skeleton = skeleton.String()
	return ix, true
}

// itemStart reports whether a line, without its indentation, starts a list
// item whose first key is id, as itemText finds them, and returns the id:
// the text after "id: " up to a space, comma, brace or line end.
func itemStart(t string) (string, bool) {
	rest, ok := strings.CutPrefix(t, "- ")
	if !ok {
		return "", false
	}
	rest = strings.TrimPrefix(rest, "{")
	rest, ok = strings.CutPrefix(rest, "id: ")
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(rest, " ,}\r\n"); i >= 0 {
		rest = rest[:i]
	}
	return rest, true
}

// isDocumentMarker reports whether a line is YAML's "---".
func isDocumentMarker(line string) bool {
	return strings.TrimRight(line, " \t\r\n") == "---"
}

// flowValue reports whether a skeleton line's value opens a flow
// collection, which could hold items: "actions: [{id: P1.1}]".
func flowValue(t string) bool {
	_, v, ok := strings.Cut(t, ":")
	if !ok {
		return false
	}
	v = strings.TrimLeft(v, " \t")
	return len(v) > 0 && (v[0] == '[' || v[0] == '{')
}

// sameSpan reports whether span i of a and span j of b are the same item:
// the same text at the same place in the skeleton (which the caller
// knows to be the same).
func sameSpan(a, b *index, atext, btext string, i, j int) bool {
	x, y := a.spans[i], b.spans[j]
	return x.ord == y.ord && atext[x.start:x.end] == btext[y.start:y.end]
}

// sameLayout reports whether two indexes have the same items in the same
// order, each at the same place in the skeleton.
func sameLayout(a, b *index) bool {
	if len(a.spans) != len(b.spans) {
		return false
	}
	for k := range a.spans {
		if a.spans[k].id != b.spans[k].id || a.spans[k].ord != b.spans[k].ord {
			return false
		}
	}
	return true
}

// text returns the text of the item with the given id, or false.
func (ix *index) text(text, id string) (string, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return "", false
	}
	return text[ix.spans[i].start:ix.spans[i].end], true
}

// among returns the ids of set that are items of ix.
func (ix *index) among(set map[string]bool) map[string]bool {
	out := map[string]bool{}
	if len(set) < len(ix.spans) {
		for id := range set {
			if _, ok := ix.byID[id]; ok {
				out[id] = true
			}
		}
		return out
	}
	for _, sp := range ix.spans {
		if set[sp.id] {
			out[sp.id] = true
		}
	}
	return out
}

// without returns text with only the spans keep (indexes into spans, in
// order) kept: the skeleton and those items, each where it stood.
func (ix *index) without(text string, keep []int) []byte {
	var out []byte
	pos := 0
	for k, sp := range ix.spans {
		out = append(out, text[pos:sp.start]...)
		if len(keep) > 0 && keep[0] == k {
			out = append(out, text[sp.start:sp.end]...)
			keep = keep[1:]
		}
		pos = sp.end
	}
	return append(out, text[pos:]...)
}

// itemText finds the text of the list item whose first key is "id: ID",
// from its "- " line to the next line indented no deeper than that dash. It
// reports false unless there is exactly one such item.
func itemText(data []byte, id string) ([]byte, bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	start, dash := -1, 0
	for i, l := range lines {
		t := bytes.TrimLeft(l, " ")
		rest, ok := bytes.CutPrefix(t, []byte("- "))
		if !ok {
			continue
		}
		rest = bytes.TrimPrefix(rest, []byte("{"))
		v, ok := bytes.CutPrefix(rest, []byte("id: "+id))
		if !ok || (len(v) > 0 && !bytes.ContainsAny(v[:1], " ,}\r\n")) {
			continue
		}
		if start >= 0 {
			return nil, false // twice: let the parser say what it means
		}
		start, dash = i, len(l)-len(t)
	}
	if start < 0 {
		return nil, false
	}
	end := start + 1
	for end < len(lines) {
		t := bytes.TrimLeft(lines[end], " ")
		if len(bytes.TrimSpace(t)) > 0 && len(lines[end])-len(t) <= dash {
			break
		}
		end++
	}
	return bytes.Join(lines[start:end], nil), true
}

// header returns a priority file's text before its first list.
func header(data []byte) []byte {
	if i := bytes.Index(data, []byte("\n  - ")); i >= 0 {
		return data[:i]
	}
	return data
}

// headerOf is header for text.
func headerOf(text string) string {
	if i := strings.Index(text, "\n  - "); i >= 0 {
		return text[:i]
	}
	return text
}
