package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/plan"
)

type rebaselineOptions struct {
	*globalOptions
	id       string
	field    string // due, target, tolerance or trajectory; "" with approve
	value    string // the new value, as given; for trajectory, the new point's value
	point    string // for trajectory, the date of the point that changes
	reason   string
	approved string // who approved it; "" for a proposal
	date     string // the day agreed, as given; "" for the as-of date
	approve  string // who approves the pending proposal, for --approve
}

// newRebaselineCmd builds the rebaseline command. runF, when not nil,
// replaces runRebaseline, so tests can see the parsed options.
func newRebaselineCmd(g *globalOptions, runF func(*rebaselineOptions) error) *cobra.Command {
	o := &rebaselineOptions{globalOptions: g}
	if runF == nil {
		runF = runRebaseline
	}
	var due, target, tolerance, trajectory string
	var proposed bool
	cmd := &cobra.Command{
		Use:   "rebaseline ID (--due DATE | --target N | --tolerance N | --trajectory DATE=N) --reason TEXT (--approved TEXT | --proposed)",
		Short: "Change a due date, target, tolerance or trajectory point and record the re-baselining",
		Long: `Change an action's due date, or a KPI's target, tolerance or one point of its
trajectory, and record the change in the item's rebaselined list in the same
edit: the day (--date, or the as-of date), the field, the value it had (from
the file), the reason and who approved it. A trajectory point is written
DATE=VALUE; its entry's from is DATE=OLD, the point's date and the value it
had, or DATE= when the point is new. With --proposed instead of --approved the change is
recorded as a proposal: check lists it as awaiting approval and the review
gate refuses it until 'plan rebaseline ID --approve WHO' approves it.`,
		Example: `  plan rebaseline P8.1 --due 2027-06-30 --reason "Recruitment slower than planned" --approved "Improvement Board"
  plan rebaseline P8.K1 --target 22 --reason "Regional shortage" --proposed
  plan rebaseline P8.K1 --trajectory 2027-03-31=30 --reason "Later start" --approved "Improvement Board"
  plan rebaseline P8.K1 --approve "Improvement Board 2026-12-01"`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.id = args[0]
			flags := c.Flags()
			if flags.Changed("approve") {
				if strings.TrimSpace(o.approve) == "" {
					return withHint(fmt.Errorf("--approve needs who approved the change"), "such as --approve \"Improvement Board 2026-12-01\"")
				}
				for _, f := range []string{"due", "target", "tolerance", "trajectory", "reason", "approved", "proposed", "date"} {
					if flags.Changed(f) {
						return withHint(fmt.Errorf("--approve approves the pending proposal as it was made: --%s cannot go with it", f), "to change the value again, approve the proposal first, then plan rebaseline %s again", o.id)
					}
				}
				return runF(o)
			}
			for _, f := range []struct{ name, value string }{{"due", due}, {"target", target}, {"tolerance", tolerance}, {"trajectory", trajectory}} {
				if !flags.Changed(f.name) {
					continue
				}
				if o.field != "" {
					return withHint(fmt.Errorf("--%s and --%s: a re-baselining changes one field", o.field, f.name), "run plan rebaseline once for each field")
				}
				o.field, o.value = f.name, strings.TrimSpace(f.value)
			}
			if o.field == "" {
				return withHint(fmt.Errorf("say what changes: --due DATE for an action, --target N or --tolerance N for a KPI"), "or approve a proposal with --approve WHO")
			}
			if o.field == "trajectory" {
				d, v, ok := strings.Cut(o.value, "=")
				if !ok {
					return withHint(fmt.Errorf("--trajectory %s: write the point as DATE=VALUE", o.value), "such as --trajectory 2027-03-31=30")
				}
				if _, err := plan.ParseDate(strings.TrimSpace(d)); err != nil {
					return fmt.Errorf("--trajectory: %w", err)
				}
				o.point, o.value = strings.TrimSpace(d), strings.TrimSpace(v)
			}
			if o.field == "due" {
				if _, err := plan.ParseDate(o.value); err != nil {
					return fmt.Errorf("--due: %w", err)
				}
			} else if _, err := plan.ParseNumber(o.value); err != nil {
				return fmt.Errorf("--%s: %w", o.field, err)
			}
			if o.reason = strings.TrimSpace(o.reason); o.reason == "" {
				return withHint(fmt.Errorf("a re-baselining needs a reason"), "say why with --reason TEXT")
			}
			switch {
			case flags.Changed("approved") && proposed:
				return withHint(fmt.Errorf("--approved and --proposed: a change is either approved or proposed"), "leave out --proposed when it has been approved")
			case proposed:
			case !flags.Changed("approved"):
				return withHint(fmt.Errorf("say who approved the change with --approved WHO, or --proposed if it awaits approval"), "a change recorded without approval is an unapproved slip in every review")
			default:
				if o.approved = strings.TrimSpace(o.approved); o.approved == "" {
					return withHint(fmt.Errorf("--approved needs who approved the change"), "such as --approved \"Improvement Board\"; use --proposed if no one has yet")
				}
			}
			if o.date != "" {
				if _, err := plan.ParseDate(o.date); err != nil {
					return fmt.Errorf("--date: %w", err)
				}
			}
			return runF(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&due, "due", "", "an action's new due `DATE`")
	f.StringVar(&target, "target", "", "a KPI's new target `NUMBER`")
	f.StringVar(&tolerance, "tolerance", "", "a KPI's new tolerance `NUMBER`")
	f.StringVar(&trajectory, "trajectory", "", "a KPI's new or changed trajectory point, `DATE=NUMBER`")
	f.StringVar(&o.reason, "reason", "", "why it changed: `TEXT`")
	f.StringVar(&o.approved, "approved", "", "who approved it: `TEXT`, such as the Improvement Board")
	f.BoolVar(&proposed, "proposed", false, "record the change as proposed, awaiting approval")
	f.StringVar(&o.date, "date", "", "the day the change was agreed (default: the as-of date)")
	f.StringVar(&o.approve, "approve", "", "approve the item's pending proposal, saying who approved it: `TEXT`")
	return cmd
}

func runRebaseline(o *rebaselineOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	kind, _, ok := e.plan.Locate(o.id)
	if !ok {
		return e.item(o.id, plan.KindAction) // names the id as unknown
	}
	var rbs []plan.Rebaseline
	switch {
	case kind == plan.KindAction:
		rbs = e.plan.Action(o.id).Rebaselined
	case kind == plan.KindKPI:
		rbs = e.plan.KPI(o.id).Rebaselined
	default:
		return fmt.Errorf("%s is %s: only an action's due date and a KPI's target, tolerance or trajectory are re-baselined", o.id, aKind(kind))
	}
	order := plan.Fields("rebaselined")
	if o.field == "" {
		var changes []change
		for i, rb := range rbs {
			if rb.Proposed() {
				changes = append(changes, func(d []byte) ([]byte, error) {
					return edit.SetEntry(d, o.id, "rebaselined", i, "approved", edit.Quote(strings.TrimSpace(o.approve)), order)
				})
			}
		}
		if len(changes) == 0 {
			return withHint(fmt.Errorf("%s has no re-baselining awaiting approval", o.id), "'plan check' lists the proposals awaiting approval")
		}
		return e.item(o.id, kind, changes...)
	}
	want := plan.KindKPI
	if o.field == "due" {
		want = plan.KindAction
	}
	if kind != want {
		return withHint(fmt.Errorf("%s is %s: --%s is for %s", o.id, aKind(kind), o.field, aKind(want)),
			"re-baseline an action's --due, or a KPI's --target, --tolerance or --trajectory")
	}
	date := o.date
	if date == "" {
		d, err := o.globalOptions.date(nil)
		if err != nil {
			return err
		}
		date = d.String()
	}
	if o.field == "trajectory" {
		return rebaselineTrajectory(o, e, rbs, date)
	}
	from := ""
	for _, it := range e.plan.Items() {
		if it.ID == o.id {
			from = it.Get(o.field)
		}
	}
	if same(o.field, from, o.value) {
		return withHint(fmt.Errorf("%s of %s is %s already: that is not a change", o.field, o.id, from), "give the new value")
	}
	for _, rb := range rbs {
		if rb.Field == o.field && rb.Proposed() {
			return withHint(fmt.Errorf("%s of %s has a change proposed on %s awaiting approval", o.field, o.id, rb.Date), "approve it first with plan rebaseline %s --approve WHO, or edit the proposal in the file", o.id)
		}
		if rb.Field == o.field && rb.Date.String() == date {
			return withHint(fmt.Errorf("%s of %s was re-baselined on %s already", o.field, o.id, date), "a second change the same day is recorded with another --date, or by editing the entry")
		}
	}
	f := field(kind, o.field)
	fields := []edit.Field{{Name: "date", Value: date}, {Name: "field", Value: o.field}}
	if from != "" {
		fields = append(fields, edit.Field{Name: "from", Value: edit.Value(f, from)})
	}
	fields = append(fields, edit.Field{Name: "reason", Value: edit.Quote(o.reason)})
	if o.approved != "" {
		fields = append(fields, edit.Field{Name: "approved", Value: edit.Quote(o.approved)})
	}
	itemOrder := plan.Fields(string(kind))
	return e.item(o.id, kind,
		func(d []byte) ([]byte, error) {
			return edit.Set(d, o.id, o.field, edit.Value(f, f.Canonical(o.value)), itemOrder)
		},
		func(d []byte) ([]byte, error) { return edit.AppendEntry(d, o.id, "rebaselined", fields, itemOrder) })
}

// rebaselineTrajectory sets one trajectory point of a KPI and records the
// change: field trajectory, from DATE=OLD (DATE= for a new point).
func rebaselineTrajectory(o *rebaselineOptions, e *editing, rbs []plan.Rebaseline, date string) error {
	k := e.plan.KPI(o.id)
	from := o.point + "="
	for _, t := range k.Trajectory {
		if t.Date.String() == o.point {
			if v, _ := plan.ParseNumber(o.value); v == t.Value {
				return withHint(fmt.Errorf("the trajectory point for %s of %s is %s already: that is not a change", o.point, o.id, o.value), "give the new value")
			}
			from += plan.FormatNumber(t.Value)
		}
	}
	for _, rb := range rbs {
		if rb.Field != "trajectory" {
			continue
		}
		if rb.Proposed() {
			return withHint(fmt.Errorf("trajectory of %s has a change proposed on %s awaiting approval", o.id, rb.Date), "approve it first with plan rebaseline %s --approve WHO, or edit the proposal in the file", o.id)
		}
		if d, _, _, err := plan.ParseTrajectoryFrom(rb.From); err == nil && rb.Date.String() == date && d.String() == o.point {
			return withHint(fmt.Errorf("the trajectory point for %s of %s was re-baselined on %s already", o.point, o.id, date), "a second change the same day is recorded with another --date, or by editing the entry")
		}
	}
	fields := []edit.Field{{Name: "date", Value: date}, {Name: "field", Value: "trajectory"},
		{Name: "from", Value: edit.Quote(from)}, {Name: "reason", Value: edit.Quote(o.reason)}}
	if o.approved != "" {
		fields = append(fields, edit.Field{Name: "approved", Value: edit.Quote(o.approved)})
	}
	itemOrder := plan.Fields(string(plan.KindKPI))
	return e.item(o.id, plan.KindKPI,
		func(d []byte) ([]byte, error) { return edit.SetDated(d, o.id, "trajectory", o.point, o.value) },
		func(d []byte) ([]byte, error) { return edit.AppendEntry(d, o.id, "rebaselined", fields, itemOrder) })
}

// same reports whether the new value v of field is the value it has,
// old: the same day, or the same number.
func same(field, old, v string) bool {
	if old == "" {
		return false
	}
	if field == "due" {
		a, err1 := plan.ParseDate(old)
		b, err2 := plan.ParseDate(v)
		return err1 == nil && err2 == nil && a == b
	}
	a, err1 := plan.ParseNumber(old)
	b, err2 := plan.ParseNumber(v)
	return err1 == nil && err2 == nil && a == b
}
