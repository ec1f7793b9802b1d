package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// Textconv writes a plan file as one line per fact - "P8.1 rag: amber",
// "P8.K1 actual 2026-06-30: 38" - for git's textconv, so that git diff and
// git log -p show the facts that changed rather than YAML indentation.
// p is the file read on its own (plan.LoadFile).
func Textconv(w io.Writer, p *plan.Plan) error {
	var b strings.Builder
	line := func(subject, field, value string) {
		if value == "" {
			return
		}
		if subject != "" {
			subject += " "
		}
		fmt.Fprintf(&b, "%s%s: %s\n", subject, field, strings.ReplaceAll(value, "\n", " "))
	}
	line("", "title", p.Title)
	line("", "organisation", p.Organisation)
	if !p.Period.Start.IsZero() || !p.Period.End.IsZero() {
		line("", "period", p.Period.Start.String()+" to "+p.Period.End.String())
	}
	for _, it := range p.Items() {
		subject := it.ID
		switch it.Kind {
		case plan.KindTheme, plan.KindOwner, plan.KindFinding:
			subject = string(it.Kind) + " " + it.ID
		}
		for _, f := range it.Facts {
			// Each action and KPI has lines of its own: the priority's lists
			// of them, and their priority, would only repeat what the file says.
			if f.Field == "actions" || f.Field == "kpis" || f.Field == "priority" {
				continue
			}
			line(subject, f.Field, f.Value)
		}
	}
	for _, t := range p.Glossary {
		line("glossary", t.Term, t.Meaning)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
