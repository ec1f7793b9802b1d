package yamltext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// breaks are every line break YAML knows, and a carriage return and line
// feed, which is one.
var breaks = []string{"\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029"}

// TestAgreesWithParser: for a document written with each kind of line
// break, in values, quoted values and comments, every plain scalar the
// parser places is found at that place by Offset, and Pos gives the
// parser's position back.
func TestAgreesWithParser(t *testing.T) {
	for _, br := range breaks {
		for _, bom := range []string{"", BOM} {
			doc := bom + strings.Join([]string{
				"id: P1 # a comment",
				`title: "quoted` + br + `  over two lines"`,
				"note: 'single" + br + "  quoted'",
				"actions:",
				"  - id: P1.1",
				"    title: Café",
				"    rag: red",
				"  - {id: P1.2, rag: amber}",
				"kpis: [x, y]",
			}, br) + br
			checkAgainstParser(t, []byte(doc))
		}
	}
}

func checkAgainstParser(t *testing.T, data []byte) {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatalf("%q: %v", data, err)
	}
	x := New(data)
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style == 0 && strings.TrimSpace(n.Value) != "" {
			// A plain scalar over several lines is folded: its first word
			// is as written.
			word := strings.TrimLeft(n.Value, " ")
			if i := strings.IndexFunc(word, func(r rune) bool { return strings.ContainsRune(" \t\n\r", r) || IsUnusualBreak(r) }); i >= 0 {
				word = word[:i]
			}
			off, ok := x.Offset(n.Line, n.Column)
			if ok && (data[off] == '!' || data[off] == '&') {
				return // the parser places a node at its tag or anchor
			}
			if !ok || !strings.HasPrefix(string(data[off:]), word) {
				t.Errorf("%q: %q is at %d:%d for the parser; Offset gives %d (%v), where the text is %.10q", data, n.Value, n.Line, n.Column, off, ok, data[min(off, len(data)):])
				return
			}
			if l, c := x.Pos(off); l != n.Line || c != n.Column {
				t.Errorf("%q: Pos(%d) = %d:%d, the parser says %d:%d", data, off, l, c, n.Line, n.Column)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
}

func TestLines(t *testing.T) {
	data := []byte("a\r\nb\rc\u2028d\ne")
	x := New(data)
	if x.Lines() != 5 {
		t.Fatalf("Lines() = %d, want 5", x.Lines())
	}
	want := []string{"a", "b", "c", "d", "e"}
	for i, w := range want {
		if got := string(x.Text(i + 1)); got != w {
			t.Errorf("Text(%d) = %q, want %q", i+1, got, w)
		}
	}
	if x.EOL() != "\r\n" {
		t.Errorf("EOL() = %q, want the first break", x.EOL())
	}
	if got := New([]byte("a\u2028b\n")).EOL(); got != "\n" {
		t.Errorf("EOL() of a file broken by U+2028 = %q, want a line feed", got)
	}
	if _, ok := x.Offset(1, 3); ok {
		t.Errorf("Offset(1, 3) is past the end of line 1 but was accepted")
	}
	if off, ok := x.Offset(6, 1); ok {
		t.Errorf("Offset(6, 1) = %d, but there is no line 6", off)
	}
}

// FuzzAgreesWithParser: for any UTF-8 text the parser reads, Offset finds every
// plain scalar where the parser says it is.
func FuzzAgreesWithParser(f *testing.F) {
	for _, br := range breaks {
		f.Add("a: 1" + br + "b: \"x" + br + " y\"" + br + "c: [d," + br + "e]" + br)
	}
	f.Add(BOM + "a: b\r")
	f.Fuzz(func(t *testing.T, s string) {
		var root yaml.Node
		if !utf8.ValidString(s) || yaml.Unmarshal([]byte(s), &root) != nil {
			return // plan files are UTF-8 (UTF-16 is refused before parsing)
		}
		checkAgainstParser(t, []byte(s))
	})
}
