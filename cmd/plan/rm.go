package main

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type rmOptions struct {
	*globalOptions
	id string
}

// newRmCmd builds the rm command. runF, when not nil, replaces runRm, so
// tests can see the parsed options.
func newRmCmd(g *globalOptions, runF func(*rmOptions) error) *cobra.Command {
	o := &rmOptions{globalOptions: g}
	if runF == nil {
		runF = runRm
	}
	cmd := &cobra.Command{
		Use:   "rm ID",
		Short: "Remove an action, KPI, theme, owner, finding, glossary term or empty priority that nothing refers to",
		Long: `Remove an item from the plan: an action or a KPI from its priority file, a
theme, an owner or a finding from plan.yaml. The comment lines directly above
the item (with no blank line between) go with it; the rest of the file stays
as it was. An item something refers to is refused, naming each reference
(a theme named by priorities, an owner by priorities, actions or KPIs, a
finding by actions' addresses): change those first.

A glossary term is removed from plan.yaml when no text of the plan uses it
(those that do are named).

A priority is a file of its own: plan rm removes the file once the priority
has no actions or KPIs left (remove them, or move them with plan mv).

The review gate (plan diff --fail-on removed) refuses a removed action or
KPI: to keep an action's record, drop it instead (plan set ID status dropped).`,
		Example: `  plan rm P8.4
  plan rm OF25-9
  plan rm LADO
  plan rm P12`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	return cmd
}

func runRm(o *rmOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	id := o.id
	kind, _, ok := e.plan.Locate(id)
	if !ok {
		if slices.ContainsFunc(e.plan.Glossary, func(t *plan.Term) bool { return t.Term == id }) {
			return o.removeTerm(e, id)
		}
		return e.file(id, "") // says there is no such item
	}
	switch kind {
	case plan.KindPriority:
		return o.removePriority(e, id)
	case plan.KindTheme, plan.KindOwner, plan.KindFinding:
		if refs := e.plan.References(id); len(refs) > 0 {
			for _, r := range refs {
				if r.How == "addresses" {
					fmt.Fprintf(o.deps.io.ErrOut, "%s: %s addresses %s\n", r.Pos, r.What, id)
				} else {
					fmt.Fprintf(o.deps.io.ErrOut, "%s: %s has %s %s\n", r.Pos, r.What, r.How, id)
				}
			}
			return withHint(fmt.Errorf("refusing to remove %s %s: %s", kind, id,
				plan.Plural(len(refs), "place above refers to it", "places above refer to it")),
				"change those first; nothing was written")
		}
	case plan.KindAction:
		fmt.Fprintf(o.deps.io.ErrOut, "plan: the review gate (plan diff --fail-on removed) refuses a removed action; 'plan set %s status dropped' would keep its record\n", id)
	case plan.KindKPI:
		fmt.Fprintf(o.deps.io.ErrOut, "plan: the review gate (plan diff --fail-on removed) refuses a removed KPI\n")
	}
	return e.file(id, "", func(d []byte) ([]byte, error) { return edit.Remove(d, id) })
}

// removePriority removes the file of the priority id, which must have no
// actions or KPIs, once the plan without it is checked.
func (o *rmOptions) removePriority(e *editing, id string) error {
	pr := e.plan.Priority(id)
	if n := len(pr.Actions) + len(pr.KPIs); n > 0 {
		for _, a := range pr.Actions {
			fmt.Fprintf(o.deps.io.ErrOut, "%s: action %s\n", a.Pos, a.ID)
		}
		for _, k := range pr.KPIs {
			fmt.Fprintf(o.deps.io.ErrOut, "%s: KPI %s\n", k.Pos, k.ID)
		}
		return withHint(fmt.Errorf("refusing to remove priority %s: it has %s", id, plan.Plural(n, "action or KPI", "actions and KPIs")),
			"remove them (plan rm ID) or move them to another priority (plan mv ID --to PRIORITY) first; nothing was written")
	}
	file := pr.Pos.File
	if bad := structuralIn(e.diags, file); len(bad) > 0 {
		return invalid(bad, withHint(fmt.Errorf("refusing to remove %s: it has %s", file, plan.Plural(len(bad), "error", "errors")), "fix the lines above first; 'plan check' lists every finding"))
	}
	original, ok := e.draft.File(file)
	if !ok {
		return fmt.Errorf("remove %s: the file was not read", file)
	}
	after, diags, err := e.draft.Without(file)
	if err != nil {
		return err
	}
	if bad := newStructural(e.diags, diags); len(bad) > 0 {
		return invalid(bad, withHint(fmt.Errorf("refusing to remove %s: the plan would be invalid without it", file), "nothing was removed"))
	}
	if err := o.deps.writer.RemoveIfUnchanged(o.ctx, filepath.Join(e.dir, filepath.FromSlash(file)), original); err != nil {
		return err
	}
	report := plan.DiffPlans(e.plan, after)
	return render.Removed(o.deps.io.Out, file, report.Changes)
}

// removeTerm removes a glossary term that no text of the plan uses.
func (o *rmOptions) removeTerm(e *editing, term string) error {
	if uses := e.plan.TermUses(term); len(uses) > 0 {
		for _, u := range uses {
			fmt.Fprintf(o.deps.io.ErrOut, "%s: %s uses %s\n", u.Pos, u.Where, term)
		}
		return withHint(fmt.Errorf("refusing to remove the glossary term %s: %s", term,
			plan.Plural(len(uses), "text above uses it", "texts above use it")), "change those first; nothing was written")
	}
	e.extra = []plan.Change{{Kind: kindTerm, ID: term, Type: plan.Removed}}
	return e.file("", plan.PlanFile, func(d []byte) ([]byte, error) { return edit.RemoveKey(d, "glossary", term) })
}
