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
	if ds := inspect(file, root, depth); len(ds) > 0 {
		return nil, ds
	}
	return root, nil
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
	lines := bytes.SplitAfter(data, []byte("\n"))
	ends := make([]int, len(lines)+1) // ends[k]: bytes in lines 1..k
	for i, l := range lines {
		ends[i+1] = ends[i] + len(l)
	}
	fails := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:ends[k]], &n)
		return err != nil && sameProblem(err.Error(), want)
	}
	lo, hi := reported, len(lines)
	if lo < 1 || lo > hi {
		return reported
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

func lineText(data []byte, line int) string {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// conflictMarkers reports git merge-conflict markers left in a file.
func conflictMarkers(file string, data []byte) []Diagnostic {
	if !bytes.Contains(data, []byte("<<<<<<<")) && !bytes.Contains(data, []byte(">>>>>>>")) {
		return nil
	}
	var ds []Diagnostic
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSuffix(l, "\r")
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
// input can exhaust the stack), for what plan files do not allow. Mappings
// and lists nested more than depth deep (root is at depth 1) are reported
// at the first of them. Else YAML anchors and aliases are reported: they
// hide values from reviewers and can expand without bound. One finding, at
// the first, stands for all of them in a file: an expansion bomb holds
// hundreds.
func inspect(file string, root *yaml.Node, depth int) []Diagnostic {
	type item struct {
		n     *yaml.Node
		depth int
	}
	var first *yaml.Node
	var nAnchors, nAliases int
	stack := []item{{root, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		n := it.n
		stack = stack[:len(stack)-1]
		if it.depth > depth {
			return []Diagnostic{{Rule: RuleLimit, Pos: Pos{file, n.Line, n.Column},
				Message: fmt.Sprintf("mappings and lists nested more than %d deep; plan files nest 5 deep at most", depth)}}
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
		for i := len(n.Content) - 1; i >= 0; i-- {
			c, d := n.Content[i], it.depth
			if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
				d++
			}
			stack = append(stack, item{c, d})
		}
	}
	if first == nil {
		return nil
	}
	what := fmt.Sprintf("anchor &%s", first.Anchor)
	if first.Kind == yaml.AliasNode {
		what = fmt.Sprintf("alias *%s", first.Value)
	}
	msg := what + ": anchors and aliases are not allowed in plan files; write the value out"
	if nAnchors+nAliases > 1 {
		msg += fmt.Sprintf(" (this file has %s and %s)", count(nAnchors, "anchor"), count(nAliases, "alias"))
	}
	return []Diagnostic{{Rule: RuleSyntax, Pos: Pos{file, first.Line, first.Column}, Message: msg}}
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
	line, col := 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return &Diagnostic{Rule: RuleSyntax, Pos: Pos{file, line, col},
				Message: fmt.Sprintf("byte 0x%02X is not UTF-8 text: the file was probably saved as Latin-1 or Windows-1252, as Word and Excel do; save it as UTF-8", data[0])}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return nil
}

// firstControl finds the first control character YAML does not allow: any
// below U+0020 but tab, line feed and carriage return, and DEL.
func firstControl(data []byte) (line, col int, r rune, ok bool) {
	line, col = 1, 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7f, 0x80 <= r && r < 0xa0 && r != 0x85:
			return line, col, r, true
		}
		col++
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
