package render

import (
	"slices"
	"strings"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Tables on a terminal fit its width (Options.Width); piped, they are
// written whole. Only free text (titles, notes) is ever cut, and it is
// marked with an ellipsis; ids, dates, numbers, ratings and names are
// shown whole. To fit, a table gives way in this order:
//
//  1. free text is cut, down to a readable minimum;
//  2. columns that repeat what another shows are left out;
//  3. free text moves, widest first, to lines of its own under each row,
//     wrapped there and never cut;
//  4. optional columns are left out;
//  5. names (owners, plans, authors) move to lines of their own, labelled;
//  6. as the last resort, every column but the first moves under the row,
//     each value after its column's name: a record per row.
//
// Widths are measured in a terminal's cells, as the table writer measures
// them (East Asian wide characters take two, combining marks none), and
// text is cut between grapheme clusters, never inside one. Fitting is
// rendering: it chooses what to show, never what a value is.

// fit is how a table column gives way on a terminal too narrow for it.
type fit int

const (
	keep    fit = iota // ids, dates, numbers, ratings: never cut; in the row unless nothing else fits
	aside              // a name (an owner, a plan, an author): never cut; moved under the row, labelled
	text               // free text (a title): cut, then moved to lines of its own
	whole              // text read whole (a list of actions, reasons): never cut; moved to lines of its own
	changed            // the old and new value of a change, a pair of columns: cut only where they differ; moved together
)

// The narrowest a column of free text is cut to; text is also kept to at
// least minShare percent of its widest, or it is better on its own line.
const (
	minText    = 20
	minChanged = 12
	minShare   = 40
)

// tableCol is one column of a terminal table.
type tableCol struct {
	header string
	right  bool   // numbers are right-aligned
	fit    fit    // how the column gives way
	drop   int    // when not 0, the column may be left out: highest first
	repeat bool   // the column repeats what another shows: left out first
	label  string // put before the column's text on a line of its own
}

func keepCol(h string) tableCol  { return tableCol{header: h} }
func numCol(h string) tableCol   { return tableCol{header: h, right: true} }
func asideCol(h string) tableCol { return tableCol{header: h, fit: aside} }
func textCol(h string) tableCol  { return tableCol{header: h, fit: text} }

// wholeCol is a column of text that is never cut.
func wholeCol(h string) tableCol { return tableCol{header: h, fit: whole} }

// changedCol is the old or the new value of a change, labelled on a line
// of its own.
func changedCol(h, label string) tableCol { return tableCol{header: h, fit: changed, label: label} }

// optional returns c as a column that may be left out; columns of higher
// rank go first.
func (c tableCol) optional(rank int) tableCol { c.drop = rank; return c }

// repeats returns c as a column that repeats what another shows (an
// action's priority, which its id begins with), left out before any text
// is moved out of the row.
func (c tableCol) repeats() tableCol { c.repeat = true; return c }

// labelled returns what is put before the column's value on a line of its
// own: free text has none (the header row names it), a name or a value
// from the row is put after its column's name ("owner: ").
func (c tableCol) labelled() string {
	switch {
	case c.label != "":
		return c.label
	case c.fit == keep || c.fit == aside:
		return strings.ToLower(c.header) + ": "
	}
	return ""
}

// tableLayout is how a table is shown on a terminal.
type tableLayout struct {
	grid   []int // the columns shown in each row, in order
	widths []int // each column's width in the row, by column
	own    []int // the columns shown on lines of their own under each row
	indent int   // where those lines begin
	width  int   // the terminal's width; 0 for none
}

// place is where a column's cells are shown.
type place int

const (
	inRow  place = iota // in the row, in a column
	onLine              // on lines of their own under the row
	gone                // left out
)

// layoutTable chooses how to show a table whose columns are naturally nat
// wide on a terminal width columns wide (0: not a terminal, where the
// table is shown whole). footer says whether a rule and footer row are
// written under the rows: the rule is two columns wider than the rows.
func layoutTable(cols []tableCol, nat []int, width int, footer bool) tableLayout {
	at := make([]place, len(cols))
	if width <= 0 {
		return newLayout(at, nat, 0)
	}
	budget := width
	if footer {
		budget -= 2
	}
	try := func() (tableLayout, bool) {
		w, ok := shrink(cols, nat, at, budget)
		return newLayout(at, w, width), ok
	}
	// moveNext moves one more column that is in the row, and may move, to
	// lines of its own: the first in the order first says. It reports
	// whether there was one.
	moveNext := func(may func(tableCol) bool, first func(a, b int) bool) bool {
		next := -1
		for i := 1; i < len(cols); i++ { // the first column begins each row
			if at[i] == inRow && may(cols[i]) && (next < 0 || first(i, next)) {
				next = i
			}
		}
		if next < 0 {
			return false
		}
		for i := range cols {
			if i == next || cols[next].fit == changed && cols[i].fit == changed { // a pair moves together
				at[i] = onLine
			}
		}
		return true
	}
	if l, ok := try(); ok {
		return l
	}
	for i, c := range cols {
		if c.repeat {
			at[i] = gone
		}
	}
	if l, ok := try(); ok {
		return l
	}
	// Text that cannot be cut moves first; then the widest.
	isText := func(c tableCol) bool { return c.fit >= text }
	for moveNext(isText, func(a, b int) bool { return moveBefore(cols[a], cols[b], nat[a], nat[b]) }) {
		if l, ok := try(); ok {
			return l
		}
	}
	for rank := slices.MaxFunc(cols, func(a, b tableCol) int { return a.drop - b.drop }).drop; rank > 0; rank-- {
		for i := range cols {
			if cols[i].drop == rank {
				at[i] = gone
			}
		}
		if l, ok := try(); ok {
			return l
		}
	}
	widest := func(a, b int) bool { return nat[a] > nat[b] }
	for moveNext(func(c tableCol) bool { return c.fit == aside }, widest) {
		if l, ok := try(); ok {
			return l
		}
	}
	// The last resort: a record per row, the columns from the right first.
	for moveNext(func(tableCol) bool { return true }, func(a, b int) bool { return a > b }) {
		if l, ok := try(); ok {
			return l
		}
	}
	// Only the first column is left, and it is wider than the terminal:
	// it is shown whole all the same.
	l, _ := try()
	return l
}

// moveBefore says whether column a, nat columns wide, is moved to lines
// of its own before b: text that cannot be cut first, then the wider.
func moveBefore(a, b tableCol, natA, natB int) bool {
	if (a.fit == whole) != (b.fit == whole) {
		return a.fit == whole
	}
	return natA > natB
}

// newLayout lays out the columns in the row as widths say.
func newLayout(at []place, widths []int, width int) tableLayout {
	l := tableLayout{widths: widths, width: width}
	for i, p := range at {
		switch p {
		case inRow:
			l.grid = append(l.grid, i)
		case onLine:
			l.own = append(l.own, i)
		}
	}
	if len(l.grid) > 0 {
		l.indent = widths[l.grid[0]] + 2
	}
	if width > 0 && l.indent > width/3 {
		l.indent = 2
	}
	return l
}

// shrink narrows the columns of free text in the row, widest first, no
// further than their minimum, until the row is no wider than budget. ok
// is false when that is not enough.
func shrink(cols []tableCol, nat []int, at []place, budget int) (widths []int, ok bool) {
	widths = slices.Clone(nat)
	floor := make([]int, len(cols))
	total, n := 0, 0
	for i, c := range cols {
		if at[i] != inRow {
			continue
		}
		total += widths[i]
		n++
		floor[i] = widths[i]
		if c.fit == text || c.fit == changed {
			m := max(minText, nat[i]*minShare/100)
			if c.fit == changed {
				m = max(minChanged, nat[i]*minShare/100)
			}
			floor[i] = min(widths[i], max(m, twwidth.Width(c.header)))
		}
	}
	total += 2 * max(n-1, 0)
	for total > budget {
		widest := -1
		for i := range cols {
			if at[i] == inRow && widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return widths, false
		}
		widths[widest]--
		total--
	}
	return widths, true
}

// fitCells returns the cells of row cut to the layout's widths (a row of
// a table that is not on a terminal is returned as it is). Only free text
// is cut; the cells of a pair of changed columns are cut where they
// differ.
func (l tableLayout) fitCells(cols []tableCol, row []string) []string {
	out := slices.Clone(row)
	if l.width <= 0 {
		return out
	}
	pair := []int{}
	for _, i := range l.grid {
		switch cols[i].fit {
		case changed:
			pair = append(pair, i)
		case text:
			out[i] = cut(out[i], l.widths[i])
		}
	}
	if len(pair) == 2 {
		out[pair[0]], out[pair[1]] = cutPair(out[pair[0]], out[pair[1]], l.widths[pair[0]], l.widths[pair[1]])
	}
	return out
}

// ownLines returns the lines of their own under a row: each column not in
// the row, wrapped to the terminal's width after its label, never cut.
// Under the header row, they name the columns that have no label. An old
// and a new value that fit on one line are written "old -> new", as plan
// diff does. Names and values from the row share lines, each after its
// column's name ("owner: dcs  due: 2026-11-30").
func (l tableLayout) ownLines(cols []tableCol, row []string, header bool) []string {
	var lines []string
	pad := strings.Repeat(" ", l.indent)
	room := l.width - l.indent
	var pair []int
	for _, i := range l.own {
		if cols[i].fit == changed && row[i] != "" {
			pair = append(pair, i)
		}
	}
	joined := ""
	if len(pair) == 2 {
		joined = row[pair[0]] + " -> " + row[pair[1]]
	}
	var fields []string
	fieldsAt := -1
	for _, i := range l.own {
		c := cols[i]
		if c.fit == keep || c.fit == aside {
			if fieldsAt < 0 {
				fieldsAt = len(lines)
			}
			if !header && row[i] != "" {
				fields = append(fields, c.labelled()+row[i])
			}
			continue
		}
		if joined != "" && c.fit == changed && !header && twwidth.Width(joined) <= room {
			if i == pair[0] {
				lines = append(lines, pad+joined)
			}
			continue
		}
		label := c.labelled()
		if row[i] == "" || header && label != "" {
			continue
		}
		if header {
			label = ""
		}
		hang := strings.Repeat(" ", twwidth.Width(label))
		for j, s := range wrap(row[i], room-len(hang)) {
			if j == 0 {
				lines = append(lines, pad+label+s)
			} else {
				lines = append(lines, pad+hang+s)
			}
		}
	}
	if len(fields) > 0 {
		var packed []string
		for _, s := range pack(fields, room) {
			packed = append(packed, pad+s)
		}
		lines = slices.Insert(lines, fieldsAt, packed...)
	}
	return lines
}

// pack puts units (a column's name and value) on lines at most w columns
// wide, two spaces apart; a unit wider than a line is wrapped on its own.
func pack(units []string, w int) []string {
	var lines []string
	line := ""
	for _, u := range units {
		switch {
		case line == "":
		case twwidth.Width(line)+2+twwidth.Width(u) <= w:
			line += "  " + u
			continue
		default:
			lines = append(lines, line)
		}
		line = u
		if twwidth.Width(u) > w {
			wrapped := wrap(u, w)
			lines = append(lines, wrapped[:len(wrapped)-1]...)
			line = wrapped[len(wrapped)-1]
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// ellipsis marks where text was cut.
const ellipsis = "…"

// splitPaint splits a cell into the colour codes before its text, the
// text, and the codes after it. Renderers colour whole cells.
func splitPaint(s string) (pre, body, post string) {
	body = s
	for strings.HasPrefix(body, "\x1b[") {
		i := strings.IndexByte(body, 'm')
		if i < 0 {
			break
		}
		pre, body = pre+body[:i+1], body[i+1:]
	}
	for strings.HasSuffix(body, "m") {
		i := strings.LastIndex(body, "\x1b[")
		if i < 0 || strings.Trim(body[i+2:len(body)-1], "0123456789;") != "" {
			break
		}
		body, post = body[:i], body[i:]+post
	}
	return pre, body, post
}

// cut shortens a cell of free text to at most w columns, keeping its
// colour, and marks the cut with an ellipsis.
func cut(s string, w int) string {
	if twwidth.Width(s) <= w {
		return s
	}
	pre, body, post := splitPaint(s)
	return pre + truncate(body, w) + post
}

// clusters splits s into its grapheme clusters (a letter and its combining
// marks, an emoji sequence, a colour code), which are never split further.
func clusters(s string) []string {
	var out []string
	g := graphemes.FromString(s)
	g.AnsiEscapeSequences = true
	for g.Next() {
		out = append(out, g.Value())
	}
	return out
}

// prefix returns the longest start of s at most w columns wide.
func prefix(s string, w int) string {
	used, n := 0, 0
	for _, c := range clusters(s) {
		used += twwidth.Width(c)
		if used > w {
			break
		}
		n += len(c)
	}
	return s[:n]
}

// suffix returns the longest end of s at most w columns wide.
func suffix(s string, w int) string {
	cs := clusters(s)
	used, n := 0, 0
	for i := len(cs) - 1; i >= 0; i-- {
		used += twwidth.Width(cs[i])
		if used > w {
			break
		}
		n += len(cs[i])
	}
	return s[len(s)-n:]
}

// cutPair shortens the old and new value of a change to at most wa and wb
// columns so that they still differ where they differ: the text they
// share at the start is cut, keeping a little of it for context, rather
// than the end, where the change may be.
func cutPair(a, b string, wa, wb int) (string, string) {
	if twwidth.Width(a) <= wa && twwidth.Width(b) <= wb {
		return a, b
	}
	if a == b {
		return cut(a, wa), cut(b, wb)
	}
	ca, cb := clusters(a), clusters(b)
	p, common := 0, 0 // clusters and bytes the two share at the start
	for p < len(ca) && p < len(cb) && ca[p] == cb[p] {
		common += len(ca[p])
		p++
	}
	shared := a[:common]
	e := twwidth.Width(ellipsis)
	// Both sides keep the same context before the first difference: as
	// much as leaves room for the longer difference, or for half the
	// room, whole words where it can, and at least one character of the
	// difference and an ellipsis after it.
	room := min(wa, wb)
	lead := shared
	if twwidth.Width(shared)+1+e > room {
		rest := max(twwidth.Width(a[common:]), twwidth.Width(b[common:]))
		context := suffix(shared, max(min((room-3*e)/2, room-3*e), room-e-rest, 0))
		if i := strings.IndexByte(context, ' '); i >= 0 && i < len(context)-1 && !strings.HasSuffix(shared[:len(shared)-len(context)], " ") {
			context = context[i+1:]
		}
		lead = ellipsis + context
	}
	show := func(s string, w int) string {
		if twwidth.Width(s) <= w {
			return s
		}
		rest := s[common:]
		if twwidth.Width(lead)+twwidth.Width(rest) <= w {
			return lead + rest
		}
		return lead + prefix(rest, w-twwidth.Width(lead)-e) + ellipsis
	}
	ga, gb := show(a, wa), show(b, wb)
	if ga == gb { // text that holds ellipses itself, on a very narrow terminal
		ga, gb = differ(a, ga, wa, gb), differ(b, gb, wb, ga)
	}
	return ga, gb
}

// differ returns shown, a cut of s at most w columns wide, or, when that
// reads the same as other, another cut of s (its end, or a shorter start)
// that does not.
func differ(s, shown string, w int, other string) string {
	if shown != other || twwidth.Width(s) <= w {
		return shown
	}
	e := twwidth.Width(ellipsis)
	for n := w - e; n >= 0; n-- {
		for _, c := range []string{ellipsis + suffix(s, n), prefix(s, n) + ellipsis} {
			if c != other {
				return c
			}
		}
	}
	return shown
}

// wrap breaks a cell into lines at most w columns wide, at spaces where it
// can, keeping its colour on every line and the spaces between words on a
// line. Nothing is cut: a word wider than a line is broken between
// grapheme clusters.
func wrap(s string, w int) []string { return wrapHanging(s, w, w) }

// wrapHanging is wrap with the first line first columns wide and the rest
// w.
func wrapHanging(s string, first, w int) []string {
	w, first = max(w, 1), max(first, 1)
	if twwidth.Width(s) <= first {
		return []string{s}
	}
	var lines []string
	room := func() int {
		if len(lines) == 0 {
			return first
		}
		return w
	}
	pre, body, post := splitPaint(s)
	line := ""
	flush := func() {
		if line != "" {
			lines = append(lines, pre+line+post)
		}
		line = ""
	}
	for _, word := range strings.Fields(body) {
		i := strings.Index(body, word)
		space := body[:i]
		body = body[i+len(word):]
		for twwidth.Width(word) > room() { // a word longer than a line is broken
			if line != "" {
				flush()
				continue
			}
			head := prefix(word, room())
			if head == "" {
				head = clusters(word)[0]
			}
			lines = append(lines, pre+head+post)
			word = word[len(head):]
		}
		switch {
		case word == "":
		case line == "":
			line = word
		case twwidth.Width(line)+twwidth.Width(space)+twwidth.Width(word) <= room():
			line += space + word
		default:
			flush()
			line = word
		}
	}
	flush()
	return lines
}

// wrapText wraps each line of s to the width of a terminal (with width 0,
// it is returned as it is). Lines after the first of a wrapped line are
// indented by hang spaces, and by as many as the line itself is.
func wrapText(s string, width, hang int) string {
	if width <= 0 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if twwidth.Width(line) <= width {
			out = append(out, line)
			continue
		}
		indent := strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " ")))
		for i, l := range wrapHanging(strings.TrimLeft(line, " "), width-len(indent), width-len(indent)-hang) {
			if i == 0 {
				out = append(out, indent+l)
			} else {
				out = append(out, indent+strings.Repeat(" ", hang)+l)
			}
		}
	}
	return strings.Join(out, "\n")
}
