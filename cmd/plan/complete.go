package main

import (
	"cmp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/plan-tool/plan/plan"
)

// Shell completion: ids from the plan the command would read, and the
// words fields allow. Completion never prints errors: a plan that cannot be
// read completes nothing.

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// completeItems completes the ids of the plan's items of the given kinds
// (all kinds when none), each with its title as the description shells
// show. open limits actions to those not done or dropped.
func (g *globalOptions) completeItems(open bool, kinds ...plan.Kind) func(toComplete string) []string {
	return func(toComplete string) []string {
		l, err := g.load()
		if err != nil || l.plan == nil {
			return nil
		}
		return itemIDs(l.plan, open, toComplete, kinds...)
	}
}

// completeRemovable completes what plan rm removes: actions, KPIs,
// findings, themes, owners, priorities and glossary terms.
func (g *globalOptions) completeRemovable(toComplete string) []string {
	l, err := g.load()
	if err != nil || l.plan == nil {
		return nil
	}
	out := itemIDs(l.plan, false, toComplete, plan.KindAction, plan.KindKPI, plan.KindFinding, plan.KindTheme, plan.KindOwner, plan.KindPriority)
	for _, t := range l.plan.Glossary {
		if strings.HasPrefix(t.Term, toComplete) {
			out = append(out, t.Term+"\t"+t.Meaning)
		}
	}
	return out
}

// itemIDs completes the ids of p's items of the given kinds, as
// completeItems does.
func itemIDs(p *plan.Plan, open bool, toComplete string, kinds ...plan.Kind) []string {
	openActions := map[string]bool{}
	for _, id := range p.OpenActions() {
		openActions[id] = true
	}
	var out []string
	for _, it := range p.Items() {
		if len(kinds) > 0 && !containsKind(kinds, it.Kind) || !strings.HasPrefix(it.ID, toComplete) {
			continue
		}
		if open && it.Kind == plan.KindAction && !openActions[it.ID] {
			continue
		}
		out = append(out, it.ID+"\t"+it.Title())
	}
	slices.SortStableFunc(out, naturalCompare)
	return out
}

// naturalCompare orders ids as people count them: runs of digits by their
// value, so P8.2 comes before P8.10. Shells keep the order (KeepOrder).
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		x, restA := leadingRun(a)
		y, restB := leadingRun(b)
		if isDigit(x[0]) && isDigit(y[0]) {
			tx, ty := strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
			if c := cmp.Compare(len(tx), len(ty)); c != 0 {
				return c
			}
			if c := strings.Compare(tx, ty); c != 0 {
				return c
			}
		} else if c := strings.Compare(x, y); c != 0 {
			return c
		}
		a, b = restA, restB
	}
	return cmp.Compare(len(a), len(b))
}

// leadingRun splits s after its first run of digits or of other bytes.
func leadingRun(s string) (run, rest string) {
	digits := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digits {
		i++
	}
	return s[:i], s[i:]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func containsKind(kinds []plan.Kind, k plan.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// words completes from a fixed list.
func words(list []string, toComplete string) []string {
	var out []string
	for _, w := range list {
		if strings.HasPrefix(w, toComplete) {
			out = append(out, w)
		}
	}
	return out
}

// positional completes each argument with its own function; arguments past
// the last complete nothing.
func positional(args ...func(done []string, toComplete string) []string) completeFunc {
	return func(_ *cobra.Command, done []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(done) >= len(args) || args[len(done)] == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return args[len(done)](done, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	}
}

// ids adapts an id completer to positional.
func ids(f func(string) []string) func([]string, string) []string {
	return func(_ []string, toComplete string) []string { return f(toComplete) }
}

func fixed(list ...string) func([]string, string) []string {
	return func(_ []string, toComplete string) []string { return words(list, toComplete) }
}

// addCompletions wires completion into the command tree: arguments by
// command, and flags by name wherever they appear.
func (g *globalOptions) addCompletions(root *cobra.Command) {
	args := map[string]completeFunc{
		"plan log":    positional(ids(g.completeItems(false))),
		"plan card":   positional(ids(g.completeItems(false, plan.KindPriority))),
		"plan rate":   positional(ids(g.completeItems(true, plan.KindAction)), fixed(plan.Words("rag")...)),
		"plan done":   positional(ids(g.completeItems(true, plan.KindAction))),
		"plan record": positional(ids(g.completeItems(false, plan.KindKPI))),
		"plan set": positional(ids(g.completeItems(false, plan.KindAction, plan.KindKPI, plan.KindPriority, plan.KindFinding, plan.KindTheme, plan.KindOwner, plan.KindRisk)),
			func(done []string, toComplete string) []string { return words(g.settableFields(done[0]), toComplete) },
			func(done []string, toComplete string) []string { return g.fieldValues(done[0], done[1], toComplete) }),
		"plan add action":   positional(ids(g.completeItems(false, plan.KindPriority))),
		"plan add kpi":      positional(ids(g.completeItems(false, plan.KindPriority))),
		"plan add decision": positional(ids(g.completeItems(false, plan.KindPriority))),
		"plan list":         positional(fixed(listKinds()...)),
		"plan show":         positional(ids(g.completeItems(false))),
		"plan rebaseline":   positional(ids(g.completeItems(false, plan.KindAction, plan.KindKPI))),
		"plan rm":           positional(ids(g.completeRemovable)),
		"plan mv":           positional(ids(g.completeItems(false, plan.KindAction, plan.KindKPI))),
		"plan review": func(_ *cobra.Command, _ []string, s string) ([]string, cobra.ShellCompDirective) {
			// Any number of open actions.
			return g.completeItems(true, plan.KindAction)(s), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		},
		"plan diff":     positional(g.completeBodies("HEAD"), g.completeBodies("HEAD")),
		"plan snapshot": positional(g.completeBodies()),
	}
	flags := map[string]func(string) []string{
		"owner":     g.completeItems(false, plan.KindOwner),
		"theme":     g.completeItems(false, plan.KindTheme),
		"priority":  g.completeItems(false, plan.KindPriority),
		"to":        g.completeItems(false, plan.KindPriority),
		"addresses": g.completeItems(false, plan.KindFinding),
		"actions":   g.completeItems(false, plan.KindAction),
		"since":     func(s string) []string { return g.completeBodies()(nil, s) },
		"at":        func(s string) []string { return g.completeBodies()(nil, s) },
		"rag":       func(s string) []string { return words(append(plan.Words("rag"), "unrated"), s) },
		"status":    func(s string) []string { return words(plan.Words("status"), s) },
		"better":    func(s string) []string { return words(plan.Words("better"), s) },
		"frequency": func(s string) []string { return words(plan.Words("frequency"), s) },
		"fail-on":   func(s string) []string { return g.ruleNames(s) },
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if f, ok := args[c.CommandPath()]; ok {
			c.ValidArgsFunction = f
		}
		c.LocalNonPersistentFlags().VisitAll(func(fl *pflag.Flag) {
			var fn func(string) []string
			if e, ok := fl.Value.(*enumFlag); ok {
				allowed := e.allowed
				fn = func(s string) []string { return words(allowed, s) }
			} else {
				fn = flags[fl.Name]
			}
			if fn != nil {
				_ = c.RegisterFlagCompletionFunc(fl.Name, func(_ *cobra.Command, _ []string, s string) ([]string, cobra.ShellCompDirective) {
					return fn(s), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
				})
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	_ = root.RegisterFlagCompletionFunc("dir", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
}

// completeBodies completes the ids of the bodies the plan reports to (the
// defaults board, dfe and ofsted, then those plan.yaml declares), then
// more.
func (g *globalOptions) completeBodies(more ...string) func([]string, string) []string {
	return func(_ []string, toComplete string) []string {
		var p *plan.Plan
		if dir, err := g.planDir(); err == nil {
			p = g.declaredBodies(dir)
		}
		return words(append(p.BodyIDs(), more...), toComplete)
	}
}

// settableFields are the fields plan set can change on the item id.
func (g *globalOptions) settableFields(id string) []string {
	l, err := g.load()
	if err != nil || l.plan == nil {
		return nil
	}
	kind, _, ok := l.plan.Locate(id)
	if !ok {
		return nil
	}
	return plan.Settable(kind)
}

// fieldValues completes a value of the field of the item id for plan set:
// the ids of the kind of item it names, or its words.
func (g *globalOptions) fieldValues(id, name, toComplete string) []string {
	l, err := g.load()
	if err != nil || l.plan == nil {
		return nil
	}
	kind, _, ok := l.plan.Locate(id)
	if !ok {
		return nil
	}
	f, _ := plan.Field(string(kind), name)
	if f.Ref != "" {
		return itemIDs(l.plan, false, toComplete, f.Ref)
	}
	return words(f.Words, toComplete)
}

// ruleNames completes the last of a comma-separated list of rules.
func (g *globalOptions) ruleNames(toComplete string) []string {
	done, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	names := []string{"structural", "default", "all", "none"}
	for _, r := range plan.Rules() {
		names = append(names, string(r.Name))
	}
	var out []string
	for _, n := range words(names, last) {
		out = append(out, done+n)
	}
	return out
}
