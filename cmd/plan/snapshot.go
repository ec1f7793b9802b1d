package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type snapshotOptions struct {
	*globalOptions
	kind   string
	date   string
	list   bool
	output string
}

// bodies names the bodies a snapshot records reporting to.
var bodies = map[string]string{"board": "Improvement Board", "dfe": "DfE advisor", "ofsted": "Ofsted monitoring visit"}

// newSnapshotCmd builds the snapshot command. runF, when not nil, replaces
// runSnapshot, so tests can see the parsed options.
func newSnapshotCmd(g *globalOptions, runF func(*snapshotOptions) error) *cobra.Command {
	o := &snapshotOptions{globalOptions: g}
	if runF == nil {
		runF = runSnapshot
	}
	cmd := &cobra.Command{
		Use:   "snapshot board|dfe|ofsted",
		Short: "Record the state of the plan a body was shown",
		Long: `Record, as an annotated git tag plan/KIND/DATE, the state of the plan shown to
the Improvement Board (board), the DfE advisor (dfe) or Ofsted (ofsted). The
tag points at HEAD, or with --date at the last commit on or before that day,
and its message summarises the plan's ratings then.

Afterwards board, dfe and ofsted can be given wherever a revision or date is
taken, meaning the last snapshot of that kind: 'plan diff board' shows what
changed since the board last saw the plan. Share snapshots with
'git push origin --tags'.`,
		Example: `  plan snapshot board
  plan snapshot dfe --date 2026-10-14
  plan snapshot --list`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case o.list && len(args) > 0:
				return errors.New("--list takes no snapshot kind")
			case o.list:
			case len(args) == 0:
				return withHint(errors.New("name the body the plan was shown to"), "plan snapshot board, dfe or ofsted; plan snapshot --list shows those recorded")
			case !history.IsSnapshotKind(args[0]):
				return withHint(fmt.Errorf("unknown snapshot kind %q", args[0]), "the kinds are board (Improvement Board), dfe (DfE advisor) and ofsted")
			default:
				o.kind = args[0]
			}
			if o.date != "" {
				if _, err := plan.ParseDate(o.date); err != nil {
					return fmt.Errorf("--date: %w", err)
				}
			}
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.date, "date", "", "the `DATE` the body saw the plan: tag the last commit on or before it (default: today, at HEAD)")
	cmd.Flags().BoolVar(&o.list, "list", false, "list the snapshots recorded")
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json"), "output", "o", "output `format` of --list: table or json")
	return cmd
}

func runSnapshot(o *snapshotOptions) error {
	dir, src, err := o.planHistory()
	if err != nil {
		return err
	}
	io := o.deps.io
	if o.list {
		snaps, err := src.Snapshots(o.ctx)
		if err != nil {
			return err
		}
		return render.Snapshots(io.Out, snapshots(snaps), render.Format(o.output), o.renderOptions())
	}
	var rev history.Revision
	var day plan.Date
	if o.date != "" {
		day, _ = plan.ParseDate(o.date)
		if rev, err = o.revision(dir, o.date); err != nil {
			return err
		}
	} else {
		if day, err = o.globalOptions.date(nil); err != nil {
			return err
		}
		if rev, err = o.revision(dir, "HEAD"); err != nil {
			return err
		}
		if o.uncommitted(dir, rev) {
			fmt.Fprintln(io.ErrOut, "plan: warning: the plan has changes not yet committed; the snapshot records HEAD without them")
		}
	}
	p, _, err := o.readPlan(dir, &rev)
	if err != nil {
		return err
	}
	message := fmt.Sprintf("%s snapshot %s\n\n%s", bodies[o.kind], day, statusLine(p.Status(day)))
	snap, err := src.CreateSnapshot(o.ctx, o.kind, day, rev.Commit.Hash, message)
	if errors.Is(err, history.ErrSnapshotExists) {
		return withHint(err, "delete it first with git tag -d %s, if it is wrong", history.SnapshotTag(o.kind, day))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "Recorded %s at %s (%s): %s\n", snap.Tag, rev.Commit.Short(), rev.Spec, statusLine(p.Status(day)))
	fmt.Fprintf(io.ErrOut, "Share it with: git push origin %s\n", snap.Tag)
	return nil
}

// uncommitted reports whether the plan in the work tree differs from rev.
func (o *snapshotOptions) uncommitted(dir string, rev history.Revision) bool {
	work, _, err1 := o.readPlan(dir, nil)
	committed, _, err2 := o.readPlan(dir, &rev)
	if err1 != nil || err2 != nil {
		return false
	}
	return !plan.Diff(committed.Items(), work.Items()).Empty()
}

// statusLine summarises a status report in one line, for a tag message.
func statusLine(r plan.StatusReport) string {
	a, k := r.Totals.Actions, r.Totals.KPIs
	return fmt.Sprintf("rating %s; actions: %d red, %d amber, %d green, %d done, %d unrated, %d overdue; KPIs: %d red, %d amber, %d green",
		r.Totals.RAG, a.Red, a.Amber, a.Green, a.Complete, a.Unrated, a.Overdue, k.Red, k.Amber, k.Green)
}

// snapshots hands the recorded snapshots to render as the domain's values.
func snapshots(snaps []history.Snapshot) []plan.Snapshot {
	out := make([]plan.Snapshot, 0, len(snaps))
	for _, s := range snaps {
		out = append(out, plan.Snapshot{Kind: s.Kind, Date: s.Date, Tag: s.Tag, Commit: s.Commit, Short: gitrepo.ShortID(s.Commit),
			Tagger: s.Tagger, Message: s.Message})
	}
	return out
}
