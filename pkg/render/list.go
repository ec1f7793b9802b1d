package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// listField is one field of a list: how a table, markdown, CSV and JSON
// show it. Tables and markdown name people; CSV and JSON give ids.
type listField struct {
	col   tableCol
	md    string                             // markdown header
	key   string                             // CSV header and JSON key, snake_case
	table func(plan.ListRow, Options) string // for people
	csv   func(plan.ListRow) string          // ids
	json  func(plan.ListRow) any
}

func listPlain(col tableCol, md, key string, v func(plan.ListRow) string) listField {
	return listField{col, md, key, func(r plan.ListRow, _ Options) string { return v(r) }, v, func(r plan.ListRow) any { return v(r) }}
}

var (
	listID    = listPlain(keepCol("ID"), "ID", "id", func(r plan.ListRow) string { return r.ID })
	listTitle = listPlain(textCol("TITLE"), "Title", "title", func(r plan.ListRow) string { return r.Title })
	listOwner = listField{asideCol("OWNER"), "Owner", "owner",
		func(r plan.ListRow, _ Options) string { return r.OwnerName },
		func(r plan.ListRow) string { return r.Owner },
		func(r plan.ListRow) any { return r.Owner }}
	listRAG = listField{keepCol("RAG"), "RAG", "rag",
		func(r plan.ListRow, o Options) string { return o.rag(r.RAG) },
		func(r plan.ListRow) string { return r.RAG.String() },
		func(r plan.ListRow) any { return r.RAG }}
	listPriority = listPlain(keepCol("PRIORITY"), "Priority", "priority", func(r plan.ListRow) string { return r.Priority })
	listTheme    = listPlain(keepCol("THEME"), "Theme", "theme", func(r plan.ListRow) string { return r.Theme })
)

// listFields are the fields each kind of list shows, in order.
var listFields = map[plan.ListKind][]listField{
	"actions": {listID, listTitle, listOwner,
		listField{keepCol("DUE"), "Due", "due",
			func(r plan.ListRow, _ Options) string { return r.Due.String() },
			func(r plan.ListRow) string { return r.Due.String() },
			func(r plan.ListRow) any { return r.Due }},
		listPlain(keepCol("STATUS"), "Status", "status", func(r plan.ListRow) string { return string(r.Status) }),
		listRAG,
		listField{numCol("DAYS LATE"), "Days late", "days_late",
			func(r plan.ListRow, o Options) string {
				if r.DaysLate == 0 {
					return ""
				}
				return o.paint(red, strconv.Itoa(r.DaysLate))
			},
			func(r plan.ListRow) string { return strconv.Itoa(r.DaysLate) },
			func(r plan.ListRow) any { return r.DaysLate }},
		listPriority.withRepeat(),
	},
	"kpis": {listID, listTitle, listOwner,
		listField{numCol("LATEST"), "Latest", "latest",
			func(r plan.ListRow, _ Options) string { return latestText(r) },
			func(r plan.ListRow) string {
				if r.Latest == nil {
					return ""
				}
				return plan.FormatNumber(r.Latest.Value)
			},
			func(r plan.ListRow) any {
				if r.Latest == nil {
					return nil
				}
				return r.Latest.Value
			}},
		listField{keepCol("AS AT"), "As at", "latest_date",
			func(r plan.ListRow, _ Options) string { return latestDate(r) },
			latestDate,
			func(r plan.ListRow) any {
				if r.Latest == nil {
					return nil
				}
				return r.Latest.Date
			}},
		listRAG, listPriority.withRepeat(),
	},
	"findings": {listID, listTitle,
		listPlain(asideCol("SOURCE"), "Source", "source", func(r plan.ListRow) string { return r.Source }),
		listField{keepCol("ADDRESSED BY"), "Addressed by", "addressed_by",
			func(r plan.ListRow, o Options) string {
				if len(r.Answers) == 0 {
					return o.paint(red, "nothing")
				}
				return strings.Join(r.Answers, ", ")
			},
			func(r plan.ListRow) string { return strings.Join(r.Answers, " ") },
			func(r plan.ListRow) any {
				if r.Answers == nil {
					return []string{}
				}
				return r.Answers
			}},
	},
	"owners": {listID,
		listPlain(textCol("NAME"), "Name", "name", func(r plan.ListRow) string { return r.OwnerName }),
		listPlain(asideCol("ROLE"), "Role", "role", func(r plan.ListRow) string { return r.Role }),
		listPlain(keepCol("EMAIL"), "Email", "email", func(r plan.ListRow) string { return r.Email }),
	},
	"priorities": {listID, listTitle, listTheme, listOwner, listRAG},
	"themes":     {listID, listTitle, listRAG},
}

func (f listField) withRepeat() listField { f.col = f.col.repeats(); return f }

func latestText(r plan.ListRow) string {
	if r.Latest == nil {
		return "no actuals"
	}
	v := plan.FormatNumber(r.Latest.Value)
	if r.Unit == "%" {
		return v + "%"
	}
	return v
}

func latestDate(r plan.ListRow) string {
	if r.Latest == nil {
		return ""
	}
	return r.Latest.Date.String()
}

// List writes a list of one kind of item.
func List(w io.Writer, l plan.List, f Format, o Options) error {
	fields, ok := listFields[l.Kind]
	if !ok {
		return fmt.Errorf("no list of %q", l.Kind)
	}
	switch f {
	case JSON:
		return listJSON(w, l, fields)
	case CSV:
		records := [][]string{{}}
		for _, fd := range fields {
			records[0] = append(records[0], fd.key)
		}
		for _, r := range l.Rows {
			var rec []string
			for _, fd := range fields {
				rec = append(rec, fd.csv(r))
			}
			records = append(records, rec)
		}
		return newCSV(w).WriteAll(records)
	case Markdown:
		if _, err := fmt.Fprintf(w, "%s (as of %s).\n", listHeading(l), l.AsOf); err != nil {
			return err
		}
		if len(l.Rows) == 0 {
			return nil
		}
		var cols []column
		for _, fd := range fields {
			cols = append(cols, column{fd.md, fd.col.right})
		}
		var rows [][]string
		for _, r := range l.Rows {
			var row []string
			for _, fd := range fields {
				row = append(row, mdEscape(fd.table(r, Options{})))
			}
			rows = append(rows, row)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
		return writeMarkdownTable(w, cols, rows)
	case Table:
		if _, err := fmt.Fprintln(w, wrapText(fmt.Sprintf("%s (as of %s)", listHeading(l), l.AsOf), o.Width, 2)); err != nil {
			return err
		}
		if len(l.Rows) == 0 {
			return nil
		}
		var cols []tableCol
		for _, fd := range fields {
			cols = append(cols, fd.col)
		}
		var rows [][]string
		for _, r := range l.Rows {
			var row []string
			for _, fd := range fields {
				row = append(row, fd.table(r, o))
			}
			rows = append(rows, row)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
		return writeTable(w, cols, rows, nil, o.Width)
	}
	return fmt.Errorf("a list cannot be written as %q", f)
}

// listHeading counts the items listed: "12 actions", "1 KPI".
func listHeading(l plan.List) string {
	one := map[plan.ListKind]string{"actions": "action", "kpis": "KPI", "findings": "finding", "owners": "owner",
		"priorities": "priority", "themes": "theme"}[l.Kind]
	many := map[plan.ListKind]string{"kpis": "KPIs"}[l.Kind]
	if many == "" {
		many = string(l.Kind)
	}
	if len(l.Rows) == 0 {
		return "No " + many
	}
	return plan.Plural(len(l.Rows), one, many)
}

// listJSON writes {"as_of": ..., "kind": ..., "items": [...]} with each
// item's keys in the order of its fields.
func listJSON(w io.Writer, l plan.List, fields []listField) error {
	var items []json.RawMessage
	for _, r := range l.Rows {
		var b bytes.Buffer
		b.WriteByte('{')
		for i, fd := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := marshalPlain(fd.key)
			v, err := marshalPlain(fd.json(r))
			if err != nil {
				return err
			}
			b.Write(k)
			b.WriteByte(':')
			b.Write(v)
		}
		b.WriteByte('}')
		items = append(items, b.Bytes())
	}
	if items == nil {
		items = []json.RawMessage{}
	}
	return writeJSON(w, struct {
		AsOf  plan.Date         `json:"as_of"`
		Kind  plan.ListKind     `json:"kind"`
		Items []json.RawMessage `json:"items"`
	}{l.AsOf, l.Kind, items})
}

// marshalPlain is json.Marshal without escaping &, < and >, as writeJSON
// writes.
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
