package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type showOptions struct {
	*globalOptions
	id     string
	output string
}

// newShowCmd builds the show command. runF, when not nil, replaces
// runShow, so tests can see the parsed options.
func newShowCmd(g *globalOptions, runF func(*showOptions) error) *cobra.Command {
	o := &showOptions{globalOptions: g}
	if runF == nil {
		runF = runShow
	}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything about one action, KPI, finding, priority, theme or owner",
		Long: `Show one item: every field, its rating and why, days late, the findings an
action addresses (or the actions that address a finding), a KPI's series,
its re-baselinings (proposed ones marked as awaiting approval) and, when the
plan is in git, the last commit that changed it.`,
		Example: `  plan show P8.1
  plan show P8.K1 -o json
  plan show OF25-3`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "text", "text", "json"), "output", "o", "output `format`: text or json")
	addRevFlags(cmd, g)
	return cmd
}

func runShow(o *showOptions) error {
	l, asOf, err := o.validAsOf()
	if err != nil {
		return err
	}
	s, err := l.plan.Show(o.id, asOf)
	if err != nil {
		return withHint(err, "'plan list' lists the actions; 'plan list kpis', 'plan list findings' and 'plan list priorities' the others")
	}
	if l.rev == nil {
		src, err := o.history(l.dir)
		switch {
		case errors.Is(err, gitrepo.ErrNotRepository), errors.Is(err, gitrepo.ErrNoGit):
			// Outside git there is no last change to show.
		case err != nil:
			return err
		default:
			entries, err := src.Log(o.ctx, o.id, plan.Date{})
			if err != nil {
				return historyError(err)
			}
			if len(entries) > 0 {
				s.LastChange = &logEntries(entries[:1])[0]
			}
		}
	}
	return render.Show(o.deps.io.Out, s, render.Format(o.output), o.renderOptions())
}
