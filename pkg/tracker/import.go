package tracker

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Options change how Import reads a tracker.
type Options struct {
	// Sheets names the sheets to read; every sheet with a header when
	// empty.
	Sheets []string
	// Map gives headings for columns, by column (a plan field name such
	// as "due", or one of Columns): they win over the usual headings.
	Map map[string]string
	// Title and Organisation are the plan's; when empty they are taken
	// from the title rows above the first header, or the file's name.
	Title, Organisation string
	// Name is the file's name, for the plan's title when nothing else
	// gives one.
	Name string
}

// Entry is one line of the import report: a value that needs a person's
// eye (where it was, what it held, what was done with it), or a note of
// what the import did that a person should know (ids it made up).
type Entry struct {
	Where string // Sheet!G17, Sheet!G (a column), or Sheet
	Value string // what the cell held, "" for a note
	What  string // what was done
}

// String formats the entry as the report prints it.
func (e Entry) String() string {
	if e.Value == "" {
		return e.Where + ": " + e.What
	}
	return fmt.Sprintf("%s: %q %s", e.Where, e.Value, e.What)
}

// Result is a tracker read into a plan.
type Result struct {
	Files []File // plan.yaml, then the priority files
	// Unmapped are the values that need a person's eye, each kept in an
	// item's note or in a comment beside it.
	Unmapped []Entry
	// Notes say what else the import did: ids made up, sheets skipped.
	Notes []Entry
	// Counts of what was imported.
	Themes, Priorities, Actions, KPIs, Actuals, Findings, Terms int
}

// File is one plan file: its slash-separated path in the plan directory
// and its contents.
type File struct {
	Path string
	Data []byte
}

// NoHeaderError is a tracker none of whose sheets has a header row.
type NoHeaderError struct {
	// Seen holds, by sheet, the first few rows' non-empty cells: what the
	// import did see.
	Seen []string
}

func (e *NoHeaderError) Error() string {
	return "no header row found: no row names three or more of the columns import knows (Ref, Action, Lead, Due, RAG, Update...)"
}

// Import reads the sheets of a tracker into a plan.
func Import(book *Book, opts Options) (*Result, error) {
	sheets := book.Sheets
	im := &importer{opts: opts, book: book, m: &model{ids: map[string]string{}}, res: &Result{}}
	if err := im.overrides(); err != nil {
		return nil, err
	}
	var chosen []*Sheet
	for _, s := range sheets {
		if len(opts.Sheets) == 0 || slices.Contains(opts.Sheets, s.Name) {
			chosen = append(chosen, s)
		}
	}
	for _, name := range opts.Sheets {
		if !slices.ContainsFunc(sheets, func(s *Sheet) bool { return s.Name == name }) {
			var names []string
			for _, s := range sheets {
				names = append(names, s.Name)
			}
			return nil, fmt.Errorf("the workbook has no sheet %q: its sheets are %s", name, strings.Join(names, ", "))
		}
	}
	var tables []*table
	var seen []string
	for _, s := range chosen {
		t := im.findHeader(s)
		if s.Hidden && len(opts.Sheets) == 0 {
			if t != nil {
				im.unmapped(sheetPrefix(s.Name)[:len(sheetPrefix(s.Name))-1], "", fmt.Sprintf("is a hidden sheet with a header in row %d: not read; give --sheet for it and each sheet to read", t.header+1))
			} else if len(s.Rows) > 0 {
				im.note(s.Name, "a hidden sheet with no header (drop-down lists, say): not read")
			}
			continue
		}
		if s.Sparse != "" {
			im.note(s.Name, fmt.Sprintf("the sheet reaches %s, far beyond its table: it was read from its values as shown, without merged cells, links, or formulas saved without values; delete what lies outside the table to have them read", s.Sparse))
		}
		if t != nil && (t.kind == risksSheet || t.kind == decisionsSheet) {
			im.note(s.Name, fmt.Sprintf("a sheet of %s (plan export writes one): not imported; write them in the priority files", t.kind))
			continue
		}
		if t == nil {
			seen = append(seen, sample(s))
			if len(s.Rows) > 0 {
				im.note(s.Name, "skipped: no row names three of the columns import knows")
			}
			continue
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return nil, &NoHeaderError{Seen: seen}
	}
	if !slices.ContainsFunc(tables, func(t *table) bool { return t.kind == actionsSheet || t.kind == kpiWideSheet || t.kind == kpiLongSheet }) {
		var found []string
		for _, t := range tables {
			found = append(found, fmt.Sprintf("%s (%s)", t.s.Name, t.kind))
		}
		return nil, fmt.Errorf("no sheet of actions or measures: the sheets with a header are %s; an actions sheet needs an Action column, a KPI sheet a Measure or KPI column", strings.Join(found, ", "))
	}
	// Findings and glossary first, so that actions can point at them;
	// then actions, which make the priorities KPIs may join.
	for _, order := range []sheetKind{findingsSheet, glossarySheet, prioritiesSheet, actionsSheet, kpiWideSheet, kpiLongSheet, otherSheet} {
		for _, t := range tables {
			if t.kind == order {
				im.read(t)
			}
		}
	}
	if len(im.m.priorities) == 0 {
		return nil, fmt.Errorf("no sheet of actions or measures: the header on %s has no rows of actions or measures below it", tables[0].s.Name)
	}
	im.finish(tables)
	if err := im.write(); err != nil {
		return nil, err
	}
	return im.res, nil
}

// sample lists the first rows of a sheet with a header found nowhere.
func sample(s *Sheet) string {
	var rows []string
	for r := 0; r < len(s.Rows) && len(rows) < 5; r++ {
		var cells []string
		for c := range s.Rows[r] {
			if cell := s.Cell(r, c); !cell.blank() {
				cells = append(cells, fmt.Sprintf("%s %q", CellName(r, c), oneLine(cell.String())))
			}
		}
		if len(cells) > 0 {
			rows = append(rows, strings.Join(cells, ", "))
		}
	}
	if len(rows) == 0 {
		return s.Name + ": empty"
	}
	return s.Name + ": " + strings.Join(rows, "; ")
}

type importer struct {
	opts      Options
	book      *Book
	m         *model
	res       *Result
	overrideH map[string]column // normalised heading to column, from Map
}

// Columns lists the names Options.Map takes.
func Columns() []string {
	var out []string
	for col := range headings {
		if col != colComputed {
			out = append(out, string(col))
		}
	}
	slices.Sort(out)
	return out
}

// CheckMap checks that each key of Options.Map is a column import fills.
func CheckMap(m map[string]string) error {
	for _, field := range slices.Sorted(maps.Keys(m)) {
		col := column(field)
		if _, ok := headings[col]; !ok || col == colComputed {
			return fmt.Errorf("--map %s=%s: %s is not a column import fills; use one of %s", field, m[field], field, strings.Join(Columns(), ", "))
		}
	}
	return nil
}

func (im *importer) overrides() error {
	if err := CheckMap(im.opts.Map); err != nil {
		return err
	}
	im.overrideH = map[string]column{}
	for field, heading := range im.opts.Map {
		im.overrideH[normalise(heading)] = column(field)
	}
	return nil
}

func (im *importer) note(where, what string) {
	im.res.Notes = append(im.res.Notes, Entry{Where: where, What: what})
}

func (im *importer) unmapped(where, value, what string) {
	if strings.HasPrefix(value, "=") {
		what += " (a formula whose value the workbook does not hold, as programs other than Excel save them: open the workbook in Excel or LibreOffice, save it, and import again)"
	}
	im.res.Unmapped = append(im.res.Unmapped, Entry{Where: where, Value: oneLine(value), What: what})
}

type sheetKind int

func (k sheetKind) String() string {
	return [...]string{"not read", "actions", "KPIs", "KPIs", "findings", "glossary", "priorities", "risks", "decisions"}[k]
}

const (
	otherSheet sheetKind = iota
	actionsSheet
	kpiWideSheet
	kpiLongSheet
	findingsSheet
	glossarySheet
	prioritiesSheet
	risksSheet     // a risk register: not imported
	decisionsSheet // bodies' decisions: not imported
)

// table is a sheet's header and what its columns hold.
type table struct {
	s        *Sheet
	header   int // row
	kind     sheetKind
	cols     map[column]int // the first column of each kind
	periods  map[int]plan.Date
	unknown  map[int]string // columns with a heading import does not know, or its kind of sheet does not read
	computed []int          // columns of what the plan works out itself: not imported
	titles   []Entry        // the cells above the header
	known    map[int]bool   // columns read into a field
}

func (t *table) has(c column) bool { _, ok := t.cols[c]; return ok }

// col returns the sheet column of c, -1 when the sheet has none.
func (t *table) col(c column) int {
	if i, ok := t.cols[c]; ok {
		return i
	}
	return -1
}

func (t *table) cell(r int, c column) (Cell, int, bool) {
	col, ok := t.cols[c]
	if !ok {
		return Cell{}, 0, false
	}
	cell := t.s.Cell(r, col)
	return cell, col, !cell.blank()
}

// text returns the text of the row's cell in column c, on one line.
func (t *table) text(r int, c column) string {
	cell, _, ok := t.cell(r, c)
	if !ok {
		return ""
	}
	return oneLine(cell.String())
}

// columnFor returns the column a heading names in this import.
func (im *importer) columnFor(heading string) (column, bool) {
	if c, ok := im.overrideH[normalise(heading)]; ok {
		return c, true
	}
	if c, ok := columnOf(heading); ok {
		return c, true
	}
	n := normalise(heading)
	if strings.HasPrefix(n, "target ") && !strings.Contains(n, "date") {
		return colTarget, true // Target 2023/24
	}
	// RAG Status (Current), Lead Officer(s), Progress Update - March
	// 2024: a known heading with words in brackets, a plural, or the
	// period it is for after it.
	if bare := parenthesised().ReplaceAllString(heading, " "); bare != heading {
		if c, ok := im.columnFor(bare); ok {
			return c, true
		}
	}
	if c, ok := headingColumn()[strings.TrimSuffix(n, "s")]; ok && strings.HasSuffix(n, "s") {
		return c, true
	}
	words := strings.Fields(n)
	for k := len(words) - 1; k >= 1; k-- {
		if c, ok := headingColumn()[strings.Join(words[:k], " ")]; ok && isPeriodWords(words[k:]) {
			return c, true
		}
	}
	return "", false
}

var parenthesised = lazyRegexp(`\([^)]*\)|\[[^\]]*\]`)

// isPeriodWords reports whether words name when a column is for:
// March 2024, Q3, 2023 24, current, latest, revised.
func isPeriodWords(words []string) bool {
	rest := strings.Join(words, " ")
	switch rest {
	case "current", "latest", "revised", "new", "this month", "last month", "this quarter", "q1", "q2", "q3", "q4":
		return true
	}
	if _, ok := parseDateText(rest); ok {
		return true
	}
	if len(words) == 2 && len(words[0]) == 4 && len(words[1]) == 2 { // 2023 24, once normalised
		_, ok := parseDateText(words[0] + "/" + words[1])
		return ok
	}
	if m, ok := months[rest]; ok && m > 0 {
		return true
	}
	return false
}

// findHeader finds the sheet's header: the first row naming three or
// more known columns, or a term and its meaning, or a measure and two or
// more periods.
func (im *importer) findHeader(s *Sheet) *table {
	for r := 0; r < len(s.Rows) && r < 50; r++ {
		t := &table{s: s, header: r, cols: map[column]int{}, periods: map[int]plan.Date{}, unknown: map[int]string{}, known: map[int]bool{}}
		n := 0
		for c := range s.Rows[r] {
			cell := s.Cell(r, c)
			if cell.blank() {
				continue
			}
			if col, ok := im.columnFor(cell.String()); ok {
				switch _, dup := t.cols[col]; {
				case !dup:
					t.cols[col] = c
				case col != colComputed:
					t.unknown[c] = oneLine(cell.String()) // a second Comments column: kept in notes
				}
				n++
				continue
			}
			if d, ok := periodHeading(cell); ok {
				t.periods[c] = d
				continue
			}
			t.unknown[c] = oneLine(cell.String())
		}
		glossary := t.has(colTerm) && t.has(colMeaning)
		wide := t.has(colKPI) && len(t.periods) >= 2
		if n >= 3 || glossary || wide {
			t.statusInNotes()
			t.kind = t.classify()
			if t.kind == otherSheet {
				continue
			}
			t.unread()
			for tr := 0; tr < r; tr++ {
				for c := range s.Rows[tr] {
					if cell := s.Cell(tr, c); !cell.blank() {
						t.titles = append(t.titles, Entry{Where: s.Where(tr, c), Value: oneLine(cell.String())})
					}
				}
			}
			return t
		}
	}
	return nil
}

// readBy are the columns each kind of sheet reads into the plan. A
// column a sheet has that its kind does not read (a Target column on a
// sheet of actions) is kept like one import does not know.
var readBy = map[sheetKind][]column{
	actionsSheet: {colRef, colTitle, colOwner, colOwnerRef, colDue, colRAG, colStatus, colNote, colEvidence, colAddresses,
		colTheme, colThemeRef, colPriority, colPriorityRef, colVisibility, colConfidence},
	kpiWideSheet: {colRef, colKPI, colOwner, colOwnerRef, colTarget, colUnit, colBetter, colTolerance, colFrequency, colVisibility,
		colTheme, colThemeRef, colPriority, colPriorityRef, colAddresses, colBaseline, colBaselineDay},
	kpiLongSheet: {colRef, colKPI, colOwner, colOwnerRef, colTarget, colUnit, colBetter, colTolerance, colFrequency, colVisibility,
		colTheme, colThemeRef, colPriority, colPriorityRef, colDate, colValue, colAddresses, colBaseline, colBaselineDay},
	findingsSheet:   {colRef, colText, colAddresses, colSource, colVisibility},
	glossarySheet:   {colTerm, colMeaning},
	prioritiesSheet: {colTheme, colThemeRef, colPriority, colPriorityRef, colOwner, colOwnerRef},
}

// unread moves the columns the sheet's kind does not read to unknown,
// so that their values are kept and reported, and adds the columns with
// values but no heading. Columns the plan works out itself are noted.
func (t *table) unread() {
	for col, c := range t.cols {
		switch {
		case slices.Contains(readBy[t.kind], col):
		case col == colComputed:
			t.computed = append(t.computed, c)
		case t.kind == findingsSheet && col == colTitle:
			t.computed = append(t.computed, c) // the actions answering each: the plan knows them
		case t.kind == prioritiesSheet:
			t.computed = append(t.computed, c) // ratings and counts: a summary
		case (t.kind == kpiWideSheet || t.kind == kpiLongSheet) && col == colRAG:
			t.computed = append(t.computed, c) // plan rates each KPI from its values
		default:
			t.unknown[c] = oneLine(t.s.Cell(t.header, c).String())
			delete(t.cols, col)
		}
	}
	if t.kind == prioritiesSheet {
		for c := range t.unknown {
			t.computed = append(t.computed, c)
			delete(t.unknown, c)
		}
	}
	if t.kind != kpiWideSheet {
		for c := range t.periods {
			t.unknown[c] = oneLine(t.s.Cell(t.header, c).String())
			delete(t.periods, c)
		}
	}
	width := 0
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		for c := len(t.s.Rows[r]) - 1; c >= width; c-- {
			if !t.s.Cell(r, c).blank() {
				width = c + 1
				break
			}
		}
	}
	for c := 0; c < width; c++ {
		if !t.s.Cell(t.header, c).blank() {
			continue
		}
		if _, merged := t.s.Merged[Ref{t.header, c}]; merged {
			continue
		}
		// A column with values and no heading: part of a merged heading
		// to its left is left to that heading's reader.
		t.unknown[c] = "column " + ColumnName(c) + " (no heading)"
	}
	slices.Sort(t.computed)
}

// periodHeading reads a heading that is a date or a period (Apr-23,
// Q1 2023/24, 2022/23): the column of a KPI's values for it.
func periodHeading(c Cell) (plan.Date, bool) {
	if c.Kind == DateCell && c.Text != "" {
		// A date cell shown as a month (Apr-23) stands for the month:
		// its value is as at the month's end.
		if d, ok := parseDateText(c.Text); ok {
			return d, true
		}
	}
	return ParseDate(c)
}

// statusInNotes reads a column headed as notes (Progress, Update) as the
// status when the sheet has no RAG or Status column and every value in it
// is a rating or status: "Progress: Done".
func (t *table) statusInNotes() {
	col, ok := t.cols[colNote]
	if !ok || t.has(colRAG) || t.has(colStatus) {
		return
	}
	n := 0
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		cell := t.s.Cell(r, col)
		if cell.blank() {
			continue
		}
		if _, ok := parseRating(cell.String()); !ok {
			return
		}
		n++
	}
	if n > 0 {
		delete(t.cols, colNote)
		t.cols[colStatus] = col
	}
}

func (t *table) classify() sheetKind {
	heads := map[string]bool{}
	for _, h := range t.unknown {
		heads[normalise(h)] = true
	}
	switch {
	case heads["likelihood"] && t.has(colEvidence): // Impact
		return risksSheet
	case heads["decision"] && heads["body"]:
		return decisionsSheet
	}
	delivery := t.has(colOwner) || t.has(colDue) || t.has(colRAG) || t.has(colStatus) || t.has(colNote) || t.has(colEvidence)
	switch {
	case t.has(colTerm) && t.has(colMeaning) && !t.has(colTitle) && !t.has(colKPI):
		return glossarySheet
	case t.has(colKPI) && t.has(colValue):
		return kpiLongSheet
	case t.has(colKPI) && !t.has(colTitle):
		return kpiWideSheet
	case t.has(colTitle) && delivery:
		return actionsSheet
	case (t.has(colAddresses) || t.has(colText)) && t.has(colRef) && !t.has(colDue) && !t.has(colRAG) && !t.has(colStatus):
		return findingsSheet
	case t.has(colTitle):
		return actionsSheet
	case (t.has(colPriority) || t.has(colPriorityRef)) && (t.has(colOwner) || t.has(colOwnerRef) || t.has(colTheme) || t.has(colThemeRef)):
		return prioritiesSheet // a list of priorities, with their themes and leads
	}
	return otherSheet
}

// oneLine joins the lines of s with spaces and drops control characters,
// which plan files do not hold.
// OneLine returns text from a cell as one line of plan text: line breaks
// and tabs become spaces, control and bidirectional characters are left
// out, and runs of spaces are one.
func OneLine(s string) string { return oneLine(s) }

func oneLine(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0xfeff:
			// control and bidi characters
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// sectionRow reports whether row r is a section row (a theme or priority
// heading above a group of rows): one text cell, merged across columns,
// or outside the title column, or naming a theme or priority.
func (t *table) sectionRow(r int, titleCol column) (string, int, bool) {
	var text string
	col, n := -1, 0
	for c := range t.s.Rows[r] {
		if cell := t.s.Cell(r, c); !cell.blank() {
			n++
			col = c
			text = oneLine(cell.String())
		}
	}
	if n != 1 || t.s.Cell(r, col).Kind != Text {
		return "", 0, false
	}
	tc, hasTitle := t.cols[titleCol]
	if t.s.Merged[Ref{r, col}] > 1 || !hasTitle || col < tc || sectionWords().MatchString(text) {
		return text, col, true
	}
	return "", 0, false
}

// continuationRow reports whether row r holds one cell, in a column to
// the right of the title's, unmerged: more of the update or evidence of
// the row above, as people write when a cell grows too long.
func (t *table) continuationRow(r int, titleCol column) (int, bool) {
	col, n := -1, 0
	for c := range t.s.Rows[r] {
		if !t.s.Cell(r, c).blank() {
			n++
			col = c
		}
	}
	tc, hasTitle := t.cols[titleCol]
	if n != 1 || !hasTitle || col <= tc || t.s.Merged[Ref{r, col}] > 1 || sectionWords().MatchString(oneLine(t.s.Cell(r, col).String())) {
		return 0, false
	}
	return col, true
}

var (
	sectionWords = lazyRegexp(`(?i)^(strategic theme|theme|priority|outcome|objective|workstream)\b`)
	themeWords   = lazyRegexp(`(?i)^(strategic theme|theme)\b`)
	prioWords    = lazyRegexp(`(?i)^(priority|outcome|objective|workstream)\b`)
	// "Theme 1: Leadership", "Priority 2 - ...", "3. Partnerships", "A) ..."
	sectionNumber = lazyRegexp(`^(?i:strategic theme|theme|priority|outcome|objective|workstream)?\s*([A-Za-z]?[0-9]+(?:\.[0-9]+)*|[A-Z])\s*[:.)\-–—]\s*(.+)$`)
)

// splitSection splits a section heading into its number, if it has one,
// and its title.
func splitSection(text string) (num, title string) {
	if m := sectionNumber().FindStringSubmatch(text); m != nil {
		return m[1], strings.TrimSpace(m[2])
	}
	bare := strings.TrimSpace(sectionWords().ReplaceAllString(text, ""))
	if bare != "" && bare != text {
		if f := strings.Fields(bare); len(f) == 1 {
			return f[0], text // "Priority 3" alone
		}
	}
	return "", text
}

// idOf makes an id from what a tracker writes as a reference: letters,
// digits, '.', '_' and '-'.
func idOf(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_'):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '-' || r == ' ' || r == '/' || r == '(' || r == ')' || r == ':' || r == ',':
			dash = true
		default:
			dash = true
		}
	}
	id := strings.Trim(b.String(), ".-_")
	if len(id) > 40 {
		id = strings.Trim(id[:40], ".-_")
	}
	return id
}

// slug makes a lower-case id from a name: "Head of Service (North)" is
// head-of-service-north.
func slug(s string, max int) string {
	words := strings.FieldsFunc(strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(s)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	out := ""
	for _, w := range words {
		next := w
		if out != "" {
			next = out + "-" + w
		}
		if len(next) > max && out != "" {
			break
		}
		out = next
	}
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// claim reserves id for an item, and returns it, or, when it is taken,
// the first free id with -2, -3 after it.
func (im *importer) claim(id, what string) string {
	if _, taken := im.m.ids[id]; !taken {
		im.m.ids[id] = what
		return id
	}
	for n := 2; ; n++ {
		next := id + "-" + strconv.Itoa(n)
		if _, taken := im.m.ids[next]; !taken {
			im.m.ids[next] = what
			return next
		}
	}
}
