package main

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// field returns the description of a field of a kind of item.
func field(k plan.Kind, name string) plan.FieldSpec {
	f, _ := plan.Field(string(k), name)
	return f
}

// change is an edit to one file's bytes.
type change func(data []byte) ([]byte, error)

// editing is one edit of the plan in the work tree: the plan read once,
// with each file's bytes, to be patched and checked again.
type editing struct {
	g     *globalOptions
	dir   string
	draft *plan.Draft
	plan  *plan.Plan
	diags []plan.Diagnostic
	// extra are changes the report of items does not show, such as a
	// glossary term added, to report with its changes.
	extra []plan.Change
}

// startEdit finds the plan directory and reads the plan for an edit.
func (g *globalOptions) startEdit() (*editing, error) {
	dir, err := g.planDir()
	if err != nil {
		return nil, err
	}
	dirFS, closeDir, err := g.openDir(dir)
	if err != nil {
		return nil, err
	}
	defer closeDir()
	d, err := plan.LoadDraft(dirFS)
	if err != nil {
		return nil, loadError(dir, err)
	}
	p, diags := d.Plan()
	return &editing{g: g, dir: dir, draft: d, plan: p, diags: diags}, nil
}

// file applies changes to the file holding id (or, with id "", to the
// file named file), checks the plan it makes, writes the file atomically
// and reports what changed. It refuses, changing nothing, when the file
// is already invalid, the result would be, or the file changed on disk
// since it was read.
func (e *editing) file(id, file string, changes ...change) error {
	if id != "" {
		_, f, ok := e.plan.Locate(id)
		if !ok {
			if err := unreadable(e.diags, fmt.Sprintf("item %q", id)); err != nil {
				return err
			}
			return withHint(fmt.Errorf("no item %q in the plan", id), "ids are written in the plan files, such as P8.1; 'plan list' lists the actions, 'plan list kpis' the KPIs")
		}
		file = f
	}
	return e.files([]string{file}, map[string][]change{file: changes})
}

// files applies changes to several files, checks the plan they make
// together, and only then writes each (in the order of names) and reports
// what changed: a refusal writes none of them. Should a write fail after
// others succeeded, the error says which were written.
func (e *editing) files(names []string, changes map[string][]change) error {
	g := e.g
	originals, patched := map[string][]byte{}, map[string][]byte{}
	for _, file := range names {
		if bad := structuralIn(e.diags, file); len(bad) > 0 {
			return invalid(bad, withHint(fmt.Errorf("refusing to edit %s: it has %s", file, plan.Plural(len(bad), "error", "errors")), "fix the lines above first; 'plan check' lists every finding"))
		}
		original, ok := e.draft.File(file)
		if !ok {
			return fmt.Errorf("edit %s: the file was not read", file)
		}
		data := original
		var err error
		for _, c := range changes[file] {
			if data, err = c(data); err != nil {
				return fmt.Errorf("edit %s: %w", file, err)
			}
		}
		originals[file], patched[file] = original, data
	}
	after, newDiags, err := e.draft.WithFiles(patched)
	if err != nil {
		return err
	}
	if bad := newStructural(e.diags, newDiags); len(bad) > 0 {
		return invalid(bad, withHint(fmt.Errorf("refusing to edit %s: the change would make the plan invalid", joinAnd(names)), "nothing was written; correct the value and try again"))
	}
	var written []string
	for _, file := range names {
		if bytes.Equal(patched[file], originals[file]) {
			continue
		}
		if err := g.deps.writer.WriteIfUnchanged(g.ctx, filepath.Join(e.dir, filepath.FromSlash(file)), originals[file], patched[file]); err != nil {
			if len(written) > 0 {
				return fmt.Errorf("%w (%s already written)", err, joinAnd(written))
			}
			return err
		}
		written = append(written, file)
	}
	report := plan.DiffPlans(e.plan, after)
	return render.Edited(g.deps.io.Out, joinAnd(names), append(report.Changes, e.extra...))
}

// joinAnd joins names as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// item edits the item id, which must be of kind.
func (e *editing) item(id string, kind plan.Kind, changes ...change) error {
	if k, _, ok := e.plan.Locate(id); ok && k != kind {
		return fmt.Errorf("%s is %s, not %s", id, aKind(k), aKind(kind))
	}
	return e.file(id, "", changes...)
}

// unreadable explains, when the plan has files that could not be read,
// that what was looked for may be in one of them: the error returned
// carries their structural findings. It returns nil when every file was
// read.
func unreadable(diags []plan.Diagnostic, what string) error {
	bad := plan.Structural(diags)
	if len(bad) == 0 {
		return nil
	}
	return invalid(bad, withHint(fmt.Errorf("no %s in the plan as far as it can be read: it has %s", what, plan.Plural(len(bad), "error", "errors")),
		"the %s may be in a file with the errors above; fix them first ('plan check' lists every finding)", strings.Fields(what)[0]))
}

// structuralIn returns the structural findings in file.
func structuralIn(diags []plan.Diagnostic, file string) []plan.Diagnostic {
	return slices.DeleteFunc(plan.Structural(diags), func(d plan.Diagnostic) bool { return d.Pos.File != file })
}

// newStructural returns the structural findings in after that before did
// not have.
func newStructural(before, after []plan.Diagnostic) []plan.Diagnostic {
	return slices.DeleteFunc(plan.Structural(after), func(d plan.Diagnostic) bool {
		return slices.ContainsFunc(before, func(b plan.Diagnostic) bool { return b.Rule == d.Rule && b.Message == d.Message })
	})
}

type rateOptions struct {
	*globalOptions
	id   string
	rag  string // canonical: red, amber or green
	note string
}

// newRateCmd builds the rate command. runF, when not nil, replaces
// runRate, so tests can see the parsed options.
func newRateCmd(g *globalOptions, runF func(*rateOptions) error) *cobra.Command {
	o := &rateOptions{globalOptions: g}
	if runF == nil {
		runF = runRate
	}
	cmd := &cobra.Command{
		Use:   "rate ID red|amber|green",
		Short: "Re-rate an action",
		Long: `Set an action's rating, and with --note the note that says why. Only the
lines of the rating and the note change in the file.`,
		Example: `  plan rate P8.1 red --note "Only 4 of 20 posts filled"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id, o.rag = args[0], field(plan.KindAction, "rag").Canonical(args[1])
			if !slices.Contains(plan.Words("rag"), o.rag) {
				return withHint(fmt.Errorf("%q is not a rating", o.rag), "rate an action red, amber or green")
			}
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.note, "note", "", "also set the note to `TEXT`, saying why")
	return cmd
}

func runRate(o *rateOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	return e.item(o.id, plan.KindAction, setAction(o.id, "rag", o.rag, "note", o.note)...)
}

// setAction returns the changes that set an action's field to word and,
// when text is given, its textField (a note, evidence) to text.
func setAction(id, name, word, textField, text string) []change {
	changes := []change{func(d []byte) ([]byte, error) { return edit.Set(d, id, name, word, plan.Fields("action")) }}
	if text != "" {
		changes = append(changes, func(d []byte) ([]byte, error) {
			return edit.Set(d, id, textField, edit.Quote(text), plan.Fields("action"))
		})
	}
	return changes
}

// aKind names a kind with its article: "an action", "a KPI".
func aKind(k plan.Kind) string {
	switch k {
	case plan.KindAction:
		return "an action"
	case plan.KindKPI:
		return "a KPI"
	case plan.KindOwner:
		return "an owner"
	}
	return "a " + string(k)
}

// setHelp is plan set's description, with the fields it may change from
// the table of fields.
func setHelp() string {
	var kinds []string
	for _, k := range []plan.Kind{plan.KindAction, plan.KindKPI, plan.KindPriority, plan.KindFinding, plan.KindTheme, plan.KindOwner, plan.KindRisk} {
		kinds = append(kinds, fmt.Sprintf("%s (%s)", aKind(k), strings.Join(plan.Settable(k), ", ")))
	}
	text := "Set one field of " + strings.Join(kinds[:len(kinds)-1], ", ") + " or " + kinds[len(kinds)-1] + "; with ID plan, a field of plan.yaml itself (" + strings.Join(planFields, ", ") + "). An empty VALUE removes an optional field. The plan is checked before the file is written: a value that would make it invalid is refused, and nothing changes."
	return wrap(text, 76)
}

// wrap breaks text into lines of at most width bytes, between words.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

type setOptions struct {
	*globalOptions
	id, name, value string
}

// newSetCmd builds the set command. runF, when not nil, replaces runSet,
// so tests can see the parsed options.
func newSetCmd(g *globalOptions, runF func(*setOptions) error) *cobra.Command {
	o := &setOptions{globalOptions: g}
	if runF == nil {
		runF = runSet
	}
	return &cobra.Command{
		Use:   "set ID FIELD VALUE",
		Short: "Set one field of an action, KPI, priority, finding, theme, owner or risk",
		Long:  setHelp(),
		Example: `  plan set P8.1 due 2027-03-31
  plan set P8.K1 target 18
  plan set plan period.end 2028-03-31
  plan set P8.1 note ""`,
		Args: cobra.ExactArgs(3),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id, o.name, o.value = args[0], args[1], args[2]
			return runF(o)
		},
	}
}

// planItem is the id plan set takes for plan.yaml itself (unless an item
// has that id).
const planItem = "plan"

// planFields are the fields of plan.yaml that plan set plan changes.
var planFields = []string{"title", "organisation", "period.start", "period.end"}

// setPlan sets a field of plan.yaml itself: its title, organisation, or
// the start or end of its period.
func (e *editing) setPlan(name, value string) error {
	if !slices.Contains(planFields, name) {
		return withHint(fmt.Errorf("plan set plan cannot change %s", name), "the fields of plan.yaml it changes are: %s", strings.Join(planFields, ", "))
	}
	field, sub, _ := strings.Cut(name, ".")
	value = strings.TrimSpace(value)
	var old, yamlValue string
	switch field {
	case "period":
		d, err := plan.ParseDate(value)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		yamlValue = d.String()
		old = e.plan.Period.Start.String()
		if sub == "end" {
			old = e.plan.Period.End.String()
		}
	default:
		if value == "" {
			return fmt.Errorf("%s of plan.yaml cannot be empty", name)
		}
		yamlValue = edit.Quote(value)
		old = e.plan.Title
		if field == "organisation" {
			old = e.plan.Organisation
		}
	}
	e.extra = []plan.Change{{Kind: planItem, ID: plan.PlanFile, Type: plan.Modified, Fields: []plan.FieldChange{{Field: name, Old: old, New: value}}}}
	return e.file("", plan.PlanFile, func(d []byte) ([]byte, error) { return edit.SetTop(d, field, sub, yamlValue, plan.Fields("plan")) })
}

// runSet sets the field: which fields may be set depends on the kind of
// item, so the plan is read before the field name is checked.
func runSet(o *setOptions) error {
	id, name, value := o.id, o.name, o.value
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	kind, _, ok := e.plan.Locate(id)
	if !ok && id == planItem {
		return e.setPlan(name, value)
	}
	if !ok {
		if err := unreadable(e.diags, fmt.Sprintf("item %q", id)); err != nil {
			return err
		}
		return withHint(fmt.Errorf("no item %q in the plan", id), "'plan list' lists the actions, 'plan list kpis' the KPIs; ids look like P8.1; plan.yaml's own fields are set with plan set plan FIELD VALUE")
	}
	allowed := plan.Settable(kind)
	if len(allowed) == 0 {
		return fmt.Errorf("plan set cannot change %s", aKind(kind))
	}
	if !slices.Contains(allowed, name) {
		return withHint(fmt.Errorf("plan set cannot change %s of %s", name, aKind(kind)), "the fields of %s are: %s", aKind(kind), strings.Join(allowed, ", "))
	}
	f := field(kind, name)
	if value = f.Canonical(value); value == "" {
		if !f.Removable() {
			return fmt.Errorf("%s of %s cannot be empty", name, aKind(kind))
		}
		return e.file(id, "", func(d []byte) ([]byte, error) { return edit.Delete(d, id, name) })
	}
	return e.file(id, "", func(d []byte) ([]byte, error) {
		return edit.Set(d, id, name, edit.Value(f, value), plan.Fields(string(kind)))
	})
}

type doneOptions struct {
	*globalOptions
	id       string
	evidence string
	day      string // as given; the as-of date when empty
	reopen   bool
}

// newDoneCmd builds the done command. runF, when not nil, replaces
// runDone, so tests can see the parsed options.
func newDoneCmd(g *globalOptions, runF func(*doneOptions) error) *cobra.Command {
	o := &doneOptions{globalOptions: g}
	if runF == nil {
		runF = runDone
	}
	cmd := &cobra.Command{
		Use:   "done ID",
		Short: "Mark an action done",
		Long: `Set an action's status to done, record the day it was done (completed:, the
as-of date unless --date says otherwise) and remove its rating, which a done
action no longer has; with --evidence, say how completion was shown (a
finding is met only when its actions are done and evidenced). A dropped
action is refused unless --reopen says it was done after all.`,
		Example: `  plan done P8.2 --evidence "Microsite live; visits reported to the Workforce Board"
  plan done P8.3 --date 2026-11-20`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.evidence, "evidence", "", "how completion was shown: `TEXT`")
	cmd.Flags().StringVar(&o.day, "date", "", "the day it was done, `YYYY-MM-DD` (default: the as-of date)")
	cmd.Flags().BoolVar(&o.reopen, "reopen", false, "mark a dropped action done")
	return cmd
}

func runDone(o *doneOptions) error {
	id := o.id
	asOf, err := o.date(nil)
	if err != nil {
		return err
	}
	day := asOf
	if o.day != "" {
		if day, err = plan.ParseDate(o.day); err != nil {
			return fmt.Errorf("--date: %w", err)
		}
		if day.After(asOf) {
			return withHint(fmt.Errorf("--date %s is after the as-of date %s: an action is done when it is done", day, asOf), "check the year")
		}
	}
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	if a := e.plan.Action(id); a != nil && a.Status == plan.Dropped && !o.reopen {
		return withHint(fmt.Errorf("%s was dropped: plan done does not bring back a dropped action", id),
			"if it was done after all, say so: plan done %s --reopen", id)
	}
	changes := setAction(id, "status", "done", "evidence", o.evidence)
	changes = append(changes,
		func(d []byte) ([]byte, error) {
			return edit.Set(d, id, "completed", day.String(), plan.Fields("action"))
		},
		func(d []byte) ([]byte, error) { return edit.Delete(d, id, "rag") })
	return e.item(id, plan.KindAction, changes...)
}

type recordOptions struct {
	*globalOptions
	id    string
	date  string // as given, checked to be a date no later than the as-of date
	value string // as given, checked to be a number
}

// newRecordCmd builds the record command. runF, when not nil, replaces
// runRecord, so tests can see the parsed options.
func newRecordCmd(g *globalOptions, runF func(*recordOptions) error) *cobra.Command {
	o := &recordOptions{globalOptions: g}
	if runF == nil {
		runF = runRecord
	}
	return &cobra.Command{
		Use:   "record KPI-ID DATE VALUE",
		Short: "Record a KPI actual",
		Long: `Add the actual for DATE (the end of the period it measures) to a KPI, or
revise it if there is one; actuals stay in date order, one line each. A
DATE after the as-of date (today, unless --as-of or PLAN_AS_OF says
otherwise) is refused: it is usually the wrong year.`,
		Example: `  plan record P8.K1 2026-09-30 21`,
		Args:    cobra.ExactArgs(3),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id, o.date, o.value = args[0], args[1], args[2]
			d, err := plan.ParseDate(o.date)
			if err != nil {
				return fmt.Errorf("date: %w", err)
			}
			asOf, err := g.date(nil)
			if err != nil {
				return err
			}
			if d.After(asOf) {
				return withHint(fmt.Errorf("%s is after the as-of date %s: an actual measures a period that has ended", o.date, asOf),
					"check the year; to record an actual ahead of time, say the date it is as of with --as-of")
			}
			if _, err := plan.ParseNumber(o.value); err != nil {
				return fmt.Errorf("value: %w", err)
			}
			return runF(o)
		},
	}
}

func runRecord(o *recordOptions) error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	return e.item(o.id, plan.KindKPI, func(d []byte) ([]byte, error) { return edit.SetActual(d, o.id, o.date, o.value) })
}

type addOptions struct {
	*globalOptions
	kind     plan.Kind // plan.KindAction, KindKPI, KindTheme, KindOwner or KindFinding
	priority string    // an action's or KPI's priority
	id       string    // a theme's, owner's or finding's id
	// The fields, from the flags of the kind's subcommand.
	title, owner, due, status, rag, note string
	addresses                            []string
	better, target, tolerance, unit      string
	frequency                            string
	name, email, role                    string
	text, source, visibility             string
	term, meaning                        string // a glossary term's
	theme, file                          string // a priority's
	date, body                           string // a decision's (with text)
	actions                              []string
}

// kindDecision is plan add decision's kind: an entry of a priority's
// decisions, not an item.
const kindDecision plan.Kind = "decision"

// kindTerm is plan add term's kind: a glossary entry, not an item.
const kindTerm plan.Kind = "term"

// newAddCmd builds the add command and its subcommands. runF, when not
// nil, replaces runAdd, so tests can see the parsed options.
func newAddCmd(g *globalOptions, runF func(*addOptions) error) *cobra.Command {
	if runF == nil {
		runF = runAdd
	}
	cmd := &cobra.Command{
		Use:   "add action|kpi|priority|decision|theme|owner|finding|term",
		Short: "Add an action, KPI, priority, decision, theme, owner, finding or glossary term",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	a := &addOptions{globalOptions: g, kind: plan.KindAction}
	action := &cobra.Command{
		Use:     "action PRIORITY",
		Short:   "Add an action to a priority, with the next free id",
		Example: `  plan add action P8 --title "Launch a refer-a-friend scheme" --due 2027-04-30 --rag green`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			a.priority = args[0]
			return runF(a)
		},
	}
	action.Flags().StringVar(&a.title, "title", "", "what is to be done (required)")
	action.Flags().StringVar(&a.owner, "owner", "", "owner `ID` (default: the priority's owner)")
	action.Flags().StringVar(&a.due, "due", "", "due `DATE`")
	action.Flags().StringVar(&a.status, "status", "planned", "planned, in-progress, done or dropped")
	action.Flags().StringVar(&a.rag, "rag", "", "red, amber or green (required while open, or check reports it unrated)")
	action.Flags().StringVar(&a.note, "note", "", "a note")
	action.Flags().StringSliceVar(&a.addresses, "addresses", nil, "ids of the findings it answers")
	// MarkFlagRequired fails only for a flag not defined, and each is
	// defined above: TestRequiredFlags checks that each is marked.
	_ = action.MarkFlagRequired("title")
	k := &addOptions{globalOptions: g, kind: plan.KindKPI}
	kpi := &cobra.Command{
		Use:     "kpi PRIORITY",
		Short:   "Add a KPI to a priority, with the next free id",
		Example: `  plan add kpi P8 --title "Social workers leaving in their first year" --better lower --target 10 --unit % --frequency quarterly`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			k.priority = args[0]
			return runF(k)
		},
	}
	kpi.Flags().StringVar(&k.title, "title", "", "what is measured (required)")
	kpi.Flags().StringVar(&k.owner, "owner", "", "owner `ID` (default: the priority's owner)")
	kpi.Flags().StringVar(&k.unit, "unit", "", "unit, such as %")
	kpi.Flags().StringVar(&k.better, "better", "", "higher or lower (required)")
	kpi.Flags().StringVar(&k.target, "target", "", "target `NUMBER` (required)")
	kpi.Flags().StringVar(&k.tolerance, "tolerance", "", "within this distance of the target the KPI is amber")
	kpi.Flags().StringVar(&k.frequency, "frequency", "", "monthly, quarterly or annual")
	_ = kpi.MarkFlagRequired("title") // see action's
	_ = kpi.MarkFlagRequired("better")
	_ = kpi.MarkFlagRequired("target")
	cmd.AddCommand(action, kpi, addPriorityCmd(g, runF), addDecisionCmd(g, runF), addTopCmd(g, runF, plan.KindTheme), addTopCmd(g, runF, plan.KindOwner), addTopCmd(g, runF, plan.KindFinding), addTermCmd(g, runF))
	return cmd
}

// addPriorityCmd builds plan add priority.
func addPriorityCmd(g *globalOptions, runF func(*addOptions) error) *cobra.Command {
	o := &addOptions{globalOptions: g, kind: plan.KindPriority}
	c := &cobra.Command{
		Use:   "priority ID --theme T --title TEXT --owner O",
		Short: "Add a priority: a new file, priorities/NN-slug.yaml",
		Long: `Add a priority in a file of its own: priorities/NN-slug.yaml, NN the number
after the highest the plan's files start with and the slug made from the
title, unless --file names the file (a path below the plan directory,
ending .yaml). The theme and owner must be in plan.yaml; then add its
actions and KPIs with plan add action and plan add kpi.`,
		Example: `  plan add priority P13 --theme B --title "A stable leadership team" --owner dcs`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.theme, "theme", "", "the theme `ID` in plan.yaml (required)")
	fl.StringVar(&o.title, "title", "", "the priority's title (required)")
	fl.StringVar(&o.owner, "owner", "", "the owner `ID` in plan.yaml who leads it (required)")
	fl.StringVar(&o.file, "file", "", "the new file's `PATH` below the plan directory (default: priorities/NN-slug.yaml)")
	for _, f := range []string{"theme", "title", "owner"} {
		_ = c.MarkFlagRequired(f) // see action's
	}
	return c
}

// addDecisionCmd builds plan add decision.
func addDecisionCmd(g *globalOptions, runF func(*addOptions) error) *cobra.Command {
	o := &addOptions{globalOptions: g, kind: kindDecision}
	c := &cobra.Command{
		Use:   "decision PRIORITY --date DATE --body BODY --text TEXT [--actions IDS]",
		Short: "Record a decision of a body about a priority, such as remedial actions agreed",
		Long: `Record what a body decided about a priority: the day, who (the Improvement
Board, Cabinet, a scrutiny committee), what was agreed and the ids of the
actions it agreed, at the end of the priority's decisions. Report cards
show it: "Agreed by the Improvement Board on 2026-09-27: ...". The actions
must be in the plan: add them first.`,
		Example: `  plan add decision P8 --date 2026-09-27 --body "Improvement Board" --text "Add a conversion offer for agency staff" --actions P8.7`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.priority = args[0]
			return runF(o)
		},
	}
	fl := c.Flags()
	fl.StringVar(&o.date, "date", "", "the `DATE` the body decided, YYYY-MM-DD (required)")
	fl.StringVar(&o.body, "body", "", "who decided, such as \"Improvement Board\" (required)")
	fl.StringVar(&o.text, "text", "", "what was agreed (required)")
	fl.StringSliceVar(&o.actions, "actions", nil, "ids of the actions agreed")
	for _, f := range []string{"date", "body", "text"} {
		_ = c.MarkFlagRequired(f) // see action's
	}
	return c
}

// addTermCmd builds plan add term.
func addTermCmd(g *globalOptions, runF func(*addOptions) error) *cobra.Command {
	o := &addOptions{globalOptions: g, kind: kindTerm}
	return &cobra.Command{
		Use:   "term TERM MEANING",
		Short: "Add a term and its meaning to plan.yaml's glossary",
		Long: `Add TERM: MEANING at the end of plan.yaml's glossary, making the glossary
when there is none. A term the glossary already has is refused: change
its meaning in plan.yaml.`,
		Example: `  plan add term ASYE "Assessed and Supported Year in Employment"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.term, o.meaning = args[0], args[1]
			return runF(o)
		},
	}
}

// addTopCmd builds plan add theme, owner or finding: items of plan.yaml's
// lists, each with the id given.
func addTopCmd(g *globalOptions, runF func(*addOptions) error, kind plan.Kind) *cobra.Command {
	o := &addOptions{globalOptions: g, kind: kind}
	c := &cobra.Command{
		Use:   string(kind) + " ID",
		Short: "Add " + aKind(kind) + " to plan.yaml",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	fl := c.Flags()
	switch kind {
	case plan.KindTheme:
		c.Example = `  plan add theme C --title "Partnerships and governance"`
		fl.StringVar(&o.title, "title", "", "the theme's title (required)")
		_ = c.MarkFlagRequired("title") // see action's
	case plan.KindOwner:
		c.Example = `  plan add owner head-qa --name "Head of Quality Assurance" --email qa@example.org`
		fl.StringVar(&o.name, "name", "", "the owner's name or role (required)")
		fl.StringVar(&o.email, "email", "", "the owner's email `ADDRESS`")
		fl.StringVar(&o.role, "role", "", "the owner's job title")
		_ = c.MarkFlagRequired("name")
	case plan.KindFinding:
		c.Example = `  plan add finding OF25-9 --text "Care leavers' pathway plans are not updated" --source "Ofsted ILACS inspection, June 2025"`
		fl.StringVar(&o.text, "text", "", "what the finding says (required)")
		fl.StringVar(&o.source, "source", "", "where it comes from, such as the inspection and its date")
		fl.StringVar(&o.visibility, "visibility", "", "public (the default) or internal")
		_ = c.MarkFlagRequired("text")
	}
	return c
}

// values are the fields to write, by name, of the kind added.
func (o *addOptions) values() map[string]string {
	switch o.kind {
	case plan.KindTheme:
		return map[string]string{"title": o.title}
	case plan.KindOwner:
		return map[string]string{"name": o.name, "role": o.role, "email": o.email}
	case plan.KindFinding:
		return map[string]string{"source": o.source, "text": o.text, "visibility": o.visibility}
	}
	if o.kind == plan.KindKPI {
		return map[string]string{
			"title": o.title, "owner": o.owner, "unit": o.unit, "better": o.better, "target": o.target,
			"tolerance": o.tolerance, "frequency": o.frequency,
		}
	}
	return map[string]string{
		"title": o.title, "owner": o.owner, "due": o.due, "status": o.status, "rag": o.rag, "note": o.note,
		"addresses": flowList(o.addresses),
	}
}

func runAdd(o *addOptions) error {
	switch o.kind {
	case kindTerm:
		return o.addTerm(o.term, o.meaning)
	case plan.KindTheme, plan.KindOwner, plan.KindFinding:
		return o.addTop(o.id, o.kind, o.values())
	case plan.KindPriority:
		return o.addPriority()
	case kindDecision:
		return o.addDecision()
	}
	return o.addItem(o.priority, o.kind, o.values())
}

// addTop adds a theme, owner or finding with the id to plan.yaml's list of
// them, refusing an id the plan already uses.
func (g *globalOptions) addTop(id string, kind plan.Kind, values map[string]string) error {
	// The list, and the key a list made anew goes before: the order of
	// plan.yaml's fields.
	list, before := "themes", "owners"
	switch kind {
	case plan.KindOwner:
		list, before = "owners", "findings"
	case plan.KindFinding:
		list, before = "findings", "glossary"
	}
	if !plan.IsID(id) {
		return withHint(fmt.Errorf("%q is not an id", id), "an id is letters, digits, '.', '_' and '-', such as OF25-9")
	}
	e, err := g.startEdit()
	if err != nil {
		return err
	}
	if k, f, ok := e.plan.Locate(id); ok {
		return withHint(fmt.Errorf("%s is already used by %s in %s", id, aKind(k), f), "choose another id; 'plan list %s' lists them", list)
	}
	return e.file("", plan.PlanFile, func(d []byte) ([]byte, error) { return edit.Append(d, list, e.fields(id, kind, values), before) })
}

// addPriority writes a new priority file, checked with the rest of the
// plan before it is written.
func (o *addOptions) addPriority() error {
	if !plan.IsID(o.id) {
		return withHint(fmt.Errorf("%q is not an id", o.id), "an id is letters, digits, '.', '_' and '-', such as P13")
	}
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	if k, f, ok := e.plan.Locate(o.id); ok {
		return withHint(fmt.Errorf("%s is already used by %s in %s", o.id, aKind(k), f), "choose another id; 'plan list priorities' lists them")
	}
	if e.plan.Theme(o.theme) == nil {
		return withHint(fmt.Errorf("no theme %q in plan.yaml", o.theme), "'plan list themes' lists them; plan add theme adds one")
	}
	if e.plan.Owner(o.owner) == nil {
		return withHint(fmt.Errorf("no owner %q in plan.yaml", o.owner), "'plan list owners' lists them; plan add owner adds one")
	}
	name := o.file
	if name == "" {
		name = nextPriorityFile(e.plan, o.title)
	}
	name = path.Clean(filepath.ToSlash(name))
	if path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") || !strings.HasSuffix(name, ".yaml") || name == plan.PlanFile {
		return withHint(fmt.Errorf("--file %s: a priority file is a .yaml file below the plan directory", o.file), "such as priorities/13-leadership.yaml")
	}
	if l := linkOnPath(e.dir, name); l != "" {
		return fmt.Errorf("%s is a symbolic link: plan add never writes through one", l)
	}
	full := filepath.Join(e.dir, filepath.FromSlash(name))
	if _, err := os.Lstat(full); err == nil {
		return withHint(fmt.Errorf("%s exists", name), "name another file with --file")
	}
	schema := strings.Repeat("../", strings.Count(name, "/")) + ".plan/priority.schema.json"
	data := "# yaml-language-server: $schema=" + schema + "\n" +
		"id: " + o.id + "\ntheme: " + o.theme + "\ntitle: " + edit.Quote(o.title) + "\nowner: " + o.owner + "\n"
	after, diags, err := e.draft.WithNew(name, []byte(data))
	if err != nil {
		return err
	}
	if bad := newStructural(e.diags, diags); len(bad) > 0 {
		return invalid(bad, withHint(fmt.Errorf("refusing to add %s: it would make the plan invalid", name), "nothing was written"))
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if err := o.deps.writer.WriteFile(o.ctx, full, []byte(data)); err != nil {
		return err
	}
	report := plan.DiffPlans(e.plan, after)
	return render.Edited(o.deps.io.Out, name, report.Changes)
}

// nextPriorityFile names a new priority's file as the plan's are named:
// priorities/NN-slug.yaml, NN one more than the highest number a file's
// name starts with (two digits at least), the slug from the title.
func nextPriorityFile(p *plan.Plan, title string) string {
	n := 0
	for _, pr := range p.Priorities {
		base := path.Base(pr.Pos.File)
		digits := len(base) - len(strings.TrimLeft(base, "0123456789"))
		if v, err := strconv.Atoi(base[:digits]); err == nil && v > n {
			n = v
		}
	}
	var slug strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && slug.Len() > 0 {
				slug.WriteByte('-')
			}
			slug.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if slug.Len() >= 40 {
			break
		}
	}
	name := fmt.Sprintf("%02d", n+1)
	if slug.Len() > 0 {
		name += "-" + strings.TrimRight(slug.String()[:min(slug.Len(), 40)], "-")
	}
	return "priorities/" + name + ".yaml"
}

// addTerm adds a term and its meaning to plan.yaml's glossary.
func (g *globalOptions) addTerm(term, meaning string) error {
	term, meaning = strings.TrimSpace(term), strings.TrimSpace(meaning)
	if term == "" || meaning == "" || strings.ContainsAny(term+meaning, "\r\n") {
		return fmt.Errorf("a glossary term and its meaning are each one line of text, not empty")
	}
	e, err := g.startEdit()
	if err != nil {
		return err
	}
	for _, t := range e.plan.Glossary {
		if t.Term == term {
			return withHint(fmt.Errorf("the glossary already has %s: %s", term, t.Meaning), "to change its meaning, edit %s line %d", plan.PlanFile, t.Pos.Line)
		}
	}
	e.extra = []plan.Change{{Kind: kindTerm, ID: term, Title: meaning, Type: plan.Added}}
	return e.file("", plan.PlanFile, func(d []byte) ([]byte, error) {
		return edit.AddKey(d, "glossary", edit.Quote(term), edit.Quote(meaning))
	})
}

// fields returns the fields of a new item of kind with the id and values,
// in the documented order, written as YAML.
func (e *editing) fields(id string, kind plan.Kind, values map[string]string) []edit.Field {
	fields := []edit.Field{{Name: "id", Value: id}}
	for _, f := range plan.FieldSpecs(string(kind))[1:] {
		if v := values[f.Name]; v != "" {
			if f.Type != plan.TypeIDList {
				v = edit.Value(f, f.Canonical(v))
			}
			fields = append(fields, edit.Field{Name: f.Name, Value: v})
		}
	}
	return fields
}

func flowList(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

// priority returns the priority with the id, or an error saying there is
// none (or that it may be in a file that could not be read).
func (e *editing) priority(id string) (*plan.Priority, error) {
	if pr := e.plan.Priority(id); pr != nil {
		return pr, nil
	}
	if err := unreadable(e.diags, fmt.Sprintf("priority %q", id)); err != nil {
		return nil, err
	}
	return nil, withHint(fmt.Errorf("no priority %q in the plan", id), "'plan list priorities' lists the priorities")
}

// addDecision adds a decision at the end of a priority's decisions.
func (o *addOptions) addDecision() error {
	e, err := o.startEdit()
	if err != nil {
		return err
	}
	pr, err := e.priority(o.priority)
	if err != nil {
		return err
	}
	if _, err := plan.ParseDate(o.date); err != nil {
		return fmt.Errorf("--date: %w", err)
	}
	if strings.TrimSpace(o.body) == "" || strings.TrimSpace(o.text) == "" {
		return fmt.Errorf("a decision needs a body and a text, neither empty")
	}
	for _, id := range o.actions {
		if e.plan.Action(id) == nil {
			return withHint(fmt.Errorf("--actions: no action %q in the plan", id), "add the action first (plan add action); 'plan list' lists the actions")
		}
	}
	fields := []edit.Field{{Name: "date", Value: o.date}, {Name: "body", Value: edit.Quote(o.body)}, {Name: "text", Value: edit.Quote(o.text)}}
	if len(o.actions) > 0 {
		fields = append(fields, edit.Field{Name: "actions", Value: flowList(o.actions)})
	}
	return e.file("", pr.Pos.File, func(d []byte) ([]byte, error) { return edit.Append(d, "decisions", fields, "") })
}

// addItem adds an action or a KPI to a priority with the next free id.
func (g *globalOptions) addItem(priority string, kind plan.Kind, values map[string]string) error {
	list, prefix, before := "actions", "", "kpis"
	if kind == plan.KindKPI {
		list, prefix, before = "kpis", "K", ""
	}
	e, err := g.startEdit()
	if err != nil {
		return err
	}
	p := e.plan
	pr, err := e.priority(priority)
	if err != nil {
		return err
	}
	id, err := p.NextID(priority, prefix)
	if err != nil {
		return err
	}
	fields := e.fields(id, kind, values)
	return e.file("", pr.Pos.File, func(d []byte) ([]byte, error) { return edit.Append(d, list, fields, before) })
}
