package history

import (
	"sort"
	"strings"

	"github.com/plan-tool/plan/internal/yamltext"
	"github.com/plan-tool/plan/plan"
)

// A plan file is mostly lists of items, each an entry of a block list
// ("- ") holding its id ("id: ID" on any of its lines at its keys'
// indentation, or "- {id: ID, ...}"). A commit usually changes a few items
// of a long file. To find which without parsing the file, a version of a
// file is split into the text of each item (its span) and the rest, the
// skeleton: the file's header, the keys of its lists, comments. An item
// whose text and place in an unchanged skeleton are the same in two
// versions is the same item: it is read the same way whatever the other
// items say. An item whose text differs is parsed alone, in the skeleton
// of its version.
//
// The split follows YAML's scanner (go.yaml.in/yaml/v3), not the look of
// the lines: a quoted scalar, a flow collection, a block scalar or a plain
// scalar runs on over line breaks, whatever the lines it runs over look
// like, and belongs to the line it starts on (see lexer). Whatever the
// lexer cannot read exactly as the scanner does (tabs in indentation,
// anchors, aliases, tags, quoted or complex keys, directives, a second
// document, a byte order mark after the start) makes the version
// unsplittable: it is parsed whole.
//
// Where the scanner would stop at an error the file cannot be read whole,
// and the lexer reads on as a person would (a quoted scalar left open runs
// to the end of the file): a commit that breaks one item so leaves the
// others as they were.

// span is the text of one item in a version of a file.
type span struct {
	id         string
	start, end int    // byte offsets: from its "- " line to the next line indented no deeper
	ord        int    // the number of skeleton lines before it
	list       string // the top-level key of the list it is in, when plain: "actions"
}

// index is a version of a file split into spans and skeleton.
type index struct {
	src   string // the text split
	spans []span
	byID  map[string]int // id -> index into spans
	// skeleton is the text outside the spans, without blank lines and
	// comments, which say nothing about the items; lines is how many
	// lines it has.
	skeleton string
	lines    int
}

// newIndex splits text into spans and skeleton. like, when not nil, is
// the index of another version of the file, most likely with the same
// items: only the text from the item before the first byte that differs
// to where the two versions are split alike again is read (see
// resplit), and like's ids are shared when they are the same, in the same
// order. It reports false when the file cannot be split so that each item
// is a span, exactly as YAML reads it: a construct the lexer refuses, an
// entry of a top-level list without exactly one plain id, two items with
// the same id, or a flow collection outside the items holding an id.
// Such versions are parsed whole.
func newIndex(text string, like *index) (*index, bool) {
	ix, ok := resplit(text, like)
	if !ok {
		ix, ok = split(text, like)
	}
	if !ok {
		return nil, false
	}
	if like != nil && sameIDs(ix, like) {
		ix.byID = like.byID // never written once made
		return ix, true
	}
	ix.byID = make(map[string]int, len(ix.spans))
	for i, sp := range ix.spans {
		ix.byID[sp.id] = i
	}
	if len(ix.byID) < len(ix.spans) {
		return nil, false // two items have an id
	}
	return ix, true
}

// split splits the whole of text, as newIndex, without making byID.
func split(text string, like *index) (*index, bool) {
	hint := 0
	if like != nil {
		hint = len(like.spans)
	}
	sp := &splitter{ix: &index{src: text, spans: make([]span, 0, hint)}, lx: lexer{s: text, open: -1, sep: lineSep(text)}, open: -1, keys: -1, lists: map[string]int{}}
	if strings.HasPrefix(text, yamltext.BOM) {
		sp.lx.pos = len(yamltext.BOM)
	}
	if strings.Contains(text[sp.lx.pos:], yamltext.BOM) {
		return nil, false // YAML reads it as a column at the start of a line
	}
	for sp.lx.pos < len(text) {
		if sp.step() == refused {
			return nil, false
		}
	}
	if !sp.finish() {
		return nil, false
	}
	for key, n := range sp.lists {
		if n < 2 {
			continue
		}
		for i := range sp.ix.spans {
			if sp.ix.spans[i].list == key {
				sp.ix.spans[i].list = "" // a key given twice: which list is read is the parser's business
			}
		}
	}
	sp.ix.skeleton = sp.skeleton.String()
	sp.ix.lines = sp.ord
	ownIDs(sp.ix.spans)
	return sp.ix, true
}

// ownIDs copies the ids of spans, which are parts of the text split, out
// of it, all in one string: an index made from this one, sharing its
// spans, keeps its ids but not its text.
func ownIDs(spans []span) {
	n := 0
	for _, s := range spans {
		n += len(s.id)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range spans {
		b.WriteString(s.id)
	}
	all, off := b.String(), 0
	for i := range spans {
		n := len(spans[i].id)
		spans[i].id = all[off : off+n]
		off += n
	}
}

// resplit splits text as split does, knowing like, the index of another
// version of the file, most likely a commit apart. The two texts are the
// same up to some byte and from some byte on to their ends. Up to the
// item before the one that byte is in, the lexer reads both alike: their
// items are like's. From there it reads text until it starts an item,
// past the change, where like has one, the two versions then being split
// alike to their ends: the rest of the items are like's, moved. When no
// line of the skeleton is among those read, in either version, the
// skeleton is like's. resplit reports false when it cannot do so (the
// change is in the first item or outside the items, or like is nil): the
// text must then be split whole.
func resplit(text string, like *index) (*index, bool) {
	if like == nil || len(like.spans) < 2 {
		return nil, false
	}
	old := like.src
	p := commonPrefix(text, old)
	q := commonSuffix(text[p:], old[p:])
	if p == len(text) && p == len(old) {
		ix := *like
		ix.src = text
		return &ix, true
	}
	// The item holding the first byte that differs, or after which it is;
	// reading starts at the item before it, whose first line ends before
	// p, so that no line before it was read with a look at the change.
	k := sort.Search(len(like.spans), func(i int) bool { return like.spans[i].start > p }) - 2
	if k < 0 {
		return nil, false
	}
	from := like.spans[k]
	if strings.Contains(text[p:len(text)-q], yamltext.BOM) {
		return nil, false
	}
	spans := make([]span, k, len(like.spans)+8)
	copy(spans, like.spans[:k])
	sp := &splitter{ix: &index{src: text, spans: spans}, lx: lexer{s: text, pos: from.start, open: -1, content: true},
		open: -1, keys: -1, ord: from.ord, list: from.list, lists: map[string]int{}}
	shift := len(old) - len(text)
	for sp.lx.pos < len(text) {
		at := sp.lx.pos
		switch sp.step() {
		case refused, skeletonLine:
			return nil, false
		case itemStart:
			if at < len(text)-q {
				continue
			}
			// Past the change, where like starts an item too, with no line
			// of the skeleton between: split alike from here.
			j := sort.Search(len(like.spans), func(i int) bool { return like.spans[i].start >= at+shift })
			if j == len(like.spans) || like.spans[j].start != at+shift || like.spans[j].ord != from.ord {
				continue
			}
			sp.ix.spans = sp.ix.spans[:len(sp.ix.spans)-1]
			ownIDs(sp.ix.spans[k:])
			for _, s := range like.spans[j:] {
				s.start, s.end = s.start-shift, s.end-shift
				sp.ix.spans = append(sp.ix.spans, s)
			}
			sp.ix.skeleton, sp.ix.lines = like.skeleton, like.lines
			return sp.ix, true
		}
	}
	if !sp.finish() || like.lines != from.ord {
		return nil, false // the skeleton's last lines were read
	}
	ownIDs(sp.ix.spans[k:])
	sp.ix.skeleton, sp.ix.lines = like.skeleton, like.lines
	return sp.ix, true
}

// commonPrefix returns the length of the longest common prefix of a and
// b.
func commonPrefix(a, b string) int {
	const chunk = 4096 // compared at once, then byte by byte
	n := min(len(a), len(b))
	i := 0
	for i+chunk <= n && a[i:i+chunk] == b[i:i+chunk] {
		i += chunk
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns the length of the longest common suffix of a and
// b.
func commonSuffix(a, b string) int {
	const chunk = 4096
	n := min(len(a), len(b))
	i := 0
	for i+chunk <= n && a[len(a)-i-chunk:len(a)-i] == b[len(b)-i-chunk:len(b)-i] {
		i += chunk
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// splitter is newIndex's state as it reads a text a logical line at a
// time.
type splitter struct {
	ix       *index
	lx       lexer
	l        line
	skeleton strings.Builder
	// The item being read: its span (-1 when none), the indentation of
	// its dash and of its keys (-1 for a flow mapping), its id, how many
	// ids it has, and the offset its text ends at so far.
	open, dash, keys int
	id               string
	ids, pending     int
	ord              int            // skeleton lines so far
	list             string         // the top-level list key last seen
	lists            map[string]int // how often each top-level list key is seen
}

// event is what a logical line did.
type event int

const (
	refused      event = iota // the text holds what the lexer refuses, or an item is wrong
	itemLine                  // it is part of the item being read, or blank or a comment
	itemStart                 // it starts an item
	skeletonLine              // it is a line of the skeleton
)

// step reads one logical line.
func (sp *splitter) step() event {
	l := &sp.l
	if !sp.lx.next(l) {
		return refused
	}
	if sp.open >= 0 {
		switch {
		case l.kind == blankLine:
			if sp.pending == l.start {
				sp.pending = l.end // blank lines after an item are its own
			}
			return itemLine
		case l.kind == commentLine:
			return itemLine // the item's if more of it follows
		case l.indent > sp.dash:
			sp.pending = l.end
			if l.indent == sp.keys && !l.dash && l.key == "id" {
				sp.ids++
				sp.id = l.value
			}
			return itemLine
		}
		if !sp.finish() {
			return refused
		}
	}
	switch {
	case l.kind == blankLine || l.kind == commentLine:
		return itemLine
	case l.dash:
		sp.ix.spans = append(sp.ix.spans, span{start: l.start, ord: sp.ord, list: sp.list})
		sp.open, sp.dash, sp.keys, sp.pending = len(sp.ix.spans)-1, l.indent, l.keyCol, l.end
		sp.id, sp.ids = "", 0
		switch {
		case l.dashes != 1:
		case l.key == "id":
			sp.id, sp.ids = l.value, 1
		case l.flowMap:
			sp.id, sp.ids = l.value, l.ids
		}
		return itemStart
	case l.hasID:
		return refused // a flow collection holding items the index would not see
	}
	text := sp.lx.s
	sp.skeleton.WriteString(text[l.start:l.end])
	if l.end == len(text) && !endsInBreak(text[l.start:l.end]) {
		sp.skeleton.WriteByte('\n') // the last line, as if it had its break
	}
	sp.ord++
	sp.list = ""
	if l.indent == 0 && l.key != "" && l.empty && plan.IsID(l.key) {
		sp.list = strings.Clone(l.key) // kept by spans, which outlive text (see ownIDs)
		sp.lists[sp.list]++
	}
	return skeletonLine
}

// finish ends the item being read, if any, and reports whether it has
// exactly one id that YAML reads as written.
func (sp *splitter) finish() bool {
	if sp.open < 0 {
		return true
	}
	s := &sp.ix.spans[sp.open]
	s.end, s.id = sp.pending, sp.id
	sp.open = -1
	return sp.ids == 1 && sp.id != ""
}

// sameIDs reports whether two indexes have items with the same ids in the
// same order.
func sameIDs(a, b *index) bool {
	if len(a.spans) != len(b.spans) {
		return false
	}
	for k := range a.spans {
		if a.spans[k].id != b.spans[k].id {
			return false
		}
	}
	return true
}

// isID reports whether s, written plain as a value, is read by plan as
// the id s: an id, and not one of the words YAML reads as null.
func isID(s string) bool {
	return plan.IsID(s) && s != "null" && s != "Null" && s != "NULL"
}

// lineKind says what a logical line holds.
type lineKind int

const (
	contentLine lineKind = iota
	blankLine
	commentLine
)

// line is a logical line: a line of the file that starts a token or is
// blank or a comment, with the lines that the tokens started on it run on
// over.
type line struct {
	start, end int // byte offsets: from its first byte to past its last line break
	indent     int // spaces before its first character
	kind       lineKind

	dash   bool // it starts with an entry of a block list, "- "
	dashes int  // how many ("- - x" is a list in a list)
	keyCol int  // the column of the key it starts (after any dashes), or -1
	key    string
	empty  bool // the key has no value on the line: what follows is its value
	// value is what YAML reads from the line as the key's value, when the
	// key is "id", or as the value of "id" in the flow mapping after the
	// dash: "" unless that is an id written plain on one line.
	value   string
	flowMap bool // a flow mapping follows the dash
	ids     int  // how many "id" keys that flow mapping has
	hasID   bool // a flow collection on the line holds an "id" key, at any depth
}

// lexer reads a file's text as YAML's scanner does, a logical line at a
// time, as far as the index needs: where each line that starts a token
// begins, how deep it is indented, whether it is blank or a comment, and
// what it starts (a list entry, a key and its value). A token that runs on
// over line breaks belongs to the line it starts on, with every line it
// runs over:
//
//   - a quoted scalar, to its closing quote, whatever the lines between
//     hold and however they are indented;
//   - a flow collection ({...} or [...]), to its closing bracket;
//   - a block scalar (| or >), over the lines indented as its content,
//     set by its indentation indicator or by its first line, as the
//     scanner sets it;
//   - a plain scalar, over the lines indented deeper than the key or dash
//     it is the value of, up to a blank line's end, a comment or a line
//     indented no deeper.
//
// Line breaks are YAML's (yamltext.BreakLen): LF, CR LF, CR alone, NEL,
// LINE SEPARATOR, PARAGRAPH SEPARATOR.
type lexer struct {
	s   string
	pos int
	// open is the column of the key or dash last read whose value is on
	// the lines after it ("key:" or "-" alone at the end of a line), or -1.
	open    int
	content bool // a content line has been read
	// peek is the start of a line plain read on to see whether it was
	// more of a scalar, and peekAt the offset of its first character
	// after its indentation (spaces alone).
	peek, peekAt int
	sep          byte // what every line break starts with, when they are all alike (see lineSep)
}

// breakLen returns the length of the line break at s[i:], or 0.
func breakLen(s string, i int) int {
	if i >= len(s) || !mayBreak(s[i]) {
		return 0
	}
	if s[i] == '\n' {
		return 1
	}
	// A short conversion that does not escape costs no allocation.
	return yamltext.BreakLen([]byte(s[i:min(i+3, len(s))]), 0)
}

// mayBreak reports whether a line break can start with the byte c.
func mayBreak(c byte) bool { return c == '\n' || c == '\r' || c == 0xc2 || c == 0xe2 }

// trimBlanks returns s without its trailing spaces and tabs.
func trimBlanks(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// endsInBreak reports whether s ends with a line break.
func endsInBreak(s string) bool {
	for n := 1; n <= 3 && n <= len(s); n++ {
		if breakLen(s, len(s)-n) == n {
			return true
		}
	}
	return false
}

// blankz reports whether s[i] is a space, a tab, a line break or the end:
// what must follow a ':' for it to end a key, or a '-' for it to start an
// entry.
func blankz(s string, i int) bool {
	return i >= len(s) || s[i] == ' ' || s[i] == '\t' || breakLen(s, i) > 0
}

// eol returns the offset of the line break ending the line at i, or the
// end of the text.
func (lx *lexer) eol(i int) int {
	s := lx.s
	if lx.sep != 0 {
		if k := strings.IndexByte(s[i:], lx.sep); k >= 0 {
			return i + k
		}
		return len(s)
	}
	for ; i < len(s); i++ {
		if mayBreak(s[i]) && breakLen(s, i) > 0 {
			break
		}
	}
	return i
}

// lineSep returns the byte every line break in s starts with when they
// are all LF, all CR LF or all CR, else 0.
func lineSep(s string) byte {
	if strings.Contains(s, "\u0085") || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") {
		return 0
	}
	cr, lf := strings.Count(s, "\r"), strings.Count(s, "\n")
	switch {
	case cr == 0:
		return '\n'
	case lf == 0:
		return '\r'
	case cr == lf && strings.Count(s, "\r\n") == cr:
		return '\r'
	}
	return 0
}

// comment returns the offset of the '#' starting a comment in s[i:e],
// the text of a plain scalar on one line (a '#' after a space or tab), or
// e when there is none.
func (lx *lexer) comment(i, e int) int {
	s := lx.s
	for k := i + 1; k < e; k++ {
		if s[k] == '#' && (s[k-1] == ' ' || s[k-1] == '\t') {
			return k
		}
	}
	return e
}

// pastBreak returns the offset past the line break at i, if there is one.
func (lx *lexer) pastBreak(i int) int { return i + breakLen(lx.s, i) }

// spaces skips spaces and tabs from i.
func (lx *lexer) spaces(i int) int {
	for i < len(lx.s) && (lx.s[i] == ' ' || lx.s[i] == '\t') {
		i++
	}
	return i
}

// next reads into l the logical line at lx.pos, which starts a line. It
// reports false when the text holds what the lexer does not read as the
// scanner does.
func (lx *lexer) next(l *line) bool {
	s := lx.s
	*l = line{start: lx.pos, keyCol: -1}
	i := lx.pos
	if lx.peek == i && lx.peekAt > i {
		i = lx.peekAt // counted already
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	l.indent = i - l.start
	switch {
	case i == len(s) || breakLen(s, i) > 0:
		l.kind = blankLine
		lx.pos = lx.pastBreak(i)
		l.end = lx.pos
		return true
	case s[i] == '#':
		l.kind = commentLine
		lx.pos = lx.pastBreak(lx.eol(i))
		l.end = lx.pos
		return true
	case s[i] == '\t':
		return false // a tab in indentation: YAML refuses it, or reads it as a space after some
	case l.indent == 0 && (strings.HasPrefix(s[i:], "---") || strings.HasPrefix(s[i:], "...")) && blankz(s, i+3):
		if lx.content || s[i] == '.' {
			return false // documents after the first
		}
		lx.content = true
		end, ok := lx.rest(i + 3)
		if !ok {
			return false // "--- text": a document written on the marker's line
		}
		lx.pos, l.end = end, end
		return true
	}
	lx.content = true
	parent := lx.open // the column whose value a lone node here would be
	lx.open = -1
	col := l.indent
	for i < len(s) && s[i] == '-' && blankz(s, i+1) {
		l.dash = true
		l.dashes++
		parent = col
		i++
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && s[i] == '\t' {
			return false // YAML refuses a tab after a dash
		}
		col = i - l.start
	}
	if l.dash && (i == len(s) || breakLen(s, i) > 0 || s[i] == '#') {
		lx.open = parent // "-" alone: its value follows
		lx.pos = lx.pastBreak(lx.eol(i))
		l.end = lx.pos
		return true
	}
	end, ok := lx.node(l, i, col, parent)
	if !ok {
		return false
	}
	lx.pos, l.end = end, end
	return true
}

// node reads the node starting at s[i], at column col of a logical line,
// to the end of that line: a key and its value, or a value alone. parent
// is the column of the block collection holding it, or -1 when not known
// (a value alone at the start of a line that follows no "key:"). It
// returns where the logical line ends.
func (lx *lexer) node(l *line, i, col, parent int) (int, bool) {
	s := lx.s
	switch c := s[i]; {
	case c == '&' || c == '*' || c == '!' || c == '%':
		return 0, false // anchors, aliases, tags, directives
	case (c == '?' || c == ':') && blankz(s, i+1):
		return 0, false // complex keys
	case c == '"' || c == '\'' || c == '[' || c == '{':
		end, ok := lx.value(l, i, false)
		if !ok {
			return 0, false
		}
		return lx.after(end)
	case c == '|' || c == '>':
		if parent < 0 {
			return 0, false
		}
		return lx.blockScalar(i, parent)
	}
	// A plain scalar: a key if ": " follows on its line, before any
	// comment.
	e := lx.eol(i)
	for j := i; j < e; j++ {
		if s[j] == '#' && j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
			break // a comment
		}
		if s[j] == ':' && blankz(s, j+1) {
			l.keyCol = col
			l.key = trimBlanks(s[i:j])
			return lx.keyValue(l, j+1, e)
		}
	}
	if parent < 0 || l.indent <= parent && !l.dash {
		// Not a value YAML could read here: the file is broken there, and
		// the line is read as a line.
		return lx.pastBreak(e), true
	}
	end, _ := lx.plain(i, e, parent)
	return end, true
}

// keyValue reads the value after a key's ':' at s[i-1], on a line whose
// text ends at e, to the end of the logical line.
func (lx *lexer) keyValue(l *line, i, e int) (int, bool) {
	s := lx.s
	i = lx.spaces(i)
	if i == e || s[i] == '#' {
		l.empty = true
		lx.open = l.keyCol
		return lx.pastBreak(e), true
	}
	switch c := s[i]; {
	case c == '&' || c == '*' || c == '!' || c == '%':
		return 0, false
	case c == '"' || c == '\'' || c == '[' || c == '{':
		end, ok := lx.value(l, i, true)
		if !ok {
			return 0, false
		}
		return lx.after(end)
	case c == '|' || c == '>':
		return lx.blockScalar(i, l.keyCol)
	}
	end, textEnd := lx.plain(i, e, l.keyCol)
	if l.key == "id" && textEnd >= 0 && isID(trimBlanks(s[i:textEnd])) {
		l.value = trimBlanks(s[i:textEnd])
	}
	return end, true
}

// value reads a quoted scalar or a flow collection at s[i] and returns
// the offset past it. When it is a flow mapping after a dash, l learns the
// ids it holds.
func (lx *lexer) value(l *line, i int, afterKey bool) (int, bool) {
	switch lx.s[i] {
	case '"', '\'':
		return lx.quoted(i), true
	}
	end, f, ok := lx.flow(i)
	if !ok {
		return 0, false
	}
	l.hasID = f.anyID
	if !afterKey && l.dash && lx.s[i] == '{' {
		l.flowMap = true
		l.ids = len(f.ids)
		if len(f.ids) == 1 && isID(f.ids[0]) {
			l.value = f.ids[0]
		}
	}
	return end, true
}

// rest reads what may follow a marker or indicator on its line, spaces
// and a comment, and returns the offset past the line's break. Anything
// else is refused.
func (lx *lexer) rest(i int) (int, bool) {
	s := lx.s
	i = lx.spaces(i)
	if i < len(s) && s[i] == '#' {
		i = lx.eol(i)
	}
	if i < len(s) && breakLen(s, i) == 0 {
		return 0, false
	}
	return lx.pastBreak(i), true
}

// after reads the rest of the line after a quoted scalar or a flow
// collection and returns the offset past its break. A ':' there makes the
// node a key (quoted, or a collection), refused; after anything but
// spaces and a comment the scanner fails, and the line is read as a line.
func (lx *lexer) after(i int) (int, bool) {
	s := lx.s
	i = lx.spaces(i)
	if i < len(s) && s[i] == ':' && blankz(s, i+1) {
		return 0, false
	}
	return lx.pastBreak(lx.eol(i)), true
}

// quoted reads a quoted scalar whose opening quote is at s[i] and returns
// the offset past its closing quote, or the end of the text when it has
// none (the scanner fails there, having read the rest of the file into
// it).
func (lx *lexer) quoted(i int) int {
	s, q := lx.s, lx.s[i]
	for i++; i < len(s); i++ {
		switch {
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++ // '' is a quote
		case s[i] == q:
			return i + 1
		case s[i] == '\\' && q == '"' && i+1 < len(s):
			i += max(breakLen(s, i+1), 1) // an escape, or an escaped line break
		}
	}
	return len(s)
}

// plain reads a plain scalar in a block starting at s[i], on a line whose
// text ends at e, the value of a key or dash at column parent. It returns
// the offset past the logical line it ends and, when the scalar is on
// that one line, the offset its text ends at (before any spaces and
// comment), else -1. As the scanner does, it runs on over the lines after,
// blank ones included, while they are indented deeper than parent and do
// not start with a comment; a comment (" #") ends it.
func (lx *lexer) plain(i, e, parent int) (end, textEnd int) {
	s := lx.s
	textEnd = -1
	for n := 0; ; n++ {
		c := lx.comment(i, e)
		if n == 0 {
			textEnd = c
		}
		end := lx.pastBreak(e)
		if c < e || end == len(s) {
			return end, textEnd
		}
		// The next line that is not blank: is it more of the scalar?
		for k := end; ; {
			c := k
			for c < len(s) && s[c] == ' ' {
				c++
			}
			if c < len(s) && s[c] == '\t' {
				// YAML refuses a tab here, or reads it as a space: either
				// way the line is the scalar's if the text after is.
				c = lx.spaces(c)
			} else {
				lx.peek, lx.peekAt = k, c // for next, which reads the line again
			}
			if c < len(s) && breakLen(s, c) > 0 {
				k = lx.pastBreak(c)
				continue
			}
			if c == len(s) || c-k <= parent || s[c] == '#' {
				return end, textEnd
			}
			i, e, textEnd = c, lx.eol(c), -1
			break
		}
	}
}

// blockScalar reads a block scalar whose indicator (| or >) is at s[i],
// the value of a key or dash at column parent, and returns the offset
// past its last line, as yaml_parser_scan_block_scalar reads it.
func (lx *lexer) blockScalar(i, parent int) (int, bool) {
	s := lx.s
	i++
	increment, chomp := 0, false
	for i < len(s) {
		if c := s[i]; (c == '+' || c == '-') && !chomp {
			chomp = true
		} else if c >= '1' && c <= '9' && increment == 0 {
			increment = int(c - '0')
		} else {
			break
		}
		i++
	}
	end, ok := lx.rest(i)
	if !ok {
		return 0, false
	}
	indent := 0
	if increment > 0 {
		indent = parent + increment
	}
	// breaks skips the lines that are empty to the indentation, as
	// yaml_parser_scan_block_scalar_breaks does, setting the indentation
	// from the first line that is not when it is not yet set; it returns
	// the start of the line it stopped at and that line's column.
	breaks := func(at int) (lineStart, col int, ok bool) {
		most := 0
		for {
			lineStart, col = at, 0
			for at < len(s) && s[at] == ' ' && (indent == 0 || col < indent) {
				at++
				col++
			}
			most = max(most, col)
			if at < len(s) && s[at] == '\t' && (indent == 0 || col < indent) {
				return 0, 0, false
			}
			if at == len(s) || breakLen(s, at) == 0 {
				break
			}
			at = lx.pastBreak(at)
		}
		if indent == 0 {
			indent = max(most, parent+1, 1)
		}
		return lineStart, col, true
	}
	start, col, ok := breaks(end)
	if !ok {
		return 0, false
	}
	for col == indent && start+col < len(s) {
		start, col, ok = breaks(lx.pastBreak(lx.eol(start + col)))
		if !ok {
			return 0, false
		}
	}
	if start+col == len(s) {
		return len(s), true
	}
	return start, true
}

// flowInfo is what the index needs of a flow collection.
type flowInfo struct {
	ids   []string // the values of the "id" keys of the outer collection, "" when not a plain id on one line
	anyID bool     // some mapping within has an "id" key
}

// flow reads a flow collection whose opening bracket is at s[i] and returns
// the offset past its closing bracket, or the end of the text when it has
// none, as the scanner reads it in the flow context: line breaks and
// indentation mean nothing; a comment starts at '#' where a token may
// start, or after a space in a plain scalar; a plain scalar ends at
// ",?[]{}" or at ": ".
func (lx *lexer) flow(i int) (int, flowInfo, bool) {
	s := lx.s
	var f flowInfo
	const (
		tokenStart = iota // where a token may start
		inPlain           // in a plain scalar
		afterPlain        // after a plain scalar and a space: a ':' makes it a key
		afterNode         // after a quoted scalar or a collection
	)
	state := tokenStart
	var brackets []byte
	plainStart, plainEnd := 0, 0 // the plain scalar last read
	plainIsID := false           // it is the value of the outer mapping's "id"
	awaitID := false             // the outer mapping's "id" key was read: its value is next
	lineStart := i               // where the line being read starts
	notPlain := func() {         // the value awaited is not a plain scalar
		if awaitID {
			f.ids = append(f.ids, "")
			awaitID = false
		}
	}
	for i < len(s) {
		c := s[i]
		if n := breakLen(s, i); n > 0 || c == ' ' || c == '\t' {
			if n > 0 {
				i += n
				lineStart = i
			} else {
				i++
			}
			if state == inPlain {
				state = afterPlain
			}
			continue
		}
		if c == '#' && state != inPlain {
			i = lx.eol(i)
			continue
		}
		ends := strings.IndexByte(",?[]{}", c) >= 0 || c == ':' && blankz(s, i+1)
		if state == afterPlain && !ends {
			state = inPlain // another word of the same scalar
		}
		if state == inPlain {
			if !ends {
				plainEnd = i + 1
				i++
				continue
			}
			state = afterPlain
			if plainIsID {
				v := s[plainStart:plainEnd]
				if strings.ContainsAny(v, "\r\n\u0085\u2028\u2029") {
					v = "" // over lines: not an id written plain
				}
				f.ids = append(f.ids, v)
				plainIsID = false
			}
		}
		switch {
		case c == '[' || c == '{':
			if state != tokenStart {
				return 0, f, false
			}
			notPlain()
			brackets = append(brackets, c)
		case c == ']' || c == '}':
			notPlain()
			if len(brackets) == 0 || brackets[len(brackets)-1] != c-2 { // '['+2 == ']', '{'+2 == '}'
				return 0, f, false
			}
			brackets = brackets[:len(brackets)-1]
			state = afterNode
			if len(brackets) == 0 {
				return i + 1, f, true
			}
		case c == ',':
			notPlain()
			state = tokenStart
		case c == ':':
			if state != afterPlain || plainStart < lineStart {
				return 0, f, false // an empty key, a quoted or complex one, or one over lines
			}
			if s[plainStart:plainEnd] == "id" {
				f.anyID = true
				awaitID = len(brackets) == 1 && brackets[0] == '{'
			}
			state = tokenStart
		case c == '"' || c == '\'':
			if state != tokenStart {
				return 0, f, false
			}
			notPlain()
			i = lx.quoted(i)
			state = afterNode
			continue
		case strings.IndexByte("?&*!%|>@`", c) >= 0 || c == '-' && blankz(s, i+1):
			return 0, f, false // explicit keys, anchors, aliases, tags; errors
		default:
			if state != tokenStart {
				return 0, f, false
			}
			state, plainStart, plainEnd = inPlain, i, i+1
			plainIsID, awaitID = awaitID, false
		}
		i++
	}
	return len(s), f, true
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

// header returns the text before the first item: a priority file's own
// fields, which its items may inherit (the owner).
func (ix *index) header(text string) string {
	if len(ix.spans) == 0 {
		return text
	}
	return text[:ix.spans[0].start]
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
