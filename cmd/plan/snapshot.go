package main

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

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
	all    bool
	output string
}

// newSnapshotCmd builds the snapshot command. runF, when not nil, replaces
// runSnapshot, so tests can see the parsed options.
func newSnapshotCmd(g *globalOptions, runF func(*snapshotOptions) error) *cobra.Command {
	o := &snapshotOptions{globalOptions: g}
	if runF == nil {
		runF = runSnapshot
	}
	cmd := &cobra.Command{
		Use:   "snapshot BODY",
		Short: "Record the state of the plan a body was shown",
		Long: `Record, as an annotated git tag plan/BODY/DATE, the state of the plan shown to
a body: the Improvement Board (board), the DfE advisor (dfe), Ofsted (ofsted),
or a body plan.yaml declares under bodies:, such as a scrutiny committee. The
tag points at HEAD, or with --date (the meeting's date) at the last commit on
or before that day, and is dated that day; its message summarises the plan's
ratings then. A plan in a directory DIR below the top of its repository tags
plan/DIR/BODY/DATE, so that two plans in one repository keep apart.

Afterwards a body's id can be given wherever a revision or date is taken,
meaning its last snapshot: 'plan diff board' shows what changed since the
board last saw the plan. 'plan snapshot --list' shows, for each body, its
last snapshot, when it is next due by its cycle and how many changes it has
not seen; --list --all lists every snapshot. Share snapshots with
'git push origin --tags'.`,
		Example: `  plan snapshot board
  plan snapshot scrutiny --date 2026-10-14
  plan snapshot --list
  plan snapshot --list --all`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case o.list && len(args) > 0:
				return errors.New("--list takes no snapshot kind")
			case o.all && !o.list:
				return errors.New("--all goes with --list")
			case o.list:
			case len(args) == 0:
				return withHint(errors.New("name the body the plan was shown to"), "plan snapshot board, dfe, ofsted or a body plan.yaml declares; plan snapshot --list shows them")
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
	cmd.Flags().StringVar(&o.date, "date", "", "the `DATE` the body saw the plan: tag the last commit on or before it, dated that day (default: today, at HEAD)")
	cmd.Flags().BoolVar(&o.list, "list", false, "list the bodies: last snapshot, next due, changes since")
	cmd.Flags().BoolVar(&o.all, "all", false, "with --list, list every snapshot recorded")
	cmd.Flags().VarP(newEnumFlag(&o.output, "table", "table", "json"), "output", "o", "output `format` of --list: table or json")
	return cmd
}

func runSnapshot(o *snapshotOptions) error {
	dir, src, err := o.planHistory()
	if err != nil {
		return err
	}
	io := o.deps.io
	if o.list && o.all {
		snaps, err := src.Snapshots(o.ctx)
		if err != nil {
			return err
		}
		return render.Snapshots(io.Out, snapshots(snaps), render.Format(o.output), o.renderOptions())
	}
	if o.list {
		return o.listBodies(dir, src)
	}
	bodies := o.declaredBodies(dir).ReportingBodies()
	body, ok := findBody(bodies, o.kind)
	if !ok {
		return withHint(fmt.Errorf("unknown snapshot kind %q", o.kind), "the bodies are %s; declare others under bodies: in plan.yaml", bodyList(bodies))
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
	message := fmt.Sprintf("%s snapshot %s\n\n%s", cmp.Or(body.Name, body.ID), day, statusLine(p.Status(day)))
	snap, err := src.CreateSnapshot(o.ctx, o.kind, day, o.date != "", rev.Commit.Hash, message)
	if errors.Is(err, history.ErrSnapshotExists) {
		return withHint(err, "delete it first with git tag -d %s, if it is wrong", src.SnapshotTag(o.kind, day))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "Recorded %s at %s (%s): %s\n", snap.Tag, rev.Commit.Short(), rev.Spec, statusLine(p.Status(day)))
	fmt.Fprintf(io.ErrOut, "Share it with: git push origin %s\n", snap.Tag)
	return nil
}

// listBodies writes, for each body, its last snapshot, when it is next
// due and how many changes to the work tree's plan it has not seen.
func (o *snapshotOptions) listBodies(dir string, src *history.Source) error {
	now, _, err := o.readPlan(dir, nil)
	if err != nil {
		return err
	}
	day, err := o.globalOptions.date(nil)
	if err != nil {
		return err
	}
	snaps, err := src.Snapshots(o.ctx)
	if err != nil {
		return err
	}
	last := map[string]history.Snapshot{}
	for _, s := range snaps { // oldest first: the last of each kind stays
		last[s.Kind] = s
	}
	changes := map[string]int{}
	for kind := range last {
		rev, err := o.revision(dir, last[kind].Tag)
		if err != nil {
			return err
		}
		then, _, err := o.readPlan(dir, &rev)
		if err != nil {
			return err
		}
		changes[kind] = len(plan.DiffPlans(then, now).Changes)
	}
	schedule := plan.BodySchedule(now.ReportingBodies(), snapshots(snaps), changes, day)
	return render.Bodies(o.deps.io.Out, schedule, render.Format(o.output), o.renderOptions())
}

// findBody returns the body with the id.
func findBody(bodies []plan.Body, id string) (plan.Body, bool) {
	for _, b := range bodies {
		if b.ID == id {
			return b, true
		}
	}
	return plan.Body{}, false
}

// bodyList names the bodies for a hint: "board (Improvement Board), dfe
// (DfE advisor) and ofsted (Ofsted monitoring visit)".
func bodyList(bodies []plan.Body) string {
	var names []string
	for _, b := range bodies {
		if b.Name != "" {
			names = append(names, fmt.Sprintf("%s (%s)", b.ID, b.Name))
		} else {
			names = append(names, b.ID)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// uncommitted reports whether the plan in the work tree differs from rev.
func (o *snapshotOptions) uncommitted(dir string, rev history.Revision) bool {
	work, _, err1 := o.readPlan(dir, nil)
	committed, _, err2 := o.readPlan(dir, &rev)
	if err1 != nil || err2 != nil {
		return false
	}
	return !plan.DiffPlans(committed, work).Empty()
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
