package render

import (
	"fmt"
	"io"

	"github.com/plan-tool/plan/plan"
)

// Edited writes what an edit changed in a file: one line per item, each
// field old and new, with its meaning.
func Edited(w io.Writer, file string, changes []plan.Change) error {
	return edited(w, "Updated", file, changes)
}

// Removed reports a plan file removed and the changes that made to the
// plan, as Edited does.
func Removed(w io.Writer, file string, changes []plan.Change) error {
	return edited(w, "Removed", file, changes)
}

func edited(w io.Writer, verb, file string, changes []plan.Change) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintf(w, "No change to %s: it already says that.\n", file)
		return err
	}
	if _, err := fmt.Fprintf(w, "%s %s:\n", verb, file); err != nil {
		return err
	}
	for _, c := range changes {
		if _, err := fmt.Fprintf(w, "  %s %s %s: %s\n", changeSigns[c.Type], c.Kind, c.ID, changeLine(c)); err != nil {
			return err
		}
	}
	return nil
}
