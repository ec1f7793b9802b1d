package edit

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// An edit is made on the file's text, by position, so that nothing else in
// the file moves; a position mapped wrongly would change another item, or
// another field. So every edit is checked before it is returned: the new
// text is parsed, and it must hold exactly what the old text held with the
// one change made, compared as values (comments, quoting and layout aside).

// cnode is a YAML node as a value: what it says, not how it is written.
type cnode struct {
	kind   yaml.Kind
	tag    string // scalars
	value  string // scalars
	items  []*cnode
	fields map[string]*cnode // mappings
}

// canonical returns the value of n, and for every node of n the value it
// became (so that a change can be made to the value of a node found in
// the tree). Aliases, keys that are not scalars and keys written twice are
// refused: an edit cannot be checked through them.
func canonical(n *yaml.Node, index map[*yaml.Node]*cnode) (*cnode, error) {
	c := &cnode{kind: n.Kind}
	if index != nil {
		index[n] = c
	}
	switch n.Kind {
	case yaml.ScalarNode:
		c.tag, c.value = n.ShortTag(), n.Value
		if c.tag == "!!null" {
			c.value = ""
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			v, err := canonical(it, index)
			if err != nil {
				return nil, err
			}
			c.items = append(c.items, v)
		}
	case yaml.MappingNode:
		c.fields = make(map[string]*cnode, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a key that is not plain text", k.Line)
			}
			if _, dup := c.fields[k.Value]; dup {
				return nil, fmt.Errorf("line %d: %q appears twice", k.Line, k.Value)
			}
			v, err := canonical(n.Content[i+1], index)
			if err != nil {
				return nil, err
			}
			c.fields[k.Value] = v
		}
	default:
		return nil, fmt.Errorf("line %d: an alias", n.Line)
	}
	return c, nil
}

// equal reports whether two values are the same.
func equal(a, b *cnode) bool {
	if a.kind != b.kind || a.tag != b.tag || a.value != b.value || len(a.items) != len(b.items) || len(a.fields) != len(b.fields) {
		return false
	}
	for i := range a.items {
		if !equal(a.items[i], b.items[i]) {
			return false
		}
	}
	for k, av := range a.fields {
		bv, ok := b.fields[k]
		if !ok || !equal(av, bv) {
			return false
		}
	}
	return true
}

func isNullValue(c *cnode) bool { return c == nil || c.kind == yaml.ScalarNode && c.tag == "!!null" }

// setField sets a field of a mapping. A field holding null is the same as
// none: it is replaced.
func (c *cnode) setField(name string, v *cnode) { c.fields[name] = v }

func (c *cnode) deleteField(name string) { delete(c.fields, name) }

// setDated sets the value for date in a KPI's DATE: VALUE mapping field, making the
// mapping when there is none.
func (c *cnode) setDated(field, date string, v *cnode) {
	a := c.fields[field]
	if isNullValue(a) {
		a = &cnode{kind: yaml.MappingNode, fields: map[string]*cnode{}}
		c.fields[field] = a
	}
	if a.fields != nil {
		a.fields[date] = v
	}
}

// appendItem adds an item at the end of the list named list, making the
// list when there is none.
func (c *cnode) appendItem(list string, item *cnode) {
	l := c.fields[list]
	if isNullValue(l) {
		l = &cnode{kind: yaml.SequenceNode}
		c.fields[list] = l
	}
	l.items = append(l.items, item)
}

// parseValue returns the value of YAML text written as a field's value.
func parseValue(text string) (*cnode, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+text), &doc); err != nil || len(doc.Content) == 0 || len(doc.Content[0].Content) != 2 {
		return nil, fmt.Errorf("%q is not a YAML value", text)
	}
	return canonical(doc.Content[0].Content[1], nil)
}

// scalarValue is parseValue for a single value.
func scalarValue(text string) (*cnode, error) {
	v, err := parseValue(text)
	if err == nil && v.kind != yaml.ScalarNode {
		err = fmt.Errorf("%q is not a single value", text)
	}
	return v, err
}

// verify returns out, the text of f after an edit, when it holds what f
// held with change made to the value of node target, and every comment f
// held but those of the nodes dropped (a field deleted, with its value);
// else an error wrapping ErrUnsafe.
func verify(f *file, out []byte, target *yaml.Node, change func(*cnode), dropped ...*yaml.Node) ([]byte, error) {
	index := map[*yaml.Node]*cnode{}
	want, err := canonical(f.root, index)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsafe, err)
	}
	change(index[target])
	after, err := parse(out)
	if err != nil {
		return nil, fmt.Errorf("%w: the edited text does not read back: %v", ErrUnsafe, err)
	}
	got, err := canonical(after.root, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsafe, err)
	}
	if !equal(want, got) {
		return nil, fmt.Errorf("%w: the edited text does not read back as the change asked for", ErrUnsafe)
	}
	kept := commentLines(f.root, nil)
	commentLines(after.root, kept)
	for _, n := range dropped {
		for line, c := range commentLines(n, nil) {
			kept[line] -= c
		}
	}
	for line, c := range kept {
		if c > 0 {
			return nil, fmt.Errorf("%w: the edit would lose the comment %q", ErrUnsafe, line)
		}
	}
	return out, nil
}

// commentLines counts the lines of the comments of n and the nodes below
// it into counts (a new map when nil), adding for each line of before and
// taking away for each line of after: called on the old tree then the new
// one, what is left above zero was lost.
func commentLines(n *yaml.Node, counts map[string]int) map[string]int {
	sign := -1
	if counts == nil {
		counts, sign = map[string]int{}, 1
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					counts[line] += sign
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return counts
}
