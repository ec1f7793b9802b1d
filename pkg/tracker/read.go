package tracker

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

func (im *importer) read(t *table) {
	switch t.kind {
	case findingsSheet:
		im.readFindings(t)
	case glossarySheet:
		im.readGlossary(t)
	case prioritiesSheet:
		im.readPriorities(t)
	case actionsSheet:
		im.readItems(t, colTitle)
	case kpiWideSheet, kpiLongSheet:
		im.readItems(t, colKPI)
	}
	for _, c := range t.computed {
		heading := oneLine(t.s.Cell(t.header, c).String())
		why := fmt.Sprintf("column %q is worked out by plan from the rest: not imported", heading)
		if col, _ := im.columnFor(heading); col == colRAG {
			why = fmt.Sprintf("column %q is not imported: plan rates each KPI from its values and target", heading)
		}
		if t.kind == prioritiesSheet {
			why = fmt.Sprintf("column %q of this list of priorities is a summary plan works out: not imported", heading)
		}
		im.note(sheetPrefix(t.s.Name)+ColumnName(c), why)
	}
	if t.kind == prioritiesSheet {
		return
	}
	kept := "the items' notes"
	switch t.kind {
	case kpiWideSheet, kpiLongSheet:
		kept = "comments above the KPIs"
	case findingsSheet, glossarySheet:
		kept = "comments in plan.yaml"
	}
	for _, c := range sortedKeys(t.unknown) {
		im.note(sheetPrefix(t.s.Name)+ColumnName(c), fmt.Sprintf("column %q is not read into a plan field on a sheet of %s: its values are kept in %s; "+
			"give --map FIELD=%q to read it as a field", t.unknown[c], t.kind, kept, t.unknown[c]))
	}
}

// others returns the row's values in the columns import does not read,
// each as "Heading (cell): value", and reports each as kept in what.
func (im *importer) others(t *table, r int, what string) []string {
	var out []string
	for _, c := range sortedKeys(t.unknown) {
		if cell := t.s.Cell(r, c); !cell.blank() {
			out = append(out, fmt.Sprintf("%s (%s): %q", t.unknown[c], t.s.Where(r, c), oneLine(cell.String())))
			im.unmapped(t.s.Where(r, c), cell.String(), fmt.Sprintf("is in column %q, which is not read into a plan field here: kept in %s", t.unknown[c], what))
		}
	}
	return out
}

func (im *importer) readFindings(t *table) {
	textCol := colText
	if !t.has(colText) {
		textCol = colAddresses
	}
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		text := t.text(r, textCol)
		ref := t.text(r, colRef)
		if text == "" && ref == "" {
			continue
		}
		id := idOf(ref)
		if id == "" {
			id = im.madeUp("F", "finding", t.s.Where(r, t.cols[textCol]))
		} else {
			id = im.claimReported(id, "finding", t.s.Where(r, t.cols[colRef]), ref)
		}
		if text == "" {
			text = "Finding " + ref
			im.unmapped(t.s.Where(r, t.cols[colRef]), ref, "has no text: the finding's text says so; write it in plan.yaml")
		}
		f := &finding{id: id, text: text, source: t.text(r, colSource)}
		if strings.EqualFold(t.text(r, colVisibility), "internal") {
			f.visibility = "internal"
		}
		f.comments = im.others(t, r, "a comment above finding "+id+" in plan.yaml")
		im.m.findings = append(im.m.findings, f)
	}
}

func (im *importer) readGlossary(t *table) {
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		word, meaning := t.text(r, colTerm), t.text(r, colMeaning)
		if word == "" && meaning == "" {
			continue
		}
		if word == "" || meaning == "" {
			im.unmapped(t.s.Where(r, t.cols[colTerm]), word+meaning, "is a term without its meaning, or a meaning without its term: left out of the glossary")
			continue
		}
		if slices.ContainsFunc(im.m.glossary, func(g term) bool { return g.term == word }) {
			im.note(t.s.Where(r, t.cols[colTerm]), fmt.Sprintf("%q is in the glossary already: this one left out", word))
			continue
		}
		im.m.glossary = append(im.m.glossary, term{word, meaning, im.others(t, r, "a comment above "+word+" in plan.yaml's glossary")})
	}
}

// readPriorities reads a sheet listing priorities: each row's theme,
// priority and lead. Its other columns (counts of ratings, say) are a
// summary the plan works out itself.
func (im *importer) readPriorities(t *table) {
	var g group
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		if rowBlank(t.s, r) {
			continue
		}
		if t.text(r, colPriorityRef) == "" && t.text(r, colPriority) == "" {
			continue // a total, or a theme's own row
		}
		p := im.rowPriority(t, r, &g)
		if p != nil && p.owner == "" {
			p.owner = im.ownerFor(t, r)
		}
	}
	im.note(t.s.Name, "read as a list of priorities: their themes and leads; its other columns are left out")
}

// group is where the rows being read belong: the theme and priority the
// section rows above them named.
type group struct {
	theme    *theme
	priority *priority
}

// readItems reads the actions (titleCol colTitle) or KPIs (colKPI) of a
// sheet, with the section rows among them.
func (im *importer) readItems(t *table, titleCol column) {
	var g group
	var longKPI *kpi // in a long KPI sheet, the KPI of the rows being read
	var lastAction *action
	var lastKPI *kpi
	for r := t.header + 1; r < len(t.s.Rows); r++ {
		if c, ok := t.continuationRow(r, titleCol); ok {
			im.continuation(t, r, c, lastAction, lastKPI)
			continue
		}
		if text, col, ok := t.sectionRow(r, titleCol); ok {
			im.section(t, r, col, text, &g)
			longKPI, lastAction, lastKPI = nil, nil, nil
			continue
		}
		if rowBlank(t.s, r) {
			continue
		}
		p := im.rowPriority(t, r, &g)
		switch t.kind {
		case actionsSheet:
			lastAction = im.readAction(t, r, p)
		case kpiWideSheet:
			lastKPI = im.readKPI(t, r, p, nil)
		case kpiLongSheet:
			longKPI = im.readKPI(t, r, p, longKPI)
			lastKPI = longKPI
		}
	}
}

// continuation reads a row holding only more of the row above's update
// or evidence: it is added to that field; anything else is kept.
func (im *importer) continuation(t *table, r, c int, a *action, k *kpi) {
	cell := t.s.Cell(r, c)
	text := oneLine(cell.String())
	where := t.s.Where(r, c)
	switch {
	case a != nil && c == t.col(colNote):
		a.note = strings.TrimSpace(a.note + " " + text)
		im.note(where, "a row holding only this cell: read as more of "+a.id+"'s note")
	case a != nil && c == t.col(colEvidence):
		a.evidence = strings.TrimSpace(a.evidence + " " + text)
		im.note(where, "a row holding only this cell: read as more of "+a.id+"'s evidence")
	case a != nil:
		a.kept = append(a.kept, fmt.Sprintf("%s: %q", where, text))
		im.unmapped(where, cell.String(), "is alone on its row, below "+a.id+": kept in its note")
	case k != nil:
		k.comments = append(k.comments, fmt.Sprintf("%s: %q", where, text))
		im.unmapped(where, cell.String(), "is alone on its row, below "+k.id+": kept in a comment above it")
	default:
		im.unmapped(where, cell.String(), "is alone on its row, below no item: not imported")
	}
}

func rowBlank(s *Sheet, r int) bool {
	for c := range s.Rows[r] {
		if !s.Cell(r, c).blank() {
			return false
		}
	}
	return true
}

// section reads a section row: a theme or a priority heading.
func (im *importer) section(t *table, r, col int, text string, g *group) {
	isTheme := themeWords().MatchString(text)
	if !isTheme && !prioWords().MatchString(text) {
		switch {
		case t.has(colTheme) || t.has(colThemeRef):
			isTheme = false
		case t.has(colPriority) || t.has(colPriorityRef):
			isTheme = true
		default:
			// A section row followed at once by another is a theme
			// above its first priority.
			next := r + 1
			for next < len(t.s.Rows) && rowBlank(t.s, next) {
				next++
			}
			if next < len(t.s.Rows) {
				if _, _, ok := t.sectionRow(next, colTitle); ok && t.kind == actionsSheet {
					isTheme = true
				}
			}
		}
	}
	num, title := splitSection(text)
	where := t.s.Where(r, col)
	if isTheme {
		g.theme = im.themeFor(num, title, where)
		g.priority = nil
		return
	}
	g.priority = im.priorityFor(num, title, g.theme, where)
}

// themeFor returns the theme with the id or title, made when new.
func (im *importer) themeFor(num, title, where string) *theme {
	if th := im.m.themeByTitle(title); th != nil {
		return th
	}
	id := idOf(num)
	if id == "" {
		id = im.madeUp("T", "theme", where)
	} else {
		if _, err := strconv.Atoi(id); err == nil {
			id = "T" + id
		}
		if th := im.m.theme(id); th != nil {
			if placeholder(title) {
				return th
			}
			taken := id
			id = im.claim(id, "theme")
			im.unmapped(where, title, fmt.Sprintf("has the number of theme %s (%q) but another title: it is theme %s", taken, th.title, id))
		} else {
			id = im.claim(id, "theme")
		}
	}
	th := &theme{id: id, title: title}
	im.m.themes = append(im.m.themes, th)
	return th
}

// placeholder reports whether a title is one import made from a
// reference ("Priority 3"), which names the item without retitling it.
func placeholder(title string) bool {
	f := strings.Fields(title)
	return len(f) == 2 && (f[0] == "Priority" || f[0] == "Theme")
}

// priorityFor returns the priority with the id or title, made when new.
func (im *importer) priorityFor(num, title string, th *theme, where string) *priority {
	id := idOf(num)
	if id != "" {
		if _, err := strconv.Atoi(id); err == nil {
			id = "P" + id
		}
		if p := im.m.priority(id); p != nil {
			if strings.EqualFold(p.title, title) || placeholder(title) {
				return p
			}
			// Priority 1 of a second sheet, say: not the first's.
			taken := id
			id = im.claim(id, "priority")
			im.unmapped(where, title, fmt.Sprintf("has the number of %s (%q) but another title: it is priority %s", taken, p.title, id))
		} else {
			id = im.claim(id, "priority")
		}
	} else if p := im.m.priorityByTitle(title); p != nil {
		return p
	}
	if id == "" {
		id = im.madeUp("P", "priority", where)
	}
	p := &priority{id: id, title: title}
	if th != nil {
		p.theme = th.id
	}
	im.m.priorities = append(im.m.priorities, p)
	return p
}

// rowPriority returns the priority of row r: from its columns, or the
// section it is in; nil when neither says.
func (im *importer) rowPriority(t *table, r int, g *group) *priority {
	th := g.theme
	if ref, title := t.text(r, colThemeRef), t.text(r, colTheme); ref != "" || title != "" {
		num, ttl := ref, title
		if ttl == "" {
			ttl = "Theme " + ref
		}
		if num == "" {
			num, ttl = splitSection(title)
		}
		if existing := im.m.theme(idOf(ref)); ref != "" && existing != nil {
			th = existing
		} else {
			th = im.themeFor(num, ttl, t.s.Where(r, t.cols[colTheme]))
		}
	}
	if ref, title := t.text(r, colPriorityRef), t.text(r, colPriority); ref != "" || title != "" {
		if p := im.m.priority(ref); ref != "" && p != nil {
			return p
		}
		num, ttl := ref, title
		if ttl == "" {
			ttl = "Priority " + ref
		}
		if num == "" {
			num, ttl = splitSection(title)
		}
		p := im.priorityFor(num, ttl, th, t.s.Where(r, t.cols[colPriority]))
		if p.theme == "" && th != nil {
			p.theme = th.id
		}
		return p
	}
	switch {
	case g.priority != nil && th != nil && g.priority.theme == "":
		g.priority.theme = th.id // a Theme column beside priority headings
	case g.priority == nil && th != nil:
		// A theme but no priority: the theme's actions make one priority.
		p := im.m.priorityByTitle(th.title)
		if p == nil {
			p = &priority{id: im.madeUpQuiet("P"), theme: th.id, title: th.title}
			im.m.priorities = append(im.m.priorities, p)
			im.note(t.s.Where(r, max(t.col(colTheme), 0)), fmt.Sprintf("rows of theme %s under no priority are in priority %s, titled as the theme", th.id, p.id))
		}
		return p
	}
	return g.priority
}

// madeUp makes an id for an item the tracker gives none, and notes it.
func (im *importer) madeUp(prefix, what, where string) string {
	for n := 1; ; n++ {
		id := prefix + strconv.Itoa(n)
		if _, taken := im.m.ids[id]; !taken {
			im.m.ids[id] = what
			im.note(where, fmt.Sprintf("the %s has no reference: it was given the id %s", what, id))
			return id
		}
	}
}

// claimReported claims the id a tracker gives an item, and reports it
// when it is written differently or taken.
func (im *importer) claimReported(id, what, where, written string) string {
	got := im.claim(id, what)
	switch {
	case got != id:
		im.unmapped(where, written, fmt.Sprintf("is the reference of another item too: this %s is %s", what, got))
	case id != strings.TrimSpace(written):
		im.note(where, fmt.Sprintf("reference %q is written %s, as plan ids are", written, id))
	}
	return got
}

// ownerFor returns the id of the owner a row names (by id, name or
// both), made when new; "" when it names none.
func (im *importer) ownerFor(t *table, r int) string {
	ref, name := t.text(r, colOwnerRef), t.text(r, colOwner)
	if ref == "" && name == "" {
		return ""
	}
	id := idOf(ref)
	if id != "" && im.m.owner(id) != nil {
		return id
	}
	if id == "" {
		for _, o := range im.m.owners {
			if strings.EqualFold(o.name, name) {
				return o.id
			}
		}
		id = slug(name, 40)
		if id == "" {
			id = "owner"
		}
	}
	id = im.claim(id, "owner")
	if name == "" {
		name = ref
	}
	im.m.owners = append(im.m.owners, &owner{id: id, name: name})
	return id
}

// keep keeps a value that could not be mapped in an action's note.
func (a *action) keep(where, value string) {
	a.kept = append(a.kept, fmt.Sprintf("%s: %q", where, oneLine(value)))
}

func (im *importer) readAction(t *table, r int, p *priority) *action {
	a := &action{title: t.text(r, colTitle)}
	where := func(c column) string { return t.s.Where(r, t.cols[c]) }
	if p == nil {
		p = im.defaultPriority(t)
	}
	ref := t.text(r, colRef)
	if id := idOf(ref); id != "" {
		a.id = im.claimReported(id, "action", where(colRef), ref)
	} else {
		a.id = im.nextID(p.id+".", "action", t.s.Where(r, t.cols[colTitle]))
	}
	if a.title == "" {
		a.title = "Action " + a.id
		im.unmapped(t.s.Where(r, 0), "", fmt.Sprintf("row %d has no action title: %s is titled %q", r+1, a.id, a.title))
	}
	a.owner = im.ownerFor(t, r)
	if cell, col, ok := t.cell(r, colDue); ok {
		if d, ok := ParseDate(cell); ok {
			a.due = d.String()
		} else if d, ok := planDate(serialDate(cell.Num, t.s.Date1904), cell.Kind == Number && cell.Num > 20000 && cell.Num < 80000); ok {
			a.due = d.String()
		} else {
			a.keep(t.s.Where(r, col), cell.String())
			im.unmapped(t.s.Where(r, col), cell.String(), "is not a date: kept in "+a.id+"'s note")
		}
	}
	var rt rating
	for _, c := range []column{colRAG, colStatus} {
		cell, col, ok := t.cell(r, c)
		if !ok {
			continue
		}
		got, ok := parseRating(cell.String())
		if !ok {
			a.keep(t.s.Where(r, col), cell.String())
			im.unmapped(t.s.Where(r, col), cell.String(), fmt.Sprintf("is not a rating or status import knows: kept in %s's note", a.id))
			continue
		}
		if got.rag != "" && rt.rag == "" {
			rt.rag = got.rag
		}
		if got.status != "" && (rt.status == "" || c == colStatus || got.status == plan.Done || got.status == plan.Dropped) {
			rt.status = got.status
		}
	}
	switch {
	case rt.status != "":
	case rt.rag != "":
		rt.status = plan.InProgress
	default:
		rt.status = plan.Planned
	}
	a.status = string(rt.status)
	if rt.status.Open() {
		a.rag = string(rt.rag)
	}
	if cell, col, ok := t.cell(r, colConfidence); ok {
		if c, ok := parseConfidence(cell.String()); ok {
			a.confidence = string(c)
		} else {
			a.keep(t.s.Where(r, col), cell.String())
			im.unmapped(t.s.Where(r, col), cell.String(), fmt.Sprintf("is not a confidence (high, medium or low): kept in %s's note", a.id))
		}
	}
	a.note = t.text(r, colNote)
	a.evidence = t.text(r, colEvidence)
	if strings.EqualFold(t.text(r, colVisibility), "internal") {
		a.visibility = "internal"
	}
	if cell, col, ok := t.cell(r, colAddresses); ok {
		a.addresses = im.addresses(cell.String(), t.s.Where(r, col))
	}
	a.kept = append(a.kept, im.others(t, r, a.id+"'s note")...)
	p.actions = append(p.actions, a)
	return a
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// serialDate is the day of an Excel serial number written without a
// date format: days since 1899-12-30, or since 1904-01-01 in a workbook
// using the 1904 date system.
func serialDate(n float64, date1904 bool) plan.Date {
	if date1904 {
		return plan.NewDate(1904, 1, 1).AddDays(int(n))
	}
	return plan.NewDate(1899, 12, 30).AddDays(int(n))
}

// nextID makes the next id below a priority: P1.1, P1.2, or P1.K1.
func (im *importer) nextID(prefix, what, where string) string {
	for n := 1; ; n++ {
		id := prefix + strconv.Itoa(n)
		if _, taken := im.m.ids[id]; !taken {
			im.m.ids[id] = what
			im.note(where, fmt.Sprintf("the %s has no reference: it was given the id %s", what, id))
			return id
		}
	}
}

// addresses reads the findings an action answers: references (R1, 3,
// OF25-2), or a finding's text, which becomes a finding of its own.
func (im *importer) addresses(value, where string) []string {
	var out []string
	value = strings.TrimSpace(value)
	parts := strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '/' || r == '&' })
	refs := len(parts) > 0
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) > 16 || strings.Count(p, " ") > 1 {
			refs = false
		}
	}
	if !refs {
		f := im.m.findingByText(oneLine(value))
		if f == nil {
			f = &finding{id: im.madeUp("F", "finding", where), text: oneLine(value)}
			im.m.findings = append(im.m.findings, f)
		}
		return []string{f.id}
	}
	for _, p := range parts {
		id := idOf(strings.TrimSpace(p))
		if id == "" {
			continue
		}
		if im.m.finding(id) == nil {
			if pre := "R" + id; im.m.finding(pre) != nil {
				id = pre
			} else {
				im.m.findings = append(im.m.findings, &finding{id: im.claim(id, "finding"), text: "Finding " + id + " (its text is not in the tracker)"})
				im.unmapped(where, strings.TrimSpace(p), "names a finding the tracker does not list: "+id+" was added to plan.yaml's findings without its text")
			}
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// defaultPriority is the priority for rows that no section or column
// places: one per sheet, named after it.
func (im *importer) defaultPriority(t *table) *priority {
	title := t.s.Name
	if p := im.m.priorityByTitle(title); p != nil {
		return p
	}
	id := im.claim("P"+strconv.Itoa(len(im.m.priorities)+1), "priority")
	p := &priority{id: id, title: title}
	im.m.priorities = append(im.m.priorities, p)
	im.note(t.s.Name, fmt.Sprintf("rows under no priority heading or Priority column are in priority %s, titled after the sheet", id))
	return p
}

// readKPI reads a KPI row: in a wide sheet, the KPI with its values by
// period; in a long sheet, one value of the KPI named (the KPI of the
// row before, when the row names none).
func (im *importer) readKPI(t *table, r int, p *priority, prev *kpi) *kpi {
	title, ref := t.text(r, colKPI), t.text(r, colRef)
	var k *kpi
	if t.kind == kpiLongSheet {
		switch {
		case ref != "" && im.m.kpi(idOf(ref)) != nil && im.m.ids[idOf(ref)] == "kpi":
			k = im.m.kpi(idOf(ref))
		case ref == "" && title == "" && prev != nil:
			k = prev
		case ref == "" && prev != nil && prev.title == title:
			k = prev
		}
	}
	if k == nil {
		k = &kpi{title: title}
		if p == nil {
			p = im.kpiPriority(t, ref)
		}
		if id := idOf(ref); id != "" {
			k.id = im.claimReported(id, "kpi", t.s.Where(r, t.cols[colRef]), ref)
		} else {
			k.id = im.nextID(p.id+".K", "kpi", t.s.Where(r, t.cols[colKPI]))
		}
		if k.title == "" {
			k.title = "KPI " + k.id
			im.unmapped(t.s.Where(r, 0), "", fmt.Sprintf("row %d has no measure title: %s is titled %q", r+1, k.id, k.title))
		}
		k.owner = im.ownerFor(t, r)
		p.kpis = append(p.kpis, k)
	}
	im.kpiFields(t, r, k)
	if t.kind == kpiLongSheet {
		if v, col, ok := t.cell(r, colValue); ok && t.s.Cell(r, t.col(colDate)).blank() {
			im.unmapped(t.s.Where(r, col), v.String(), "is a value with no date beside it: not imported, and kept in a comment above "+k.id)
			k.comments = append(k.comments, fmt.Sprintf("%s: %q has no date", t.s.Where(r, col), v.String()))
		}
		if cell, col, ok := t.cell(r, colDate); ok {
			d, ok := ParseDate(cell)
			if !ok {
				im.unmapped(t.s.Where(r, col), cell.String(), "is not a date: the value beside it was not imported, and is in a comment above "+k.id)
				k.comments = append(k.comments, fmt.Sprintf("%s: %q is not a date", t.s.Where(r, col), cell.String()))
			} else if v, _, ok := t.cell(r, colValue); ok {
				im.actual(k, d, v, t.s.Where(r, t.cols[colValue]), t.s.DecimalComma)
			}
		}
	} else {
		for _, c := range sortedDates(t.periods) {
			if cell := t.s.Cell(r, c); !cell.blank() {
				im.actual(k, t.periods[c], cell, t.s.Where(r, c), t.s.DecimalComma)
			}
		}
		if k.frequency == "" {
			k.frequency = string(frequencyOf(t.periods))
		}
	}
	k.comments = append(k.comments, im.others(t, r, "a comment above "+k.id)...)
	return k
}

func sortedDates(m map[int]plan.Date) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// frequencyOf says how often the periods of a KPI sheet come: the usual
// gap between them.
func frequencyOf(periods map[int]plan.Date) plan.Frequency {
	var ds []plan.Date
	for _, d := range periods {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b plan.Date) int { return a.Time().Compare(b.Time()) })
	if len(ds) < 2 {
		return ""
	}
	gap := ds[1].DaysSince(ds[0])
	switch {
	case gap <= 31:
		return plan.Monthly
	case gap <= 92:
		return plan.Quarterly
	}
	return plan.Annual
}

// kpiFields reads a KPI row's target, unit, tolerance, polarity and
// frequency; a later row's value wins (a long sheet gives them on every
// row, the target in force on its date).
func (im *importer) kpiFields(t *table, r int, k *kpi) {
	if cell, col, ok := t.cell(r, colTarget); ok {
		if tg, ok := parseTarget(cell, t.s.DecimalComma); ok {
			k.target = formatNumber(tg.value)
			k.targetCell, k.targetText = t.s.Where(r, col), cell.String()
			if tg.unit != "" && k.unit == "" {
				k.unit = tg.unit
			}
			if tg.better != "" {
				k.better = string(tg.better)
			}
		} else {
			im.keepKPI(k, "target", t.s.Where(r, col), cell, "is not a target import can read: "+k.id+"'s target needs writing by hand")
		}
	}
	if u := t.text(r, colUnit); u != "" {
		k.unit = u
	}
	if cell, col, ok := t.cell(r, colTolerance); ok {
		if v, _, ok := parseValue(cell, t.s.DecimalComma); ok && v >= 0 {
			k.tolerance = formatNumber(v)
		} else {
			im.keepKPI(k, "tolerance", t.s.Where(r, col), cell, "is not a tolerance (a number, not negative): kept in a comment above "+k.id)
		}
	}
	if cell, col, ok := t.cell(r, colBetter); ok {
		if b, ok := parseBetter(cell.String()); ok {
			k.better = string(b)
		} else {
			im.keepKPI(k, "polarity", t.s.Where(r, col), cell, "does not say whether higher or lower is better: kept in a comment above "+k.id)
		}
	}
	if cell, col, ok := t.cell(r, colFrequency); ok {
		if f, ok := parseFrequency(cell.String()); ok {
			k.frequency = string(f)
		} else {
			im.keepKPI(k, "frequency", t.s.Where(r, col), cell, "is not a frequency (monthly, quarterly, annual): kept in a comment above "+k.id)
		}
	}
	if strings.EqualFold(t.text(r, colVisibility), "internal") {
		k.visibility = "internal"
	}
	if cell, col, ok := t.cell(r, colAddresses); ok && !cell.blank() {
		k.addresses = im.addresses(cell.String(), t.s.Where(r, col))
	}
	im.baseline(t, r, k)
}

// baseline reads a KPI's baseline: its value and date, both needed; one
// without the other, or one that cannot be read, is kept in a comment.
func (im *importer) baseline(t *table, r int, k *kpi) {
	vcell, vcol, hasValue := t.cell(r, colBaseline)
	dcell, dcol, hasDate := t.cell(r, colBaselineDay)
	hasValue, hasDate = hasValue && !vcell.blank(), hasDate && !dcell.blank()
	if !hasValue && !hasDate {
		return
	}
	v, _, vok := parseValue(vcell, t.s.DecimalComma)
	d, dok := ParseDate(dcell)
	switch {
	case hasValue && hasDate && vok && dok:
		k.baseline = fmt.Sprintf("{date: %s, value: %s}", d, formatNumber(v))
	case hasValue && !vok:
		im.keepKPI(k, "baseline", t.s.Where(r, vcol), vcell, "is not a number: "+k.id+"'s baseline needs writing by hand")
	case hasDate && !dok:
		im.keepKPI(k, "baseline date", t.s.Where(r, dcol), dcell, "is not a date: "+k.id+"'s baseline needs writing by hand")
	case hasValue:
		im.keepKPI(k, "baseline", t.s.Where(r, vcol), vcell, "is a baseline with no date beside it: "+k.id+"'s baseline needs writing by hand")
	default:
		im.keepKPI(k, "baseline date", t.s.Where(r, dcol), dcell, "is a baseline date with no value beside it: "+k.id+"'s baseline needs writing by hand")
	}
}

// keepKPI reports a KPI's cell that could not be read, and keeps it in a
// comment above the KPI, labelled with the field it was for.
func (im *importer) keepKPI(k *kpi, field, where string, cell Cell, why string) {
	im.unmapped(where, cell.String(), why)
	k.comments = append(k.comments, fmt.Sprintf("%s %s: %q", field, where, oneLine(cell.String())))
}

// noValue are what trackers write where a period has no figure yet.
var noValue = map[string]bool{"-": true, "–": true, "—": true, "n/a": true, "na": true, "tbc": true, "tba": true, "nd": true, "no data": true, "not available": true, "*": true, "..": true}

// actual adds a measured value to a KPI.
func (im *importer) actual(k *kpi, d plan.Date, cell Cell, where string, decimalComma bool) {
	if noValue[strings.ToLower(strings.TrimSpace(cell.String()))] {
		return
	}
	v, unit, ok := parseValue(cell, decimalComma)
	if !ok {
		im.unmapped(where, cell.String(), fmt.Sprintf("is not a number: %s's value for %s was not imported, and is in a comment above it", k.id, d))
		k.comments = append(k.comments, fmt.Sprintf("%s %s: %q", d, where, oneLine(cell.String())))
		return
	}
	if unit != "" && k.unit == "" {
		k.unit = unit
	}
	for i, a := range k.actuals {
		if a.date == d {
			k.actuals[i].value = formatNumber(v)
			return
		}
	}
	k.actuals = append(k.actuals, actualValue{date: d, value: formatNumber(v)})
}

func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// kpiPriority finds the priority of a KPI no section or column places:
// the one its reference begins with (P8.K1 belongs to P8), else one for
// the sheet's measures.
func (im *importer) kpiPriority(t *table, ref string) *priority {
	id := idOf(ref)
	for _, p := range im.m.priorities {
		if strings.HasPrefix(id, p.id+".") {
			return p
		}
	}
	return im.defaultPriority(t)
}
