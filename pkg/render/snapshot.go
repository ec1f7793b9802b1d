package render

import (
	"fmt"
	"io"
	"strconv"

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

// Bodies writes, for each body the plan reports to, its last snapshot,
// when it next sees the plan and how much has changed since.
func Bodies(w io.Writer, bodies []plan.BodyStatus, f Format, o Options) error {
	switch f {
	case Table:
		var rows [][]string
		for _, b := range bodies {
			last, next, changes := "none yet", "-", "-"
			if b.Last.Tag != "" {
				last = b.Last.Date.String()
				changes = strconv.Itoa(b.Changes)
			}
			if !b.Next.IsZero() {
				next = b.Next.String()
				if b.Overdue {
					next += " (overdue)"
				}
			}
			cycle := b.Body.Cycle.String()
			if cycle == "" {
				cycle = "-"
			}
			rows = append(rows, []string{b.Body.ID, textsafe.Visible(b.Body.Name), cycle, last, next, changes})
		}
		return writeTable(w, []tableCol{keepCol("BODY"), textCol("NAME"), keepCol("CYCLE"), keepCol("LAST"), keepCol("NEXT DUE"), keepCol("CHANGES")}, rows, nil, o.Width)
	case JSON:
		type jsonLast struct {
			Date   plan.Date `json:"date"`
			Tag    string    `json:"tag"`
			Commit string    `json:"commit"`
		}
		type jsonBody struct {
			ID      string    `json:"id"`
			Name    string    `json:"name"`
			Cycle   string    `json:"cycle"`
			Last    *jsonLast `json:"last"`
			Next    string    `json:"next"`
			Overdue bool      `json:"overdue"`
			Changes *int      `json:"changes"`
		}
		out := struct {
			Bodies []jsonBody `json:"bodies"`
		}{[]jsonBody{}}
		for _, b := range bodies {
			j := jsonBody{ID: b.Body.ID, Name: b.Body.Name, Cycle: b.Body.Cycle.String(), Overdue: b.Overdue}
			if b.Last.Tag != "" {
				j.Last = &jsonLast{b.Last.Date, b.Last.Tag, b.Last.Commit}
				j.Changes = &b.Changes
			}
			if !b.Next.IsZero() {
				j.Next = b.Next.String()
			}
			out.Bodies = append(out.Bodies, j)
		}
		return writeJSON(w, out)
	}
	return fmt.Errorf("bodies cannot be written as %q", f)
}
