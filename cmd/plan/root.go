package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/atomicfile"
	"github.com/plan-tool/plan/internal/hint"
	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/iostreams"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// deps is everything a run takes from the outside world, so that tests can
// supply their own.
type deps struct {
	io     *iostreams.IOStreams
	now    func() time.Time
	getenv func(string) string
	getwd  func() (string, error)
	// buildInfo reports how the binary was built, for --version.
	buildInfo func() (*debug.BuildInfo, bool)
	// stamp is the version, commit and date a release build was stamped
	// with; when it has a version, --version gives it rather than
	// buildInfo's.
	stamp stamp
	// openDir, when set, opens a plan directory in the work tree for
	// reading, in place of os.OpenRoot: tests count what is read.
	openDir func(dir string) (fs.FS, func(), error)
	// writer writes files atomically; tests set its Fault to interrupt a
	// write at each step.
	writer atomicfile.Writer
	// findBrowser, when set, finds the browser report -o pdf prints with,
	// in place of pdf.Find on this system.
	findBrowser func() (string, error)
}

// Exit codes, the same for every command.
const (
	exitOK          = 0   // success
	exitFindings    = 1   // check found failing findings
	exitError       = 2   // usage error, or no plan could be read
	exitInterrupted = 130 // cancelled by Ctrl-C or SIGTERM: 128 + SIGINT, as shells report
)

// errFindings is returned by check when findings fail the run. The
// findings and their summary have been printed already.
var errFindings = errors.New("failing findings")

// withHint returns err with a line telling the user how to fix it.
func withHint(err error, format string, args ...any) error { return hint.Wrap(err, format, args...) }

// invalidError is returned when a command refuses a plan for its
// findings: run prints them, as check prints them, before the error.
type invalidError struct {
	findings []plan.Diagnostic
	err      error
}

func (e *invalidError) Error() string { return e.err.Error() }
func (e *invalidError) Unwrap() error { return e.err }

// invalid returns err with findings, the reasons for it, for run to print.
func invalid(findings []plan.Diagnostic, err error) error {
	return &invalidError{findings, err}
}

// run executes one command line and maps its outcome to an exit code,
// printing any error once. Cancelling ctx interrupts the run.
func run(ctx context.Context, args []string, d *deps) int {
	root, g := newRootCmd(d)
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		// The shell asks for completions: only then are they needed, and
		// registering them visits every flag of every command.
		g.addCompletions(root)
	}
	defer g.close()
	defer func() { _ = d.io.Flush() }() // a colon held back at the start of a line; nothing to do if stdout is gone
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case ctx.Err() != nil:
		// What failed once the run was cancelled failed for that (git
		// killed, a walk or a write stopped): say only that.
		fmt.Fprintln(d.io.ErrOut, "plan: interrupted")
		return exitInterrupted
	}
	var inv *invalidError
	if errors.As(err, &inv) {
		printDiagnostics(d.io, inv.findings)
	}
	// Errors quote paths, revisions and ids as given: whatever they hold,
	// the message is one line with nothing in it that acts on a terminal.
	slashErrorPaths(err)
	fmt.Fprintf(d.io.ErrOut, "plan: %s\n", textsafe.Visible(err.Error()))
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		fmt.Fprintf(d.io.ErrOut, "hint: %s\n", textsafe.Visible(h.Hint()))
	}
	return exitError
}

// globalOptions is what every command's options start from: the values
// of the flags commands share, and the factory of what a run takes from
// outside them.
type globalOptions struct {
	globalFlags
	*factory
}

// globalFlags are the values of the flags commands share.
type globalFlags struct {
	dir  string // -C
	asOf string // --as-of
	rev  string // --rev, on the commands that read one version of the plan
	at   string // --at, likewise
	// portfolio is --portfolio, on the commands that read several plans.
	portfolio string
}

// factory gives commands what they take from outside their flags: the
// streams, clock and environment (deps), the plan's files and its git
// history, opened on first use and shared by the run, and the run's
// context. Its methods need no flag.
type factory struct {
	*deps

	// ctx is the run's context, cancelled when the run is interrupted:
	// what reads history or writes files takes it.
	ctx context.Context

	hist    *history.Source // the plan's git history, opened on first use
	histErr error
	// lastRead is the plan readPlan last read from history: a second read
	// (the other end of a diff) parses only the files that differ from it.
	lastRead *plan.Draft
	lastMu   sync.Mutex
}

// newRootCmd builds the whole command tree, and returns the options its
// commands share so the caller can close what they open. The completions
// of arguments and flag values are added by addCompletions.
func newRootCmd(d *deps) (*cobra.Command, *globalOptions) {
	root, g := newBareRootCmd(d)
	root.AddCommand(newStatusCmd(g, nil), newOverdueCmd(g, nil), newCheckCmd(g, nil), newDiffCmd(g, nil), newLogCmd(g, nil), newSnapshotCmd(g, nil), newTextconvCmd(g, nil),
		newKPIsCmd(g, nil), newTraceCmd(g, nil), newExceptionsCmd(g, nil), newCardCmd(g, nil), newGlossaryCmd(g, nil), newReportCmd(g, nil), newExportCmd(g, nil), newRisksCmd(g, nil),
		newListCmd(g, nil), newShowCmd(g, nil), newRateCmd(g, nil), newSetCmd(g, nil), newDoneCmd(g, nil), newRecordCmd(g, nil), newAddCmd(g, nil), newRmCmd(g, nil), newMvCmd(g, nil), newRebaselineCmd(g, nil), newReviewCmd(g, nil), newFmtCmd(g, nil), newSchemaCmd(g, nil), newDocsCmd(g, nil), newInitCmd(g, nil), newImportCmd(g, nil), newReturnsCmd(g, nil, nil), newDigestCmd(g, nil))
	return root, g
}

// newBareRootCmd builds the root command, with the global flags and no
// subcommands, and the options the global flags fill in.
func newBareRootCmd(d *deps) (*cobra.Command, *globalOptions) {
	g := &globalOptions{factory: &factory{deps: d, ctx: context.Background()}}
	root := &cobra.Command{
		Use:   "plan",
		Short: "Report on improvement plans kept as YAML files in git",
		Long: `plan reads an improvement plan - themes, priorities, actions and KPIs kept as
YAML files - and reports its RAG status, its overdue actions, and whether it
passes the checks a CI job applies.

The plan is the directory holding plan.yaml: the one given by -C, else the
current directory or the nearest parent that has one.`,
		PersistentPreRun: func(c *cobra.Command, _ []string) {
			g.ctx = c.Context() // as given to ExecuteContext
		},
		SilenceErrors:              true,
		SilenceUsage:               true,
		Args:                       cobra.ArbitraryArgs,
		SuggestionsMinimumDistance: 2,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			err := fmt.Errorf("unknown command %q", args[0])
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				return withHint(err, "did you mean 'plan %s'?", s[0])
			}
			return withHint(err, "run 'plan --help' for the commands")
		},
		Version: d.version(),
	}
	root.SetVersionTemplate("plan {{.Version}}\n")
	root.SetOut(d.io.Out)
	root.SetErr(d.io.ErrOut)
	root.SetIn(d.io.In)
	root.PersistentFlags().StringVarP(&g.dir, "dir", "C", "", "read the plan in `DIR` (default: the current directory or its nearest parent with a plan.yaml)")
	root.PersistentFlags().StringVar(&g.asOf, "as-of", "", "judge dates as on `YYYY-MM-DD` (default: $PLAN_AS_OF, else today in the UK)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withHint(err, "run '%s --help' for usage", c.CommandPath())
	})
	return root, g
}

// london returns the zone "today" is taken in: the plans are English
// councils'. The zone data is built into the binary (time/tzdata), so the
// UTC fallback is only for a build without it.
func london() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}

// date returns the as-of date for the plan read at rev (nil for the work
// tree): --as-of; else, for a plan read from history, the day the revision
// stands for (the --at date, a snapshot's date, a commit's date), so a past
// plan is judged as it stood then; else $PLAN_AS_OF; else today in the UK.
func (g *globalOptions) date(rev *history.Revision) (plan.Date, error) {
	if d, ok := g.revisionDate(rev); ok {
		return d, nil
	}
	if g.asOf != "" {
		d, err := plan.ParseDate(g.asOf)
		if err != nil {
			return plan.Date{}, fmt.Errorf("--as-of: %w", err)
		}
		return d, nil
	}
	if env := g.deps.getenv("PLAN_AS_OF"); env != "" {
		d, err := plan.ParseDate(env)
		if err != nil {
			return plan.Date{}, withHint(fmt.Errorf("PLAN_AS_OF: %w", err), "set PLAN_AS_OF to a date such as 2026-03-31, or unset it to use today")
		}
		return d, nil
	}
	return plan.DateOf(g.deps.now().In(london())), nil
}

// revisionDate is the as-of date of the plan read at rev (--rev or --at
// with a date), unless --as-of gives one: reports on an old version of
// the plan judge it as on that version's day. It reports false for the
// work tree, or when --as-of is given.
func (g *globalOptions) revisionDate(rev *history.Revision) (plan.Date, bool) {
	if g.asOf == "" && rev != nil && !rev.Date.IsZero() {
		return rev.Date, true
	}
	return plan.Date{}, false
}

// loadValid reads the plan for a report. A plan with structural problems
// cannot be summarised: the error returned carries them, for run to print.
func (g *globalOptions) loadValid() (*plan.Plan, *history.Revision, error) {
	l, err := g.loadValidPlan()
	if err != nil {
		return nil, nil, err
	}
	return l.plan, l.rev, nil
}

// loadValidPlan is loadValid for commands that also need the plan's
// directory.
func (g *globalOptions) loadValidPlan() (*loaded, error) {
	l, err := g.load()
	if err != nil {
		return nil, err
	}
	structural := plan.Structural(l.diags)
	if len(structural) == 0 {
		return l, nil
	}
	return nil, invalid(structural, withHint(fmt.Errorf("cannot report on a plan with %s", plan.Plural(len(structural), "error", "errors")),
		"fix the lines above; 'plan check' lists every finding"))
}

// reportInput is what every report needs: the as-of date and the valid
// plan, narrowed by filter.
func (g *globalOptions) reportInput(filter plan.Filter) (*plan.Plan, plan.Date, error) {
	l, asOf, err := g.validAsOf()
	if err != nil {
		return nil, plan.Date{}, err
	}
	p, err := l.plan.Filter(filter)
	if err != nil {
		return nil, plan.Date{}, err
	}
	return p, asOf, nil
}

// validAsOf reads the valid plan and works out its as-of date: that of
// the revision read, unless --as-of says otherwise.
func (g *globalOptions) validAsOf() (*loaded, plan.Date, error) {
	asOf, err := g.date(nil) // a bad date is a usage error: say so first
	if err != nil {
		return nil, plan.Date{}, err
	}
	l, err := g.loadValidPlan()
	if err != nil {
		return nil, plan.Date{}, err
	}
	if d, ok := g.revisionDate(l.rev); ok {
		asOf = d
	}
	return l, asOf, nil
}

// renderOptions are the renderer choices the streams allow.
func (f *factory) renderOptions() render.Options {
	return render.Options{Color: f.io.ColorEnabled(), Width: f.io.TerminalWidth()}
}

// enumFlag is a string flag that accepts only some values, so that a bad
// value is a usage error at parse time.
type enumFlag struct {
	value   *string
	allowed []string
}

func newEnumFlag(p *string, def string, allowed ...string) *enumFlag {
	*p = def
	return &enumFlag{p, allowed}
}

func (e *enumFlag) String() string { return *e.value }
func (e *enumFlag) Type() string   { return "string" }
func (e *enumFlag) Set(s string) error {
	if !slices.Contains(e.allowed, s) {
		return fmt.Errorf("must be one of %s", strings.Join(e.allowed, ", "))
	}
	*e.value = s
	return nil
}
