package plan

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder turns the YAML nodes of one file into plan values, collecting a
// diagnostic, with its position, for everything it cannot understand.
type decoder struct {
	file  string
	diags []Diagnostic
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{d.file, n.Line, n.Column} }

func (d *decoder) report(n *yaml.Node, rule Rule, id, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{Rule: rule, Pos: d.pos(n), ID: id, Message: fmt.Sprintf(format, args...)})
}

// object is a YAML mapping whose keys have been checked against the fields
// its kind allows.
type object struct {
	d      *decoder
	node   *yaml.Node
	m      *mapping // its kind, from the table of fields
	what   string   // "action P8.1", for messages
	id     string
	values []fieldNode // in the order written; a short list is searched faster than a map is made
	src    source
}

// fieldNode is a field of an object and its value.
type fieldNode struct {
	name string
	node *yaml.Node
}

// value returns the value of field, if it was written (and not empty).
func (o *object) value(field string) (*yaml.Node, bool) {
	for _, f := range o.values {
		if f.name == field {
			return f.node, true
		}
	}
	return nil, false
}

// object checks that n, a mapping of the kind m named kind in messages,
// holds only m's fields, each once. It returns nil when n is not a mapping.
func (d *decoder) object(n *yaml.Node, kind string, m *mapping) *object {
	known := m.names
	if n.Kind != yaml.MappingNode {
		d.report(n, RuleBadValue, "", "%s must be a mapping of fields (key: value), not %s", kind, describe(n))
		return nil
	}
	o := &object{d: d, node: n, m: m, what: kind, values: make([]fieldNode, 0, len(n.Content)/2),
		src: source{pos: make([]fieldPos, 0, len(n.Content)/2)}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Kind == yaml.ScalarNode && k.Value == "id" && v.Kind == yaml.ScalarNode {
			o.id = v.Value
			o.what = kind + " " + v.Value
		}
	}
	var keys map[string]*yaml.Node // for long mappings; short ones are searched
	if len(n.Content) > 32 {
		keys = map[string]*yaml.Node{}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(k, RuleBadValue, o.id, "in %s: a key must be plain text, not %s", o.what, describe(k))
			continue
		}
		if first := firstKey(n, i, k.Value, keys); first != nil {
			d.report(k, RuleDuplicateKey, o.id, "%q appears twice in %s (first at line %d); keep one", k.Value, o.what, first.Line)
			continue
		}
		if keys != nil {
			keys[k.Value] = k
		}
		if !slices.Contains(known, k.Value) {
			msg := fmt.Sprintf("unknown field %q in %s", k.Value, o.what)
			if h := lookalikes(k.Value); h != "" {
				msg += "; the key " + h
			} else if s := suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf(" (fields: %s)", strings.Join(known, ", "))
			}
			d.report(k, RuleUnknownField, o.id, "%s", msg)
			continue
		}
		if isNull(v) {
			continue // an empty value is the same as no value
		}
		o.values = append(o.values, fieldNode{k.Value, v})
		o.src.pos = append(o.src.pos, fieldPos{k.Value, d.pos(v)})
	}
	return o
}

// firstKey returns the key before the i-th node of mapping n that is also
// called name, or nil: from keys, the keys seen so far, when it is not nil,
// else by looking.
func firstKey(n *yaml.Node, i int, name string, keys map[string]*yaml.Node) *yaml.Node {
	if keys != nil {
		return keys[name]
	}
	for j := 0; j < i; j += 2 {
		if k := n.Content[j]; k.Kind == yaml.ScalarNode && k.Value == name {
			return k
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names the kind of a node for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	default:
		return "an alias"
	}
}

// bad marks field as written but not understood, so that policy rules skip
// it rather than report the same mistake again.
func (o *object) bad(field string) {
	if o.src.bad == nil {
		o.src.bad = map[string]bool{}
	}
	o.src.bad[field] = true
}

// missing reports a required field that is absent.
func (o *object) missing(field string) {
	o.d.report(o.node, RuleMissingField, o.id, "%s has no %q", o.what, field)
	o.bad(field)
}

// required reports whether the table of fields says field is required.
func (o *object) required(field string) bool {
	f, _ := o.m.spec(field)
	return f.Required
}

// scalar returns the value node of field when it is a scalar, reporting a
// value of another kind. Required fields are reported when absent.
func (o *object) scalar(field string) *yaml.Node {
	v, ok := o.value(field)
	if !ok {
		if o.required(field) {
			o.missing(field)
		}
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		o.d.report(v, RuleBadValue, o.id, "%s of %s must be a single value, not %s", field, o.what, describe(v))
		o.bad(field)
		return nil
	}
	return v
}

// text returns field as text.
func (o *object) text(field string) string {
	v := o.scalar(field)
	if v == nil {
		return ""
	}
	if strings.TrimSpace(v.Value) == "" && o.required(field) {
		o.d.report(v, RuleMissingField, o.id, "%s of %s is empty", field, o.what)
		o.bad(field)
		return ""
	}
	return v.Value
}

// idPattern is what an id looks like, for the JSON Schema; IsID is the
// same test, made quickly.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// IsID reports whether s is an id: letters, digits, '.', '_' and '-',
// starting with a letter or digit. Such text is also read by YAML as
// itself when written plain.
func IsID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// ref returns field as an id: letters, digits, '.', '_' and '-', starting
// with a letter or digit.
func (o *object) ref(field string) string {
	v := o.scalar(field)
	if v == nil {
		return ""
	}
	if !IsID(v.Value) {
		o.d.report(v, RuleBadValue, o.id, "%s %q of %s is not a valid id: use letters, digits, '.', '_' and '-', with no spaces%s", field, v.Value, o.what, valueHint(v.Value))
		o.bad(field)
		return ""
	}
	return v.Value
}

// date returns field as a Date.
func (o *object) date(field string) Date {
	v := o.scalar(field)
	if v == nil {
		return Date{}
	}
	d, err := ParseDate(v.Value)
	if err != nil {
		o.d.report(v, RuleBadDate, o.id, "%s of %s: %v%s", field, o.what, err, valueHint(v.Value))
		o.bad(field)
	}
	return d
}

// number returns field as a number.
func (o *object) number(field string) (float64, bool) {
	v := o.scalar(field)
	if v == nil {
		return 0, false
	}
	f, err := parseNumber(v.Value)
	if err != nil {
		o.d.report(v, RuleBadValue, o.id, "%s of %s: %v%s", field, o.what, err, valueHint(v.Value))
		o.bad(field)
		return 0, false
	}
	return f, true
}

// enum returns field when it is one of its words.
func (o *object) enum(field string) string {
	f, _ := o.m.spec(field)
	return o.enumOf(field, f.Words, f.hints)
}

// enumOf returns field when it is one of allowed.
func (o *object) enumOf(field string, allowed []string, hints map[string]string) string {
	v := o.scalar(field)
	if v == nil {
		return ""
	}
	if slices.Contains(allowed, v.Value) {
		return v.Value
	}
	msg := fmt.Sprintf("%s of %s is %q; it must be one of %s", field, o.what, v.Value, strings.Join(allowed, ", "))
	key := strings.ToLower(strings.TrimSpace(v.Value))
	if h := valueHint(v.Value); h != "" {
		msg += h
	} else if h, ok := hints[key]; ok {
		msg += "; " + h
	} else if slices.Contains(allowed, key) {
		msg += fmt.Sprintf("; write %q in lower case", key)
	} else if s := suggest(v.Value, allowed); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	o.d.report(v, RuleBadValue, o.id, "%s", msg)
	o.bad(field)
	return ""
}

// list returns the items of field, which must be a YAML sequence.
func (o *object) list(field string) []*yaml.Node {
	v, ok := o.value(field)
	if !ok {
		if o.required(field) {
			o.missing(field)
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		o.d.report(v, RuleBadValue, o.id, "%s of %s must be a list, not %s", field, o.what, describe(v))
		o.bad(field)
		return nil
	}
	return v.Content
}

// refs returns field as a list of ids with their positions.
func (o *object) refs(field string) ([]string, []Pos) {
	if v, ok := o.value(field); ok && v.Kind == yaml.ScalarNode {
		o.d.report(v, RuleBadValue, o.id, "%s of %s must be a list; write [%s]", field, o.what, v.Value)
		o.bad(field)
		return nil, nil
	}
	var ids []string
	var at []Pos
	for _, n := range o.list(field) {
		if n.Kind != yaml.ScalarNode || !IsID(n.Value) {
			o.d.report(n, RuleBadValue, o.id, "%s of %s must list ids; %s is not an id", field, o.what, describe(n))
			o.bad(field)
			continue
		}
		ids = append(ids, n.Value)
		at = append(at, o.d.pos(n))
	}
	return ids, at
}

// decimalPattern is what isDecimal accepts, as a regular expression: the
// JSON Schema's pattern for numbers (TestIsDecimal keeps the two alike).
const decimalPattern = `^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`

// isDecimal reports whether s is a plain decimal number, as decimalPattern
// says, without a regular expression: it is asked of every number read.
func isDecimal(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			n++
		}
		return n
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	whole, dot, frac := digits(), false, 0
	if i < len(s) && s[i] == '.' {
		i++
		dot, frac = true, digits()
	}
	if whole == 0 && (!dot || frac == 0) {
		return false // "", "+", ".", "-."
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// MaxNumber bounds the numbers plan files hold: targets, tolerances and
// actuals are less than it in size. Beyond it, differences and chart
// scales lose their meaning (or overflow to infinity) and the figures
// cannot be shown as written.
const MaxNumber = 1e15

// IsDecimal reports whether s is a plain decimal number as plan files
// write them (-5, 2.5, 1e3), whatever its size.
func IsDecimal(s string) bool { return isDecimal(s) }

// ParseNumber parses a plain decimal number as plan files write them,
// explaining the usual ways people write numbers that are not plain
// decimals ("43%", "1,234").
func ParseNumber(s string) (float64, error) { return parseNumber(s) }

// parseNumber parses a plain decimal number, explaining the usual ways
// people write numbers that are not plain decimals.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if isDecimal(t) {
		if f, err := strconv.ParseFloat(t, 64); err == nil && math.Abs(f) < MaxNumber {
			return f, nil
		}
		return 0, fmt.Errorf("%q is too large: plan numbers are less than a thousand million million (1e15), so that every report can show and compare them", s)
	}
	switch {
	case strings.HasSuffix(t, "%"):
		return 0, fmt.Errorf("%q is not a number; write it without %%, which belongs in unit", s)
	case strings.Contains(t, ","):
		return 0, fmt.Errorf("%q is not a number; write it without commas, as %s", s, strings.ReplaceAll(t, ",", ""))
	}
	return 0, fmt.Errorf("%q is not a number", s)
}
