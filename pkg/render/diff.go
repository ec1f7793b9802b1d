package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/plan-tool/plan/plan"
)

// End is one end of a diff: a revision, or the work tree.
type End struct {
	Rev    string // as the user wrote it, or "working tree"
	Commit string // full hash; "" for the work tree
	Short  string // the hash abbreviated, as git prints it
	Date   string // commit date, YYYY-MM-DD; "" for the work tree
}

func (e End) String() string {
	if e.Commit == "" {
		return e.Rev
	}
	return fmt.Sprintf("%s (%s, %s)", e.Rev, e.Short, e.Date)
}

// Diff writes the changes between two versions of a plan.
func Diff(w io.Writer, r plan.DiffReport, from, to End, f Format, o Options) error {
	switch f {
	case Text:
		return diffText(w, r, from, to, o)
	case Markdown:
		return diffMarkdown(w, r, from, to)
	case JSON:
		return writeJSON(w, diffJSON(r, from, to))
	}
	return fmt.Errorf("a diff cannot be written as %q", f)
}

var changeSigns = map[plan.ChangeType]string{plan.Added: "+", plan.Removed: "-", plan.Modified: "~", plan.Moved: ">"}

// describe says in words what a field change means; alarm marks the
// changes a reviewer must not miss.
func describe(f plan.FieldChange) (text string, alarm bool) {
	if rb := f.Rebaselined; rb != nil && rb.Proposed() {
		text = "a re-baselining is proposed (" + rb.Reason + ") and awaits approval"
		if f.Meaning == plan.Slipped {
			text = fmt.Sprintf("slipped %s; %s", plan.Plural(f.Days, "day", "days"), text)
		}
		return text, true
	}
	if rb := f.Rebaselined; rb != nil {
		text = "re-baselined with approval (" + rb.Approved + ")"
		if f.Meaning == plan.Slipped {
			text = fmt.Sprintf("slipped %s, %s", plan.Plural(f.Days, "day", "days"), text)
		}
		return text, false
	}
	if why := f.MisrecordedWhy(); why != "" {
		text = why
		if f.Meaning == plan.Slipped {
			text = fmt.Sprintf("slipped %s; the %s", plan.Plural(f.Days, "day", "days"), why)
		} else if f.Meaning != "" {
			text = string(f.Meaning) + "; the " + why
		}
		return text, true
	}
	switch f.Meaning {
	case plan.Slipped:
		return "slipped " + plan.Plural(f.Days, "day", "days"), true
	case plan.BroughtForward:
		return "brought forward " + plan.Plural(-f.Days, "day", "days"), false
	case plan.Worsened:
		return "worsened", true
	case plan.Eased:
		return "EASED: easier to meet", true
	case plan.Tightened:
		return "tightened: harder to meet", false
	case plan.NewActual:
		return "new actual", false
	case plan.RevisedActual:
		return "revised", true
	}
	return string(f.Meaning), false
}

func diffText(w io.Writer, r plan.DiffReport, from, to End, o Options) error {
	// On a terminal, long lines are wrapped to its width, never cut: a
	// field's value goes on under the value above it.
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", wrapText(fmt.Sprintf("Changes from %s to %s", from, to), o.Width, 2), wrapText(o.paint(bold, r.Summary.String()), o.Width, 2))
	for _, c := range r.Changes {
		sign := changeSigns[c.Type]
		head := fmt.Sprintf("%s %s %s", sign, c.Kind, c.ID)
		switch c.Type {
		case plan.Added:
			head = o.paint(green, head)
		case plan.Removed:
			head = o.paint(red, head)
		default:
			head = o.paint(yellow, head)
		}
		fmt.Fprintf(&b, "\n%s\n", wrapText(head+"  "+c.Title, o.Width, 2))
		if c.Type == plan.Removed {
			continue
		}
		width := 0
		for _, f := range c.Fields {
			width = max(width, len(f.Field))
		}
		hang := width + 2
		if 4+hang > o.Width/2 {
			hang = 2
		}
		for _, f := range c.Fields {
			if c.Type == plan.Added {
				if f.Field != "title" {
					fmt.Fprintf(&b, "%s\n", wrapText(fmt.Sprintf("    %-*s  %s", width, f.Field, f.New), o.Width, hang))
				}
				continue
			}
			line := fmt.Sprintf("    %-*s  %s -> %s", width, f.Field, orNone(f.Old), orNone(f.New))
			if f.Members != nil {
				line = fmt.Sprintf("    %-*s  %s", width, f.Field, membership(f.Members))
			}
			text, alarm := describe(f)
			if text != "" {
				if alarm {
					text = o.paint(red+bold, text)
				}
				text = "  (" + text + ")"
			}
			if o.Width > 0 && twwidth.Width(line+text) > o.Width && strings.Contains(line, " -> ") {
				// Too long for one line: the new value goes under the
				// old, so that the two can be read one above the other.
				b.WriteString(wrapText(fmt.Sprintf("    %-*s  %s", width, f.Field, orNone(f.Old)), o.Width, hang) + "\n")
				line = fmt.Sprintf("%*s-> %s", 4+hang-3, "", orNone(f.New))
				b.WriteString(wrapText(line+text, o.Width, 3) + "\n")
				continue
			}
			b.WriteString(wrapText(line+text, o.Width, hang) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// membership says which ids joined or left a list: "+P8.14 -P8.3".
func membership(m *plan.Membership) string {
	var out []string
	for _, id := range m.Added {
		out = append(out, "+"+id)
	}
	for _, id := range m.Removed {
		out = append(out, "-"+id)
	}
	if len(out) == 0 {
		return "reordered"
	}
	return strings.Join(out, " ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func diffMarkdown(w io.Writer, r plan.DiffReport, from, to End) error {
	if _, err := fmt.Fprintf(w, "### Plan changes from %s to %s\n\n**%s**\n", mdEscape(from.String()), mdEscape(to.String()), r.Summary.String()); err != nil {
		return err
	}
	if r.Empty() {
		return nil
	}
	cols := []column{{"", false}, {"Item", false}, {"Title", false}, {"Field", false}, {"Old", false}, {"New", false}, {"Meaning", false}}
	var rows [][]string
	for _, c := range r.Changes {
		item := []string{changeSigns[c.Type], mdEscape(string(c.Kind) + " " + c.ID), mdEscape(c.Title)}
		if c.Type == plan.Added || c.Type == plan.Removed {
			rows = append(rows, append(item, "", "", "", string(c.Type)))
			continue
		}
		for i, f := range c.Fields {
			if i > 0 {
				item = []string{"", "", ""}
			}
			text, alarm := describe(f)
			text = mdEscape(text)
			if alarm {
				text = "**" + text + "**"
			}
			old, new := f.Old, f.New
			if f.Members != nil {
				old, new = "", membership(f.Members)
			}
			rows = append(rows, append(item, mdEscape(f.Field), mdEscape(old), mdEscape(new), text))
		}
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return writeMarkdownTable(w, cols, rows)
}

type jsonEnd struct {
	Rev    string `json:"rev"`
	Commit string `json:"commit"`
	Date   string `json:"date"`
}

func endJSON(e End) jsonEnd { return jsonEnd{e.Rev, e.Commit, e.Date} }

type jsonRebaseline struct {
	Date     plan.Date `json:"date"`
	Field    string    `json:"field"`
	From     string    `json:"from"`
	Reason   string    `json:"reason"`
	Approved string    `json:"approved"`
}

type jsonFieldChange struct {
	Field       string          `json:"field"`
	Old         string          `json:"old"`
	New         string          `json:"new"`
	Meaning     string          `json:"meaning,omitempty"`
	Days        *int            `json:"days,omitempty"`
	Direction   string          `json:"direction,omitempty"`
	Rebaselined *jsonRebaseline `json:"rebaselined,omitempty"`
	// Misrecorded is a re-baselining added with the change whose from is
	// not the value before it.
	Misrecorded *jsonRebaseline `json:"misrecorded,omitempty"`
}

type jsonChange struct {
	Kind   plan.Kind         `json:"kind"`
	ID     string            `json:"id"`
	Title  string            `json:"title"`
	Change plan.ChangeType   `json:"change"`
	Fields []jsonFieldChange `json:"fields"`
}

type jsonDiffSummary struct {
	Slipped        int `json:"slipped"`
	BroughtForward int `json:"brought_forward"`
	Worsened       int `json:"worsened"`
	Improved       int `json:"improved"`
	Done           int `json:"done"`
	Dropped        int `json:"dropped"`
	TargetsChanged int `json:"targets_changed"`
	Rebaselined    int `json:"rebaselined"`
	NewActuals     int `json:"new_actuals"`
	Added          int `json:"added"`
	Removed        int `json:"removed"`
	Moved          int `json:"moved"`
	Modified       int `json:"modified"`
	Other          int `json:"other"`
}

type jsonDiff struct {
	From    jsonEnd         `json:"from"`
	To      jsonEnd         `json:"to"`
	Summary jsonDiffSummary `json:"summary"`
	Text    string          `json:"summary_text"`
	Changes []jsonChange    `json:"changes"`
}

func fieldChangesJSON(fields []plan.FieldChange) []jsonFieldChange {
	out := []jsonFieldChange{}
	for _, f := range fields {
		j := jsonFieldChange{Field: f.Field, Old: f.Old, New: f.New, Meaning: string(f.Meaning), Direction: f.Direction()}
		if f.Field == "due" && f.Old != "" && f.New != "" {
			d := f.Days
			j.Days = &d
		}
		if rb := f.Rebaselined; rb != nil {
			j.Rebaselined = &jsonRebaseline{rb.Date, rb.Field, rb.From, rb.Reason, rb.Approved}
		}
		if rb := f.Misrecorded; rb != nil {
			j.Misrecorded = &jsonRebaseline{rb.Date, rb.Field, rb.From, rb.Reason, rb.Approved}
		}
		out = append(out, j)
	}
	return out
}

func diffJSON(r plan.DiffReport, from, to End) jsonDiff {
	s := r.Summary
	out := jsonDiff{
		From: endJSON(from), To: endJSON(to),
		Summary: jsonDiffSummary{s.Slipped, s.BroughtForward, s.Worsened, s.Improved, s.Done, s.Dropped,
			s.TargetsChanged, s.Rebaselined, s.NewActuals, s.Added, s.Removed, s.Moved, s.Modified, s.Other},
		Text:    s.String(),
		Changes: []jsonChange{},
	}
	for _, c := range r.Changes {
		out.Changes = append(out.Changes, jsonChange{c.Kind, c.ID, c.Title, c.Type, fieldChangesJSON(c.Fields)})
	}
	return out
}
