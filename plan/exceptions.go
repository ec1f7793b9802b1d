package plan

import (
	"fmt"
	"strings"
)

// Exception is an item a board should look at, with every reason why.
type Exception struct {
	Kind     Kind
	ID       string
	Title    string
	Priority string
	Reasons  []string
	Plan     string // the plan's Name
}

// Exceptions returns the exception report on asOf: red or overdue actions
// (and green ones that are overdue), open actions whose owner has low
// confidence of delivery, red KPIs, KPIs worsening two periods
// running or with a return missing and, when changes are given (what
// changed since the last report), due dates slipped and targets or
// tolerances eased without an approved re-baselining, and ratings
// worsened. Items come in plan order, actions before KPIs within a
// priority.
func (p *Plan) Exceptions(asOf Date, changes *DiffReport) []Exception {
	since := map[string][]string{}
	if changes != nil {
		for _, c := range changes.Changes {
			for _, f := range c.Fields {
				if f.Rebaselined != nil {
					continue
				}
				unapproved := "with no re-baselining approved"
				if f.Misrecorded != nil {
					unapproved = "and the " + f.MisrecordedWhy()
				}
				switch {
				case f.Meaning == Slipped:
					since[c.ID] = append(since[c.ID], fmt.Sprintf("due date slipped %s since the last report, from %s to %s, %s", days(f.Days), f.Old, f.New, unapproved))
				case f.Meaning == Eased:
					since[c.ID] = append(since[c.ID], fmt.Sprintf("%s eased since the last report, from %s to %s, %s", f.Field, f.Old, f.New, unapproved))
				case f.Meaning == Worsened && f.Field == "rag":
					since[c.ID] = append(since[c.ID], fmt.Sprintf("rating worsened since the last report, from %s to %s", f.Old, f.New))
				case f.Meaning == Worsened && f.Field == "rating":
					since[c.ID] = append(since[c.ID], fmt.Sprintf("KPI rating worsened since the last report, from %s to %s", f.Old, f.New))
				case f.Meaning == Worsened && f.Field == "score" && c.Kind == KindRisk:
					since[c.ID] = append(since[c.ID], fmt.Sprintf("risk score worsened since the last report, from %s to %s", f.Old, f.New))
				}
			}
		}
	}
	out := []Exception{}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if !a.Status.Open() {
				continue
			}
			var why []string
			late := a.IsOverdue(asOf)
			switch {
			case late && a.RAG == Green:
				why = append(why, fmt.Sprintf("rated green but %s overdue (due %s)", days(a.DaysLate(asOf)), a.Due))
			case late:
				why = append(why, fmt.Sprintf("%s overdue (due %s)", days(a.DaysLate(asOf)), a.Due))
			}
			if a.RAG == Red {
				why = append(why, "rated red")
			}
			if a.Confidence == LowConfidence {
				due := ""
				if !a.Due.IsZero() {
					due = " by " + a.Due.String()
				}
				why = append(why, "low confidence of delivery"+due)
			}
			why = append(why, since[a.ID]...)
			if len(why) > 0 {
				out = append(out, Exception{KindAction, a.ID, a.Title, pr.ID, why, p.Name})
			}
		}
		for _, k := range pr.KPIs {
			k := k.AsOf(asOf)
			var why []string
			if r := k.Rate(); r.RAG == Red {
				why = append(why, r.Why)
			}
			if run := k.WorseningRun(); run >= 2 {
				why = append(why, fmt.Sprintf("worsening %d periods running: %s", run, k.recent(run+1)))
			}
			if what, due, ok := k.returnOverdue(asOf, p.Period.Start); ok {
				why = append(why, fmt.Sprintf("return missing: reported %s but %s; the next was due by %s", k.Frequency.Adverb(), what, due))
			}
			why = append(why, since[k.ID]...)
			if len(why) > 0 {
				out = append(out, Exception{KindKPI, k.ID, k.Title, pr.ID, why, p.Name})
			}
		}
		for _, r := range pr.Risks {
			why := r.exceptions(asOf)
			why = append(why, since[r.ID]...)
			if len(why) > 0 {
				out = append(out, Exception{KindRisk, r.ID, r.Title, pr.ID, why, p.Name})
			}
		}
	}
	return out
}

// RiskReviewDays is how many days may pass after a risk's last review
// before it is an exception: a quarter, about 90 days.
const RiskReviewDays = 90

// exceptions says why the risk is an exception on asOf: its score above
// its target, or no review within RiskReviewDays.
func (r *Risk) exceptions(asOf Date) []string {
	var why []string
	if r.AboveTarget() {
		why = append(why, fmt.Sprintf("scored %d (likelihood %d x impact %d), above its target of %d", r.Score(), r.Likelihood, r.Impact, r.Target))
	}
	switch {
	case r.Reviewed.IsZero():
		why = append(why, "no review recorded; risks are reviewed at least every 90 days")
	case asOf.DaysSince(r.Reviewed) > RiskReviewDays:
		why = append(why, fmt.Sprintf("last reviewed %s, %d days ago; risks are reviewed at least every 90 days", r.Reviewed, asOf.DaysSince(r.Reviewed)))
	}
	return why
}

// recent writes the last n actuals, oldest first: "43, then 38, then 41".
func (k *KPI) recent(n int) string {
	var vals []string
	for _, a := range k.Actuals[max(0, len(k.Actuals)-n):] {
		vals = append(vals, formatNumber(a.Value))
	}
	return strings.Join(vals, ", then ")
}
