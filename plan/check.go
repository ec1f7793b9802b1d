package plan

import (
	"fmt"
	"strings"
)

// Check applies the plan's policy rules on the as-of date: overdue,
// unrated, undated and green-but-overdue actions, KPIs whose returns are
// late, acronyms the glossary does not explain and terms it explains that
// nothing uses, and findings no action addresses. Fields that were written but could not be understood are
// skipped: Load has reported them already; so are unaddressed findings when
// a priority file could not be read at all. The result is sorted and has no
// severities; see Policy.Apply.
func (p *Plan) Check(asOf Date) []Diagnostic {
	var diags []Diagnostic
	report := func(pos Pos, rule Rule, id, format string, args ...any) {
		diags = append(diags, Diagnostic{Rule: rule, Pos: pos, ID: id, Message: fmt.Sprintf(format, args...)})
	}
	addressedBy := map[string][]*Action{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			for _, f := range a.Addresses {
				addressedBy[f] = append(addressedBy[f], a)
			}
			if !a.Status.Open() {
				continue
			}
			switch {
			case a.Due.IsZero() && !a.src.bad["due"]:
				report(a.Pos, RuleUndated, a.ID, "action %s is %s but has no due date", a.ID, a.Status)
			case a.IsOverdue(asOf):
				late := a.DaysLate(asOf)
				report(a.FieldPos("due"), RuleOverdue, a.ID, "action %s is %s overdue (due %s)", a.ID, days(late), a.Due)
				if a.RAG == Green {
					report(a.FieldPos("rag"), RuleGreenButOverdue, a.ID, "action %s is rated green but is %s overdue; re-rate it or agree a new date", a.ID, days(late))
				}
			}
			if a.RAG == Unrated && !a.src.bad["rag"] {
				report(a.Pos, RuleUnrated, a.ID, "action %s is %s but has no rag rating (red, amber or green)", a.ID, a.Status)
			}
		}
	}
	measuredBy := map[string][]string{}
	for _, pr := range p.Priorities {
		for _, k := range pr.KPIs {
			for _, f := range k.Addresses {
				measuredBy[f] = append(measuredBy[f], k.ID)
			}
			for _, a := range k.Actuals {
				if a.Date.After(asOf) {
					report(a.Pos, RuleFutureActual, k.ID, "actual of kpi %s is dated %s, after the as-of date %s: an actual measures a period that has ended; check the year", k.ID, a.Date, asOf)
				}
			}
			if d, ok := k.AsOf(asOf).missingReturn(asOf, p.Period.Start); ok {
				diags = append(diags, d)
			}
		}
	}
	diags = append(diags, p.checkProposals()...)
	diags = append(diags, p.checkGlossary()...)
	for _, f := range p.Findings {
		if p.partial {
			break // a file that could not be read may address it
		}
		var dropped []string
		addressed := false
		for _, a := range addressedBy[f.ID] {
			if a.Status == Dropped {
				dropped = append(dropped, a.ID)
			} else {
				addressed = true
			}
		}
		switch {
		case addressed:
		case len(dropped) > 0:
			report(f.Pos, RuleUnaddressedFinding, f.ID, "finding %s is addressed only by dropped actions (%s)", f.ID, strings.Join(dropped, ", "))
		case len(measuredBy[f.ID]) > 0:
			report(f.Pos, RuleUnaddressedFinding, f.ID, "finding %s is not addressed by any action; kpi %s measures its impact, but an action must deliver it", f.ID, strings.Join(measuredBy[f.ID], ", "))
		default:
			report(f.Pos, RuleUnaddressedFinding, f.ID, "finding %s is not addressed by any action", f.ID)
		}
	}
	SortDiagnostics(diags)
	return diags
}

// missingReturn reports a KPI whose next actual is overdue: more than one
// reporting period and a grace of 30 days after its latest actual (or,
// with none, after the plan's start).
func (k *KPI) missingReturn(asOf, start Date) (Diagnostic, bool) {
	what, due, ok := k.returnOverdue(asOf, start)
	if !ok {
		return Diagnostic{}, false
	}
	return Diagnostic{Rule: RuleMissingReturn, Pos: k.FieldPos("actuals"), ID: k.ID,
		Message: fmt.Sprintf("kpi %s is reported %s but %s: the next was due by %s", k.ID, k.Frequency.Adverb(), what, due)}, true
}

// returnOverdue says, when the KPI's next actual is overdue, what it last
// had ("has no actual since 2026-08-31") and when the next was due.
func (k *KPI) returnOverdue(asOf, start Date) (what string, due Date, ok bool) {
	months := k.Frequency.Months()
	if months == 0 || k.src.bad["actuals"] {
		return "", Date{}, false
	}
	from, what := start, "has no actuals yet"
	if latest, ok := k.Latest(); ok {
		from = latest.Date
		what = "has no actual since " + latest.Date.String()
	}
	if from.IsZero() {
		return "", Date{}, false
	}
	due = from.AddMonths(months).AddDays(MissingReturnGrace)
	return what, due, asOf.After(due)
}

// NextActual returns the end of the period the KPI's next actual
// measures: one period after its latest actual or, with none, after start
// (the plan's start). It reports false when the KPI has no frequency, or
// no actual and no start to count from.
func (k *KPI) NextActual(start Date) (Date, bool) {
	months := k.Frequency.Months()
	from := start
	if latest, ok := k.Latest(); ok {
		from = latest.Date
	}
	if months == 0 || from.IsZero() {
		return Date{}, false
	}
	return from.AddMonths(months), true
}

// MissingReturnGrace is how many days after a reporting period ends its
// actual may arrive before the missing-return rule reports it.
const MissingReturnGrace = 30

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// checkProposals reports the re-baselinings proposed and not yet approved.
func (p *Plan) checkProposals() []Diagnostic {
	var diags []Diagnostic
	for _, pr := range p.proposals() {
		change := pr.Field + " " + pr.To
		if pr.From != "" {
			change = pr.Field + " " + pr.From + " -> " + pr.To
		}
		diags = append(diags, Diagnostic{Rule: RuleAwaitingApproval, Pos: pr.pos, ID: pr.ID,
			Message: fmt.Sprintf("%s %s: the change of %s proposed on %s awaits approval (%s); when it is agreed, record who approved it (approved: ...)", pr.Kind, pr.ID, change, pr.Proposed, pr.Reason)})
	}
	return diags
}
