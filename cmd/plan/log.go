package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type logOptions struct {
	*globalOptions
	id     string
	since  string
	output string
}

// newLogCmd builds the log command. runF, when not nil, replaces runLog,
// so tests can see the parsed options.
func newLogCmd(g *globalOptions, runF func(*logOptions) error) *cobra.Command {
	o := &logOptions{globalOptions: g}
	if runF == nil {
		runF = runLog
	}
	cmd := &cobra.Command{
		Use:   "log ID",
		Short: "Show the history of one action, KPI or priority",
		Long: `Show the history of one action, KPI, priority, theme, owner or finding on the
current branch, newest first: for every commit that changed it, the date,
commit, author and each field that changed, old and new. Commits that did
not touch it are skipped; moving it to another file is a change of priority
only when its priority changed.`,
		Example: `  plan log P8.1
  plan log P8.K1 --since 2026-04-01
  plan log P8 --since board -o markdown`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json", "markdown"), "output", "o", "output `format`: table, json or markdown")
	cmd.Flags().StringVar(&o.since, "since", "", "only changes on or after `DATE` (or since a revision, or board, dfe, ofsted or a body declared in plan.yaml)")
	return cmd
}

func runLog(o *logOptions) error {
	dir, src, err := o.planHistory()
	if err != nil {
		return err
	}
	var since plan.Date
	if o.since != "" {
		if d, err := plan.ParseDate(o.since); err == nil {
			since = d
		} else {
			rev, err := o.revision(dir, o.since)
			if err != nil {
				return err
			}
			since = src.Date(rev.Commit.CommitDate)
		}
	}
	entries, err := src.Log(o.ctx, o.id, since)
	if err != nil {
		return historyError(err)
	}
	if len(entries) == 0 && since.IsZero() {
		return withHint(fmt.Errorf("no item %q in the plan's history", o.id), "ids are written in the plan files, such as P8.1; 'plan list' lists the actions, 'plan list kpis' the KPIs")
	}
	return render.Log(o.deps.io.Out, o.id, logEntries(entries), render.Format(o.output), o.renderOptions())
}

// logEntries hands a history to render as the domain's values.
func logEntries(entries []history.LogEntry) []plan.LogEntry {
	out := make([]plan.LogEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, plan.LogEntry{Commit: e.Commit.Hash, Short: e.Commit.Short(), Author: e.Commit.Author, Date: e.Date, Change: e.Change})
	}
	return out
}
