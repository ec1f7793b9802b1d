package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/internal/textsafe"
)

// Load reads the plan whose plan.yaml is at the root of fsys, with every
// priority file below it: each .yaml or .yml file other than plan.yaml, in
// lexical order of path. Directories and files whose names start with '.',
// and directories holding a plan.yaml of their own, are skipped. It reads
// within DefaultLimits.
//
// Problems with what the files say are returned as diagnostics, and the plan
// holds everything that could be understood. The error is non-nil only when
// the plan cannot be read at all: plan.yaml is missing, unreadable or not a
// regular file (ErrNotAFile), or a directory cannot be listed. Such errors
// usually name the file; errors.Is(err, fs.ErrNotExist) tells that
// plan.yaml is missing.
func Load(fsys fs.FS) (*Plan, []Diagnostic, error) {
	return LoadLimited(fsys, DefaultLimits)
}

// LoadLimited is Load within the given limits. A file beyond them, or a
// plan beyond them as a whole, is reported as a RuleLimit finding and not
// read. Symbolic links and other files that are not regular files are
// never read: each is a RuleNotAFile finding.
func LoadLimited(fsys fs.FS, lim Limits) (*Plan, []Diagnostic, error) {
	l, err := read(fsys, lim, false, nil)
	if err != nil {
		return nil, nil, err
	}
	p, diags := l.assemble()
	return p, diags, nil
}

// files is what was read from a plan's files, file by file, before the
// plan is put together (see assemble).
type files struct {
	lim      Limits
	refused  []Diagnostic // files listed but not read: links, not regular files
	plan     planResult
	entries  []fileEntry
	keepData bool // keep each file's bytes, for a Draft
}

// planResult is what plan.yaml holds.
type planResult struct {
	size     int64
	data     []byte // when kept
	header   *Plan  // its fields; nil when it could not be read as a plan
	diags    []Diagnostic
	haveDefs bool // it was parsed, so references to it can be checked
}

// fileEntry is one priority file, as read.
type fileEntry struct {
	name   string
	size   int64
	data   []byte // when kept
	result fileResult
}

// overLimits reports whether the plan as a whole is beyond the limits,
// with the finding that says so.
func (l *files) overLimits() (Diagnostic, bool) {
	total := l.plan.size
	for _, e := range l.entries {
		total += e.size
	}
	at := func(format string, args ...any) (Diagnostic, bool) {
		return Diagnostic{Rule: RuleLimit, Pos: Pos{PlanFile, 1, 1}, Message: fmt.Sprintf(format, args...)}, true
	}
	switch {
	case 1+len(l.entries) > l.lim.Files:
		return at("the plan has %d files; plan reads at most %d in one plan, so none of its priority files is read", 1+len(l.entries), l.lim.Files)
	case total > l.lim.TotalBytes:
		got, most := sizes(total, l.lim.TotalBytes)
		return at("the plan's files come to %s; plan reads at most %s in one plan, so none of its priority files is read", got, most)
	}
	return Diagnostic{}, false
}

// read reads and decodes every file of the plan in fsys, keeping their
// bytes when keepData is set. A file that prev (when not nil, read with
// its bytes kept) holds under the same name with the same bytes is not
// decoded again: what prev decoded is taken.
func read(fsys fs.FS, lim Limits, keepData bool, prev *files) (*files, error) {
	pe, err := planEntry(fsys)
	if err != nil {
		return nil, err
	}
	entries, refused, err := priorityFiles(fsys)
	if err != nil {
		return nil, err
	}
	l := &files{lim: lim, refused: refused, plan: planResult{size: pe.size}, keepData: keepData}
	for _, e := range entries {
		l.entries = append(l.entries, fileEntry{name: e.name, size: e.size})
	}
	_, over := l.overLimits()

	// Read every file first, so that a file that cannot be read stops the
	// load before any work is done.
	readOne := func(e entry) ([]byte, *Diagnostic, error) {
		if e.size > lim.FileBytes {
			d := tooLarge(e.name, e.size, lim)
			return nil, &d, nil
		}
		data, err := readLimited(fsys, e.name, lim.FileBytes)
		if errors.Is(err, errTooLarge) { // it grew after it was listed
			d := tooLarge(e.name, lim.FileBytes+1, lim)
			return nil, &d, nil
		}
		if err != nil {
			return nil, nil, readError(e.name, err)
		}
		return data, nil, nil
	}
	data, planRefused, err := readOne(pe)
	if err != nil {
		return nil, err
	}
	contents := make([][]byte, len(l.entries))
	if !over {
		for i, e := range entries {
			var refused *Diagnostic
			if contents[i], refused, err = readOne(e); err != nil {
				return nil, err
			}
			if refused != nil {
				l.entries[i].result.diags = []Diagnostic{*refused}
			}
		}
	}
	if keepData {
		l.plan.data = data
		for i := range l.entries {
			l.entries[i].data = contents[i]
		}
	}

	// Parse and decode the files on every core: each file is decoded on
	// its own, and the plan is put together in file order afterwards.
	// A large plan is read one file at a time: each file's parse tree
	// takes about 20 times its size in memory, and the time saved by
	// holding two at once is not worth the memory.
	workers := runtime.GOMAXPROCS(0)
	if pe.size+sum(entries) > serialBytes {
		workers = 1
	}
	var same func(i int) (fileResult, bool)
	planReused := false
	if prev != nil && prev.keepData && prev.lim == lim {
		byName := make(map[string]*fileEntry, len(prev.entries))
		for k := range prev.entries {
			byName[prev.entries[k].name] = &prev.entries[k]
		}
		same = func(i int) (fileResult, bool) {
			p := byName[l.entries[i].name]
			if p == nil || p.data == nil || !bytes.Equal(p.data, contents[i]) {
				return fileResult{}, false
			}
			return p.result, true
		}
		if prev.plan.data != nil && bytes.Equal(prev.plan.data, data) && planRefused == nil {
			l.plan, planReused = prev.plan, true
		}
	}
	parallel(len(l.entries)+1, workers, func(i int) {
		if i > 0 {
			if e := &l.entries[i-1]; e.result.diags == nil && !over {
				if same != nil {
					if r, ok := same(i - 1); ok {
						e.result = r
						return
					}
				}
				e.result = decodePriorityFile(e.name, contents[i-1], lim.Depth)
				contents[i-1] = nil // let it go: a plan can be many times the size of one file
			}
			return
		}
		if planRefused != nil {
			l.plan.diags = []Diagnostic{*planRefused}
			return
		}
		if planReused {
			return
		}
		l.plan = decodePlanFile(data, lim.Depth, l.plan)
	})
	return l, nil
}

func sum(entries []entry) int64 {
	var n int64
	for _, e := range entries {
		n += e.size
	}
	return n
}

// decodePlanFile decodes plan.yaml's data into r.
func decodePlanFile(data []byte, depth int, r planResult) planResult {
	root, ds := parseYAML(PlanFile, data, depth)
	r.diags, r.header, r.haveDefs = ds, nil, root != nil
	if root != nil {
		d := &decoder{file: PlanFile}
		r.header = &Plan{}
		d.plan(root, r.header)
		r.diags = append(r.diags, d.diags...)
	} else if len(ds) == 0 {
		r.diags = append(r.diags, Diagnostic{Rule: RuleMissingField, Pos: Pos{PlanFile, 1, 1}, Message: "plan.yaml is empty; it needs at least title, organisation, themes and owners"})
	}
	return r
}

// assemble puts the plan together from its files, checks what they say
// about each other, and returns it with every finding, in order.
func (l *files) assemble() (*Plan, []Diagnostic) {
	p := &Plan{Pos: Pos{PlanFile, 1, 1}, partial: len(l.refused) > 0}
	if h := l.plan.header; h != nil {
		p.Title, p.Organisation, p.Period = h.Title, h.Organisation, h.Period
		p.Themes, p.Owners, p.Findings, p.Glossary, p.src = h.Themes, h.Owners, h.Findings, h.Glossary, h.src
		p.Bodies = h.Bodies
	}
	diags := slices.Clone(l.refused)
	entries := l.entries
	if d, over := l.overLimits(); over {
		diags = append(diags, d)
		entries, p.partial = nil, true
	}
	diags = append(diags, l.plan.diags...)
	for _, e := range entries {
		diags = append(diags, e.result.diags...)
		if e.result.priority != nil {
			p.Priorities = append(p.Priorities, e.result.priority)
		} else {
			p.partial = true
		}
	}
	diags = append(diags, resolve(p, l.plan.haveDefs)...)
	SortDiagnostics(diags)
	return p, diags
}

// serialBytes is the size of plan above which Load reads its files one at
// a time.
const serialBytes = 4 << 20

// fileResult is what one priority file holds: its priority, or nil when
// none could be read, and its findings.
type fileResult struct {
	priority *Priority
	diags    []Diagnostic
}

func decodePriorityFile(name string, data []byte, depth int) fileResult {
	root, ds := parseYAML(name, data, depth)
	if root != nil && isNull(root) && len(ds) == 0 {
		root = nil // "---" alone, or "~": as empty as an empty file
	}
	if root == nil {
		if len(ds) == 0 {
			ds = append(ds, Diagnostic{Rule: RuleMissingField, Pos: Pos{name, 1, 1}, Message: "empty priority file; it needs at least id, theme, title and owner"})
		}
		return fileResult{diags: ds}
	}
	d := &decoder{file: name}
	pr := d.priority(root)
	return fileResult{priority: pr, diags: append(ds, d.diags...)}
}

// parallel calls fn(0), ..., fn(n-1) on up to workers goroutines and
// waits for them all.
func parallel(n, workers int, fn func(i int)) {
	workers = min(n, workers)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// LoadFile reads one plan file on its own, without the rest of the plan:
// plan.yaml when planFile is true, else a priority file. References to
// other files are not checked; owners are defaulted within the file. It is
// for reading single versions of files from history, where each version is
// read once and shared. A file beyond DefaultLimits is a finding.
func LoadFile(name string, data []byte, planFile bool) (*Plan, []Diagnostic) {
	p := &Plan{Pos: Pos{name, 1, 1}}
	if n := int64(len(data)); n > DefaultLimits.FileBytes {
		p.partial = true
		return p, []Diagnostic{tooLarge(name, n, DefaultLimits)}
	}
	root, diags := parseYAML(name, data, DefaultLimits.Depth)
	if root == nil {
		p.partial = true
		return p, diags
	}
	d := &decoder{file: name}
	if planFile {
		d.plan(root, p)
	} else if pr := d.priority(root); pr != nil {
		p.Priorities = append(p.Priorities, pr)
	}
	applyDefaults(p)
	return p, append(diags, d.diags...)
}

// readError names the file in err, unless err (an *fs.PathError) does.
func readError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// priorityFiles lists the priority files in fsys with their sizes, and
// reports the entries that will not be read: symbolic links named as plan
// files or leading outside fsys, and plan files that are not regular files.
func priorityFiles(fsys fs.FS) ([]entry, []Diagnostic, error) {
	var files []entry
	var refused []Diagnostic
	err := fs.WalkDir(fsys, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("list %s: %w", name, err)
		}
		if name == "." {
			return nil
		}
		if !utf8.ValidString(name) {
			// fs.FS cannot open such a name; say so rather than fail.
			if ext := path.Ext(name); e.IsDir() || ext == ".yaml" || ext == ".yml" {
				refused = append(refused, *notAFile(textsafe.Visible(name), "%s: the name is not UTF-8 text, so it cannot be read; rename it", textsafe.Visible(name)))
			}
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			if _, err := fs.Stat(fsys, path.Join(name, PlanFile)); err == nil {
				return fs.SkipDir // another plan
			}
			return nil
		}
		if name == PlanFile {
			return nil
		}
		ext := path.Ext(name)
		yamlName := ext == ".yaml" || ext == ".yml"
		if e.Type()&fs.ModeSymlink != 0 {
			// A link with another name matters only when it leads out:
			// a link to a directory inside is read where it points.
			target, err := fs.ReadLink(fsys, name)
			if yamlName || err == nil && escapes(name, target) {
				refused = append(refused, *linkFinding(name, target, err))
			}
			return nil
		}
		if !yamlName {
			return nil
		}
		f, d := admit(name, e)
		if d != nil {
			refused = append(refused, *d)
		} else {
			files = append(files, f)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		return nil, nil, err
	}
	return files, refused, nil
}

func (d *decoder) plan(root *yaml.Node, p *Plan) {
	o := d.object(root, "plan.yaml", mappingOf("plan"))
	if o == nil {
		return
	}
	p.Title = o.text("title")
	p.Organisation = o.text("organisation")
	p.src = o.src
	if n, ok := o.value("period"); ok {
		if po := d.object(n, "period", mappingOf("period")); po != nil {
			p.Period.Start = po.date("start")
			p.Period.End = po.date("end")
			if !p.Period.Start.IsZero() && !p.Period.End.IsZero() && p.Period.End.Before(p.Period.Start) {
				end, _ := po.value("end")
				d.report(end, RuleBadValue, "", "period ends (%s) before it starts (%s)", p.Period.End, p.Period.Start)
			}
		}
	}
	for _, n := range o.list("themes") {
		if to := d.object(n, "theme", mappingOf("theme")); to != nil {
			p.Themes = append(p.Themes, &Theme{ID: to.ref("id"), Title: to.text("title"), Pos: d.pos(n)})
		}
	}
	for _, n := range o.list("owners") {
		if oo := d.object(n, "owner", mappingOf("owner")); oo != nil {
			p.Owners = append(p.Owners, &Owner{ID: oo.ref("id"), Name: oo.text("name"), Role: oo.text("role"), Email: oo.text("email"), Pos: d.pos(n)})
		}
	}
	for _, n := range o.list("findings") {
		if fo := d.object(n, "finding", mappingOf("finding")); fo != nil {
			p.Findings = append(p.Findings, &Finding{ID: fo.ref("id"), Source: fo.text("source"), Text: fo.text("text"),
				Visibility: Visibility(fo.enum("visibility")), Pos: d.pos(n), src: fo.src})
		}
	}
	if n, ok := o.value("glossary"); ok {
		p.Glossary = d.glossary(n)
	}
	p.Bodies = d.bodies(o.list("bodies"))
}

// bodies reads the bodies plan.yaml declares, reporting a cycle it cannot
// read, an id twice, and an id that reads as a date.
func (d *decoder) bodies(nodes []*yaml.Node) []*Body {
	var out []*Body
	seen := map[string]int{}
	for _, n := range nodes {
		bo := d.object(n, "body", mappingOf("body"))
		if bo == nil {
			continue
		}
		b := &Body{ID: bo.ref("id"), Name: bo.text("name"), Pos: d.pos(n)}
		if v := bo.scalar("cycle"); v != nil {
			c, err := ParseCycle(v.Value)
			if err != nil {
				d.report(v, RuleBadValue, b.ID, "body %s: %v", b.ID, err)
				bo.bad("cycle")
			}
			b.Cycle = c
		}
		if b.ID != "" {
			if _, err := ParseDate(b.ID); err == nil {
				d.report(n, RuleBadValue, b.ID, "body id %s reads as a date; choose a name such as scrutiny", b.ID)
			}
			if line, ok := seen[b.ID]; ok {
				d.report(n, RuleDuplicateID, b.ID, "body %s is declared twice (first at line %d); keep one", b.ID, line)
				continue
			}
			seen[b.ID] = n.Line
		}
		out = append(out, b)
	}
	return out
}

func (d *decoder) glossary(n *yaml.Node) []*Term {
	if n.Kind != yaml.MappingNode {
		d.report(n, RuleBadValue, "", "glossary must be a mapping of term: meaning, not %s", describe(n))
		return nil
	}
	var terms []*Term
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			d.report(k, RuleBadValue, "", "a glossary term must be plain text, not %s", describe(k))
		case seen[k.Value] != 0:
			d.report(k, RuleDuplicateKey, "", "glossary term %q appears twice (first at line %d); keep one", k.Value, seen[k.Value])
		case v.Kind != yaml.ScalarNode || isNull(v):
			seen[k.Value] = k.Line
			d.report(v, RuleBadValue, "", "glossary term %q must have its meaning as text, not %s", k.Value, describe(v))
		default:
			seen[k.Value] = k.Line
			terms = append(terms, &Term{Term: k.Value, Meaning: v.Value, Pos: d.pos(k)})
		}
	}
	return terms
}

func (d *decoder) priority(root *yaml.Node) *Priority {
	if root.Kind != yaml.MappingNode {
		d.report(root, RuleBadValue, "", "a priority file must hold one priority (id, theme, title, owner, actions, kpis), not %s", describe(root))
		return nil
	}
	o := d.object(root, "priority", mappingOf("priority"))
	pr := &Priority{
		ID:    o.ref("id"),
		Theme: o.ref("theme"),
		Title: o.text("title"),
		Owner: o.ref("owner"),
		Pos:   d.pos(root),
	}
	for _, n := range o.list("actions") {
		if a := d.action(n, pr); a != nil {
			pr.Actions = append(pr.Actions, a)
		}
	}
	for _, n := range o.list("kpis") {
		if k := d.kpi(n, pr); k != nil {
			pr.KPIs = append(pr.KPIs, k)
		}
	}
	for _, n := range o.list("decisions") {
		do := d.object(n, "decision of priority "+pr.ID, mappingOf("decision"))
		if do == nil {
			continue
		}
		dec := Decision{Date: do.date("date"), Body: do.text("body"), Text: do.text("text"), Pos: d.pos(n)}
		dec.Actions, dec.actionsPos = do.refs("actions")
		pr.Decisions = append(pr.Decisions, dec)
	}
	for _, n := range o.list("risks") {
		if r := d.risk(n, pr); r != nil {
			pr.Risks = append(pr.Risks, r)
		}
	}
	pr.src = o.src
	return pr
}

func (d *decoder) action(n *yaml.Node, pr *Priority) *Action {
	o := d.object(n, "action", mappingOf("action"))
	if o == nil {
		return nil
	}
	a := &Action{
		ID:         o.ref("id"),
		Title:      o.text("title"),
		Owner:      o.ref("owner"),
		Due:        o.date("due"),
		Status:     Status(o.enum("status")),
		RAG:        RAG(o.enum("rag")),
		Note:       o.text("note"),
		Evidence:   o.text("evidence"),
		Visibility: Visibility(o.enum("visibility")),
		Reviewed:   o.date("reviewed"),
		Completed:  o.date("completed"),
		Confidence: Confidence(o.enum("confidence")),
		Priority:   pr.ID,
		Pos:        d.pos(n),
	}
	a.Addresses, o.src.addresses = o.refs("addresses")
	a.Rebaselined = d.rebaselines(o)
	a.src = o.src
	return a
}

func (d *decoder) kpi(n *yaml.Node, pr *Priority) *KPI {
	o := d.object(n, "kpi", mappingOf("kpi"))
	if o == nil {
		return nil
	}
	k := &KPI{
		ID:         o.ref("id"),
		Title:      o.text("title"),
		Owner:      o.ref("owner"),
		Unit:       o.text("unit"),
		Better:     Better(o.enum("better")),
		Frequency:  Frequency(o.enum("frequency")),
		Visibility: Visibility(o.enum("visibility")),
		Priority:   pr.ID,
		Pos:        d.pos(n),
	}
	k.Target, _ = o.number("target")
	if tol, ok := o.number("tolerance"); ok {
		if tol < 0 {
			v, _ := o.value("tolerance")
			d.report(v, RuleBadValue, k.ID, "tolerance of %s is negative; it is a distance from the target", o.what)
			o.bad("tolerance")
		} else {
			k.Tolerance = tol
		}
	}
	if v, ok := o.value("actuals"); ok {
		k.Actuals = d.actuals(v, o)
	}
	k.Rebaselined = d.rebaselines(o)
	if v, ok := o.value("baseline"); ok {
		if bo := d.object(v, "baseline of "+o.what, mappingOf("baseline")); bo != nil {
			b := Actual{Date: bo.date("date"), Pos: d.pos(v)}
			if dv, ok := bo.value("date"); ok {
				b.Pos = d.pos(dv) // check points at the date
			}
			var okv bool
			b.Value, okv = bo.number("value")
			if okv && !b.Date.IsZero() {
				k.Baseline = &b
			}
		}
	}
	if v, ok := o.value("trajectory"); ok {
		k.Trajectory = d.datedValues(v, o, "trajectory", "trajectory point")
	}
	k.Addresses, o.src.addresses = o.refs("addresses")
	k.src = o.src
	return k
}

func (d *decoder) risk(n *yaml.Node, pr *Priority) *Risk {
	o := d.object(n, "risk", mappingOf("risk"))
	if o == nil {
		return nil
	}
	r := &Risk{
		ID:       o.ref("id"),
		Title:    o.text("title"),
		Owner:    o.ref("owner"),
		Controls: o.text("controls"),
		Reviewed: o.date("reviewed"),
		Priority: pr.ID,
		Pos:      d.pos(n),
	}
	score := func(field string, most int, what string) int {
		f, ok := o.number(field)
		if !ok {
			return 0
		}
		if f != float64(int(f)) || f < 1 || f > float64(most) {
			v, _ := o.value(field)
			d.report(v, RuleBadValue, r.ID, "%s of %s is %s; it is %s, a whole number from 1 to %d", field, o.what, formatNumber(f), what, most)
			o.bad(field)
			return 0
		}
		return int(f)
	}
	r.Likelihood = score("likelihood", 5, "how likely the risk is")
	r.Impact = score("impact", 5, "how much harm it would do")
	r.Target = score("target", 25, "the score aimed for (likelihood x impact)")
	r.Mitigations, o.src.addresses = o.refs("mitigations")
	r.src = o.src
	return r
}

// rebaselines reads an item's rebaselined list: the Words of its
// rebaselined field are the fields a re-baselining may change.
func (d *decoder) rebaselines(o *object) []Rebaseline {
	spec, _ := o.m.spec("rebaselined")
	fields := spec.Words
	var out []Rebaseline
	for _, n := range o.list("rebaselined") {
		ro := d.object(n, "rebaselined entry of "+o.what, mappingOf("rebaselined"))
		if ro == nil {
			continue
		}
		rb := Rebaseline{
			Date:     ro.date("date"),
			Field:    ro.enumOf("field", fields, nil),
			From:     ro.text("from"),
			Reason:   ro.text("reason"),
			Approved: ro.text("approved"),
			Pos:      d.pos(n),
		}
		// from is the value the field had: a date for due, a number for
		// a target or tolerance. (Whether it is the value the field really
		// had, only history can tell: see FieldChange.Misrecorded.)
		if v, ok := ro.value("from"); ok && rb.From != "" {
			switch rb.Field {
			case "due":
				if _, err := ParseDate(rb.From); err != nil {
					d.report(v, RuleBadDate, o.id, "from of a re-baselining of %s: %v", o.what, err)
				}
			case "target", "tolerance":
				if _, err := parseNumber(rb.From); err != nil {
					d.report(v, RuleBadValue, o.id, "from of a re-baselining of %s: %v", o.what, err)
				}
			case "trajectory":
				if _, _, _, err := ParseTrajectoryFrom(rb.From); err != nil {
					d.report(v, RuleBadValue, o.id, "from of a re-baselining of %s: %v", o.what, err)
				}
			}
		}
		out = append(out, rb)
	}
	return out
}

// actuals reads a KPI's date: value mapping, returned in date order.
func (d *decoder) actuals(n *yaml.Node, o *object) []Actual {
	return d.datedValues(n, o, "actuals", "actual")
}

// datedValues reads a KPI's date: value mapping held in field (actuals or
// trajectory), each entry called noun in messages, returned in date order.
func (d *decoder) datedValues(n *yaml.Node, o *object, field, noun string) []Actual {
	if n.Kind != yaml.MappingNode {
		d.report(n, RuleBadValue, o.id, "%s of %s must be a mapping of date: value, one per line, not %s", field, o.what, describe(n))
		o.bad(field)
		return nil
	}
	article := "a"
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		article = "an"
	}
	var out []Actual
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(k, RuleBadValue, o.id, "%s %s of %s must be keyed by a date, not %s", article, noun, o.what, describe(k))
			o.bad(field)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.report(k, RuleDuplicateKey, o.id, "%s for %s of %s appears twice (first at line %d); keep one", noun, k.Value, o.what, line)
			o.bad(field)
			continue
		}
		seen[k.Value] = k.Line
		date, err := ParseDate(k.Value)
		if err != nil {
			d.report(k, RuleBadDate, o.id, "%s of %s: %v", noun, o.what, err)
			o.bad(field)
			continue
		}
		if v.Kind != yaml.ScalarNode || isNull(v) {
			d.report(v, RuleBadValue, o.id, "%s for %s of %s must be a number, not %s", noun, k.Value, o.what, describe(v))
			o.bad(field)
			continue
		}
		f, err := parseNumber(v.Value)
		if err != nil {
			d.report(v, RuleBadValue, o.id, "%s for %s of %s: %v", noun, k.Value, o.what, err)
			o.bad(field)
			continue
		}
		out = append(out, Actual{Date: date, Value: f, Pos: d.pos(k)})
	}
	slices.SortStableFunc(out, func(a, b Actual) int { return a.Date.t.Compare(b.Date.t) })
	return out
}

// LooksLikePlanFile reports whether data looks like a plan.yaml rather than
// a priority file: a mapping with plan-level fields and no id. It is for
// tools that see file contents without their names, such as git's textconv.
func LooksLikePlanFile(data []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := doc.Content[0]
	planKeys := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case "id":
			return false
		case "themes", "organisation", "owners", "findings", "glossary":
			planKeys = true
		}
	}
	return planKeys
}
