// Package edit changes plan files as a person would: it finds the place to
// change through the YAML node tree and rewrites only the lines it must,
// so that comments, key order, quoting, blank lines and every other byte
// stay as they were and a reviewer's diff shows only the change.
//
// Edits take a file's bytes and return new bytes; they do not validate the
// plan, read or write files.
package edit

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/internal/yamltext"
)

// ErrNotFound is returned when the file holds no item with the id.
var ErrNotFound = errors.New("not found")

// ErrUnsafe is returned when an edit could not be made so that it changes
// exactly what it names: the text did not read back as the change asked
// for. No bytes are returned with it.
var ErrUnsafe = errors.New("the edit could not be made safely")

// file is a parsed file with what is needed to map node positions to
// bytes: lines are broken and columns counted as the YAML parser counts
// them (see yamltext), whatever the file's line endings.
type file struct {
	data []byte
	x    *yamltext.Index
	eol  string // the line break new lines end with: the file's own
	root *yaml.Node
}

func parse(data []byte) (*file, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("the file is not valid YAML: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the file does not hold a mapping")
	}
	x := yamltext.New(data)
	return &file{data: data, x: x, eol: x.EOL(), root: doc.Content[0]}, nil
}

// offset returns the byte offset of a 1-based line and column (counted in
// characters). A position outside the file is clamped to it: the edit
// made from it then fails verification rather than panics.
func (f *file) offset(line, col int) int {
	if off, ok := f.x.Offset(line, col); ok {
		return off
	}
	return min(f.x.LineEnd(line), len(f.data))
}

// lineStart returns the offset of the start of the line holding off.
func (f *file) lineStart(off int) int { return f.x.LineStart(f.x.Line(off)) }

// lineEnd returns the offset of the end of the line holding off (before
// its line break).
func (f *file) lineEnd(off int) int { return f.x.LineEnd(f.x.Line(off)) }

// nextLine returns the offset of the start of the line after the one
// holding off, or the end of the file.
func (f *file) nextLine(off int) int { return f.x.NextLine(off) }

// indent returns the indentation of the line holding off.
func (f *file) indent(off int) string {
	start := f.lineStart(off)
	end := start
	for end < len(f.data) && f.data[end] == ' ' {
		end++
	}
	return string(f.data[start:end])
}

// parseItem parses data and finds the mapping of the item with the id,
// returning an error wrapping ErrNotFound when there is none.
func parseItem(data []byte, id string) (*file, *yaml.Node, error) {
	f, err := parse(data)
	if err != nil {
		return nil, nil, err
	}
	m := f.item(id)
	if m == nil {
		return nil, nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	return f, m, nil
}

// item finds the mapping of the item with the given id: the top-level
// mapping itself (a priority's own id), or an entry of a list.
func (f *file) item(id string) *yaml.Node {
	if v := get(f.root, "id"); v != nil && v.Value == id {
		return f.root
	}
	var found *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if found != nil {
			return
		}
		if n.Kind == yaml.MappingNode && n != f.root {
			if v := get(n, "id"); v != nil && v.Kind == yaml.ScalarNode && v.Value == id {
				found = n
				return
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.root)
	return found
}

// isNull reports whether n is an empty or null scalar.
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// get returns the value of key in mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if k := keyNode(m, key); k >= 0 {
		return m.Content[k+1]
	}
	return nil
}

// keyNode returns the index of key in mapping m's content, or -1.
func keyNode(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// scalarEnd returns the offset just past the text of scalar n, which
// starts at start: the closing quote, or the end of a plain scalar before
// any comment or flow punctuation, or the end of a block scalar.
func (f *file) scalarEnd(n *yaml.Node, start int, flow bool) int {
	d := f.data
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		for i := start + 1; i < len(d); i++ {
			switch d[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case yaml.SingleQuotedStyle:
		for i := start + 1; i < len(d); i++ {
			if d[i] == '\'' {
				if i+1 < len(d) && d[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// To the end of the last line indented as far as the block's
		// content: the indentation its header gives (|2: two more than the
		// key's), else that of its first line that is not blank. Blank
		// lines inside the block belong to it; blank lines after it, and a
		// comment less indented than its content, do not.
		keyIndent := len(f.indent(start))
		contentIndent := -1
		for _, c := range d[start+1 : f.lineEnd(start)] {
			if '1' <= c && c <= '9' {
				contentIndent = keyIndent + int(c-'0')
			}
			if c == ' ' || c == '#' {
				break
			}
		}
		end := f.lineEnd(start)
		for next := f.nextLine(start); next < len(d); next = f.nextLine(next) {
			lineEnd := f.lineEnd(next)
			line := d[next:lineEnd]
			trimmed := bytes.TrimLeft(line, " ")
			if len(trimmed) == 0 {
				continue
			}
			indent := len(line) - len(trimmed)
			if contentIndent < 0 {
				contentIndent = indent
			}
			if indent < contentIndent || indent <= keyIndent {
				break
			}
			end = lineEnd
		}
		return end
	}
	return f.plainEnd(start, flow)
}

// plainEnd returns the end of the plain scalar starting at start: the end
// of its line before any comment, or (in a flow collection) before the
// punctuation that ends it. A plain scalar in a block may go on over the
// following lines that are more indented than its key and are not comments.
func (f *file) plainEnd(start int, flow bool) int {
	d := f.data
	keyIndent := len(f.indent(start))
	lineStart := start
	for {
		lineEnd := f.lineEnd(lineStart)
		stop := lineEnd
		for i := lineStart; i < lineEnd; i++ {
			if d[i] == '#' && i > lineStart && (d[i-1] == ' ' || d[i-1] == '\t') {
				stop = i
				break
			}
			if flow && (d[i] == ',' || d[i] == '}' || d[i] == ']') {
				stop = i
				break
			}
		}
		end := lineStart + len(bytes.TrimRight(d[lineStart:stop], " \t"))
		next := f.nextLine(lineStart)
		if flow || stop != lineEnd || next >= len(d) {
			return end
		}
		line := d[next:f.lineEnd(next)]
		trimmed := bytes.TrimLeft(line, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' || len(line)-len(trimmed) <= keyIndent {
			return end
		}
		lineStart = next + len(line) - len(trimmed)
	}
}

// Quote writes s as a YAML scalar that reads back as the string s: plain
// when it can be, else in double quotes.
func Quote(s string) string {
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return strconv.Quote(s) // booleans and null to YAML 1.1 readers
	}
	if s != "" && s == strings.TrimSpace(s) && !strings.ContainsAny(s, "\n\r\t") && !strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") &&
		!strings.Contains(s, ": ") && !strings.Contains(s, " #") && !strings.HasSuffix(s, ":") {
		var m map[string]any
		if yaml.Unmarshal([]byte("k: "+s), &m) == nil {
			if v, ok := m["k"].(string); ok && v == s {
				return s
			}
		}
	}
	return strconv.Quote(s)
}

// inFlow returns a value written plain (see Quote) as it must be written
// inside a flow mapping ({id: P8.2, title: ...}), where a comma or a
// bracket ends it: in double quotes when it holds one.
func inFlow(value string) string {
	if value == "" || value[0] == '"' || value[0] == '\'' || !strings.ContainsAny(value, ",[]{}") {
		return value
	}
	return strconv.Quote(value)
}

// Field is a field of a new item: its name and its value as YAML text.
type Field struct {
	Name, Value string
}

// Set sets field of the item with the given id to value, which must be
// YAML text (see Quote). An absent field is added after the fields that
// come before it in order, the documented order of the item's fields. It
// returns an error wrapping ErrNotFound when no item has the id.
func Set(data []byte, id, field, value string, order []string) ([]byte, error) {
	f, m, err := parseItem(data, id)
	if err != nil {
		return nil, err
	}
	want, err := scalarValue(value)
	if err != nil {
		return nil, err
	}
	out, err := f.set(m, id, field, value, order)
	if err != nil {
		return nil, err
	}
	return verify(f, out, m, func(item *cnode) { item.setField(field, want) })
}

func (f *file) set(m *yaml.Node, id, field, value string, order []string) ([]byte, error) {
	data := f.data
	flow := m.Style&yaml.FlowStyle != 0
	if flow {
		value = inFlow(value)
	}
	if k := keyNode(m, field); k >= 0 {
		v := m.Content[k+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s of %s is not a single value", field, id)
		}
		if v.Tag == "!!null" && v.Value == "" {
			// "note:" with nothing after it: write the value after the colon.
			key := m.Content[k]
			at := f.offset(key.Line, key.Column) + len(key.Value) + 1
			return splice(data, at, at, " "+value), nil
		}
		start := f.offset(v.Line, v.Column)
		return splice(data, start, f.scalarEnd(v, start, flow), value), nil
	}
	if flow {
		end := f.flowEnd(m)
		return splice(data, end, end, ", "+field+": "+value), nil
	}
	at, indent := f.insertionPoint(m, field, order)
	return f.insertLines(at, indent+field+": "+value), nil
}

// Delete removes field, with its value, from the item with the given id. A
// field that is not there is not an error.
func Delete(data []byte, id, field string) ([]byte, error) {
	f, m, err := parseItem(data, id)
	if err != nil {
		return nil, err
	}
	k := keyNode(m, field)
	if k < 0 {
		return data, nil
	}
	return verify(f, f.delete(m, field), m, func(item *cnode) { item.deleteField(field) }, m.Content[k], m.Content[k+1])
}

func (f *file) delete(m *yaml.Node, field string) []byte {
	data := f.data
	k := keyNode(m, field)
	key := m.Content[k]
	start := f.offset(key.Line, key.Column)
	end := f.nodeEnd(m.Content[k+1], m.Style&yaml.FlowStyle != 0)
	if m.Style&yaml.FlowStyle != 0 {
		// Take the comma before the field, or the one after it.
		before := bytes.TrimRight(data[:start], " ")
		if len(before) > 0 && before[len(before)-1] == ',' {
			return splice(data, len(before)-1, end, "")
		}
		after := end + len(data[end:]) - len(bytes.TrimLeft(data[end:], " "))
		if after < len(data) && data[after] == ',' {
			after++
			after += len(data[after:]) - len(bytes.TrimLeft(data[after:], " "))
		}
		return splice(data, start, after, "")
	}
	// The whole lines of the field, and their line break.
	return splice(data, f.lineStart(start), f.nextLine(end), "")
}

// SetActual adds or revises the actual for date (YYYY-MM-DD) of the KPI
// with the given id, keeping the actuals in date order.
func SetActual(data []byte, kpi, date, value string) ([]byte, error) {
	return SetDated(data, kpi, "actuals", date, value)
}

// SetDated adds or revises the value for date (YYYY-MM-DD) in the DATE:
// VALUE mapping named field (actuals, trajectory) of the KPI with the
// given id, keeping the mapping in date order.
func SetDated(data []byte, kpi, field, date, value string) ([]byte, error) {
	f, m, err := parseItem(data, kpi)
	if err != nil {
		return nil, err
	}
	want, err := scalarValue(value)
	if err != nil {
		return nil, err
	}
	out, err := f.setDated(m, kpi, field, date, value)
	if err != nil {
		return nil, err
	}
	var dropped []*yaml.Node // an empty "actuals:" is written anew
	if k := keyNode(m, field); k >= 0 && isNull(m.Content[k+1]) {
		dropped = m.Content[k : k+2]
	}
	return verify(f, out, m, func(item *cnode) { item.setDated(field, date, want) }, dropped...)
}

func (f *file) setDated(m *yaml.Node, kpi, field, date, value string) ([]byte, error) {
	data := f.data
	actuals := get(m, field)
	if actuals == nil || (actuals.Kind == yaml.ScalarNode && actuals.Tag == "!!null") {
		if actuals != nil {
			var err error
			if f, err = parse(f.delete(m, field)); err != nil {
				return nil, err
			}
			data, m = f.data, f.item(kpi)
		}
		if m.Style&yaml.FlowStyle != 0 {
			end := f.flowEnd(m)
			return splice(data, end, end, ", "+field+": {"+date+": "+value+"}"), nil
		}
		at, indent := f.insertionPoint(m, field, nil)
		return f.insertLines(at, indent+field+":"+f.eol+indent+"  "+date+": "+value), nil
	}
	if actuals.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s of %s is not a mapping of date: value", field, kpi)
	}
	flow := actuals.Style&yaml.FlowStyle != 0
	var later *yaml.Node
	for i := 0; i+1 < len(actuals.Content); i += 2 {
		k, v := actuals.Content[i], actuals.Content[i+1]
		switch {
		case k.Value == date:
			start := f.offset(v.Line, v.Column)
			return splice(data, start, f.scalarEnd(v, start, flow), value), nil
		case k.Value > date && (later == nil || k.Value < later.Value):
			later = k
		}
	}
	if flow {
		switch {
		case later != nil:
			at := f.offset(later.Line, later.Column)
			return splice(data, at, at, date+": "+value+", "), nil
		case len(actuals.Content) == 0:
			open := f.offset(actuals.Line, actuals.Column)
			at := bytes.IndexByte(data[open:], '}') + open
			return splice(data, at, at, date+": "+value), nil
		default:
			end := f.flowEnd(actuals)
			return splice(data, end, end, ", "+date+": "+value), nil
		}
	}
	first := actuals.Content[0]
	indent := strings.Repeat(" ", first.Column-1)
	if later != nil {
		at := f.x.LineStart(later.Line)
		return splice(data, at, at, indent+date+": "+value+f.eol), nil
	}
	return f.insertLines(f.nodeEnd(actuals, false), indent+date+": "+value), nil
}

// Append adds a new item with fields to the list named list (actions, kpis)
// of the file's top-level mapping, at its end. When there is no such list
// it is made, before the key named before if there is one, else at the end
// of the file.
func Append(data []byte, list string, fields []Field, before string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	item, err := mappingOf(fields)
	if err != nil {
		return nil, err
	}
	out, err := f.append(list, fields, before)
	if err != nil {
		return nil, err
	}
	return verify(f, out, f.root, func(root *cnode) { root.appendItem(list, item) })
}

func (f *file) append(list string, fields []Field, before string) ([]byte, error) {
	return f.appendText(list, func(dash string) string {
		var b strings.Builder
		for i, fl := range fields {
			if i == 0 {
				b.WriteString(dash + "- ")
			} else {
				b.WriteString(dash + "  ")
			}
			b.WriteString(fl.Name + ": " + fl.Value + f.eol)
		}
		return b.String()
	}, before)
}

// appendText adds the lines block returns, an entry written with its dash
// at the indentation dash, each line ending with the file's line break, at
// the end of list (see Append).
func (f *file) appendText(list string, block func(dash string) string, before string) ([]byte, error) {
	data := f.data
	seq := get(f.root, list)
	switch {
	case seq == nil || (seq.Kind == yaml.ScalarNode && seq.Tag == "!!null"):
		if seq != nil {
			key := f.root.Content[keyNode(f.root, list)]
			lineStart := f.x.LineStart(key.Line)
			return splice(data, lineStart, f.nextLine(lineStart), list+":"+f.eol+block("  ")), nil
		}
		text := list + ":" + f.eol + block("  ")
		if k := keyNode(f.root, before); k >= 0 {
			at := f.x.LineStart(f.root.Content[k].Line)
			return splice(data, at, at, text), nil
		}
		if f.x.LineStart(f.x.Lines()) < len(data) {
			text = f.eol + text // the last line has no line break
		}
		return splice(data, len(data), len(data), text), nil
	case seq.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("%s is not a list", list)
	case len(seq.Content) == 0 || seq.Style&yaml.FlowStyle != 0:
		// An empty or flow list: write the list anew, in block style.
		key := f.root.Content[keyNode(f.root, list)]
		lineStart := f.x.LineStart(key.Line)
		end := f.nodeEnd(seq, true) // past the closing bracket
		var items strings.Builder
		for _, it := range seq.Content {
			items.WriteString("  - " + string(bytes.TrimSpace(data[f.offset(it.Line, it.Column):f.nodeEnd(it, true)])) + f.eol)
		}
		return splice(data, lineStart, f.nextLine(end), list+":"+f.eol+items.String()+block("  ")), nil
	}
	last := seq.Content[len(seq.Content)-1]
	dash := strings.Repeat(" ", max(0, f.dashColumn(last)-1))
	return f.insertLines(f.nodeEnd(seq, false), strings.TrimSuffix(block(dash), f.eol)), nil
}

// insertLines adds lines (without a final line break) after the line
// holding off: after that line's own break, which stays as it is (it may
// end a block scalar), and ending with the file's line break; at the end
// of a file whose last line has no break, with one before them instead.
func (f *file) insertLines(off int, lines string) []byte {
	if next := f.nextLine(off); next > f.lineEnd(off) {
		return splice(f.data, next, next, lines+f.eol)
	}
	return splice(f.data, len(f.data), len(f.data), f.eol+lines)
}

// dashColumn returns the column of the "- " that starts a list item.
func (f *file) dashColumn(item *yaml.Node) int {
	off := f.offset(item.Line, item.Column)
	start := f.x.LineStart(item.Line)
	for i := off - 1; i >= start; i-- {
		if f.data[i] == '-' {
			return i - start + 1
		}
	}
	return item.Column
}

// insertionPoint returns where a new field goes in block mapping m: at the
// end of the last line of the field before it in order (or of the last
// field, when order does not place it), and the indentation of m's keys.
func (f *file) insertionPoint(m *yaml.Node, field string, order []string) (int, string) {
	pos := slices.Index(order, field)
	after := len(m.Content) - 2
	if pos >= 0 {
		after = -1
		for i := 0; i+1 < len(m.Content); i += 2 {
			if j := slices.Index(order, m.Content[i].Value); j >= 0 && j < pos {
				after = i
			}
		}
		if after < 0 {
			after = 0 // after the first field, the id
		}
	}
	first := m.Content[0]
	indent := strings.Repeat(" ", first.Column-1)
	return f.lineEnd(f.nodeEnd(m.Content[after+1], false)), indent
}

// nodeEnd returns the offset just past the text of node n, however deep.
func (f *file) nodeEnd(n *yaml.Node, flow bool) int {
	switch n.Kind {
	case yaml.ScalarNode:
		start := f.offset(n.Line, n.Column)
		if n.Tag == "!!null" && n.Value == "" {
			return start
		}
		return f.scalarEnd(n, start, flow)
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			return f.flowEnd(n) + 1
		}
		if len(n.Content) == 0 {
			return f.offset(n.Line, n.Column)
		}
		return f.nodeEnd(n.Content[len(n.Content)-1], false)
	case yaml.AliasNode:
		return f.offset(n.Line, n.Column) + 1 + len(n.Value)
	}
	return f.offset(n.Line, n.Column)
}

// flowEnd returns the offset of the closing bracket of flow collection n.
func (f *file) flowEnd(n *yaml.Node) int {
	start := f.offset(n.Line, n.Column)
	if len(n.Content) > 0 {
		start = f.nodeEnd(n.Content[len(n.Content)-1], true)
	}
	close := byte('}')
	if n.Kind == yaml.SequenceNode {
		close = ']'
	}
	if i := bytes.IndexByte(f.data[start:], close); i >= 0 {
		return start + i
	}
	return len(f.data)
}

// splice replaces data[start:end] with text.
func splice(data []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	return append(out, data[end:]...)
}

// AppendEntry adds an entry with fields (values as YAML text) at the end
// of the list field list, such as rebaselined, of the item with the given
// id. An absent list is made after the fields that come before it in
// order, the documented order of the item's fields; an entry of a list
// written in flow style is written in flow style too.
func AppendEntry(data []byte, id, list string, fields []Field, order []string) ([]byte, error) {
	f, m, err := parseItem(data, id)
	if err != nil {
		return nil, err
	}
	entry, err := mappingOf(fields)
	if err != nil {
		return nil, err
	}
	var dropped []*yaml.Node // an empty "rebaselined:" is written anew
	g, gm := f, m
	if k := keyNode(m, list); k >= 0 && isNull(m.Content[k+1]) {
		dropped = m.Content[k : k+2]
		if g, err = parse(f.delete(m, list)); err != nil {
			return nil, err
		}
		gm = g.item(id)
	}
	out, err := g.appendEntry(gm, id, list, fields, order)
	if err != nil {
		return nil, err
	}
	return verify(f, out, m, func(item *cnode) { item.appendItem(list, entry) }, dropped...)
}

func (f *file) appendEntry(m *yaml.Node, id, list string, fields []Field, order []string) ([]byte, error) {
	data := f.data
	var flow strings.Builder
	flow.WriteString("{")
	for i, fl := range fields {
		if i > 0 {
			flow.WriteString(", ")
		}
		flow.WriteString(fl.Name + ": " + inFlow(fl.Value))
	}
	flow.WriteString("}")
	block := func(dash string) string {
		var b strings.Builder
		for i, fl := range fields {
			if i == 0 {
				b.WriteString(dash + "- ")
			} else {
				b.WriteString(f.eol + dash + "  ")
			}
			b.WriteString(fl.Name + ": " + fl.Value)
		}
		return b.String()
	}
	itemFlow := m.Style&yaml.FlowStyle != 0
	seq := get(m, list)
	switch {
	case seq == nil && itemFlow:
		end := f.flowEnd(m)
		return splice(data, end, end, ", "+list+": ["+flow.String()+"]"), nil
	case seq == nil:
		at, indent := f.insertionPoint(m, list, order)
		return f.insertLines(at, indent+list+":"+f.eol+block(indent+"  ")), nil
	case seq.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("%s of %s is not a list", list, id)
	case seq.Style&yaml.FlowStyle != 0 || itemFlow:
		if len(seq.Content) == 0 {
			open := f.offset(seq.Line, seq.Column)
			at := bytes.IndexByte(data[open:], ']') + open
			return splice(data, at, at, flow.String()), nil
		}
		end := f.flowEnd(seq)
		return splice(data, end, end, ", "+flow.String()), nil
	}
	last := seq.Content[len(seq.Content)-1]
	dash := strings.Repeat(" ", max(0, f.dashColumn(last)-1))
	return f.insertLines(f.nodeEnd(seq, false), block(dash)), nil
}

// SetEntry sets field of entry n (counting from 0) of the list field list,
// such as rebaselined, of the item with the given id, to value, which must
// be YAML text (see Quote). An absent field is added after the fields that
// come before it in order, the documented order of the entry's fields.
func SetEntry(data []byte, id, list string, n int, field, value string, order []string) ([]byte, error) {
	f, m, err := parseItem(data, id)
	if err != nil {
		return nil, err
	}
	seq := get(m, list)
	if seq == nil || seq.Kind != yaml.SequenceNode || n < 0 || n >= len(seq.Content) {
		return nil, fmt.Errorf("%s of %s has no entry %d", list, id, n+1)
	}
	entry := seq.Content[n]
	if entry.Kind != yaml.MappingNode || len(entry.Content) == 0 {
		return nil, fmt.Errorf("entry %d of %s of %s is not a mapping", n+1, list, id)
	}
	want, err := scalarValue(value)
	if err != nil {
		return nil, err
	}
	out, err := f.set(entry, id, field, value, order)
	if err != nil {
		return nil, err
	}
	return verify(f, out, entry, func(e *cnode) { e.setField(field, want) })
}

// AddKey adds key: value (both YAML text, see Quote) at the end of the
// mapping named mapping, such as glossary, of the file's top-level
// mapping; when there is no such mapping it is made at the end of the
// file. A key the mapping already has is refused, as is a mapping written
// in flow style.
func AddKey(data []byte, mapping, key, value string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	k, err := scalarValue(key)
	if err != nil {
		return nil, fmt.Errorf("key: %w", err)
	}
	v, err := scalarValue(value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.value, err)
	}
	line := key + ": " + value
	var out []byte
	m := get(f.root, mapping)
	switch {
	case m == nil:
		text := mapping + ":" + f.eol + "  " + line + f.eol
		if f.x.LineStart(f.x.Lines()) < len(f.data) {
			text = f.eol + text // the last line has no line break
		}
		out = splice(f.data, len(f.data), len(f.data), text)
	case isNull(m):
		lineStart := f.x.LineStart(f.root.Content[keyNode(f.root, mapping)].Line)
		out = splice(f.data, lineStart, f.nextLine(lineStart), mapping+":"+f.eol+"  "+line+f.eol)
	case m.Kind != yaml.MappingNode:
		return nil, fmt.Errorf("%s is not a mapping", mapping)
	case m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0:
		return nil, fmt.Errorf("%w: %s is written in flow style; write it one line per entry first", ErrUnsafe, mapping)
	case keyNode(m, k.value) >= 0:
		return nil, fmt.Errorf("%s already has %q", mapping, k.value)
	default:
		indent := strings.Repeat(" ", m.Content[0].Column-1)
		out = f.insertLines(f.nodeEnd(m, false), indent+line)
	}
	return verify(f, out, f.root, func(root *cnode) {
		g := root.fields[mapping]
		if isNullValue(g) {
			g = &cnode{kind: yaml.MappingNode, fields: map[string]*cnode{}}
			root.fields[mapping] = g
		}
		g.fields[k.value] = v
	})
}

// entry finds the list entry that is the mapping of the item with the
// given id: the list, and the entry's index in it.
func (f *file) entry(id string) (*yaml.Node, int) {
	var seq *yaml.Node
	idx := -1
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if seq != nil {
			return
		}
		if n.Kind == yaml.SequenceNode {
			for i, c := range n.Content {
				if c.Kind == yaml.MappingNode {
					if v := get(c, "id"); v != nil && v.Kind == yaml.ScalarNode && v.Value == id {
						seq, idx = n, i
						return
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.root)
	return seq, idx
}

// Remove removes the list entry of the item with the given id (an action,
// a KPI, a theme, an owner, a finding), with the comment lines directly
// above it (no blank line between) at its own indentation, which are taken
// to be about it. A list left empty is written as [].
func Remove(data []byte, id string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	seq, i := f.entry(id)
	if seq == nil {
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	item := seq.Content[i]
	out, comments := f.remove(seq, i)
	// The comments taken with the entry are dropped as though they were
	// its own.
	gone := &yaml.Node{HeadComment: comments}
	return verify(f, out, seq, func(l *cnode) { l.items = slices.Delete(l.items, i, i+1) }, item, gone)
}

// remove returns the file without entry i of seq, and the text of the
// comment lines removed with it.
func (f *file) remove(seq *yaml.Node, i int) ([]byte, string) {
	data := f.data
	item := seq.Content[i]
	start := f.offset(item.Line, item.Column)
	if seq.Style&yaml.FlowStyle != 0 {
		end := f.nodeEnd(item, true)
		before := bytes.TrimRight(data[:start], " \t\r\n")
		if i > 0 && len(before) > 0 && before[len(before)-1] == ',' {
			return splice(data, len(before)-1, end, ""), ""
		}
		after := end + len(data[end:]) - len(bytes.TrimLeft(data[end:], " \t\r\n"))
		if after < len(data) && data[after] == ',' {
			after++
			after += len(data[after:]) - len(bytes.TrimLeft(data[after:], " "))
		}
		return splice(data, start, after, ""), ""
	}
	end := f.nextLine(f.nodeEnd(item, false))
	first := f.commentsAbove(item.Line)
	var comments []string
	for line := first; line < item.Line; line++ {
		comments = append(comments, strings.TrimSpace(string(data[f.x.LineStart(line):f.x.LineEnd(line)])))
	}
	out := splice(data, f.x.LineStart(first), end, "")
	if len(seq.Content) == 1 {
		// The list is left with no entries: write it as [].
		g, err := parse(out)
		if err == nil {
			for k := 0; k+1 < len(g.root.Content); k += 2 {
				if g.root.Content[k].Line == f.keyLine(seq) && isNull(g.root.Content[k+1]) {
					key := g.root.Content[k]
					at := g.offset(key.Line, key.Column)
					if c := bytes.IndexByte(out[at:], ':'); c >= 0 {
						out = splice(out, at+c+1, at+c+1, " []")
					}
				}
			}
		}
	}
	return out, strings.Join(comments, "\n")
}

// commentsAbove returns the first of the comment lines directly above the
// list entry that starts on line (no blank line between) at the entry's
// own indentation, which are taken to be about it; line itself when there
// are none. Remove takes these lines with the entry, and Entry gives them.
func (f *file) commentsAbove(line int) int {
	dash := f.indent(f.x.LineStart(line))
	first := line
	for first > 1 && strings.HasPrefix(string(f.data[f.x.LineStart(first-1):f.x.LineEnd(first-1)]), dash+"#") {
		first--
	}
	return first
}

// keyLine returns the line of the key whose value is n in the file's
// top-level mapping, or 0.
func (f *file) keyLine(n *yaml.Node) int {
	for k := 0; k+1 < len(f.root.Content); k += 2 {
		if f.root.Content[k+1] == n {
			return f.root.Content[k].Line
		}
	}
	return 0
}

// Entry returns the text of the list entry of the item with the given id,
// with the comment lines Remove would take with it, as lines without their
// line breaks and with the entry's dash at the start of its line: what
// AppendEntryText writes into another file.
func Entry(data []byte, id string) ([]string, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	seq, i := f.entry(id)
	if seq == nil {
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	item := seq.Content[i]
	if seq.Style&yaml.FlowStyle != 0 {
		text := string(data[f.offset(item.Line, item.Column):f.nodeEnd(item, true)])
		if strings.ContainsAny(text, "\r\n") {
			return nil, fmt.Errorf("%s is written over several lines of a flow list: %w", id, ErrUnsafe)
		}
		return []string{"- " + text}, nil
	}
	first := f.commentsAbove(item.Line)
	dash := f.indent(f.x.LineStart(item.Line))
	last := f.x.Line(f.nodeEnd(item, false))
	var lines []string
	for l := first; l <= last; l++ {
		text := string(data[f.x.LineStart(l):f.x.LineEnd(l)])
		switch {
		case strings.HasPrefix(text, dash):
			text = text[len(dash):]
		case strings.TrimSpace(text) != "":
			return nil, fmt.Errorf("%s: line %d is indented less than the entry: %w", id, l, ErrUnsafe)
		}
		lines = append(lines, text)
	}
	return lines, nil
}

// AppendEntryText adds the entry lines (as Entry returns them) at the end
// of the list named list (actions, kpis) of the file's top-level mapping,
// indented as the list's entries are; a list that is not there is made as
// Append makes it.
func AppendEntryText(data []byte, list string, lines []string, before string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines, "\n")+"\n"), &doc); err != nil || len(doc.Content) == 0 ||
		doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != 1 {
		return nil, fmt.Errorf("%w: the entry does not read as one list entry", ErrUnsafe)
	}
	item, err := canonical(doc.Content[0].Content[0], nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsafe, err)
	}
	out, err := f.appendText(list, func(dash string) string {
		var b strings.Builder
		for _, l := range lines {
			if l != "" {
				b.WriteString(dash)
			}
			b.WriteString(l + f.eol)
		}
		return b.String()
	}, before)
	if err != nil {
		return nil, err
	}
	return verify(f, out, f.root, func(root *cnode) { root.appendItem(list, item) })
}

// SetTop sets field of the file's top-level mapping (plan.yaml's title,
// organisation) to value, YAML text; with sub, the field sub of the
// mapping held by field (period's start or end), which must exist. An
// absent field is added after the fields before it in order.
func SetTop(data []byte, field, sub, value string, order []string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	want, err := scalarValue(value)
	if err != nil {
		return nil, err
	}
	m, name := f.root, field
	if sub != "" {
		m, name = get(f.root, field), sub
		if m == nil || m.Kind != yaml.MappingNode || len(m.Content) == 0 {
			return nil, fmt.Errorf("the file has no %s to set %s in", field, sub)
		}
		order = nil
	}
	out, err := f.set(m, field, name, value, order)
	if err != nil {
		return nil, err
	}
	return verify(f, out, m, func(c *cnode) { c.setField(name, want) })
}

// mappingOf is the value of a new mapping with fields, as verify compares
// it.
func mappingOf(fields []Field) (*cnode, error) {
	m := &cnode{kind: yaml.MappingNode, fields: map[string]*cnode{}}
	for _, fl := range fields {
		v, err := parseValue(fl.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fl.Name, err)
		}
		m.fields[fl.Name] = v
	}
	return m, nil
}

// RemoveKey removes key and its value from the top-level mapping named
// mapping (plan.yaml's glossary), written one line per entry. A mapping
// left empty is written as {}. A comment on the entry's own line goes
// with it; any other comment must stay, or the edit is refused.
func RemoveKey(data []byte, mapping, key string) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	m := get(f.root, mapping)
	if m == nil || isNull(m) {
		return nil, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is not a mapping", mapping)
	}
	if m.Style&yaml.FlowStyle != 0 {
		return nil, fmt.Errorf("%w: %s is written in flow style; write it one line per entry first", ErrUnsafe, mapping)
	}
	i := keyNode(m, key)
	if i < 0 {
		return nil, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	k, v := m.Content[i], m.Content[i+1]
	from := f.x.LineStart(k.Line)
	end := f.nextLine(f.nodeEnd(v, false))
	out := splice(f.data, from, end, "")
	if len(m.Content) == 2 {
		// The mapping is left with no entries: write it as {}.
		line := f.keyLine(m)
		at := f.offset(line, 1)
		if c := bytes.IndexByte(out[at:], ':'); c >= 0 {
			out = splice(out, at+c+1, at+c+1, " {}")
		}
	}
	gone := &yaml.Node{LineComment: strings.TrimSpace(k.LineComment + "\n" + v.LineComment)}
	return verify(f, out, m, func(c *cnode) { delete(c.fields, key) }, gone)
}
