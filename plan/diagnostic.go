package plan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Rule names a kind of problem that check reports.
type Rule string

// The rules. Structural rules are about files that cannot be trusted as
// written; the others apply the plan's policy on a given date.
const (
	RuleSyntax             Rule = "syntax"
	RuleUnknownField       Rule = "unknown-field"
	RuleMissingField       Rule = "missing-field"
	RuleBadValue           Rule = "bad-value"
	RuleBadDate            Rule = "bad-date"
	RuleDuplicateKey       Rule = "duplicate-key"
	RuleDuplicateID        Rule = "duplicate-id"
	RuleUnknownRef         Rule = "unknown-ref"
	RuleNotAFile           Rule = "not-a-file"
	RuleLimit              Rule = "limit"
	RuleOverdue            Rule = "overdue"
	RuleUnrated            Rule = "unrated"
	RuleUndated            Rule = "undated"
	RuleGreenButOverdue    Rule = "green-but-overdue"
	RuleUnaddressedFinding Rule = "unaddressed-finding"
	RuleStale              Rule = "stale"
	RuleMissingReturn      Rule = "missing-return"
	RuleFutureActual       Rule = "future-actual"
	RuleUndefinedAcronym   Rule = "undefined-acronym"
	RuleUnusedGlossaryTerm Rule = "unused-glossary-term"
	RuleAwaitingApproval   Rule = "awaiting-approval"
)

// RuleInfo describes a rule.
type RuleInfo struct {
	Name Rule
	// Structural rules report files that are wrong as written; a plan with
	// any of them cannot be summarised.
	Structural bool
	// FailsByDefault rules fail a check run unless the policy says otherwise.
	FailsByDefault bool
	Summary        string
	// Info rules report things worth knowing rather than problems: when
	// they do not fail the run their findings are "info", not "warning".
	Info bool
}

var rules = []RuleInfo{
	{RuleSyntax, true, true, "the file is not valid YAML, or uses YAML features plan files do not allow", false},
	{RuleUnknownField, true, true, "a field the format does not define (usually a typo)", false},
	{RuleMissingField, true, true, "a required field is absent or empty", false},
	{RuleBadValue, true, true, "a value of the wrong kind, or not one of the allowed words", false},
	{RuleBadDate, true, true, "a date not written as YYYY-MM-DD, or a day that does not exist", false},
	{RuleDuplicateKey, true, true, "the same key twice in one mapping", false},
	{RuleDuplicateID, true, true, "two things in the plan share an id", false},
	{RuleUnknownRef, true, true, "a theme, owner or finding id that is not defined", false},
	{RuleNotAFile, true, true, "a symbolic link, or something else that is not a regular file, where a plan file would be; it is not read", false},
	{RuleLimit, true, true, "a file or plan beyond plan's limits on size, number of files or nesting; it is not read", false},
	{RuleOverdue, false, true, "an open action whose due date has passed", false},
	{RuleUnrated, false, true, "an open action with no rag rating", false},
	{RuleFutureActual, false, true, "a KPI actual dated after the as-of date (usually the wrong year); ratings leave it out", false},
	{RuleUndated, false, false, "an open action with no due date", false},
	{RuleGreenButOverdue, false, false, "an overdue action still rated green", false},
	{RuleUnaddressedFinding, false, false, "a finding that no open or done action addresses", false},
	{RuleStale, false, false, "an open action whose entry no commit has changed for longer than --stale-after", false},
	{RuleMissingReturn, false, false, "a KPI whose latest actual is older than its frequency allows, plus 30 days", false},
	{RuleUndefinedAcronym, false, false, "an acronym a reader sees that the glossary does not explain", false},
	{RuleUnusedGlossaryTerm, false, false, "a glossary term no text uses", true},
	{RuleAwaitingApproval, false, false, "a re-baselining proposed (no approved) that no one has approved yet", false},
}

// Rules returns every rule in a stable order.
func Rules() []RuleInfo { return slices.Clone(rules) }

func ruleInfo(r Rule) (RuleInfo, bool) {
	for _, ri := range rules {
		if ri.Name == r {
			return ri, true
		}
	}
	return RuleInfo{}, false
}

// Structural reports whether r is a structural rule.
func (r Rule) Structural() bool {
	ri, _ := ruleInfo(r)
	return ri.Structural
}

// Severity says whether a diagnostic fails a check run.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Diagnostic is one problem found in a plan.
type Diagnostic struct {
	Rule     Rule
	Severity Severity // set by Policy.Apply
	Pos      Pos
	ID       string // the theme, owner, finding, priority, action or KPI concerned, if any
	Message  string
	Plan     string // the plan's Name, when several are read
}

// SortDiagnostics orders ds by plan (when several are read), file, line,
// column and rule: each plan's findings together, so that they can be
// written plan by plan.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Plan, b.Plan),
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Rule, b.Rule),
		)
	})
}

// HasStructural reports whether any diagnostic in ds comes from a
// structural rule.
func HasStructural(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Rule.Structural() })
}

// Structural returns the findings in ds from structural rules, in a new
// slice, each with its severity set as DefaultPolicy sets it: error. It
// leaves ds as it was.
func Structural(ds []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Rule.Structural() {
			out = append(out, d)
		}
	}
	out, _ = DefaultPolicy().Apply(out)
	return out
}

// Policy decides which rules fail a check run.
type Policy struct {
	failOn map[Rule]bool
}

// DefaultPolicy fails on every structural rule, overdue and unrated.
func DefaultPolicy() Policy {
	p := Policy{failOn: map[Rule]bool{}}
	for _, ri := range rules {
		if ri.FailsByDefault {
			p.failOn[ri.Name] = true
		}
	}
	return p
}

// ParsePolicy builds a policy from rule names and the groups "structural"
// (every structural rule), "default", "all" and "none". It returns an error
// naming the valid choices when a name is unknown.
func ParsePolicy(names []string) (Policy, error) {
	p := Policy{failOn: map[Rule]bool{}}
	for _, name := range names {
		name = strings.TrimSpace(name)
		switch name {
		case "none":
		case "all":
			for _, ri := range rules {
				p.failOn[ri.Name] = true
			}
		case "default":
			for r := range DefaultPolicy().failOn {
				p.failOn[r] = true
			}
		case "structural":
			for _, ri := range rules {
				if ri.Structural {
					p.failOn[ri.Name] = true
				}
			}
		default:
			if _, ok := ruleInfo(Rule(name)); !ok {
				msg := fmt.Sprintf("unknown rule %q", name)
				if s := suggest(name, ruleNames()); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				return Policy{}, fmt.Errorf("%s (choose from %s, or structural, default, all, none)", msg, strings.Join(ruleNames(), ", "))
			}
			p.failOn[Rule(name)] = true
		}
	}
	return p, nil
}

func ruleNames() []string {
	names := make([]string, len(rules))
	for i, ri := range rules {
		names[i] = string(ri.Name)
	}
	return names
}

// Fails reports whether the policy fails a run on r.
func (p Policy) Fails(r Rule) bool { return p.failOn[r] }

// FailOn returns the failing rules in the order of Rules.
func (p Policy) FailOn() []Rule {
	var out []Rule
	for _, ri := range rules {
		if p.failOn[ri.Name] {
			out = append(out, ri.Name)
		}
	}
	return out
}

// Apply returns a copy of ds with each severity set: error for rules the
// policy fails on, info for the other info rules, warning for the rest. It
// also returns the number of errors.
func (p Policy) Apply(ds []Diagnostic) ([]Diagnostic, int) {
	out := slices.Clone(ds)
	errors := 0
	for i := range out {
		ri, _ := ruleInfo(out[i].Rule)
		switch {
		case p.failOn[out[i].Rule]:
			out[i].Severity = SeverityError
			errors++
		case ri.Info:
			out[i].Severity = SeverityInfo
		default:
			out[i].Severity = SeverityWarning
		}
	}
	return out, errors
}
