package main

import (
	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type risksOptions struct {
	reportOptions
	priority string
	dirs     []string // the plans named, when several are read
}

// newRisksCmd builds the risks command. runF, when not nil, replaces
// runRisks, so tests can see the parsed options.
func newRisksCmd(g *globalOptions, runF func(*risksOptions) error) *cobra.Command {
	o := &risksOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runRisks
	}
	cmd := &cobra.Command{
		Use:   "risks",
		Short: "Show the risk register and its heat map",
		Long: `Show every risk with its priority, owner, likelihood and impact (1-5), current
score (likelihood x impact), target score and the day it was last reviewed,
saying which are above target and which are due a review (not reviewed within
90 days of the as-of date); then a 5x5 heat map counting the risks by
likelihood (rows) and impact (columns). CSV holds the register only.`,
		Example: `  plan risks
  plan risks --priority P3 -o markdown
  plan risks -o json`,
		RunE: func(_ *cobra.Command, args []string) error {
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			o.dirs = dirs
			return runF(o)
		},
	}
	o.addFlags(cmd, "table", "json", "markdown", "csv")
	cmd.Flags().StringVar(&o.priority, "priority", "", "only the risks of priority `ID`")
	addPortfolioFlag(cmd, g)
	return cmd
}

func runRisks(o *risksOptions) error {
	plans, asOf, err := o.reportPlans(o.dirs)
	if err != nil {
		return err
	}
	r := plan.RiskReport{AsOf: asOf, Risks: []plan.RiskRow{}}
	for _, p := range plans {
		if err := r.AddPlan(p, o.priority); err != nil {
			return namedError(p, err)
		}
	}
	return render.Risks(o.deps.io.Out, r, render.Format(o.output), o.render())
}
