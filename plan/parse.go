package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/internal/yamltext"
)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxHints explain in plain words the yaml errors people meet most.
var syntaxHints = []struct{ problem, hint string }{
	{"mapping values are not allowed", `text containing ": " must be in quotes`},
	{"did not find expected key", "check the indentation of this line against the lines above"},
	{"did not find expected '-' indicator", "check the indentation of this line against the lines above"},
	{"could not find expected ':'", "each line of a mapping needs a key and a colon, as in key: value"},
}

// parseYAML parses one plan file into its top-level node. It returns nil
// (and diagnostics saying why) when the file has no usable document: it is
// empty, is not UTF-8, holds merge-conflict markers, is not valid YAML,
// holds more than one document, or nests mappings and lists more than
// depth deep.
func parseYAML(file string, data []byte, depth int) (*yaml.Node, []Diagnostic) {
	if d := encoding(file, data); d != nil {
		return nil, []Diagnostic{*d}
	}
	if ds := conflictMarkers(file, data); len(ds) > 0 {
		return nil, ds
	}
	if d := unusualBreak(file, data); d != nil {
		return nil, []Diagnostic{*d}
	}
	if d := reordering(file, data); d != nil {
		return nil, []Diagnostic{*d}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, []Diagnostic{syntaxDiagnostic(file, data, err)}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, []Diagnostic{syntaxDiagnostic(file, data, err)}
	default:
		return nil, []Diagnostic{{
			Rule:    RuleSyntax,
			Pos:     Pos{file, max(extra.Line, 1), 1},
			Message: "a second YAML document (after ---); a plan file holds one document",
		}}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	ds, fatal := inspect(file, data, root, depth)
	if fatal {
		return nil, ds
	}
	return root, ds
}

// syntaxDiagnostic turns a yaml error, which carries at most a line number
// in its text, into a diagnostic, adding plain-words hints for the mistakes
// people make most.
func syntaxDiagnostic(file string, data []byte, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 1, 1
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		line = problemLine(data, line, err.Error())
	}
	switch {
	case strings.HasPrefix(msg, "exceeded max depth"):
		line = problemLine(data, 1, err.Error())
		return Diagnostic{Rule: RuleLimit, Pos: Pos{file, line, 1},
			Message: "mappings and lists nested more than 10000 deep (by the end of this line); plan files nest 5 deep at most"}
	case strings.Contains(msg, "control characters are not allowed"):
		if l, c, r, ok := firstControl(data); ok {
			return Diagnostic{Rule: RuleSyntax, Pos: Pos{file, l, c},
				Message: fmt.Sprintf("invalid YAML: a control character (%U) in the text; delete it", r)}
		}
	}
	text := lineText(data, line)
	if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
		col = i + 1
		msg += "; a tab is used for indentation: indent with spaces"
	} else {
		if t := strings.TrimLeft(text, " "); t != "" {
			col = len(text) - len(t) + 1
		}
		if h := lookalikes(text); h != "" {
			msg += "; this line " + h
		} else {
			for _, h := range syntaxHints {
				if strings.Contains(msg, h.problem) {
					msg += "; " + h.hint
					break
				}
			}
		}
	}
	return Diagnostic{Rule: RuleSyntax, Pos: Pos{file, line, col}, Message: "invalid YAML: " + msg}
}

// problemLine finds the line a YAML error is really on. For many errors the
// yaml package names the line where the enclosing block starts, not the
// line at fault; the line at fault is the first at which the text up to it
// fails with the same error. Text up to any later line fails too, so a
// binary search between the reported line and the end finds it with a few
// parses.
func problemLine(data []byte, reported int, want string) int {
	x := yamltext.New(data)
	fails := func(k int) bool { // the text of lines 1..k fails the same way
		var n yaml.Node
		err := yaml.Unmarshal(data[:x.LineStart(k+1)], &n)
		return err != nil && sameProblem(err.Error(), want)
	}
	lo, hi := reported, x.Lines()
	if lo < 1 || lo > hi {
		return reported
	}
	// The line at fault is usually a few lines on: look 1, 2, 4, ... lines
	// on before searching between, so that an error near the end of a
	// long file does not cost a parse of most of it for each halving.
	for step := 1; lo+step-1 < hi; step *= 2 {
		if k := lo + step - 1; fails(k) {
			hi = k
			break
		} else {
			lo = k + 1
		}
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// sameProblem reports whether two yaml errors describe the same problem,
// whatever lines they name.
func sameProblem(a, b string) bool {
	strip := func(s string) string {
		if m := yamlErrLine.FindStringSubmatch(s); m != nil {
			return m[2]
		}
		return s
	}
	return strip(a) == strip(b)
}

// lineText returns the text of a 1-based line, without its line break.
func lineText(data []byte, line int) string {
	return string(yamltext.New(data).Text(line))
}

// conflictMarkers reports git merge-conflict markers left in a file.
func conflictMarkers(file string, data []byte) []Diagnostic {
	if !bytes.Contains(data, []byte("<<<<<<<")) && !bytes.Contains(data, []byte(">>>>>>>")) {
		return nil
	}
	var ds []Diagnostic
	x := yamltext.New(data)
	for i := range x.Lines() {
		l := string(x.Text(i + 1))
		var what string
		switch {
		case strings.HasPrefix(l, "<<<<<<<"):
			what = "start of a git merge conflict (<<<<<<<): keep one side, delete the other and the marker lines"
		case l == "=======":
			what = "middle of a git merge conflict (=======)"
		case strings.HasPrefix(l, ">>>>>>>"):
			what = "end of a git merge conflict (>>>>>>>)"
		default:
			continue
		}
		ds = append(ds, Diagnostic{Rule: RuleSyntax, Pos: Pos{file, i + 1, 1}, Message: "unresolved merge conflict: " + what})
	}
	return ds
}

// inspect walks the tree below root once, without recursion (so that no
// input can exhaust the stack), for what plan files do not allow, and
// reports whether the file must not be read further:
//
//   - mappings and lists nested more than depth deep (root is at depth 1),
//     at the first of them (fatal);
//   - YAML anchors and aliases, which hide values from reviewers and can
//     expand without bound: one finding, at the first, stands for all of
//     them in a file, since an expansion bomb holds hundreds (fatal);
//   - YAML tags (!!binary, !!python/object, !foo), which plan files have no
//     use for and which would otherwise be silently ignored;
//   - keys and values holding a control character however it was written
//     (a double-quoted "\e" is as much an escape character as the byte
//     itself), which could act on a terminal or forge a line of a log.
//     Such a value is made visible (\x1b) for the messages that quote it.
//
// A block scalar's final line breaks (| and > keep one) are not part of
// the text: they are removed from the node's value.
func inspect(file string, data []byte, root *yaml.Node, depth int) ([]Diagnostic, bool) {
	type item struct {
		n     *yaml.Node
		depth int
	}
	var first *yaml.Node
	var nAnchors, nAliases int
	var ds []Diagnostic
	var x *yamltext.Index // made when first needed
	var controls int      // values with control characters
	var more *yaml.Node   // the first not reported on its own
	bare := bareTags(data)
	stack := []item{{root, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		n := it.n
		stack = stack[:len(stack)-1]
		if it.depth > depth {
			return []Diagnostic{{Rule: RuleLimit, Pos: Pos{file, n.Line, n.Column},
				Message: fmt.Sprintf("mappings and lists nested more than %d deep; plan files nest 5 deep at most", depth)}}, true
		}
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			if first == nil || n.Line < first.Line || n.Line == first.Line && n.Column < first.Column {
				first = n
			}
		}
		if n.Anchor != "" {
			nAnchors++
		}
		if n.Kind == yaml.AliasNode {
			nAliases++
			continue // never into what an alias points at
		}
		switch {
		case n.Style&yaml.TaggedStyle != 0:
			ds = append(ds, Diagnostic{Rule: RuleSyntax, Pos: Pos{file, n.Line, n.Column},
				Message: fmt.Sprintf("a YAML tag (%s): tags are not allowed in plan files, and this one would be ignored; delete it and write the value plainly", textsafe.Visible(n.Tag))})
		case bare[[2]int{n.Line, n.Column}]:
			ds = append(ds, Diagnostic{Rule: RuleSyntax, Pos: Pos{file, n.Line, n.Column},
				Message: "a YAML tag (!): tags are not allowed in plan files, and this one would be ignored; delete it and write the value plainly"})
		}
		if n.Kind == yaml.ScalarNode {
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				n.Value = strings.TrimRight(n.Value, "\n")
			}
			if i, r := textsafe.First(n.Value); i >= 0 {
				switch controls++; {
				case controls <= maxControlFindings:
					if x == nil {
						x = yamltext.New(data)
					}
					ds = append(ds, controlInValue(file, x, n, r))
				case controls == maxControlFindings+1:
					more = n
				}
				n.Value = textsafe.Visible(n.Value)
			}
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			c, d := n.Content[i], it.depth
			if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
				d++
			}
			stack = append(stack, item{c, d})
		}
	}
	if more != nil {
		ds = append(ds, Diagnostic{Rule: RuleBadValue, Pos: Pos{file, more.Line, more.Column},
			Message: fmt.Sprintf("%d more values from here on hold control characters, shown as escapes in other findings; plan text may hold none but tab", controls-maxControlFindings)})
	}
	if first == nil {
		return ds, false
	}
	what := fmt.Sprintf("anchor &%s", first.Anchor)
	if first.Kind == yaml.AliasNode {
		what = fmt.Sprintf("alias *%s", first.Value)
	}
	msg := what + ": anchors and aliases are not allowed in plan files; write the value out"
	if nAnchors+nAliases > 1 {
		msg += fmt.Sprintf(" (this file has %s and %s)", count(nAnchors, "anchor"), count(nAliases, "alias"))
	}
	return []Diagnostic{{Rule: RuleSyntax, Pos: Pos{file, first.Line, first.Column}, Message: msg}}, true
}

// bareTags returns the positions (line and column, as the parser counts
// them) of each "!" that could be the non-specific tag "! ", which the YAML
// parser reads and then forgets: a "!" followed by a space or the end of
// its line, at the start of a line or after a space, ':', '-', '[', '{' or
// ','. A node the parser places at one was written with it.
func bareTags(data []byte) map[[2]int]bool {
	if !bytes.Contains(data, []byte("!")) {
		return nil
	}
	var out map[[2]int]bool
	x := yamltext.New(data)
	for line := 1; line <= x.Lines(); line++ {
		text := x.Text(line)
		if !bytes.Contains(text, []byte("!")) {
			continue
		}
		col, prev := 0, rune(' ')
		for i, r := range string(text) {
			col++
			if r == '!' && strings.ContainsRune(" \t:-[{,", prev) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t') {
				if out == nil {
					out = map[[2]int]bool{}
				}
				out[[2]int{line, col}] = true
			}
			prev = r
		}
	}
	return out
}

// maxControlFindings is how many values with control characters are
// reported one by one in a file; one finding counts the rest. Placing each
// takes a walk along its line, and a hostile file can hold many thousands
// on one line.
const maxControlFindings = 20

// controlInValue is the finding for scalar n, whose value holds the
// unsafe character r: at the escape that wrote it when n is in double
// quotes, else at the start of the value.
func controlInValue(file string, x *yamltext.Index, n *yaml.Node, r rune) Diagnostic {
	pos := Pos{file, n.Line, n.Column}
	what := "the value"
	switch {
	case r == '\n' && n.Style&yaml.LiteralStyle != 0:
		return Diagnostic{Rule: RuleBadValue, Pos: pos,
			Message: "the text of this block keeps its line breaks (|); plan text is one line, so every report can show it: write > instead of | to join the lines, or write it on one line"}
	case r == '\n' && n.Style&yaml.FoldedStyle != 0:
		return Diagnostic{Rule: RuleBadValue, Pos: pos,
			Message: "a blank or more-indented line in this block is kept as a line break; plan text is one line, so every report can show it: remove the blank line"}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		what = "the quoted value"
		if off, ok := x.Offset(n.Line, n.Column); ok {
			if at, ok := escapeOf(x, off, r); ok {
				pos.Line, pos.Column = x.Pos(at)
				what = "an escape in the quoted value"
			}
		}
	}
	return Diagnostic{Rule: RuleBadValue, Pos: pos,
		Message: fmt.Sprintf("%s writes %s; plan text may hold no control characters other than tab, since they act on the terminals and logs it is shown in: delete it", what, textsafe.Name(r))}
}

// escapeOf finds, in the double-quoted scalar starting at off, the escape
// that writes the character r.
func escapeOf(x *yamltext.Index, off int, r rune) (int, bool) {
	data := x.Bytes()
	if off >= len(data) || data[off] != '"' {
		return 0, false
	}
	for i := off + 1; i < len(data); i++ {
		switch data[i] {
		case '"':
			return 0, false
		case '\\':
			if i+1 >= len(data) {
				return 0, false
			}
			if e, ok := yamlEscape(data[i+1:]); ok && e == r {
				return i, true
			}
			i++
		}
	}
	return 0, false
}

// simpleEscapes are the one-letter escapes of double-quoted YAML and what
// each writes.
var simpleEscapes = map[byte]rune{'0': 0, 'a': 7, 'b': 8, 't': 9, '\t': 9, 'n': '\n', 'v': 0x0b, 'f': 0x0c, 'r': '\r', 'e': 0x1b,
	'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029, ' ': ' ', '"': '"', '/': '/', '\\': '\\'}

// yamlEscape decodes the escape after a backslash in a double-quoted
// scalar: the character it writes.
func yamlEscape(b []byte) (rune, bool) {
	if r, ok := simpleEscapes[b[0]]; ok {
		return r, true
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if digits == 0 || len(b) < 1+digits {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[1:1+digits]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// count is n and a noun, pluralised: "1 anchor", "81 aliases".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "s"):
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// encoding reports a file that is not UTF-8, naming the first line that is
// not: plan files are UTF-8 text, and Word and Excel save Latin-1
// (Windows-1252) or UTF-16 unless told otherwise.
func encoding(file string, data []byte) *Diagnostic {
	if utf8.Valid(data) {
		return nil
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &Diagnostic{Rule: RuleSyntax, Pos: Pos{file, 1, 1},
			Message: "the file is UTF-16 text; plan files are UTF-8: save it as UTF-8"}
	}
	for off := 0; off < len(data); {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			line, col := yamltext.New(data).Pos(off)
			return &Diagnostic{Rule: RuleSyntax, Pos: Pos{file, line, col},
				Message: fmt.Sprintf("byte 0x%02X is not UTF-8 text: the file was probably saved as Latin-1 or Windows-1252, as Word and Excel do; save it as UTF-8", data[off])}
		}
		off += n
	}
	return nil
}

// unusualBreak reports the first NEL, LINE SEPARATOR or PARAGRAPH
// SEPARATOR in a file. YAML reads each as a line break but editors and git
// do not, so every position after one would name the wrong line, and an
// edit made by position would land on the wrong item: a file holding one
// is not read.
func unusualBreak(file string, data []byte) *Diagnostic {
	if !bytes.Contains(data, []byte("\u2028")) && !bytes.Contains(data, []byte("\u2029")) && !bytes.Contains(data, []byte("\u0085")) {
		return nil
	}
	for off, r := range string(data) {
		if yamltext.IsUnusualBreak(r) {
			// No unusual break comes before this one, so YAML's lines and
			// an editor's agree up to here.
			line, col := yamltext.New(data).Pos(off)
			return &Diagnostic{Rule: RuleSyntax, Pos: Pos{file, line, col},
				Message: fmt.Sprintf("a %s, as pasted from a web page or Word: YAML reads it as a line break but editors and git do not, so lines would be miscounted; replace it with a space or a new line", textsafe.Name(r))}
		}
	}
	return nil
}

// reordering reports the first bidirectional embedding, override or
// isolate written as it is anywhere in a file, comments included: it
// changes the order in which an editor, a terminal or git diff shows the
// text around it, so that what a reviewer reads is not what the file says
// ("Trojan Source"). A file holding one is not read. (One written as an
// escape in a quoted value is a finding on that value: see inspect.)
func reordering(file string, data []byte) *Diagnostic {
	if !bytes.Contains(data, []byte("\u202a")[:2]) && !bytes.Contains(data, []byte("\u2066")[:2]) {
		return nil // every one of them is encoded starting E2 80 or E2 81
	}
	for off, r := range string(data) {
		if '\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069' {
			line, col := yamltext.New(data).Pos(off)
			return &Diagnostic{Rule: RuleSyntax, Pos: Pos{file, line, col},
				Message: fmt.Sprintf("a %s: it changes the order in which editors and git diff show the text around it, so what a reviewer reads is not what the file says; delete it", textsafe.Name(r))}
		}
	}
	return nil
}

// firstControl finds the first control character YAML does not allow: any
// below U+0020 but tab, line feed and carriage return, and DEL.
func firstControl(data []byte) (line, col int, r rune, ok bool) {
	for off, r := range string(data) {
		if r < 0x20 && r != '\t' && r != '\r' && r != '\n' || r == 0x7f || 0x80 <= r && r < 0xa0 && r != 0x85 {
			line, col = yamltext.New(data).Pos(off)
			return line, col, r, true
		}
	}
	return 0, 0, 0, false
}

// lookalikes explains the characters Word puts in text that look like what
// YAML needs but are not: non-breaking spaces and curly quotes. It returns
// "" when s has none, else a phrase to follow "this line" or "the value".
func lookalikes(s string) string {
	switch {
	case strings.ContainsRune(s, '\u00a0'):
		return "holds a non-breaking space (U+00A0), as pasted from Word: type an ordinary space instead"
	case strings.ContainsAny(s, "\u201c\u201d\u2018\u2019"):
		return "holds curly quotes (\u201c \u201d), as Word types them: YAML needs straight quotes (\" or ') or none"
	}
	return ""
}

// valueHint is lookalikes for a value in a message: "" or "; the value
// holds ...".
func valueHint(s string) string {
	if h := lookalikes(s); h != "" {
		return "; the value " + h
	}
	return ""
}
