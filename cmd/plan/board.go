package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// reportOptions are the flags of the commands that report on one version
// of the plan.
type reportOptions struct {
	*globalOptions
	output  string
	explain bool
}

func (o *reportOptions) addFlags(cmd *cobra.Command, formats ...string) {
	usage := "output `format`: " + joinOr(formats)
	cmd.Flags().VarP(newEnumFlag(&o.output, formats[0], formats...), "output", "o", usage)
	addRevFlags(cmd, o.globalOptions)
}

func joinOr(words []string) string {
	switch len(words) {
	case 1:
		return words[0]
	case 2:
		return words[0] + " or " + words[1]
	}
	s := ""
	for i, w := range words[:len(words)-1] {
		if i > 0 {
			s += ", "
		}
		s += w
	}
	return s + " or " + words[len(words)-1]
}

func (o *reportOptions) render() render.Options {
	r := o.renderOptions()
	r.Explain = o.explain
	r.Terminal = o.deps.io.IsOutTTY()
	return r
}

type kpisOptions struct {
	reportOptions
	filter plan.ScorecardFilter
	rag    string
	dirs   []string // the plans named, when several are read
}

// newKPIsCmd builds the kpis command. runF, when not nil, replaces
// runKPIs, so tests can see the parsed options.
func newKPIsCmd(g *globalOptions, runF func(*kpisOptions) error) *cobra.Command {
	o := &kpisOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runKPIs
	}
	cmd := &cobra.Command{
		Use:   "kpis",
		Short: "Show the KPI scorecard",
		Long: `Show every KPI with its priority, latest value and date, target, rating and
direction of travel against the previous actual (improving, worsening, steady,
or none with fewer than two actuals); on a terminal, a sparkline of the last
twelve actuals. --explain adds the rule behind each rating.`,
		Example: `  plan kpis
  plan kpis --rag red --explain
  plan kpis --theme B -o csv
  plan kpis --portfolio councils/ --rag red`,
		RunE: func(_ *cobra.Command, args []string) error {
			if o.rag != "" {
				r, err := plan.ParseRAGFilter(o.rag)
				if err != nil {
					return fmt.Errorf("--rag: %w", err)
				}
				o.filter.ByRAG, o.filter.RAG = true, r
			}
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			o.dirs = dirs
			return runF(o)
		},
	}
	o.addFlags(cmd, "table", "json", "markdown", "csv")
	cmd.Flags().BoolVar(&o.explain, "explain", false, "add the rule behind each rating")
	cmd.Flags().StringVar(&o.filter.Priority, "priority", "", "only the KPIs of priority `ID`")
	cmd.Flags().StringVar(&o.filter.Theme, "theme", "", "only the KPIs of the priorities of theme `ID`")
	cmd.Flags().StringVar(&o.rag, "rag", "", "only KPIs rated `RAG`: red, amber, green or unrated")
	addPortfolioFlag(cmd, g)
	return cmd
}

func runKPIs(o *kpisOptions) error {
	plans, asOf, err := o.reportPlans(o.dirs)
	if err != nil {
		return err
	}
	var rows []plan.ScorecardRow
	for _, p := range plans {
		r, err := p.FilterScorecard(p.Scorecard(asOf), o.filter)
		if err != nil {
			return namedError(p, err)
		}
		rows = append(rows, r...)
	}
	return render.KPIs(o.deps.io.Out, asOf, rows, render.Format(o.output), o.render())
}

// newTraceCmd builds the trace command. runF, when not nil, replaces
// runTrace, so tests can see the parsed options.
func newTraceCmd(g *globalOptions, runF func(*reportOptions) error) *cobra.Command {
	o := &reportOptions{globalOptions: g}
	if runF == nil {
		runF = runTrace
	}
	cmd := &cobra.Command{
		Use:   "trace",
		Short: "Show which actions answer each finding",
		Long: `Show the findings traceability matrix: each inspection or peer review finding
against the actions that address it, with their status and rating.
Unaddressed findings come first. A finding is met only when every action
addressing it is done and has evidence; when all are done but some lack
evidence it is ready to evidence as met (awaiting-evidence). KPIs whose
addresses name a finding measure its impact: the finding is met only when
they are green too (awaiting-impact until then), and the matrix gains an
impact column with their ratings and trends.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	o.addFlags(cmd, "table", "json", "markdown", "csv")
	return cmd
}

func runTrace(o *reportOptions) error {
	p, asOf, err := o.reportInput(plan.Filter{})
	if err != nil {
		return err
	}
	return render.Trace(o.deps.io.Out, p.TraceAsOf(asOf), render.Format(o.output), o.render())
}

type exceptionsOptions struct {
	reportOptions
	since string
	dirs  []string // the plans named, when several are read
}

// newExceptionsCmd builds the exceptions command. runF, when not nil,
// replaces runExceptions, so tests can see the parsed options.
func newExceptionsCmd(g *globalOptions, runF func(*exceptionsOptions) error) *cobra.Command {
	o := &exceptionsOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runExceptions
	}
	cmd := &cobra.Command{
		Use:   "exceptions",
		Short: "Show the exception report: what the board must look at, and why",
		Long: `Show red or overdue actions, green actions that are overdue, red KPIs and KPIs
worsening two periods running; with --since, also due dates slipped and
ratings worsened since then (changes recorded as re-baselined are not
exceptions). Each item says why it is there.`,
		Example: `  plan exceptions
  plan exceptions --since board -o markdown
  plan exceptions --portfolio councils/`,
		RunE: func(_ *cobra.Command, args []string) error {
			if (len(args) > 0 || g.portfolio != "") && o.since != "" {
				return withHint(errors.New("--since reads one plan's history"), "with several plans, leave out --since")
			}
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			o.dirs = dirs
			return runF(o)
		},
	}
	o.addFlags(cmd, "table", "json", "markdown")
	cmd.Flags().StringVar(&o.since, "since", "", "also what slipped or worsened since `DATE` (or a revision, or board, dfe, ofsted or a body declared in plan.yaml)")
	addPortfolioFlag(cmd, g)
	return cmd
}

func runExceptions(o *exceptionsOptions) error {
	plans, asOf, err := o.reportPlans(o.dirs)
	if err != nil {
		return err
	}
	var items []plan.Exception
	var since string
	for _, p := range plans {
		var changes *plan.DiffReport
		changes, since, err = o.changesSince(o.since, p, plan.ForInternal)
		if err != nil {
			return err
		}
		items = append(items, p.Exceptions(asOf, changes)...)
	}
	return render.Exceptions(o.deps.io.Out, asOf, since, items, render.Format(o.output), o.render())
}

// reportPlans reads the plans a report covers: dirs, the plan directories
// given as arguments or by --portfolio, else (dirs nil) the one plan found
// as usual.
func (o *reportOptions) reportPlans(dirs []string) ([]*plan.Plan, plan.Date, error) {
	if dirs != nil {
		return o.portfolioInput(dirs, plan.Filter{})
	}
	p, asOf, err := o.reportInput(plan.Filter{})
	if err != nil {
		return nil, plan.Date{}, err
	}
	return []*plan.Plan{p}, asOf, nil
}

// namedError names the plan an error is about, when several are read.
func namedError(p *plan.Plan, err error) error {
	if p.Name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", p.Name, err)
}

type cardOptions struct {
	reportOptions
	id    string
	since string
}

// cardSince is how far back a report card looks when not told: six weeks,
// the DfE advisor's cycle.
const cardSince = 42

// newCardCmd builds the card command. runF, when not nil, replaces
// runCard, so tests can see the parsed options.
func newCardCmd(g *globalOptions, runF func(*cardOptions) error) *cobra.Command {
	o := &cardOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runCard
	}
	cmd := &cobra.Command{
		Use:   "card PRIORITY",
		Short: "Show one priority's report card",
		Long: `Show one priority's report card: its title, theme, owner and rolled-up rating
(with the rule that decided it); its actions with status, rating, due date,
owner and days late; its KPIs with their trend; the findings it addresses;
and, in a git repository, what changed about it since --since (default: the
last six weeks).`,
		Example: `  plan card P8
  plan card P8 --since board -o markdown`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return runF(o)
		},
	}
	o.addFlags(cmd, "text", "json", "markdown")
	cmd.Flags().StringVar(&o.since, "since", "", "show what changed since `DATE` (or a revision, or board, dfe, ofsted or a body declared in plan.yaml; default: six weeks ago)")
	return cmd
}

func runCard(o *cardOptions) error {
	p, asOf, err := o.reportInput(plan.Filter{})
	if err != nil {
		return err
	}
	c, err := p.Card(o.id, asOf)
	if err != nil {
		return withHint(err, "'plan list priorities' lists the priorities, 'plan list' the actions")
	}
	spec, asked := o.since, o.since != ""
	if !asked {
		spec = asOf.AddDays(-cardSince).String()
	}
	changes, since, err := o.changesSince(spec, p, plan.ForInternal)
	switch {
	case err != nil && !asked && (errors.Is(err, gitrepo.ErrNotRepository) || errors.Is(err, gitrepo.ErrNoCommitBefore) || errors.Is(err, gitrepo.ErrNoGit)):
		// Without history, or before it starts, the card has no changes to show.
	case err != nil:
		return err
	default:
		only := changes.Only(p.Members(o.id))
		c.Changes = &only
	}
	return render.Card(o.deps.io.Out, c, since, render.Format(o.output), o.render())
}

type glossaryOptions struct {
	reportOptions
	used bool
}

// newGlossaryCmd builds the glossary command. runF, when not nil,
// replaces runGlossary, so tests can see the parsed options.
func newGlossaryCmd(g *globalOptions, runF func(*glossaryOptions) error) *cobra.Command {
	o := &glossaryOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runGlossary
	}
	cmd := &cobra.Command{
		Use:   "glossary",
		Short: "List the glossary: what each acronym means",
		Long: `List the glossary of plan.yaml, and whether each term is used in a title, note
or finding. With --used, only the terms a reader meets: the appendix a
committee asks for. 'plan check' reports acronyms the glossary lacks
(undefined-acronym) and terms nothing uses (unused-glossary-term).`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	o.addFlags(cmd, "table", "json", "markdown")
	cmd.Flags().BoolVar(&o.used, "used", false, "only the terms used in a title, note or finding")
	return cmd
}

func runGlossary(o *glossaryOptions) error {
	p, _, err := o.reportInput(plan.Filter{})
	if err != nil {
		return err
	}
	used := map[*plan.Term]bool{}
	for _, t := range p.UsedTerms() {
		used[t] = true
	}
	terms := p.Glossary
	if o.used {
		terms = p.UsedTerms()
	}
	return render.Glossary(o.deps.io.Out, terms, used, render.Format(o.output), o.renderOptions())
}

// changesSince compares the plan as it stood at spec (a date, revision or
// snapshot kind) with now, both narrowed to audience, and labels the
// comparison for people. With spec "" it returns nil: no comparison.
func (g *globalOptions) changesSince(spec string, now *plan.Plan, audience plan.Audience) (*plan.DiffReport, string, error) {
	if spec == "" {
		return nil, "", nil
	}
	dir, err := g.planDir()
	if err != nil {
		return nil, "", err
	}
	rev, err := g.revision(dir, spec)
	if err != nil {
		return nil, "", err
	}
	then, _, err := g.readPlan(dir, &rev)
	if err != nil {
		return nil, "", err
	}
	d := plan.DiffPlans(then.ForAudience(audience), now.ForAudience(audience))
	if audience == plan.ForPublic {
		if b, ok := findBody(now.ReportingBodies(), rev.Snapshot); ok && b.Name != "" && snapshotOccasions[rev.Snapshot] == "" {
			return &d, "the " + b.Name + " of " + rev.Date.Time().Format("2 January 2006"), nil
		}
		return &d, publicSinceLabel(rev), nil
	}
	return &d, sinceLabel(rev), nil
}

// snapshotOccasions names, for the public, what each kind of snapshot
// records.
var snapshotOccasions = map[string]string{
	"board":  "the Improvement Board of",
	"dfe":    "the DfE advisor's review of",
	"ofsted": "the Ofsted monitoring visit of",
}

// publicSinceLabel names a point in history without the repository's
// words: "the Improvement Board of 10 November 2026", or the date alone.
func publicSinceLabel(rev history.Revision) string {
	date := rev.Date.Time().Format("2 January 2006")
	if occasion, ok := snapshotOccasions[rev.Snapshot]; ok {
		return occasion + " " + date
	}
	return date
}

// sinceLabel names a point in history for people: "2026-10-13", or
// "plan/board/2026-11-10 (2026-11-10)".
func sinceLabel(rev history.Revision) string {
	if rev.Spec == rev.Date.String() {
		return rev.Spec
	}
	return fmt.Sprintf("%s (%s)", rev.Spec, rev.Date.Time().Format(time.DateOnly))
}
