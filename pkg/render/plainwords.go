package render

import (
	"fmt"
	"strings"

	"github.com/plan-tool/plan/plan"
)

// wording is how a pack says what changed: in the plan's own terms for
// the board and officers, or in plain words for the public.
type wording struct {
	change  func(plan.Change) string
	summary func(plan.DiffSummary) string
}

var (
	internalWords = wording{changeLine, plan.DiffSummary.String}
	publicWords   = wording{plainChange, plainSummary}
)

func wordsFor(a plan.Audience) wording {
	if a == plan.ForPublic {
		return publicWords
	}
	return internalWords
}

// longDate writes a date as a reader of a public paper does: "10 November
// 2026".
func longDate(d plan.Date) string { return d.Time().Format("2 January 2006") }

// longDateOf writes a plan date ("2026-11-10") as longDate does; anything
// else as it is.
func longDateOf(s string) string {
	if d, err := plan.ParseDate(s); err == nil {
		return longDate(d)
	}
	return s
}

// plainChange says what changed about an item without the plan's field
// names and arrows: "rating improved from amber to green; due date moved
// back 30 days, to 31 March 2027".
func plainChange(c plan.Change) string {
	switch c.Type {
	case plan.Added:
		return "new"
	case plan.Removed:
		return "no longer in the plan"
	}
	var parts []string
	for _, f := range c.Fields {
		if s := plainField(f); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "updated"
	}
	return strings.Join(parts, "; ")
}

func plainField(f plan.FieldChange) string {
	switch {
	case strings.HasPrefix(f.Field, "rebaselined "):
		return "" // said with the change it approved
	case f.Field == "rag" || f.Field == "rating":
		switch {
		case f.Old == "":
			return "rated " + f.New
		case f.New == "":
			return "no longer rated"
		case f.Meaning == plan.Improved:
			return fmt.Sprintf("rating improved from %s to %s", f.Old, f.New)
		case f.Meaning == plan.Worsened:
			return fmt.Sprintf("rating worse, from %s to %s", f.Old, f.New)
		}
		return "rated " + f.New
	case f.Field == "status":
		switch {
		case f.Meaning == plan.Completed:
			return "completed"
		case f.Meaning == plan.DroppedMeaning:
			return "stopped"
		case f.Meaning == plan.Reopened:
			return "reopened"
		case plan.Status(f.New) == plan.InProgress:
			return "started"
		}
		return "status: " + f.New
	case f.Field == "due":
		s := "due date set to " + longDateOf(f.New)
		switch {
		case f.New == "":
			s = "no longer has a due date"
		case f.Meaning == plan.Slipped:
			s = fmt.Sprintf("due date moved back %s, to %s", plan.Plural(f.Days, "day", "days"), longDateOf(f.New))
		case f.Meaning == plan.BroughtForward:
			s = fmt.Sprintf("due date brought forward %s, to %s", plan.Plural(-f.Days, "day", "days"), longDateOf(f.New))
		}
		return s + agreed(f)
	case f.Field == "target" || f.Field == "tolerance" || strings.HasPrefix(f.Field, "trajectory "):
		what := "target"
		if f.Field == "tolerance" {
			what = "margin allowed either side of the target"
		}
		if d, ok := strings.CutPrefix(f.Field, "trajectory "); ok {
			what = "interim target for " + longDateOf(d)
		}
		s := fmt.Sprintf("%s changed from %s to %s", what, orNone(f.Old), orNone(f.New))
		switch f.Meaning {
		case plan.Eased:
			s += ", making it easier to meet"
		case plan.Tightened:
			s += ", making it harder to meet"
		}
		return s + agreed(f)
	case strings.HasPrefix(f.Field, "actual "):
		when := longDateOf(strings.TrimPrefix(f.Field, "actual "))
		switch {
		case f.Old == "":
			return fmt.Sprintf("result for %s: %s", when, f.New)
		case f.New == "":
			return "result for " + when + " withdrawn"
		}
		return fmt.Sprintf("result for %s corrected from %s to %s", when, f.Old, f.New)
	case f.Field == "baseline":
		return fmt.Sprintf("starting point changed from %s to %s", orNone(f.Old), orNone(f.New))
	case f.Field == "title":
		return "now reads: " + f.New
	case f.Field == "priority":
		return "moved to priority " + f.New
	case f.Field == "owner":
		return "now led by " + orNone(f.NewName)
	case f.Members != nil:
		return "" // each action or KPI added or removed is listed itself
	case f.Field == "note" || f.Field == "evidence" || f.Field == "visibility":
		return "" // internal: not in a public pack
	}
	return f.Field + " changed"
}

// agreed says who agreed a re-baselining that accounts for a change.
func agreed(f plan.FieldChange) string {
	if rb := f.Rebaselined; rb != nil && rb.Approved != "" {
		return " (agreed by " + rb.Approved + ")"
	}
	return ""
}

// plainSummary is DiffSummary.String in plain words.
func plainSummary(s plan.DiffSummary) string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plan.Plural(n, one, many))
		}
	}
	add(s.Slipped, "due date moved back", "due dates moved back")
	add(s.BroughtForward, "due date brought forward", "due dates brought forward")
	add(s.Worsened, "rating worse", "ratings worse")
	add(s.Improved, "rating better", "ratings better")
	add(s.Done, "action completed", "actions completed")
	add(s.Dropped, "action stopped", "actions stopped")
	add(s.TargetsChanged, "target changed", "targets changed")
	add(s.NewActuals, "new result", "new results")
	add(s.Added, "new item", "new items")
	add(s.Removed, "item removed", "items removed")
	add(s.Moved, "item moved", "items moved")
	add(s.Other, "other change", "other changes")
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}
