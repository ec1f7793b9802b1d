package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// AppliedReturn is what applying one owner's return did.
type AppliedReturn struct {
	File      string // the workbook
	Owner     string // the owner's name, or id
	Issued    string // the day the return was issued
	Revision  string // the revision it was issued from, shortened
	Changes   []plan.Change
	Unchanged int // values the plan already held
	// Problems are the cells not applied, each "FILE SHEET!CELL: why".
	Problems []string
	// Refused is why the whole return was not applied; "" when it was.
	Refused string
}

// Applied writes what applying returns did, per return: the changes, as
// plan diff words them, then the cells not applied. dryRun says the
// changes were not written.
func Applied(w io.Writer, returns []AppliedReturn, dryRun bool) error {
	var b strings.Builder
	for i, r := range returns {
		if i > 0 {
			b.WriteString("\n")
		}
		if r.Refused != "" {
			fmt.Fprintf(&b, "%s: refused: %s\n", r.File, r.Refused)
			continue
		}
		fmt.Fprintf(&b, "%s, from %s (issued %s from %s):\n", r.File, r.Owner, r.Issued, r.Revision)
		verb := "changed"
		if dryRun {
			verb = "would change"
		}
		switch {
		case len(r.Changes) > 0:
		case r.Unchanged > 0:
			fmt.Fprintf(&b, "  nothing %s: the plan already holds %s\n", verb, plan.Plural(r.Unchanged, "value", "values"))
		default:
			fmt.Fprintf(&b, "  nothing %s\n", verb)
		}
		for _, c := range r.Changes {
			fmt.Fprintf(&b, "  %s %s %s: %s\n", changeSigns[c.Type], c.Kind, c.ID, changeLine(c))
		}
		if len(r.Problems) > 0 {
			fmt.Fprintf(&b, "  not applied (%d):\n", len(r.Problems))
			for _, p := range r.Problems {
				fmt.Fprintf(&b, "    %s\n", p)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
