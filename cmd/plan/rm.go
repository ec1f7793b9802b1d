package main

import (
	"fmt"
	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
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
		Short: "Remove an action, KPI, theme, owner or finding that nothing refers to",
		Long: `Remove an item from the plan: an action or a KPI from its priority file, a
theme, an owner or a finding from plan.yaml. The comment lines directly above
the item (with no blank line between) go with it; the rest of the file stays
as it was. An item something refers to is refused, naming each reference
(a theme named by priorities, an owner by priorities, actions or KPIs, a
finding by actions' addresses): change those first.

The review gate (plan diff --fail-on removed) refuses a removed action or
KPI: to keep an action's record, drop it instead (plan set ID status dropped).`,
		Example: `  plan rm P8.4
  plan rm OF25-9`,
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
		return e.file(id, "") // says there is no such item
	}
	switch kind {
	case plan.KindPriority:
		return withHint(fmt.Errorf("%s is a priority: plan rm removes actions, KPIs, themes, owners and findings", id),
			"a priority is a file of its own: remove or move its actions and KPIs, then delete the file with git rm")
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
