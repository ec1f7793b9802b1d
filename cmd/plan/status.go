package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type statusOptions struct {
	*globalOptions
	output  string
	by      string
	explain bool
	filter  plan.Filter
	dirs    []string // the plans named, when several are read
}

// newStatusCmd builds the status command. runF, when not nil, replaces
// runStatus, so tests can see the parsed options.
func newStatusCmd(g *globalOptions, runF func(*statusOptions) error) *cobra.Command {
	o := &statusOptions{globalOptions: g}
	if runF == nil {
		runF = runStatus
	}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the RAG picture by theme and priority",
		Long: `Show one row per priority, grouped by theme, with counts of red, amber,
green, done, unrated and overdue actions, the KPI ratings, and a rating rolled
up from the actions; totals at the bottom.

Given several plan directories, or --portfolio DIR, show one row per plan
instead: its organisation, rating, counts and KPI ratings, read on every core.

Ratings roll up by one rule: ` + plan.RollUp + `.`,
		Example: `  plan status
  plan status -C testdata/bradford --as-of 2026-11-24
  plan status --by owner
  plan status --theme A -o markdown
  plan status --portfolio councils/
  plan status bradford/ bury/ -o json`,
		RunE: func(c *cobra.Command, args []string) error {
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			if dirs != nil && o.by == "owner" {
				return withHint(errors.New("--by owner reads one plan"), "with several plans, status shows one row per plan")
			}
			o.dirs = dirs
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json", "markdown", "csv"), "output", "o", "output `format`: table, json, markdown or csv")
	cmd.Flags().Var(newEnumFlag(&o.by, "theme", "theme", "owner"), "by", "group rows by theme (priorities under their theme) or by owner")
	cmd.Flags().BoolVar(&o.explain, "explain", false, "add the rule behind each rolled-up rating")
	cmd.Flags().StringVar(&o.filter.Theme, "theme", "", "only the priorities of theme `ID`")
	cmd.Flags().StringVar(&o.filter.Owner, "owner", "", "only the actions and KPIs owner `ID` is accountable for")
	addRevFlags(cmd, g)
	addPortfolioFlag(cmd, g)
	return cmd
}

func runStatus(o *statusOptions) error {
	if o.dirs != nil {
		report, err := o.portfolioStatus(o.dirs, o.filter)
		if err != nil {
			return err
		}
		ro := o.renderOptions()
		ro.Explain = o.explain
		return render.Portfolio(o.deps.io.Out, report, render.Format(o.output), ro)
	}
	p, asOf, err := o.reportInput(o.filter)
	if err != nil {
		return err
	}
	report := p.Status(asOf)
	ro := o.renderOptions()
	ro.Explain = o.explain
	return render.Status(o.deps.io.Out, report, render.Format(o.output), render.GroupBy(o.by), ro)
}
