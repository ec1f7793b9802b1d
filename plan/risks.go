package plan

import (
	"fmt"
	"strings"
)

// RiskRow is one risk of the risk register, as reports show it.
type RiskRow struct {
	ID, Priority, Title string
	// Owner is the owner's id; OwnerName what a reader calls them.
	Owner, OwnerName   string
	Likelihood, Impact int // 1-5; 0 when not given
	Score              int // Likelihood x Impact; 0 when either is missing
	Target             int // 0 when none is set
	AboveTarget        bool
	Controls           string
	Mitigations        []string // action ids, never nil
	Reviewed           Date     // zero when not recorded
	// Overdue is set when the risk has not been reviewed within
	// RiskReviewDays of the as-of date (or never).
	Overdue bool
	Plan    string // the plan's Name
}

// HeatMap counts risks by likelihood and impact: Count[l-1][i-1] is the
// number of risks with likelihood l and impact i. Risks missing either
// score are not counted.
type HeatMap struct {
	Count [5][5]int
}

// RiskReport is the risk register on a date: every risk in plan order and
// the heat map of their current scores.
type RiskReport struct {
	AsOf  Date
	Risks []RiskRow // never nil
	Heat  HeatMap
}

// Risks returns the plan's risk register as of asOf.
func (p *Plan) Risks(asOf Date) RiskReport {
	r := RiskReport{AsOf: asOf, Risks: []RiskRow{}}
	_ = r.AddPlan(p, "")
	return r
}

// AddPlan adds the risks of p to the report, only those of the priority
// with the given id when it is not "". It returns an error when p has no
// such priority.
func (r *RiskReport) AddPlan(p *Plan, priority string) error {
	if priority != "" && p.Priority(priority) == nil {
		return fmt.Errorf("no priority %q in the plan (priorities: %s)", priority, strings.Join(ids(p.Priorities, func(pr *Priority) string { return pr.ID }), ", "))
	}
	for _, pr := range p.Priorities {
		if priority != "" && pr.ID != priority {
			continue
		}
		for _, k := range pr.Risks {
			r.Add(p, k, r.AsOf)
		}
	}
	return nil
}

// Add adds one risk of p to the report, for registers of several plans.
func (r *RiskReport) Add(p *Plan, k *Risk, asOf Date) {
	row := RiskRow{
		ID: k.ID, Priority: k.Priority, Title: k.Title, Owner: k.Owner, OwnerName: p.OwnerName(k.Owner),
		Likelihood: k.Likelihood, Impact: k.Impact, Score: k.Score(), Target: k.Target, AboveTarget: k.AboveTarget(),
		Controls: k.Controls, Mitigations: append([]string{}, k.Mitigations...), Reviewed: k.Reviewed,
		Overdue: k.Reviewed.IsZero() || asOf.DaysSince(k.Reviewed) > RiskReviewDays, Plan: p.Name,
	}
	r.Risks = append(r.Risks, row)
	if k.Likelihood > 0 && k.Impact > 0 {
		r.Heat.Count[k.Likelihood-1][k.Impact-1]++
	}
}

// HasRisks reports whether any priority of the plan has a risk.
func (p *Plan) HasRisks() bool {
	for _, pr := range p.Priorities {
		if len(pr.Risks) > 0 {
			return true
		}
	}
	return false
}

// RiskLevel names the band a score falls in, as risk registers colour
// them: "high" (15-25), "medium" (8-14), "low" (1-7), or "" for 0.
func RiskLevel(score int) string {
	switch {
	case score >= 15:
		return "high"
	case score >= 8:
		return "medium"
	case score >= 1:
		return "low"
	}
	return ""
}

// HeatCell is one cell of the heat map: the risks with one likelihood and
// impact, and the level of their score.
type HeatCell struct {
	Likelihood, Impact, Count, Score int
	Level                            string // as RiskLevel names it
}

// Rows returns the heat map as rows of cells, likelihood 5 first and
// impact 1 to 5 in each row, as registers draw it.
func (h HeatMap) Rows() [][]HeatCell {
	var rows [][]HeatCell
	for l := 5; l >= 1; l-- {
		var row []HeatCell
		for i := 1; i <= 5; i++ {
			row = append(row, HeatCell{Likelihood: l, Impact: i, Count: h.Count[l-1][i-1], Score: l * i, Level: RiskLevel(l * i)})
		}
		rows = append(rows, row)
	}
	return rows
}
