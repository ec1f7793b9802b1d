package plan

import (
	"fmt"
	"slices"
	"strings"
)

// ScorecardRow is one KPI on the scorecard.
type ScorecardRow struct {
	ID, Priority, Theme, Title, Unit string
	Latest                           *Actual // nil when there are none
	Target, Tolerance                float64
	Better                           Better
	Frequency                        Frequency
	Rating                           Rating
	Trend                            Trend
	Series                           []Actual // the last twelve actuals, oldest first
	// Targets are the targets the KPI has had, oldest first, the last its
	// target now (see KPI.TargetSpans): a chart draws each where it stood.
	Targets []TargetSpan
	Plan    string // the plan's Name
	// Baseline and Trajectory are the KPI's (nil and empty when it has
	// none); Due is the trajectory's value in force on the latest actual's
	// date, nil without a trajectory or an actual.
	Baseline   *Actual
	Trajectory []Actual
	Due        *InForce
}

// HasTrajectory reports whether any row has a trajectory: only then do
// scorecards show the value due.
func HasTrajectory(rows []ScorecardRow) bool {
	return slices.ContainsFunc(rows, func(r ScorecardRow) bool { return len(r.Trajectory) > 0 })
}

// SparkLength is how many actuals a scorecard's series holds.
const SparkLength = 12

// ScorecardFilter narrows a scorecard. Empty fields match everything.
type ScorecardFilter struct {
	Priority, Theme string
	ByRAG           bool // keep only KPIs rated RAG
	RAG             RAG
}

// Scorecard returns every KPI of the plan, in plan order, with its latest
// value, rating and direction of travel on asOf: actuals dated after it are
// left out.
func (p *Plan) Scorecard(asOf Date) []ScorecardRow {
	out := []ScorecardRow{}
	for _, pr := range p.Priorities {
		for _, k := range pr.KPIs {
			k := k.AsOf(asOf)
			row := ScorecardRow{
				Plan: p.Name,
				ID:   k.ID, Priority: pr.ID, Theme: pr.Theme, Title: k.Title, Unit: k.Unit,
				Target: k.Target, Tolerance: k.Tolerance, Better: k.Better, Frequency: k.Frequency,
				Rating: k.Rate(), Trend: k.Trend(),
				Series:  slices.Clone(k.Actuals[max(0, len(k.Actuals)-SparkLength):]),
				Targets: k.TargetSpans(p.targetHistory[k.ID]),
			}
			if l, ok := k.Latest(); ok {
				row.Latest = &l
			}
			row.Baseline, row.Trajectory = k.Baseline, k.Trajectory
			if row.Latest != nil {
				if f, ok := k.InForce(row.Latest.Date); ok {
					row.Due = &f
				}
			}
			out = append(out, row)
		}
	}
	return out
}

// ParseRAGFilter reads a rating for a filter: red, amber, green or unrated.
func ParseRAGFilter(s string) (RAG, error) {
	switch s {
	case "red", "amber", "green":
		return RAG(s), nil
	case "unrated":
		return Unrated, nil
	}
	return "", fmt.Errorf("%q is not a rating: use red, amber, green or unrated", s)
}

// FilterScorecard keeps the rows f selects. It returns an error naming the
// known ids when f names a priority or theme the plan does not define.
func (p *Plan) FilterScorecard(rows []ScorecardRow, f ScorecardFilter) ([]ScorecardRow, error) {
	if f.Theme != "" && p.Theme(f.Theme) == nil {
		return nil, fmt.Errorf("no theme %q in the plan (themes: %s)", f.Theme, strings.Join(ids(p.Themes, func(t *Theme) string { return t.ID }), ", "))
	}
	if f.Priority != "" && !slices.ContainsFunc(p.Priorities, func(pr *Priority) bool { return pr.ID == f.Priority }) {
		return nil, fmt.Errorf("no priority %q in the plan (priorities: %s)", f.Priority, strings.Join(ids(p.Priorities, func(pr *Priority) string { return pr.ID }), ", "))
	}
	return slices.DeleteFunc(slices.Clone(rows), func(r ScorecardRow) bool {
		return (f.Theme != "" && r.Theme != f.Theme) || (f.Priority != "" && r.Priority != f.Priority) || (f.ByRAG && r.Rating.RAG != f.RAG)
	}), nil
}
