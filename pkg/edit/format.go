package edit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/internal/yamltext"
	"github.com/plan-tool/plan/plan"
)

// Format returns a plan file in the canonical layout: fields in the
// documented order (plan.Fields), two-space indentation, block mappings and
// lists except the short ones written inline (a plan's period, a KPI's
// baseline, and lists of ids such as addresses and mitigations), dates
// unquoted, a KPI's actuals and trajectory in date order, and no
// blank lines. Every comment is kept, and so is the quoting of each value.
// planFile says whether data is a plan.yaml or a priority file.
//
// Format refuses (returns an error and no data) a file that is not valid
// YAML, holds more than one document or is not a mapping, and a file it
// could not lay out without losing a comment or changing a value. An empty
// file is returned as it is.
//
// A file keeps its byte order mark, if it has one, and its line endings:
// every line ends as its first line does (LF, CRLF or CR).
func Format(data []byte, planFile bool) ([]byte, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return data, nil
	}
	bom := bytes.HasPrefix(data, []byte(yamltext.BOM))
	eol := yamltext.New(data).EOL()
	if bom || eol != "\n" {
		lf := bytes.TrimPrefix(data, []byte(yamltext.BOM))
		lf = bytes.ReplaceAll(bytes.ReplaceAll(lf, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		out, err := format(lf, planFile)
		if err != nil {
			return nil, err
		}
		if eol != "\n" {
			out = bytes.ReplaceAll(out, []byte("\n"), []byte(eol))
		}
		if bom {
			out = append([]byte(yamltext.BOM), out...)
		}
		return out, nil
	}
	return format(data, planFile)
}

// format is Format for text with line feeds and no byte order mark.
func format(data []byte, planFile bool) ([]byte, error) {
	// The encoder places some comments (one at the end of a nested
	// mapping, say) differently from where they were read, so a second
	// pass can move them again. Lay out until nothing moves, so that
	// formatting a formatted file changes nothing.
	out, err := formatOnce(data, planFile)
	if err == nil && bytes.Equal(out, data) {
		return out, nil // laid out already: a second pass would say the same
	}
	for range 4 {
		if err != nil {
			return nil, err
		}
		next, err2 := formatOnce(out, planFile)
		if err2 == nil && bytes.Equal(next, out) {
			return out, nil
		}
		out, err = next, err2
	}
	return nil, errors.New("plan fmt cannot settle on one place for a comment in this file; it was left as it is")
}

func formatOnce(data []byte, planFile bool) ([]byte, error) {
	doc, err := parseOne(data)
	if err != nil {
		return nil, err
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("the file does not hold a mapping of fields; plan check says what is wrong")
	}
	before, comments := value(root), commentsOf(doc)

	kind := "priority"
	if planFile {
		kind = "plan"
	}
	layoutMapping(root, kind)
	keepLineComments(root)

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("lay out the file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("lay out the file: %w", err)
	}
	// The encoder writes blank lines of its own around comments, more on
	// each run after a block of text; the layout has none. Take the first
	// of these that says the same, with the same comments: with no blank
	// lines at all; with none before a comment or the end (keeping the
	// blank lines inside a block of text); as encoded.
	for _, out := range [][]byte{withoutBlankLines(b.Bytes(), false), withoutBlankLines(b.Bytes(), true), b.Bytes()} {
		if err := same(out, before, comments); err == nil {
			return out, nil
		} else if bytes.Equal(out, b.Bytes()) {
			return nil, err
		}
	}
	panic("unreachable")
}

// same checks that out says before, with the comments given.
func same(out []byte, before any, comments []string) error {
	after, err := parseOne(out)
	if err != nil {
		return fmt.Errorf("the laid-out file does not read back: %w", err)
	}
	if !reflect.DeepEqual(before, value(after.Content[0])) {
		return errors.New("laying out the file would change a value; it was left as it is")
	}
	if lost := missing(comments, commentsOf(after)); lost != "" {
		return fmt.Errorf("laying out the file would lose the comment %q; it was left as it is", lost)
	}
	return nil
}

// withoutBlankLines removes the blank lines from data; with onlyLoose, only
// those followed by a comment or by nothing.
func withoutBlankLines(data []byte, onlyLoose bool) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	out := make([]byte, 0, len(data))
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 && len(line) > 0 && (!onlyLoose || looseAfter(lines[i+1:])) {
			continue
		}
		out = append(out, line...)
	}
	return out
}

// looseAfter reports whether the first line in lines that is not blank is a
// comment, or there is none.
func looseAfter(lines [][]byte) bool {
	for _, l := range lines {
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return t[0] == '#'
		}
	}
	return true
}

// parseOne parses data as exactly one YAML document.
func parseOne(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("the file is not valid YAML: %w", err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, fmt.Errorf("the file is not valid YAML: %w", err)
		}
		return nil, errors.New("the file holds more than one YAML document (a line of ---); a plan file holds one")
	}
	if len(doc.Content) == 0 {
		return nil, errors.New("the file holds no YAML document")
	}
	return &doc, nil
}

// layoutMapping lays out the mapping n of a kind named as plan.Fields names
// them, and everything below it.
func layoutMapping(n *yaml.Node, kind string) {
	if n.Kind != yaml.MappingNode {
		block(n)
		return
	}
	n.Style = 0
	order := plan.Fields(kind)
	pairs := pairsOf(n)
	if len(pairs) == 0 {
		return
	}
	first, last := pairs[0][0], pairs[len(pairs)-1][0]
	sortKnown(pairs, order)
	setPairs(n, pairs)
	// Comments above the first field and below the last belong to the
	// mapping (a file's opening comment, say), not to the field: keep them
	// at the top and the bottom.
	if k := pairs[0][0]; k != first && first.HeadComment != "" {
		k.HeadComment = joinComments(first.HeadComment, k.HeadComment)
		first.HeadComment = ""
	}
	if k := pairs[len(pairs)-1][0]; k != last && last.FootComment != "" {
		k.FootComment = joinComments(k.FootComment, last.FootComment)
		last.FootComment = ""
	}
	for _, p := range pairs {
		k, v := p[0], p[1]
		block(k)
		// How a value is laid out follows its field's type in the table of
		// fields, so a new field is laid out without a change here.
		f, _ := plan.Field(kind, k.Value)
		switch f.Type {
		case plan.TypeObject:
			layoutMapping(v, f.Of)
			if v.Kind == yaml.MappingNode {
				v.Style = yaml.FlowStyle
			}
		case plan.TypeList, plan.TypeRebaselines:
			item := f.Of
			if f.Type == plan.TypeRebaselines {
				item = "rebaselined"
			}
			if v.Kind != yaml.SequenceNode {
				block(v)
				continue
			}
			v.Style = 0
			for _, c := range v.Content {
				layoutMapping(c, item)
			}
		case plan.TypeDate:
			date(v)
		case plan.TypeIDList:
			block(v)
			if v.Kind == yaml.SequenceNode {
				v.Style = yaml.FlowStyle
			}
		case plan.TypeActuals:
			actuals(v)
		default:
			block(v)
		}
	}
}

// keepLineComments moves the comment at the end of a line holding a flow
// collection that is now written as a block to the line of its key, where
// the encoder keeps it (on the collection, it would be written after the
// next value, or lost).
func keepLineComments(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 && v.LineComment != "" {
				k.LineComment = strings.TrimSpace(k.LineComment + " " + v.LineComment)
				v.LineComment = ""
			}
		}
	}
	for _, c := range n.Content {
		keepLineComments(c)
	}
}

func joinComments(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// actuals lays out a KPI's date: value mapping, in date order.
func actuals(n *yaml.Node) {
	block(n)
	if n.Kind != yaml.MappingNode {
		return
	}
	pairs := pairsOf(n)
	for _, p := range pairs {
		date(p[0])
	}
	slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int {
		da, ea := plan.ParseDate(a[0].Value)
		db, eb := plan.ParseDate(b[0].Value)
		switch {
		case ea != nil && eb != nil:
			return 0
		case ea != nil:
			return 1 // what is not a date goes last, where check will name it
		case eb != nil:
			return -1
		}
		return da.Time().Compare(db.Time())
	})
	setPairs(n, pairs)
}

// date writes a date plain (unquoted) when it is one.
func date(n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0 {
		return
	}
	if _, err := plan.ParseDate(n.Value); err == nil && n.Value == strings.TrimSpace(n.Value) {
		n.Style, n.Tag = 0, ""
	}
}

// block writes n and everything below it in block style, keeping the
// style of scalars (quoting, literal and folded text).
func block(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		return
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style &^= yaml.FlowStyle
	}
	for _, c := range n.Content {
		block(c)
	}
}

func pairsOf(n *yaml.Node) [][2]*yaml.Node {
	pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return pairs
}

func setPairs(n *yaml.Node, pairs [][2]*yaml.Node) {
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p[0], p[1])
	}
}

// sortKnown puts the fields named in order in that order, in the places
// known fields hold; any other field (a misspelling, say) stays where it
// was written, next to its neighbours, for check to name.
func sortKnown(pairs [][2]*yaml.Node, order []string) {
	var slots []int
	var known [][2]*yaml.Node
	for i, p := range pairs {
		if slices.Contains(order, p[0].Value) {
			slots = append(slots, i)
			known = append(known, p)
		}
	}
	slices.SortStableFunc(known, func(a, b [2]*yaml.Node) int {
		return slices.Index(order, a[0].Value) - slices.Index(order, b[0].Value)
	})
	for j, i := range slots {
		pairs[i] = known[j]
	}
}

// value is what n says, as plain Go values: mappings as maps of key text,
// lists as slices, scalars as their text. Styles, tags and order of keys
// do not show.
func value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[fmt.Sprint(value(n.Content[i]))] = value(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = value(c)
		}
		return s
	case yaml.AliasNode:
		return "*" + n.Value
	}
	return n.Value
}

// commentsOf returns every comment line in the tree below n, trimmed.
func commentsOf(n *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for line := range strings.SplitSeq(c, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out = append(out, line)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	slices.Sort(out)
	return out
}

// missing returns a comment in want that got does not hold, or "".
func missing(want, got []string) string {
	got = slices.Clone(got)
	for _, w := range want {
		i, found := slices.BinarySearch(got, w)
		if !found {
			return w
		}
		got = slices.Delete(got, i, i+1)
	}
	return ""
}
