package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type overdueOptions struct {
	*globalOptions
	output string
	within int // days
	filter plan.Filter
	dirs   []string // the plans named, when several are read
}

// newOverdueCmd builds the overdue command. runF, when not nil, replaces
// runOverdue, so tests can see the parsed options.
func newOverdueCmd(g *globalOptions, runF func(*overdueOptions) error) *cobra.Command {
	o := &overdueOptions{globalOptions: g}
	if runF == nil {
		runF = runOverdue
	}
	var within string
	cmd := &cobra.Command{
		Use:   "overdue",
		Short: "List overdue actions, most days late first",
		Long: `List the open actions whose due date has passed, most days late first, with
their owner, due date, days late, rating and priority. An action due on the
as-of date is not overdue. With --within, actions falling due soon are added.`,
		Example: `  plan overdue
  plan overdue --owner head-workforce
  plan overdue --within 14d -o csv
  plan overdue --portfolio councils/`,
		RunE: func(c *cobra.Command, args []string) error {
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			o.dirs = dirs
			if within != "" {
				days, err := parseDays(within)
				if err != nil {
					return withHint(fmt.Errorf("--within: %w", err), "write a number of days or weeks, such as 14d or 2w")
				}
				o.within = days
			}
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json", "markdown", "csv"), "output", "o", "output `format`: table, json, markdown or csv")
	cmd.Flags().StringVar(&within, "within", "", "also list actions falling due within `DURATION` (e.g. 14d, 2w)")
	cmd.Flags().StringVar(&o.filter.Owner, "owner", "", "only actions owner `ID` is accountable for")
	cmd.Flags().StringVar(&o.filter.Theme, "theme", "", "only actions of the priorities of theme `ID`")
	addRevFlags(cmd, g)
	addPortfolioFlag(cmd, g)
	return cmd
}

// parseDays reads a number of days written as 14d, 2w or 14.
func parseDays(s string) (int, error) {
	unit := 1
	num := s
	switch {
	case strings.HasSuffix(s, "d"):
		num = strings.TrimSuffix(s, "d")
	case strings.HasSuffix(s, "w"):
		num, unit = strings.TrimSuffix(s, "w"), 7
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 36500 {
		return 0, fmt.Errorf("%q is not a number of days", s)
	}
	return n * unit, nil
}

func runOverdue(o *overdueOptions) error {
	if o.dirs != nil {
		plans, asOf, err := o.portfolioInput(o.dirs, o.filter)
		if err != nil {
			return err
		}
		var lists [][]plan.OverdueAction
		for _, p := range plans {
			lists = append(lists, p.Overdue(asOf, o.within))
		}
		return render.Overdue(o.deps.io.Out, asOf, o.within, plan.MergeOverdue(lists...), render.Format(o.output), o.renderOptions())
	}
	p, asOf, err := o.reportInput(o.filter)
	if err != nil {
		return err
	}
	items := p.Overdue(asOf, o.within)
	return render.Overdue(o.deps.io.Out, asOf, o.within, items, render.Format(o.output), o.renderOptions())
}
