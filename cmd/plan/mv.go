package main

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type mvOptions struct {
	*globalOptions
	id string
	to string
}

// newMvCmd builds the mv command. runF, when not nil, replaces runMv, so
// tests can see the parsed options.
func newMvCmd(g *globalOptions, runF func(*mvOptions) error) *cobra.Command {
	o := &mvOptions{globalOptions: g}
	if runF == nil {
		runF = runMv
	}
	cmd := &cobra.Command{
		Use:   "mv ID --to PRIORITY",
		Short: "Move an action or a KPI to another priority",
		Long: `Move an action or a KPI to another priority's file, keeping its id, every
field and the comments in and directly above it: its text is appended to the
other priority's actions or kpis, indented as that list is, and removed from
its own file. An item with no owner of its own (its priority's) is given
that owner, so that moving it does not change who owns it. Both files are checked together before either is written.
plan diff reports the item as moved.`,
		Example: `  plan mv P8.3 --to P9`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.to, "to", "", "the `PRIORITY` to move it to (required)")
	_ = cmd.MarkFlagRequired("to") // defined above
	return cmd
}

func runMv(o *mvOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	id := o.id
	kind, from, ok := e.plan.Locate(id)
	if !ok {
		return e.file(id, "") // says there is no such item
	}
	list, before := "actions", "kpis"
	switch kind {
	case plan.KindAction:
	case plan.KindKPI:
		list, before = "kpis", ""
	default:
		return fmt.Errorf("%s is %s: plan mv moves actions and KPIs", id, aKind(kind))
	}
	pr := e.plan.Priority(o.to)
	if pr == nil {
		if err := unreadable(e.diags, fmt.Sprintf("priority %q", o.to)); err != nil {
			return err
		}
		return withHint(fmt.Errorf("--to: no priority %q in the plan", o.to), "'plan list priorities' lists the priorities")
	}
	to := pr.Pos.File
	if to == from {
		return fmt.Errorf("%s is already in priority %s", id, o.to)
	}
	for _, file := range []string{from, to} {
		if bad := structuralIn(e.diags, file); len(bad) > 0 {
			return invalid(bad, withHint(fmt.Errorf("refusing to edit %s: it has %s", file, plan.Plural(len(bad), "error", "errors")), "fix the lines above first; 'plan check' lists every finding"))
		}
	}
	srcOld, ok1 := e.draft.File(from)
	dstOld, ok2 := e.draft.File(to)
	if !ok1 || !ok2 {
		return fmt.Errorf("move %s: the files were not read", id)
	}
	lines, err := edit.Entry(srcOld, id)
	if err != nil {
		return fmt.Errorf("edit %s: %w", from, err)
	}
	dstNew, err := edit.AppendEntryText(dstOld, list, lines, before)
	if err != nil {
		return fmt.Errorf("edit %s: %w", to, err)
	}
	// An item with no owner of its own has its priority's: it keeps the
	// owner it had by naming it.
	if owner, inherited := ownerOf(e.plan, kind, id); inherited && owner != pr.Owner {
		if dstNew, err = edit.Set(dstNew, id, "owner", edit.Value(field(kind, "owner"), owner), plan.Fields(string(kind))); err != nil {
			return fmt.Errorf("edit %s: %w", to, err)
		}
	}
	srcNew, err := edit.Remove(srcOld, id)
	if err != nil {
		return fmt.Errorf("edit %s: %w", from, err)
	}
	after, newDiags, err := e.draft.WithFiles(map[string][]byte{from: srcNew, to: dstNew})
	if err != nil {
		return err
	}
	if bad := newStructural(e.diags, newDiags); len(bad) > 0 {
		return invalid(bad, withHint(fmt.Errorf("refusing to move %s: the change would make the plan invalid", id), "nothing was written"))
	}
	// The target first: should the second write fail, the item is in both
	// files (which check reports) rather than in neither.
	w := o.deps.writer
	if err := w.WriteIfUnchanged(o.ctx, filepath.Join(e.dir, filepath.FromSlash(to)), dstOld, dstNew); err != nil {
		return err
	}
	if !bytes.Equal(srcOld, srcNew) {
		if err := w.WriteIfUnchanged(o.ctx, filepath.Join(e.dir, filepath.FromSlash(from)), srcOld, srcNew); err != nil {
			return fmt.Errorf("%w (%s was written already: %s is now in both files; remove it from %s by hand)", err, to, id, from)
		}
	}
	report := plan.DiffPlans(e.plan, after)
	return render.Edited(o.deps.io.Out, from+" and "+to, report.Changes)
}

// ownerOf returns the owner of the action or KPI id, and whether it is its
// priority's (the item names none of its own).
func ownerOf(p *plan.Plan, kind plan.Kind, id string) (string, bool) {
	if kind == plan.KindKPI {
		k := p.KPI(id)
		return k.Owner, k.FieldPos("owner") == k.Pos
	}
	a := p.Action(id)
	return a.Owner, a.FieldPos("owner") == a.Pos
}
