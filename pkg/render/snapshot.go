package render

import (
	"fmt"
	"io"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// Snapshots writes the list of recorded snapshots.
func Snapshots(w io.Writer, snaps []plan.Snapshot, f Format, o Options) error {
	switch f {
	case Table:
		if len(snaps) == 0 {
			_, err := fmt.Fprintln(w, wrapText("No snapshots recorded yet: 'plan snapshot board' records one.", o.Width, 2))
			return err
		}
		var rows [][]string
		for _, s := range snaps {
			rows = append(rows, []string{s.Kind, s.Date.String(), s.Short, textsafe.Visible(s.Tagger), textsafe.Visible(s.Message)})
		}
		return writeTable(w, []tableCol{keepCol("KIND"), keepCol("DATE"), keepCol("COMMIT"), asideCol("BY"), textCol("MESSAGE")}, rows, nil, o.Width)
	case JSON:
		type jsonSnapshot struct {
			Kind    string    `json:"kind"`
			Date    plan.Date `json:"date"`
			Tag     string    `json:"tag"`
			Commit  string    `json:"commit"`
			Tagger  string    `json:"tagger"`
			Message string    `json:"message"`
		}
		out := struct {
			Snapshots []jsonSnapshot `json:"snapshots"`
		}{[]jsonSnapshot{}}
		for _, s := range snaps {
			out.Snapshots = append(out.Snapshots, jsonSnapshot{s.Kind, s.Date, s.Tag, s.Commit, s.Tagger, s.Message})
		}
		return writeJSON(w, out)
	}
	return fmt.Errorf("snapshots cannot be written as %q", f)
}
