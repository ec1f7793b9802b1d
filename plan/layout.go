package plan

import (
	"io/fs"
	"slices"
)

// Fields returns the fields a kind of mapping in a plan file allows, in the
// documented order: "plan" (plan.yaml itself), "period", "theme", "owner",
// "finding", "priority" (a priority file itself), "action", "kpi" and
// "rebaselined" (one entry of a rebaselined list). It returns nil for any
// other name. The slice must not be changed. FieldSpecs says more of each.
func Fields(mapping string) []string {
	if m := mappingOf(mapping); m != nil {
		return m.names
	}
	return nil
}

// Files lists the files of the plan in fsys as Load reads them: plan.yaml
// first, then each priority file in lexical order of path. Links and other
// files Load would not read are left out; plan.yaml that is not a regular
// file is an error wrapping ErrNotAFile.
func Files(fsys fs.FS) ([]string, error) {
	if _, err := planEntry(fsys); err != nil {
		return nil, err
	}
	entries, _, err := priorityFiles(fsys)
	if err != nil {
		return nil, err
	}
	files := []string{PlanFile}
	for _, e := range entries {
		files = append(files, e.name)
	}
	return files, nil
}

// Words returns the words a field allows - status, rag, visibility,
// frequency or better - in the documented order, or nil for a field that
// takes other values.
func Words(field string) []string {
	for _, m := range mappings {
		if f, ok := m.spec(field); ok && f.Type == TypeWord && f.Words != nil {
			return slices.Clone(f.Words)
		}
	}
	return nil
}
