package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/plan"
)

type reviewOptions struct {
	*globalOptions
	ids      []string
	owner    string
	priority string
	note     string
}

// newReviewCmd builds the review command. runF, when not nil, replaces
// runReview, so tests can see the parsed options.
func newReviewCmd(g *globalOptions, runF func(*reviewOptions) error) *cobra.Command {
	o := &reviewOptions{globalOptions: g}
	if runF == nil {
		runF = runReview
	}
	cmd := &cobra.Command{
		Use:   "review (ID... | --owner O | --priority P) --note TEXT",
		Short: "Record that open actions were reviewed, with or without a change",
		Long: `Record a review of open actions - those named, or every open action of an
owner or a priority - setting reviewed: to the as-of date and the note on
each: the stale rule counts it as a review. Each file is written once,
atomically; an unknown id or a done or dropped action named is refused.`,
		Example: `  plan review P8.1 P8.3 --note "Reviewed at the Workforce Board: no change"
  plan review --owner head-workforce --note "Reviewed with the owner: no change"`,
		RunE: func(_ *cobra.Command, args []string) error {
			o.ids = args
			n := 0
			for _, given := range []bool{len(args) > 0, o.owner != "", o.priority != ""} {
				if given {
					n++
				}
			}
			if n == 0 {
				return withHint(fmt.Errorf("say which actions were reviewed: ids, --owner O or --priority P"), "such as: plan review P8.1 P8.2 --note TEXT; 'plan list' lists the actions")
			}
			if n > 1 {
				return fmt.Errorf("choose the actions one way: ids, --owner or --priority")
			}
			if o.note = strings.TrimSpace(o.note); o.note == "" {
				return withHint(fmt.Errorf("a review needs a note"), `say what the review found with --note, such as --note "Reviewed: no change"`)
			}
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.owner, "owner", "", "every open action of the owner `ID`")
	cmd.Flags().StringVar(&o.priority, "priority", "", "every open action of the priority `ID`")
	cmd.Flags().StringVar(&o.note, "note", "", "the note to set on each: `TEXT`")
	return cmd
}

func openAction(a *plan.Action) bool { return a.Status != plan.Done && a.Status != plan.Dropped }

func runReview(o *reviewOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	asOf, err := o.globalOptions.date(nil)
	if err != nil {
		return err
	}
	var selected []*plan.Action
	switch {
	case len(o.ids) > 0:
		for _, id := range o.ids {
			a := e.plan.Action(id)
			if a == nil {
				if k, _, ok := e.plan.Locate(id); ok {
					return fmt.Errorf("%s is %s, not an action", id, aKind(k))
				}
				if err := unreadable(e.diags, fmt.Sprintf("action %q", id)); err != nil {
					return err
				}
				return withHint(fmt.Errorf("no action %q in the plan", id), "'plan list' lists the actions; ids look like P8.1")
			}
			if !openAction(a) {
				return withHint(fmt.Errorf("%s is %s: a review is of open actions", id, a.Status), "leave it out")
			}
			selected = append(selected, a)
		}
	case o.owner != "":
		if e.plan.Owner(o.owner) == nil {
			return withHint(fmt.Errorf("no owner %q in the plan", o.owner), "the owners are listed in plan.yaml")
		}
		for _, pr := range e.plan.Priorities {
			for _, a := range pr.Actions {
				if a.Owner == o.owner && openAction(a) {
					selected = append(selected, a)
				}
			}
		}
	default:
		pr := e.plan.Priority(o.priority)
		if pr == nil {
			return withHint(fmt.Errorf("no priority %q in the plan", o.priority), "'plan list priorities' lists the priorities")
		}
		for _, a := range pr.Actions {
			if openAction(a) {
				selected = append(selected, a)
			}
		}
	}
	if len(selected) == 0 {
		return fmt.Errorf("no open actions to review")
	}
	// One write per file, in the order the files first appear, once the
	// plan they make together is checked.
	var files []string
	changes := map[string][]change{}
	order := plan.Fields("action")
	for _, a := range selected {
		f := a.Pos.File
		if _, ok := changes[f]; !ok {
			files = append(files, f)
		}
		id := a.ID
		changes[f] = append(changes[f],
			func(d []byte) ([]byte, error) { return edit.Set(d, id, "reviewed", asOf.String(), order) },
			func(d []byte) ([]byte, error) { return edit.Set(d, id, "note", edit.Quote(o.note), order) })
	}
	return e.files(files, changes)
}
