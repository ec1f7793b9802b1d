package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/pkg/returns"
	"github.com/plan-tool/plan/plan"
)

// returnWindow is how long owners have for a return when --due does not
// say: two weeks.
const returnWindow = 14

type returnsOptions struct {
	*globalOptions
	out    string
	owners []string
	due    string
}

// newReturnsCmd builds the returns command and its apply subcommand. The
// runF functions, when not nil, replace runReturns and runApply, so tests
// can see the parsed options.
func newReturnsCmd(g *globalOptions, runF func(*returnsOptions) error, applyF func(*applyOptions) error) *cobra.Command {
	o := &returnsOptions{globalOptions: g}
	if runF == nil {
		runF = runReturns
	}
	cmd := &cobra.Command{
		Use:   "returns --out DIR",
		Short: "Make monthly return workbooks for owners to fill in",
		Long: `Write one Excel workbook per owner, DIR/OWNER.xlsx, for them to fill in and
send back: their open actions (rating, status, due date and last update, with
columns for a new rating, status, due date asked for and its reason, update
note and evidence) and their KPIs whose next value is due by the return date
(with columns for the new value and the period it measures). Ratings and
statuses are chosen from lists; the plan's columns are locked (the sheet is
protected without a password). A hidden stamp records the plan's revision
and every value as issued, so that 'plan returns apply' can tell an owner's
change from a change made in the plan since.

By default every owner with an open action or a KPI due gets one; --owner
names them. The return date is --due, else two weeks after the as-of date.`,
		Example: `  plan returns --out returns/2026-12
  plan returns --out returns --owner head-workforce --due 2026-12-11
  plan returns apply returns/2026-12/*.xlsx`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return runF(o) },
	}
	cmd.Flags().StringVar(&o.out, "out", "", "write the workbooks in `DIR` (made if need be)")
	cmd.Flags().StringArrayVar(&o.owners, "owner", nil, "only the owner `ID` (repeatable; default: every owner with something to return)")
	cmd.Flags().StringVar(&o.due, "due", "", "the return date, `YYYY-MM-DD` (default: two weeks after the as-of date)")
	_ = cmd.MarkFlagRequired("out") // the flag exists
	cmd.AddCommand(newApplyCmd(g, applyF))
	return cmd
}

func runReturns(o *returnsOptions) error {
	asOf, err := o.date(nil)
	if err != nil {
		return err
	}
	due := asOf.AddDays(returnWindow)
	if o.due != "" {
		if due, err = plan.ParseDate(o.due); err != nil {
			return fmt.Errorf("--due: %w", err)
		}
		if due.Before(asOf) {
			return withHint(fmt.Errorf("--due %s is before the as-of date %s", due, asOf), "give the day the returns are asked back by")
		}
	}
	p, _, err := o.loadValid()
	if err != nil {
		return err
	}
	owners := o.owners
	for _, id := range owners {
		if p.Owner(id) == nil {
			var ids []string
			for _, ow := range p.Owners {
				ids = append(ids, ow.ID)
			}
			return withHint(fmt.Errorf("--owner: no owner %q in plan.yaml", id), "the owners are: %s", strings.Join(ids, ", "))
		}
	}
	if len(owners) == 0 {
		if owners = returns.Owners(p, due); len(owners) == 0 {
			fmt.Fprintf(o.deps.io.ErrOut, "No owner has an open action or a KPI due by %s: no returns to make.\n", due)
			return nil
		}
	}
	rev, err := o.returnRevision(p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o777); err != nil {
		return err
	}
	now := o.deps.now()
	for _, id := range owners {
		var buf bytes.Buffer
		if err := returns.Write(&buf, p, returns.Request{Owner: id, Issued: asOf, Due: due, Revision: rev}, now); err != nil {
			return fmt.Errorf("return of %s: %w", id, err)
		}
		name := filepath.Join(o.out, id+".xlsx")
		if err := o.deps.writer.WriteFile(o.ctx, name, buf.Bytes()); err != nil {
			return err
		}
		actions, kpis := returns.Items(p, id, due)
		fmt.Fprintf(o.deps.io.Out, "Wrote %s: %s, %s, for %s\n", textsafe.Visible(shownPath(name)),
			plan.Plural(len(actions), "action", "actions"), plan.Plural(len(kpis), "KPI", "KPIs"), textsafe.Visible(p.Owner(id).Label()))
	}
	fmt.Fprintf(o.deps.io.ErrOut, "Returns due by %s, issued from %s. Send each owner their workbook; apply what comes back with 'plan returns apply FILE...'.\n",
		due, returns.ShortRevision(rev))
	return nil
}

// revision names the revision of the plan the returns are made from: the
// commit checked out when the plan is in git, else a hash of its values.
func (g *globalOptions) returnRevision(p *plan.Plan) (string, error) {
	dir, err := g.planDir()
	if err != nil {
		return "", err
	}
	src, err := g.history(dir)
	if err != nil {
		return returns.Fingerprint(p), nil // not in git, or no git: the values stand for it
	}
	head, err := src.Resolve(g.ctx, "HEAD")
	if err != nil {
		return returns.Fingerprint(p), nil // no commit yet
	}
	return "git " + head.Hash, nil
}

type applyOptions struct {
	*globalOptions
	files  []string
	theirs bool
	dryRun bool
}

func newApplyCmd(g *globalOptions, runF func(*applyOptions) error) *cobra.Command {
	o := &applyOptions{globalOptions: g}
	if runF == nil {
		runF = runApply
	}
	cmd := &cobra.Command{
		Use:   "apply FILE...",
		Short: "Apply returned workbooks to the plan",
		Long: `Read return workbooks made by 'plan returns' and filled in by their owners,
and apply them to the plan as the edit commands would: only the lines of
what changed are written, comments and layout are kept, and each file is
written once, atomically. Then say what changed, per return.

Every cell is checked as the edit commands check values: a rating or status
that is not one of the plan's words, a date typed as text, an actual dated
after the as-of date, a new value with no date, a change to a locked column
- each is listed with its workbook, sheet and cell and not applied; the rest
is. A value the plan changed after the return was issued is a conflict: it
is listed with both values and left for a person, unless --theirs. A new due
date goes in as a proposed re-baselining (no approved), which 'plan check'
lists as awaiting approval and the review gate refuses until someone records
who approved it. A row with only an update note is a review: it clears the
stale rule. Applying a return twice changes nothing the second time.

Exit status: 0 when everything applied, 1 when a cell or a return was not
applied, 2 when a file cannot be read as a return (then nothing is applied).`,
		Example: `  plan returns apply returns/2026-12/*.xlsx
  plan returns apply head-workforce.xlsx --dry-run`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.files = args
			return runF(o)
		},
	}
	cmd.Flags().BoolVar(&o.theirs, "theirs", false, "take the return's value where the plan changed since it was issued")
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "say what would change, and write nothing")
	return cmd
}

// maxReturn is the largest return workbook apply reads: far above a
// return's size (tens of kilobytes).
const maxReturn = 16 << 20

func runApply(o *applyOptions) error {
	asOf, err := o.date(nil)
	if err != nil {
		return err
	}
	var read []*returns.Returned
	var bad []error
	for _, name := range o.files {
		r, err := readReturn(name)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		read = append(read, r)
	}
	if len(bad) > 0 {
		for _, err := range bad[:len(bad)-1] {
			fmt.Fprintf(o.deps.io.ErrOut, "plan: %s\n", textsafe.Visible(err.Error()))
		}
		return withHint(bad[len(bad)-1], "nothing was applied; leave out what cannot be read (or ask its owner to send it again) and apply the rest")
	}
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	reports := make([]render.AppliedReturn, len(read))
	edits := map[string][]returns.Edit{} // by plan file
	var files []string
	from := map[string]int{} // the return each edited item's edits come from
	for i, r := range read {
		st := r.Stamp
		reports[i] = render.AppliedReturn{File: filepath.ToSlash(r.File), Owner: st.Name, Issued: st.Issued, Revision: returns.ShortRevision(st.Revision)}
		out, err := returns.Apply(e.plan, r, returns.Options{AsOf: asOf, Theirs: o.theirs})
		var foreign *returns.ForeignError
		if errors.As(err, &foreign) {
			reports[i].Refused = foreign.Why
			continue
		}
		if err != nil {
			return err
		}
		reports[i].Unchanged = out.Unchanged
		for _, p := range out.Problems {
			reports[i].Problems = append(reports[i].Problems, textsafe.Visible(p.String()))
		}
		for _, ed := range out.Edits {
			_, file, ok := e.plan.Locate(ed.ID)
			if !ok {
				continue // Apply only edits items the plan has
			}
			if j, seen := from[ed.ID]; seen && j != i {
				reports[i].Problems = append(reports[i].Problems, fmt.Sprintf("%s: %s is also in %s, applied first: not applied", ed.Where, ed.ID, read[j].File))
				continue
			}
			from[ed.ID] = i
			if !slices.Contains(files, file) {
				files = append(files, file)
			}
			edits[file] = append(edits[file], ed)
		}
	}
	for _, file := range files {
		changes, err := o.applyFile(e, file, edits[file], reports, from)
		if err != nil {
			return err
		}
		for _, c := range changes {
			if i, ok := from[c.ID]; ok {
				reports[i].Changes = append(reports[i].Changes, c)
			}
		}
	}
	if err := render.Applied(o.deps.io.Out, reports, o.dryRun); err != nil {
		return err
	}
	changed, problems, refused := 0, 0, 0
	for _, r := range reports {
		changed += len(r.Changes)
		problems += len(r.Problems)
		if r.Refused != "" {
			refused++
		}
	}
	verb := "Changed"
	if o.dryRun {
		verb = "Would change"
	}
	summary := fmt.Sprintf("%s %s from %s", verb, plan.Plural(changed, "item", "items"), plan.Plural(len(read)-refused, "return", "returns"))
	if problems > 0 {
		summary += fmt.Sprintf("; %s not applied", plan.Plural(problems, "value", "values"))
	}
	if refused > 0 {
		summary += fmt.Sprintf("; %s refused", plan.Plural(refused, "return", "returns"))
	}
	fmt.Fprintln(o.deps.io.ErrOut, summary+".")
	if problems+refused > 0 {
		return errFindings
	}
	return nil
}

// applyFile applies a file's edits from returns, checks the plan they
// make and writes the file once. An edit that cannot be made is listed
// against its return; when the edits together would make the plan
// invalid, none is applied. It returns the changes made.
func (o *applyOptions) applyFile(e *editing, file string, eds []returns.Edit, reports []render.AppliedReturn, from map[string]int) ([]plan.Change, error) {
	notApplied := func(ed returns.Edit, why string) {
		i := from[ed.ID]
		reports[i].Problems = append(reports[i].Problems, textsafe.Visible(ed.Where+": "+why))
	}
	if bad := structuralIn(e.diags, file); len(bad) > 0 {
		for _, ed := range eds {
			notApplied(ed, fmt.Sprintf("not applied: %s has %s (plan check lists them); fix it first", file, plan.Plural(len(bad), "error", "errors")))
		}
		return nil, nil
	}
	original, ok := e.draft.File(file)
	if !ok {
		return nil, fmt.Errorf("edit %s: the file was not read", file)
	}
	data := original
	for _, ed := range eds {
		next, err := ed.Change(data)
		if err != nil {
			notApplied(ed, fmt.Sprintf("not applied: %v", err))
			continue
		}
		data = next
	}
	after, newDiags, err := e.draft.With(file, data)
	if err != nil {
		return nil, err
	}
	if bad := newStructural(e.diags, newDiags); len(bad) > 0 {
		for _, ed := range eds {
			notApplied(ed, fmt.Sprintf("not applied: with it %s would not be valid (%s)", file, bad[0].Message))
		}
		return nil, nil
	}
	if !bytes.Equal(data, original) && !o.dryRun {
		if err := o.deps.writer.WriteIfUnchanged(o.ctx, filepath.Join(e.dir, filepath.FromSlash(file)), original, data); err != nil {
			return nil, err
		}
	}
	return plan.DiffPlans(e.plan, after).Changes, nil
}

// readReturn reads a return workbook.
func readReturn(name string) (*returns.Returned, error) {
	data, err := readLimited(name, maxReturn, "a return plan returns made")
	if err != nil {
		return nil, err
	}
	return returns.Read(filepath.Base(name), data)
}
