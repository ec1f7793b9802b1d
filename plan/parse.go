package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

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
// empty, holds merge-conflict markers, is not valid YAML, or holds more than
// one document.
func parseYAML(file string, data []byte) (*yaml.Node, []Diagnostic) {
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
	if ds := anchors(file, root); len(ds) > 0 {
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
	text := lineText(data, line)
	if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
		col = i + 1
		msg += "; a tab is used for indentation: indent with spaces"
	} else {
		if t := strings.TrimLeft(text, " "); t != "" {
			col = len(text) - len(t) + 1
		}
		for _, h := range syntaxHints {
			if strings.Contains(msg, h.problem) {
				msg += "; " + h.hint
				break
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

// anchors reports YAML anchors and aliases, which plan files do not allow:
// they hide values from reviewers and can expand without bound.
func anchors(file string, n *yaml.Node) []Diagnostic {
	var ds []Diagnostic
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode:
			ds = append(ds, Diagnostic{Rule: RuleSyntax, Pos: Pos{file, n.Line, n.Column},
				Message: fmt.Sprintf("alias *%s: anchors and aliases are not allowed in plan files; write the value out", n.Value)})
			return
		case n.Anchor != "":
			ds = append(ds, Diagnostic{Rule: RuleSyntax, Pos: Pos{file, n.Line, n.Column},
				Message: fmt.Sprintf("anchor &%s: anchors and aliases are not allowed in plan files; write the value out", n.Anchor)})
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ds
}
