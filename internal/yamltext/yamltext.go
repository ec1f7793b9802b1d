// Package yamltext maps the positions the YAML parser gives onto a file's
// bytes. The parser (go.yaml.in/yaml/v3) breaks lines where YAML does: at
// a line feed, a carriage return alone, a carriage return and line feed
// (one break), NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
// SEPARATOR (U+2029); and it counts columns in characters, from 1, with a
// byte order mark at the start of the file not counted. Anything that turns
// a node's line and column into a byte offset, or an offset into a line and
// column, must count the same way, or a text patch lands on the wrong line.
package yamltext

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// BOM is the UTF-8 byte order mark.
const BOM = "\ufeff"

// BreakLen returns the length in bytes of the line break at data[off:], or
// 0 when none starts there.
func BreakLen(data []byte, off int) int {
	if off >= len(data) {
		return 0
	}
	switch data[off] {
	case '\n':
		return 1
	case '\r':
		if off+1 < len(data) && data[off+1] == '\n' {
			return 2
		}
		return 1
	case 0xc2:
		if off+1 < len(data) && data[off+1] == 0x85 {
			return 2
		}
	case 0xe2:
		if off+2 < len(data) && data[off+1] == 0x80 && (data[off+2] == 0xa8 || data[off+2] == 0xa9) {
			return 3
		}
	}
	return 0
}

// IsUnusualBreak reports whether r is a character YAML reads as a line
// break but editors, git and most tools do not: NEL, LINE SEPARATOR or
// PARAGRAPH SEPARATOR.
func IsUnusualBreak(r rune) bool {
	return r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// Index holds where each line of a file starts, counted as YAML counts.
type Index struct {
	data   []byte
	starts []int // byte offset of the start of each line; starts[0] is past any BOM
	ends   []int // byte offset of the end of each line's text, before its break
	eol    string
}

// New indexes data.
func New(data []byte) *Index {
	x := &Index{data: data, starts: make([]int, 1, 1+bytes.Count(data, []byte("\n")))}
	if bytes.HasPrefix(data, []byte(BOM)) {
		x.starts[0] = len(BOM)
	}
	for i := x.starts[0]; i < len(data); {
		c := data[i]
		if c != '\n' && c != '\r' && c != 0xc2 && c != 0xe2 {
			i++
			continue
		}
		n := BreakLen(data, i)
		if n == 0 {
			i++
			continue
		}
		if x.eol == "" {
			x.eol = string(data[i : i+n])
		}
		x.ends = append(x.ends, i)
		i += n
		x.starts = append(x.starts, i)
	}
	x.ends = append(x.ends, len(data))
	return x
}

// EOL returns the file's first line break, or "\n" when it has none: what
// a line added to it should end with.
func (x *Index) EOL() string {
	if x.eol == "" || x.eol == "\u0085" || x.eol == "\u2028" || x.eol == "\u2029" {
		return "\n"
	}
	return x.eol
}

// Lines returns the number of lines: one more than the number of breaks.
func (x *Index) Lines() int { return len(x.starts) }

// LineStart returns the offset of the start of a 1-based line, clamped to
// the file.
func (x *Index) LineStart(line int) int {
	switch {
	case line < 1:
		return x.starts[0]
	case line > len(x.starts):
		return len(x.data)
	}
	return x.starts[line-1]
}

// LineEnd returns the offset of the end of a 1-based line's text, before
// its break.
func (x *Index) LineEnd(line int) int {
	switch {
	case line < 1:
		line = 1
	case line > len(x.ends):
		return len(x.data)
	}
	return x.ends[line-1]
}

// NextLine returns the offset of the start of the line after the one
// holding off, or the length of the file when it is the last.
func (x *Index) NextLine(off int) int {
	l := x.Line(off)
	if l >= len(x.starts) {
		return len(x.data)
	}
	return x.starts[l]
}

// Line returns the 1-based line holding the byte at off.
func (x *Index) Line(off int) int {
	return max(1, sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }))
}

// Offset returns the byte offset of a 1-based line and column (counted in
// characters). It reports false when the position is not in the file or
// falls beyond the end of its line.
func (x *Index) Offset(line, col int) (int, bool) {
	if line < 1 || line > len(x.starts) || col < 1 {
		return 0, false
	}
	off, end := x.starts[line-1], x.LineEnd(line)
	for i := 1; i < col; i++ {
		if off >= end {
			return 0, false
		}
		_, size := utf8.DecodeRune(x.data[off:])
		off += size
	}
	return off, true
}

// Pos returns the 1-based line and column of the byte at off.
func (x *Index) Pos(off int) (line, col int) {
	line = x.Line(off)
	start := x.starts[max(line-1, 0)]
	if off < start {
		return line, 1
	}
	return line, utf8.RuneCount(x.data[start:off]) + 1
}

// Bytes returns the file indexed.
func (x *Index) Bytes() []byte { return x.data }

// Text returns the text of a 1-based line, without its break.
func (x *Index) Text(line int) []byte {
	if line < 1 || line > len(x.starts) {
		return nil
	}
	return x.data[x.starts[line-1]:x.LineEnd(line)]
}
