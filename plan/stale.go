package plan

import "fmt"

// CheckStale reports the open actions whose entries have not changed, and
// whose owners have not recorded a review, for more than after days on
// asOf. lastChanged gives the date of the last
// commit that changed each action; actions it does not name (not yet
// committed) and actions in fresh (edited since the last commit) are not
// stale.
func (p *Plan) CheckStale(asOf Date, after int, lastChanged map[string]Date, fresh map[string]bool) []Diagnostic {
	var diags []Diagnostic
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if !a.Status.Open() || fresh[a.ID] {
				continue
			}
			changed, ok := lastChanged[a.ID]
			if !ok {
				continue
			}
			if a.Reviewed.After(changed) {
				changed = a.Reviewed // confirmed without a change
			}
			if age := asOf.DaysSince(changed); age > after {
				diags = append(diags, Diagnostic{Rule: RuleStale, Pos: a.Pos, ID: a.ID,
					Message: fmt.Sprintf("action %s has not changed for %s (since %s); review its rating and note", a.ID, days(age), changed)})
			}
		}
	}
	return diags
}

// StaleUnavailable is the one finding the stale rule makes when it cannot
// run, saying why. Unlike the rule's other findings it concerns no
// action: its ID is empty.
func StaleUnavailable(why string) Diagnostic {
	return Diagnostic{Rule: RuleStale, Pos: Pos{PlanFile, 1, 1}, Message: "the stale rule cannot run: " + why}
}

// IsStaleUnavailable reports whether d is a StaleUnavailable finding: a
// finding of the stale rule about no action. Its words are not looked at.
func IsStaleUnavailable(d Diagnostic) bool {
	return d.Rule == RuleStale && d.ID == ""
}

// OpenActions returns the ids of the plan's open actions.
func (p *Plan) OpenActions() []string {
	var ids []string
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			if a.Status.Open() {
				ids = append(ids, a.ID)
			}
		}
	}
	return ids
}
