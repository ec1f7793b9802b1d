package render

import (
	"fmt"
	"io"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// Log writes the history of one item, newest first.
func Log(w io.Writer, id string, entries []plan.LogEntry, f Format, o Options) error {
	switch f {
	case Table:
		return logTable(w, id, entries, o)
	case Markdown:
		return logMarkdown(w, id, entries)
	case JSON:
		return writeJSON(w, logJSON(id, entries))
	}
	return fmt.Errorf("a history cannot be written as %q", f)
}

// logHeading names the item from its newest entry.
func logHeading(id string, entries []plan.LogEntry) string {
	if len(entries) == 0 {
		return "No changes to " + id
	}
	c := entries[0].Change
	return fmt.Sprintf("History of %s %s: %s", c.Kind, id, c.Title)
}

// logRows lists one row per field change; added and removed items are one
// row each.
func logRows(entries []plan.LogEntry, cell func(string) string, meaning func(plan.FieldChange) string) [][]string {
	var rows [][]string
	for _, e := range entries {
		lead := []string{e.Date.String(), e.Short, cell(textsafe.Visible(e.Author))}
		if e.Change.Type == plan.Added || e.Change.Type == plan.Removed {
			rows = append(rows, append(lead, string(e.Change.Type), "", "", ""))
			continue
		}
		for i, fc := range e.Change.Fields {
			if i > 0 {
				lead = []string{"", "", ""}
			}
			old, new := fc.Old, fc.New
			if fc.Members != nil {
				old, new = "", membership(fc.Members)
			}
			rows = append(rows, append(lead, cell(fc.Field), cell(old), cell(new), meaning(fc)))
		}
	}
	return rows
}

// logCols are a log table's columns. Old and new values are cut, if at
// all, only where they differ: a change never looks like none.
var logCols = []tableCol{keepCol("DATE"), keepCol("COMMIT"), asideCol("AUTHOR"), keepCol("FIELD"),
	changedCol("OLD", "old: "), changedCol("NEW", "new: "), textCol("MEANING")}

func logTable(w io.Writer, id string, entries []plan.LogEntry, o Options) error {
	if _, err := fmt.Fprintln(w, wrapText(logHeading(id, entries), o.Width, 2)); err != nil || len(entries) == 0 {
		return err
	}
	rows := logRows(entries, func(s string) string { return s }, func(fc plan.FieldChange) string {
		text, alarm := describe(fc)
		if alarm {
			return o.paint(red, text)
		}
		return text
	})
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return writeTable(w, logCols, rows, nil, o.Width)
}

func logMarkdown(w io.Writer, id string, entries []plan.LogEntry) error {
	if _, err := fmt.Fprintf(w, "### %s\n", mdEscape(logHeading(id, entries))); err != nil || len(entries) == 0 {
		return err
	}
	cols := []column{{"Date", false}, {"Commit", false}, {"Author", false}, {"Field", false}, {"Old", false}, {"New", false}, {"Meaning", false}}
	rows := logRows(entries, mdEscape, func(fc plan.FieldChange) string {
		text, alarm := describe(fc)
		if alarm && text != "" {
			return "**" + mdEscape(text) + "**"
		}
		return mdEscape(text)
	})
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return writeMarkdownTable(w, cols, rows)
}

type jsonLogEntry struct {
	Commit string            `json:"commit"`
	Date   plan.Date         `json:"date"`
	Author string            `json:"author"`
	Change plan.ChangeType   `json:"change"`
	Fields []jsonFieldChange `json:"fields"`
}

type jsonLog struct {
	ID      string         `json:"id"`
	Kind    plan.Kind      `json:"kind"`
	Title   string         `json:"title"`
	Entries []jsonLogEntry `json:"entries"`
}

func logJSON(id string, entries []plan.LogEntry) jsonLog {
	out := jsonLog{ID: id, Entries: []jsonLogEntry{}}
	if len(entries) > 0 {
		out.Kind, out.Title = entries[0].Change.Kind, entries[0].Change.Title
	}
	for _, e := range entries {
		out.Entries = append(out.Entries, jsonLogEntry{e.Commit, e.Date, e.Author, e.Change.Type, fieldChangesJSON(e.Change.Fields)})
	}
	return out
}
