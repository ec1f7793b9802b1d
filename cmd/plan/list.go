package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type listOptions struct {
	*globalOptions
	kind   plan.ListKind
	output string
	filter plan.ListFilter
	status string
	rag    string
	stale  bool
}

// newListCmd builds the list command. runF, when not nil, replaces
// runList, so tests can see the parsed options.
func newListCmd(g *globalOptions, runF func(*listOptions) error) *cobra.Command {
	o := &listOptions{globalOptions: g}
	if runF == nil {
		runF = runList
	}
	cmd := &cobra.Command{
		Use:   "list [actions|kpis|findings|owners|priorities|themes]",
		Short: "List the ids and titles of actions, KPIs, findings, owners, priorities or themes",
		Long: `List one kind of item, actions by default, in plan order: each id with its
title and, for actions, the owner, due date, status, rating and days late;
for KPIs the owner, latest value and rating; for findings the source and the
actions that address them; for owners the name, role and email; for
priorities the theme, owner and rolled-up rating; for themes the rating.

The filters narrow the list: --owner, --theme and --rag apply to the kinds
that have them, --priority to actions and KPIs, --status, --overdue and
--stale to actions. --stale keeps the actions check's stale rule reports
(unchanged in git for over 42 days), and needs the plan to be in git.`,
		Example: `  plan list
  plan list kpis --theme A
  plan list actions --owner head-workforce --overdue
  plan list findings -o csv
  plan list actions --stale -o json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.kind = plan.ListKinds[0]
			if len(args) == 1 {
				o.kind = plan.ListKind(args[0])
				if !slices.Contains(plan.ListKinds, o.kind) {
					return withHint(fmt.Errorf("cannot list %q", args[0]), "list one of: %s", strings.Join(listKinds(), ", "))
				}
			}
			o.filter.Status = plan.Status(o.status)
			if o.rag != "" {
				o.filter.RAGSet = true
				if o.rag != "unrated" {
					o.filter.RAG = plan.RAG(o.rag)
				}
			}
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json", "csv", "markdown"), "output", "o", "output `format`: table, json, csv or markdown")
	cmd.Flags().StringVar(&o.filter.Owner, "owner", "", "only the items owner `ID` is accountable for")
	cmd.Flags().StringVar(&o.filter.Theme, "theme", "", "only the items of theme `ID`")
	cmd.Flags().StringVar(&o.filter.Priority, "priority", "", "only the actions or KPIs of priority `ID`")
	cmd.Flags().Var(newEnumFlag(&o.status, "", "planned", "in-progress", "done", "dropped"), "status", "only actions with `STATUS`: planned, in-progress, done or dropped")
	cmd.Flags().Var(newEnumFlag(&o.rag, "", "red", "amber", "green", "complete", "unrated"), "rag", "only items rated `RAG`: red, amber, green, complete or unrated")
	cmd.Flags().BoolVar(&o.filter.Overdue, "overdue", false, "only open actions past their due date")
	cmd.Flags().BoolVar(&o.stale, "stale", false, "only open actions the stale rule reports (needs git)")
	addRevFlags(cmd, g)
	return cmd
}

func runList(o *listOptions) error {
	l, asOf, err := o.validAsOf()
	if err != nil {
		return err
	}
	if o.stale {
		co := &checkOptions{globalOptions: o.globalOptions, staleAfter: defaultStaleAfter}
		diags, err := co.stale(l.dir, l.rev, l.plan, asOf)
		if err != nil {
			return err
		}
		o.filter.Stale = map[string]bool{}
		for _, d := range diags {
			if plan.IsStaleUnavailable(d) {
				return withHint(errors.New("--stale: "+d.Message), "the stale rule reads when each action last changed from git; commit the plan to a git repository")
			}
			o.filter.Stale[d.ID] = true
		}
	}
	list, err := l.plan.List(o.kind, o.filter, asOf)
	if err != nil {
		return withHint(err, "'plan list --help' says which filters apply to which kinds")
	}
	return render.List(o.deps.io.Out, list, render.Format(o.output), o.renderOptions())
}

// listKinds are the kinds plan list takes, as words.
func listKinds() []string {
	kinds := make([]string, len(plan.ListKinds))
	for i, k := range plan.ListKinds {
		kinds[i] = string(k)
	}
	return kinds
}
