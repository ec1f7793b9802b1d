package tracker

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/plan"
)

var (
	organisationWords = lazyRegexp(`(?i)\b(council|borough|county|city of|authority|trust|partnership)\b`)
	titleWords        = lazyRegexp(`(?i)\b(plan|improvement|tracker|action)`)
)

// finish fills in what the plan needs and the tracker did not say: its
// title and organisation, a theme for priorities with none, an owner for
// priorities with none.
func (im *importer) finish(tables []*table) {
	m, first := im.m, tables[0]
	m.title, m.organisation = im.opts.Title, im.opts.Organisation
	if b := im.book; b.Creator == "plan" {
		// A workbook plan export wrote names the plan and its council.
		if m.title == "" {
			m.title = b.Title
		}
		if m.organisation == "" {
			m.organisation = b.Subject
		}
	}
	// The first sheet's title rows name the council (the row that says
	// Council, Borough...) and the plan (the first that says plan,
	// improvement or tracker, else the first other); every other cell
	// above a header is kept as a comment in plan.yaml.
	used := map[string]bool{}
	titles := first.titles
	for _, tr := range titles {
		if organisationWords().MatchString(tr.Value) && len(tr.Value) < 120 {
			used[tr.Where] = true
			if m.organisation == "" {
				m.organisation = tr.Value
			}
			break
		}
	}
	if m.title == "" {
		for _, pass := range []*regexp.Regexp{titleWords(), nil} {
			for _, tr := range titles {
				if !used[tr.Where] && m.title == "" && len(tr.Value) < 200 && (pass == nil || pass.MatchString(tr.Value)) {
					m.title = tr.Value
					used[tr.Where] = true
				}
			}
		}
	}
	for _, t := range tables {
		for _, tr := range t.titles {
			if !used[tr.Where] {
				m.comments = append(m.comments, fmt.Sprintf("%s: %q", tr.Where, tr.Value))
				im.note(tr.Where, fmt.Sprintf("%q above the header is kept as a comment in plan.yaml", tr.Value))
			}
		}
	}
	if m.title == "" && im.book.Title != "" {
		m.title = im.book.Title
		im.note(first.s.Name, fmt.Sprintf("no title row above the header: the plan is titled %q, the workbook's title (File > Info)", m.title))
	}
	if m.title == "" {
		name := strings.TrimSuffix(baseName(im.opts.Name), extension(im.opts.Name))
		m.title = "Improvement plan imported from " + name
		im.note(first.s.Name, fmt.Sprintf("no title row above the header: the plan is titled %q; give --title to name it", m.title))
	}
	if m.organisation == "" {
		m.organisation = "Organisation not named in the tracker"
		im.unmapped(first.s.Name, "", "names no council or organisation above its header: write it in plan.yaml, or give --organisation")
	}
	var orphan *theme
	for _, p := range m.priorities {
		if p.theme == "" {
			if orphan == nil {
				if len(m.themes) == 0 {
					orphan = &theme{id: im.claim("T1", "theme"), title: m.title}
					im.note(first.s.Name, "the tracker has no themes: every priority is in one theme, "+orphan.id+", titled as the plan")
				} else {
					orphan = &theme{id: im.madeUpQuiet("T"), title: "Other priorities"}
					im.note(first.s.Name, fmt.Sprintf("some priorities are in no theme: they are in theme %s, %q", orphan.id, orphan.title))
				}
				m.themes = append(m.themes, orphan)
			}
			p.theme = orphan.id
		}
		if p.owner == "" {
			p.owner = mostCommonOwner(p)
		}
		if p.owner == "" {
			p.owner = im.unassigned()
			im.unmapped(p.id, "", "has no lead in the tracker: it is owned by "+p.owner+" until one is named in its file")
		}
	}
	if len(m.owners) == 0 {
		im.unassigned()
	}
	im.res.Themes, im.res.Priorities, im.res.Findings, im.res.Terms = len(m.themes), len(m.priorities), len(m.findings), len(m.glossary)
	for _, p := range m.priorities {
		im.res.Actions += len(p.actions)
		im.res.KPIs += len(p.kpis)
		for _, k := range p.kpis {
			im.res.Actuals += len(k.actuals)
			if k.target == "" {
				k.target = "0"
				im.unmapped(k.id, "", "has no target in the tracker: it was written as 0; set the real one with plan set "+k.id+" target N")
			}
			if k.better == "" {
				k.better = string(plan.Higher)
				if k.targetCell != "" {
					im.unmapped(k.targetCell, k.targetText, "is "+k.id+"'s target, which does not say whether higher or lower is better (as >= 90% or <= 22% would): higher was assumed; if not, plan set "+k.id+" better lower")
				} else {
					im.unmapped(k.id, "", "does not say whether higher or lower is better: higher was assumed; if not, plan set "+k.id+" better lower")
				}
			}
		}
	}
}

// unassigned returns the id of the owner of what the tracker gives no
// owner, made the first time.
func (im *importer) unassigned() string {
	for _, o := range im.m.owners {
		if o.name == "Not yet assigned" {
			return o.id
		}
	}
	id := im.claim("unassigned", "owner")
	im.m.owners = append(im.m.owners, &owner{id: id, name: "Not yet assigned"})
	return id
}

func (im *importer) madeUpQuiet(prefix string) string {
	for n := 1; ; n++ {
		id := fmt.Sprintf("%s%d", prefix, n)
		if _, taken := im.m.ids[id]; !taken {
			im.m.ids[id] = prefix
			return id
		}
	}
}

func baseName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	return name[strings.LastIndex(name, "/")+1:]
}

func extension(name string) string {
	b := baseName(name)
	if i := strings.LastIndex(b, "."); i > 0 {
		return b[i:]
	}
	return ""
}

// mostCommonOwner is the owner of most of a priority's actions and KPIs.
func mostCommonOwner(p *priority) string {
	counts := map[string]int{}
	best := ""
	for _, a := range p.actions {
		if a.owner != "" {
			counts[a.owner]++
			if counts[a.owner] > counts[best] {
				best = a.owner
			}
		}
	}
	for _, k := range p.kpis {
		if k.owner != "" {
			counts[k.owner]++
			if counts[k.owner] > counts[best] {
				best = k.owner
			}
		}
	}
	return best
}

// yamlWriter writes the fields of plan files as plan fmt lays them out.
type yamlWriter struct {
	b strings.Builder
}

// field writes name: value for a field of the mapping kind, indented.
func (w *yamlWriter) field(indent, mapping, name, value string) {
	if value == "" {
		return
	}
	spec, ok := plan.Field(mapping, name)
	if !ok {
		panic("no field " + mapping + "." + name) // the table of fields and this file disagree
	}
	fmt.Fprintf(&w.b, "%s%s: %s\n", indent, name, edit.Value(spec, value))
}

// item writes the fields of one list entry, the first after "- ".
func (w *yamlWriter) item(indent, mapping string, fields [][2]string) {
	first := true
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		prefix := indent + "  "
		if first {
			prefix = indent + "- "
			first = false
		}
		spec, _ := plan.Field(mapping, f[0])
		fmt.Fprintf(&w.b, "%s%s: %s\n", prefix, f[0], edit.Value(spec, f[1]))
	}
}

func (w *yamlWriter) comment(indent, text string) {
	fmt.Fprintf(&w.b, "%s# %s\n", indent, oneLine(text))
}

func (im *importer) planFile() []byte {
	m := im.m
	var w yamlWriter
	w.comment("", "yaml-language-server: $schema=.plan/plan.schema.json")
	w.comment("", "Imported from "+baseName(im.opts.Name)+" by plan import: check the import report, then edit as any plan.")
	for _, c := range m.comments {
		w.comment("", "Imported, above a header: "+c)
	}
	w.field("", "plan", "title", m.title)
	w.field("", "plan", "organisation", m.organisation)
	w.b.WriteString("themes:\n")
	for _, t := range m.themes {
		w.item("  ", "theme", [][2]string{{"id", t.id}, {"title", t.title}})
	}
	w.b.WriteString("owners:\n")
	for _, o := range m.owners {
		w.item("  ", "owner", [][2]string{{"id", o.id}, {"name", o.name}})
	}
	if len(m.findings) > 0 {
		w.b.WriteString("findings:\n")
		for _, f := range m.findings {
			for _, c := range f.comments {
				w.comment("  ", "Imported, not read: "+c)
			}
			w.item("  ", "finding", [][2]string{{"id", f.id}, {"source", f.source}, {"text", f.text}, {"visibility", f.visibility}})
		}
	}
	if len(m.glossary) > 0 {
		w.b.WriteString("glossary:\n")
		for _, g := range m.glossary {
			for _, c := range g.comments {
				w.comment("  ", "Imported, not read: "+c)
			}
			fmt.Fprintf(&w.b, "  %s: %s\n", edit.Quote(g.term), edit.Quote(g.meaning))
		}
	}
	return []byte(w.b.String())
}

func (im *importer) priorityFile(p *priority) []byte {
	var w yamlWriter
	w.comment("", "yaml-language-server: $schema=../.plan/priority.schema.json")
	for _, c := range p.comments {
		w.comment("", c)
	}
	w.field("", "priority", "id", p.id)
	w.field("", "priority", "theme", p.theme)
	w.field("", "priority", "title", p.title)
	w.field("", "priority", "owner", p.owner)
	if len(p.actions) > 0 {
		w.b.WriteString("actions:\n")
		for _, a := range p.actions {
			addresses := ""
			if len(a.addresses) > 0 {
				addresses = "[" + strings.Join(a.addresses, ", ") + "]"
			}
			w.item("  ", "action", [][2]string{{"id", a.id}, {"title", a.title}, {"owner", a.owner}, {"due", a.due}, {"status", a.status}, {"rag", a.rag}, {"confidence", a.confidence}})
			if addresses != "" {
				fmt.Fprintf(&w.b, "    addresses: %s\n", addresses)
			}
			note := a.note
			if len(a.kept) > 0 {
				kept := "Imported: " + strings.Join(a.kept, "; ")
				if note != "" {
					note += " [" + kept + "]"
				} else {
					note = kept
				}
			}
			for _, f := range [][2]string{{"note", note}, {"evidence", a.evidence}, {"visibility", a.visibility}} {
				w.field("    ", "action", f[0], f[1])
			}
		}
	}
	if len(p.kpis) > 0 {
		w.b.WriteString("kpis:\n")
		for _, k := range p.kpis {
			for _, c := range k.comments {
				w.comment("  ", "Imported, not read: "+c)
			}
			w.item("  ", "kpi", [][2]string{{"id", k.id}, {"title", k.title}})
			for _, f := range [][2]string{{"owner", k.owner}, {"unit", k.unit}, {"better", k.better}, {"target", k.target},
				{"tolerance", k.tolerance}, {"frequency", k.frequency}, {"visibility", k.visibility}} {
				w.field("    ", "kpi", f[0], f[1])
			}
			if k.baseline != "" {
				fmt.Fprintf(&w.b, "    baseline: %s\n", k.baseline)
			}
			if len(k.addresses) > 0 {
				fmt.Fprintf(&w.b, "    addresses: [%s]\n", strings.Join(k.addresses, ", "))
			}
			if len(k.actuals) > 0 {
				slices.SortStableFunc(k.actuals, func(a, b actualValue) int { return a.date.Time().Compare(b.date.Time()) })
				w.b.WriteString("    actuals:\n")
				for _, a := range k.actuals {
					fmt.Fprintf(&w.b, "      %s: %s\n", a.date, a.value)
				}
			}
		}
	}
	return []byte(w.b.String())
}

// write lays the plan out as files, formats them as plan fmt does, and
// reads them back: a plan import wrote must load with no structural
// finding.
func (im *importer) write() error {
	files := []File{{Path: plan.PlanFile, Data: im.planFile()}}
	used := map[string]bool{}
	for i, p := range im.m.priorities {
		name := slug(p.title, 24)
		if name == "" {
			name = strings.ToLower(idOf(p.id))
		}
		path := fmt.Sprintf("priorities/%02d-%s.yaml", i+1, name)
		for n := 2; used[path]; n++ {
			path = fmt.Sprintf("priorities/%02d-%s-%d.yaml", i+1, name, n)
		}
		used[path] = true
		files = append(files, File{Path: path, Data: im.priorityFile(p)})
	}
	fsys := fstest.MapFS{}
	for i, f := range files {
		out, err := edit.Format(f.Data, f.Path == plan.PlanFile)
		if err != nil {
			return fmt.Errorf("import wrote %s that plan fmt refuses (a bug in plan import): %w", f.Path, err)
		}
		files[i].Data = out
		fsys[f.Path] = &fstest.MapFile{Data: out}
	}
	_, diags, err := plan.Load(fsys)
	if err != nil {
		return fmt.Errorf("import wrote a plan that cannot be read (a bug in plan import): %w", err)
	}
	if s := plan.Structural(diags); len(s) > 0 {
		return fmt.Errorf("import wrote a plan with structural findings (a bug in plan import): %s: %s", s[0].Pos, s[0].Message)
	}
	im.res.Files = files
	return nil
}
