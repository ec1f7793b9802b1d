package plan

import (
	"fmt"
	"slices"
	"strings"
)

// GateRule names a kind of change a review gate refuses unless it is
// recorded as an approved re-baselining.
type GateRule string

// The gate rules.
const (
	GateSlipped                  GateRule = "slipped"                     // a due date moved later
	GateTargetChanged            GateRule = "target-changed"              // a KPI target, tolerance or trajectory point changed
	GateRatingChangedWithoutNote GateRule = "rating-changed-without-note" // an action's rating changed and its note did not
	GateRatingImproved           GateRule = "rating-improved"             // an action's rating improved
	GateRemoved                  GateRule = "removed"                     // an action or KPI deleted rather than dropped
)

var gateRules = []GateRule{GateSlipped, GateTargetChanged, GateRatingChangedWithoutNote, GateRatingImproved, GateRemoved}

// GateRules returns every gate rule.
func GateRules() []GateRule { return slices.Clone(gateRules) }

// ParseGate reads gate rule names; "all" means every rule. It returns an
// error naming the rules when a name is unknown.
func ParseGate(names []string) ([]GateRule, error) {
	var out []GateRule
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "all" {
			return GateRules(), nil
		}
		if !slices.Contains(gateRules, GateRule(n)) {
			var all []string
			for _, g := range gateRules {
				all = append(all, string(g))
			}
			msg := fmt.Sprintf("unknown gate rule %q", n)
			if s := suggest(n, all); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, fmt.Errorf("%s (choose from %s, or all)", msg, strings.Join(all, ", "))
		}
		out = append(out, GateRule(n))
	}
	return out, nil
}

// Violation is a change a gate refuses.
type Violation struct {
	Rule    GateRule
	Kind    Kind
	ID      string
	Message string
}

// Violations returns the changes in r that the rules refuse, in the order
// of the changes. A change covered by a recorded re-baselining passes.
func (r DiffReport) Violations(rules []GateRule) []Violation {
	on := func(g GateRule) bool { return slices.Contains(rules, g) }
	var out []Violation
	add := func(g GateRule, c Change, format string, args ...any) {
		out = append(out, Violation{g, c.Kind, c.ID, fmt.Sprintf("%s %s: ", c.Kind, c.ID) + fmt.Sprintf(format, args...)})
	}
	for _, c := range r.Changes {
		if c.Type == Removed && on(GateRemoved) && (c.Kind == KindAction || c.Kind == KindKPI) {
			add(GateRemoved, c, "removed from the plan; set status: dropped instead, so the record stays")
			continue
		}
		noteChanged := slices.ContainsFunc(c.Fields, func(f FieldChange) bool { return f.Field == "note" })
		for _, f := range c.Fields {
			if f.Rebaselined != nil && !f.Rebaselined.Proposed() {
				continue
			}
			switch {
			case f.Rebaselined != nil && f.Meaning == Slipped && on(GateSlipped):
				add(GateSlipped, c, "due slipped %s (%s -> %s): %s", days(f.Days), f.Old, f.New, awaiting(*f.Rebaselined))
			case f.Rebaselined != nil && (f.Meaning == Eased || f.Meaning == Tightened) && on(GateTargetChanged):
				add(GateTargetChanged, c, "%s %s (%s -> %s): %s", f.Field, f.Meaning, f.Old, f.New, awaiting(*f.Rebaselined))
			case f.Rebaselined != nil:
				// A proposal for a change no rule is asked to refuse.
			case f.Meaning == Slipped && on(GateSlipped) && f.Misrecorded != nil:
				add(GateSlipped, c, "due slipped %s (%s -> %s), and the %s", days(f.Days), f.Old, f.New, f.MisrecordedWhy())
			case f.Meaning == Slipped && on(GateSlipped):
				add(GateSlipped, c, "due slipped %s (%s -> %s) with no re-baselining recorded", days(f.Days), f.Old, f.New)
			case (f.Meaning == Eased || f.Meaning == Tightened) && on(GateTargetChanged) && f.Misrecorded != nil:
				add(GateTargetChanged, c, "%s %s (%s -> %s), and the %s", f.Field, f.Meaning, f.Old, f.New, f.MisrecordedWhy())
			case (f.Meaning == Eased || f.Meaning == Tightened) && on(GateTargetChanged):
				add(GateTargetChanged, c, "%s %s (%s -> %s) with no re-baselining recorded", f.Field, f.Meaning, f.Old, f.New)
			case f.Field == "rag" && c.Kind == KindAction && c.Type != Added:
				if f.Meaning == Improved && on(GateRatingImproved) {
					add(GateRatingImproved, c, "rating improved (%s -> %s)", f.Old, f.New)
				}
				if !noteChanged && on(GateRatingChangedWithoutNote) {
					add(GateRatingChangedWithoutNote, c, "rating changed (%s -> %s) with no change to its note saying why", RAG(f.Old), RAG(f.New))
				}
			}
		}
	}
	return out
}

// awaiting says that a proposed re-baselining has not been approved.
func awaiting(rb Rebaseline) string {
	return fmt.Sprintf("the re-baselining proposed on %s awaits approval; when it is agreed, record who approved it (approved: ...)", rb.Date)
}
