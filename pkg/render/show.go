package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Show writes everything about one item, as text or JSON.
func Show(w io.Writer, s plan.Shown, f Format, o Options) error {
	switch f {
	case JSON:
		return writeJSON(w, showJSON(s))
	case Text:
		return showText(w, s, o)
	}
	return fmt.Errorf("an item cannot be shown as %q", f)
}

// shownField reports whether a fact is shown among the fields: actuals,
// re-baselinings and the KPI's rating have sections of their own.
func shownField(field string) bool {
	return field != "rating" && !strings.HasPrefix(field, "actual ") && !strings.HasPrefix(field, "rebaselined ")
}

func showText(w io.Writer, s plan.Shown, o Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", s.Kind, s.ID, s.Title)
	width := 0
	for _, f := range s.Facts {
		if shownField(f.Field) {
			width = max(width, len(f.Field))
		}
	}
	for _, f := range s.Facts {
		if !shownField(f.Field) {
			continue
		}
		v := f.Value
		if f.Field == "owner" && s.OwnerName != "" && s.OwnerName != v {
			v = s.OwnerName + " (" + v + ")"
		}
		fmt.Fprintf(&b, "  %-*s  %s\n", width, f.Field, v)
	}
	if s.Rated {
		fmt.Fprintf(&b, "\nRating: %s\n  %s\n", o.rag(s.Rating.RAG), s.Rating.Why)
	}
	if s.DaysLate > 0 {
		fmt.Fprintf(&b, "\nDays late: %s\n", o.paint(red, fmt.Sprint(s.DaysLate)))
	}
	if s.CompletedLate > 0 {
		fmt.Fprintf(&b, "\nCompleted late by %s\n", plan.Plural(s.CompletedLate, "day", "days"))
	}
	if len(s.Answers) > 0 || s.Kind == plan.KindFinding {
		head := "Findings it addresses"
		if s.Kind == plan.KindFinding {
			head = "Addressed by"
		}
		fmt.Fprintf(&b, "\n%s:\n", head)
		if len(s.Answers) == 0 {
			fmt.Fprintf(&b, "  %s\n", o.paint(red, "no action"))
		}
		for _, r := range s.Answers {
			fmt.Fprintf(&b, "  %s  %s\n", r.ID, r.Title)
		}
	}
	if s.Kind == plan.KindKPI {
		b.WriteString("\nSeries:\n")
		if len(s.Series) == 0 {
			b.WriteString("  no actuals yet\n")
		}
		for _, a := range s.Series {
			fmt.Fprintf(&b, "  %s  %s\n", a.Date, plan.FormatNumber(a.Value))
		}
	}
	if len(s.Rebaselined) > 0 {
		b.WriteString("\nRe-baselined:\n")
		for _, r := range s.Rebaselined {
			from := ""
			if r.From != "" {
				from = " from " + r.From
			}
			who := "approved: " + r.Approved
			if r.Proposed() {
				who = o.paint(yellow, "proposed, awaiting approval")
			}
			fmt.Fprintf(&b, "  %s  %s%s: %s (%s)\n", r.Date, r.Field, from, r.Reason, who)
		}
	}
	if c := s.LastChange; c != nil {
		var fields []string
		for _, f := range c.Change.Fields {
			fields = append(fields, f.Field)
		}
		what := string(c.Change.Type)
		if len(fields) > 0 && c.Change.Type == plan.Modified {
			what += " " + strings.Join(fields, ", ")
		}
		fmt.Fprintf(&b, "\nLast change: %s %s by %s: %s\n", c.Date, c.Short, c.Author, what)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type jsonShownRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// jsonShownRebaseline is a re-baselining; proposed ones await approval.
type jsonShownRebaseline struct {
	Date     plan.Date `json:"date"`
	Field    string    `json:"field"`
	From     string    `json:"from"`
	Reason   string    `json:"reason"`
	Approved string    `json:"approved"`
	Proposed bool      `json:"proposed"`
}

type jsonLastChange struct {
	Commit string    `json:"commit"`
	Author string    `json:"author"`
	Date   plan.Date `json:"date"`
	Type   string    `json:"type"`
	Fields []string  `json:"fields"`
}

type jsonShown struct {
	Kind     plan.Kind         `json:"kind"`
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Fields   map[string]string `json:"fields"`
	RAG      *plan.RAG         `json:"rag,omitempty"`
	Why      string            `json:"why,omitempty"`
	DaysLate int               `json:"days_late"`
	// CompletedLate: days after its due date a done action was completed.
	CompletedLate int                   `json:"completed_days_late,omitempty"`
	Addresses     []jsonShownRef        `json:"addresses,omitempty"`
	AddressedBy   []jsonShownRef        `json:"addressed_by,omitempty"`
	Series        []jsonActual          `json:"series,omitempty"`
	Rebaselined   []jsonShownRebaseline `json:"rebaselined,omitempty"`
	LastChange    *jsonLastChange       `json:"last_change,omitempty"`
}

func showJSON(s plan.Shown) jsonShown {
	out := jsonShown{Kind: s.Kind, ID: s.ID, Title: s.Title, Fields: map[string]string{}, DaysLate: s.DaysLate, CompletedLate: s.CompletedLate}
	for _, f := range s.Facts {
		if shownField(f.Field) {
			out.Fields[f.Field] = f.Value
		}
	}
	if s.Rated {
		r := s.Rating.RAG
		out.RAG, out.Why = &r, s.Rating.Why
	}
	refs := []jsonShownRef{}
	for _, r := range s.Answers {
		refs = append(refs, jsonShownRef(r))
	}
	switch s.Kind {
	case plan.KindAction:
		out.Addresses = refs
	case plan.KindFinding:
		out.AddressedBy = refs
	case plan.KindKPI:
		out.Series = []jsonActual{}
		for _, a := range s.Series {
			out.Series = append(out.Series, jsonActual{a.Date, a.Value})
		}
	}
	for _, r := range s.Rebaselined {
		out.Rebaselined = append(out.Rebaselined, jsonShownRebaseline{r.Date, r.Field, r.From, r.Reason, r.Approved, r.Proposed()})
	}
	if c := s.LastChange; c != nil {
		lc := &jsonLastChange{Commit: c.Commit, Author: c.Author, Date: c.Date, Type: string(c.Change.Type), Fields: []string{}}
		for _, f := range c.Change.Fields {
			lc.Fields = append(lc.Fields, f.Field)
		}
		out.LastChange = lc
	}
	return out
}
