package plan

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
)

// A Draft is a plan read from its files for editing: it keeps each file's
// bytes and what was read from it, so that one file can be given new
// contents and the plan checked again without reading or parsing the
// others. An edit reads the plan once with LoadDraft, patches one file's
// bytes, and checks the result once with With.
type Draft struct {
	files *files
	plan  *Plan
	diags []Diagnostic
}

// LoadDraft reads the plan in fsys as Load does, within DefaultLimits,
// keeping each file's bytes. The error is as Load's.
func LoadDraft(fsys fs.FS) (*Draft, error) {
	return LoadDraftReusing(fsys, nil)
}

// LoadDraftReusing is LoadDraft for a plan much like prev (another
// revision of it, say): a file whose bytes are those prev read under the
// same name is not parsed again. What it returns is what LoadDraft would;
// the two drafts' plans share what they read alike, and neither may be
// changed. prev may be nil.
func LoadDraftReusing(fsys fs.FS, prev *Draft) (*Draft, error) {
	var pf *files
	if prev != nil {
		pf = prev.files
	}
	l, err := read(fsys, DefaultLimits, true, pf)
	if err != nil {
		return nil, err
	}
	p, diags := l.assemble()
	return &Draft{files: l, plan: p, diags: diags}, nil
}

// Plan returns the plan as read, and its findings, as Load returns them.
func (d *Draft) Plan() (*Plan, []Diagnostic) { return d.plan, d.diags }

// File returns the bytes of the plan file name (a path as Diagnostic
// positions give it), as read, and whether the plan has such a file that
// was read. The bytes must not be changed.
func (d *Draft) File(name string) ([]byte, bool) {
	if name == PlanFile {
		return d.files.plan.data, d.files.plan.data != nil
	}
	for _, e := range d.files.entries {
		if e.name == name {
			return e.data, e.data != nil
		}
	}
	return nil, false
}

// With returns the plan as it would be if the file name held data, and
// its findings, as Load would return them: only that file is parsed, and
// what the files say about each other is checked again. The draft itself
// does not change. When the plan as read was beyond its limits, the files
// that were not read stay unread. The error is non-nil only when the plan
// has no file called name.
func (d *Draft) With(name string, data []byte) (*Plan, []Diagnostic, error) {
	return d.WithFiles(map[string][]byte{name: data})
}

// WithFiles is With for several files at once: the plan as it would be if
// each file named held its new bytes, checked together.
func (d *Draft) WithFiles(changed map[string][]byte) (*Plan, []Diagnostic, error) {
	l := *d.files
	lim := l.lim
	l.entries = slices.Clone(l.entries)
	for _, name := range slices.Sorted(maps.Keys(changed)) {
		data := changed[name]
		if name == PlanFile {
			l.plan = planResult{size: int64(len(data)), data: data}
			if l.plan.size > lim.FileBytes {
				l.plan.diags = []Diagnostic{tooLarge(name, l.plan.size, lim)}
			} else {
				l.plan = decodePlanFile(data, lim.Depth, l.plan)
			}
			continue
		}
		i := slices.IndexFunc(l.entries, func(e fileEntry) bool { return e.name == name })
		if i < 0 {
			return nil, nil, fmt.Errorf("no file %s in the plan", name)
		}
		e := fileEntry{name: name, size: int64(len(data)), data: data}
		if e.size > lim.FileBytes {
			e.result.diags = []Diagnostic{tooLarge(name, e.size, lim)}
		} else {
			e.result = decodePriorityFile(name, data, lim.Depth)
		}
		l.entries[i] = e
	}
	p, diags := l.assemble()
	return p, diags, nil
}

// Without returns the plan as it would be without the priority file name,
// and its findings, as With does. The error is non-nil when the plan has
// no such priority file.
func (d *Draft) Without(name string) (*Plan, []Diagnostic, error) {
	i := slices.IndexFunc(d.files.entries, func(e fileEntry) bool { return e.name == name })
	if i < 0 || name == PlanFile {
		return nil, nil, fmt.Errorf("no priority file %s in the plan", name)
	}
	l := *d.files
	l.entries = slices.Delete(slices.Clone(l.entries), i, i+1)
	p, diags := l.assemble()
	return p, diags, nil
}

// WithNew returns the plan as it would be with a new priority file name
// (a path as Diagnostic positions give it) holding data, and its findings,
// as With does. The error is non-nil when the plan already has a file
// called name.
func (d *Draft) WithNew(name string, data []byte) (*Plan, []Diagnostic, error) {
	if _, ok := d.File(name); ok || name == PlanFile || slices.ContainsFunc(d.files.entries, func(e fileEntry) bool { return e.name == name }) {
		return nil, nil, fmt.Errorf("the plan already has a file %s", name)
	}
	l := *d.files
	i := slices.IndexFunc(l.entries, func(e fileEntry) bool { return e.name > name })
	if i < 0 {
		i = len(l.entries)
	}
	l.entries = slices.Insert(slices.Clone(l.entries), i, fileEntry{name: name})
	return (&Draft{files: &l}).With(name, data)
}
