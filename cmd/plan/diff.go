package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type diffOptions struct {
	*globalOptions
	output   string
	since    string
	exitCode bool
	failOn   []string
	from, to string // revisions; to "" is the work tree
}

// newDiffCmd builds the diff command. runF, when not nil, replaces
// runDiff, so tests can see the parsed options.
func newDiffCmd(g *globalOptions, runF func(*diffOptions) error) *cobra.Command {
	o := &diffOptions{globalOptions: g}
	if runF == nil {
		runF = runDiff
	}
	cmd := &cobra.Command{
		Use:   "diff [A [B]]",
		Short: "Show what changed in the plan between two revisions",
		Long: `Show what changed in the plan, item by item, matched by id: ratings that
worsened or improved, due dates that slipped (and by how many days), actions
done, targets changed, KPI actuals recorded, items added, removed or moved.

With no revision, compare HEAD with the work tree; with one, that revision
with the work tree; with two (or A..B), A with B. A revision is anything git
understands, a date (the end of that day on the current branch), or board,
dfe, ofsted or a body declared in plan.yaml: the last snapshot of that kind.

--fail-on makes a review gate: exit 1, naming each change, when a change of
one of these kinds is not covered by a re-baselining recorded in the same
range:
  slipped                       a due date moved later
  target-changed                a KPI target, tolerance or trajectory point changed
  rating-changed-without-note   an action's rating changed and its note did not
  rating-improved               an action's rating improved
  removed                       an action or KPI deleted rather than dropped`,
		Example: `  plan diff                      # uncommitted changes
  plan diff board                # since the Improvement Board last saw the plan
  plan diff --since 2026-10-01 -o markdown
  plan diff origin/main HEAD --fail-on slipped,target-changed`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			if o.since != "" && len(args) > 0 {
				return withHint(errors.New("--since and revisions cannot be used together"), "use 'plan diff A B', or 'plan diff --since DATE' to compare with the work tree")
			}
			if len(args) == 1 && strings.Contains(args[0], "..") {
				if strings.Contains(args[0], "...") {
					return errors.New("A...B is not supported: use A..B or 'A B'")
				}
				args = strings.SplitN(args[0], "..", 2)
			}
			switch len(args) {
			case 0:
				o.from = "HEAD"
				if o.since != "" {
					o.from = o.since
				}
			case 1:
				o.from = args[0]
			case 2:
				o.from, o.to = args[0], args[1]
			}
			if _, err := plan.ParseGate(o.failOn); err != nil {
				return withHint(fmt.Errorf("--fail-on: %w", err), "see 'plan diff --help' for the rules")
			}
			return runF(o)
		},
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "text", "text", "markdown", "json"), "output", "o", "output `format`: text, markdown or json")
	cmd.Flags().StringVar(&o.since, "since", "", "compare the plan as it stood at `DATE` (or revision, or board, dfe, ofsted or a body declared in plan.yaml) with the work tree")
	cmd.Flags().BoolVar(&o.exitCode, "exit-code", false, "exit 1 when there are changes, like git diff --exit-code")
	cmd.Flags().StringSliceVar(&o.failOn, "fail-on", nil, "exit 1 on changes of these `KINDS` not recorded as re-baselined (comma-separated, or all)")
	return cmd
}

// workTree is the label of the work tree end of a diff.
const workTree = "working tree"

// end reads the plan at one end of a diff: spec "" is the work tree.
func (o *diffOptions) end(dir, spec string) (*plan.Plan, render.End, error) {
	if spec == "" {
		p, diags, err := o.readPlan(dir, nil)
		o.warnInvalid(workTree, diags)
		return p, render.End{Rev: workTree}, err
	}
	rev, err := o.revision(dir, spec)
	if err != nil {
		return nil, render.End{}, err
	}
	p, diags, err := o.readPlan(dir, &rev)
	o.warnInvalid(spec, diags)
	return p, endOf(rev), err
}

func endOf(rev history.Revision) render.End {
	return render.End{Rev: rev.Spec, Commit: rev.Commit.Hash, Short: rev.Commit.Short(), Date: rev.Commit.CommitDate.In(london()).Format(time.DateOnly)}
}

// warnInvalid says on stderr when one end of a diff has structural errors:
// the diff shows what could be read.
func (o *diffOptions) warnInvalid(end string, diags []plan.Diagnostic) {
	n := 0
	for _, d := range diags {
		if d.Rule.Structural() {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: the plan at %s has %s; the diff shows what could be read ('plan check' lists them)\n", end, plan.Plural(n, "error", "errors"))
	}
}

func runDiff(o *diffOptions) error {
	gate, err := plan.ParseGate(o.failOn)
	if err != nil {
		return err
	}
	dir, err := o.planDir()
	if err != nil {
		return err
	}
	a, from, err := o.end(dir, o.from)
	if err != nil {
		return err
	}
	b, to, err := o.end(dir, o.to)
	if err != nil {
		return err
	}
	report := plan.DiffPlans(a, b)
	io := o.deps.io
	if err := render.Diff(io.Out, report, from, to, render.Format(o.output), o.renderOptions()); err != nil {
		return err
	}
	failed := false
	for _, v := range report.Violations(gate) {
		fmt.Fprintf(io.ErrOut, "plan: %s [%s]\n", v.Message, v.Rule)
		failed = true
	}
	if failed || (o.exitCode && !report.Empty()) {
		return errFindings
	}
	return nil
}
