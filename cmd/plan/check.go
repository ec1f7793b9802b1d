package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/iostreams"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// defaultStaleAfter is how many days an open action may go unchanged
// before the stale rule reports it, unless check --stale-after says.
const defaultStaleAfter = 42

type checkOptions struct {
	*globalOptions
	output     string
	failOn     []string
	staleAfter int      // days; negative for off
	dirs       []string // the plans named, when several are read
}

// newCheckCmd builds the check command. runF, when not nil, replaces
// runCheck, so tests can see the parsed options.
func newCheckCmd(g *globalOptions, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{globalOptions: g}
	if runF == nil {
		runF = runCheck
	}
	var staleAfter string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the plan and apply the CI policy",
		Long: `Validate every file of the plan and apply the policy rules on the as-of date.
Each finding is one line, FILE:LINE:COL: SEVERITY: MESSAGE [rule], with FILE
relative to the plan directory. Findings of the rules named by --fail-on are
errors and make check exit 1; the rest are warnings.

Given several plan directories, or --portfolio DIR, check every plan, several
at once; each finding's FILE then starts with its plan's directory. The
findings come plan by plan, in the order of the plans' directories, each
plan's as soon as it is checked (text and JSON).

Rules:
` + rulesHelp() + `
--fail-on takes rule names and the groups structural, default, all and none.`,
		Example: `  plan check
  plan check --fail-on structural
  plan check --fail-on default,undated,green-but-overdue
  plan check -o json
  plan check -o github              # in GitHub Actions: annotations on the lines
  plan check -o junit > report.xml  # a test report for GitLab or Jenkins
  plan check -o sarif > plan.sarif  # for code scanning
  plan check --portfolio councils/  # every plan below councils/`,
		RunE: func(_ *cobra.Command, args []string) error {
			dirs, err := g.planDirs(args)
			if err != nil {
				return err
			}
			o.dirs = dirs
			o.staleAfter = -1
			if staleAfter != "off" {
				days, err := parseDays(staleAfter)
				if err != nil {
					return withHint(fmt.Errorf("--stale-after: %w", err), "write a number of days or weeks, such as 42d or 6w, or off")
				}
				o.staleAfter = days
			}
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&staleAfter, "stale-after", fmt.Sprintf("%dd", defaultStaleAfter), "an open action unchanged in git for longer than `DURATION` is stale (off: skip the rule)")
	cmd.Flags().VarP(newEnumFlag(&o.output, "text", "text", "json", "github", "junit", "sarif"), "output", "o",
		"output `format`: text, json, github (workflow commands, and a summary to $GITHUB_STEP_SUMMARY), junit or sarif")
	cmd.Flags().StringSliceVar(&o.failOn, "fail-on", nil, "`RULES` whose findings fail the run, comma-separated (default: those marked *)")
	addRevFlags(cmd, g)
	addPortfolioFlag(cmd, g)
	return cmd
}

// rulesHelp is the table of rules in check's help, wrapped to 80 columns.
func rulesHelp() string {
	rules := plan.Rules()
	width := 0
	for _, r := range rules {
		width = max(width, len(r.Name))
	}
	var lines []string
	for _, r := range rules {
		mark := " "
		if r.FailsByDefault {
			mark = "*"
		}
		lines = append(lines, fmt.Sprintf("  %s %-*s  %s", mark, width, r.Name, r.Summary))
	}
	lines = append(wrapColumns(lines, 80), "  (* fails the run by default)")
	return strings.Join(lines, "\n") + "\n"
}

func runCheck(o *checkOptions) error {
	policy := plan.DefaultPolicy()
	if len(o.failOn) > 0 {
		var err error
		if policy, err = plan.ParsePolicy(o.failOn); err != nil {
			return withHint(fmt.Errorf("--fail-on: %w", err), "see 'plan check --help' for the rules")
		}
	}
	asOf, err := o.date(nil) // a bad date is a usage error: say so first
	if err != nil {
		return err
	}
	out, err := o.newFindings(policy)
	if err != nil {
		return err
	}
	var dir string
	var readErr error
	if o.dirs != nil {
		dir = "."
		if readErr, err = o.checkPlans(asOf, out.add); err != nil {
			if out.stream != nil && o.ctx.Err() == nil {
				// The plans before the one that stopped the run are
				// checked: their findings are written (a JSON document
				// is left unfinished). An interrupted run writes no more.
				_ = out.stream.Flush() // the run fails with err either way
			}
			return err
		}
	} else {
		l, err := o.load()
		if err != nil {
			return err
		}
		dir = l.dir
		if revDate, ok := o.revisionDate(l.rev); ok {
			asOf = revDate
		}
		diags := append(l.diags, l.plan.Check(asOf)...)
		if o.staleAfter >= 0 {
			stale, err := o.stale(dir, l.rev, l.plan, asOf)
			if err != nil {
				return err
			}
			diags = append(diags, stale...)
		}
		if err := o.ctx.Err(); err != nil {
			return err // findings from an interrupted run may lack some, silently
		}
		if err := out.add(diags); err != nil {
			return err
		}
	}
	if err := o.ctx.Err(); err != nil {
		return err // findings from an interrupted run may lack some, silently
	}
	if err := o.closeFindings(out, dir, asOf); err != nil {
		return err
	}

	io := o.deps.io
	errs := out.errs
	if out.total == 0 {
		fmt.Fprintf(io.ErrOut, "no findings (as of %s)\n", asOf)
	} else {
		counts := plan.Plural(errs, "error", "errors") + ", " + plan.Plural(out.total-errs-out.infos, "warning", "warnings")
		if out.infos > 0 {
			counts += fmt.Sprintf(", %d info", out.infos)
		}
		fmt.Fprintf(io.ErrOut, "%s: %s (as of %s)\n", plan.Plural(out.total, "finding", "findings"), counts, asOf)
	}
	if readErr != nil {
		return readErr
	}
	if errs > 0 {
		return errFindings
	}
	return nil
}

// findings takes check's findings, plan by plan, applies the policy to
// them and counts them. Text and JSON are written as they come, so that a
// portfolio's findings are never all in memory; the formats for CI, which
// are written whole, are held until closeFindings.
type findings struct {
	policy             plan.Policy
	stream             *render.DiagnosticWriter // text and JSON; nil for the CI formats
	held               []plan.Diagnostic        // the CI formats' findings
	total, errs, infos int
}

func (o *checkOptions) newFindings(policy plan.Policy) (*findings, error) {
	out := &findings{policy: policy}
	if f := render.Format(o.output); f == render.Text || f == render.JSON {
		var err error
		if out.stream, err = render.NewDiagnosticWriter(o.deps.io.Out, f, o.renderOptions()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// add takes the findings of one plan, or of the plans from here to the
// next add: each add's findings follow those of the adds before.
func (out *findings) add(ds []plan.Diagnostic) error {
	plan.SortDiagnostics(ds)
	ds, errs := out.policy.Apply(ds)
	out.total += len(ds)
	out.errs += errs
	for _, d := range ds {
		if d.Severity == plan.SeverityInfo {
			out.infos++
		}
	}
	if out.stream != nil {
		return out.stream.Write(ds)
	}
	out.held = append(out.held, ds...)
	return nil
}

// closeFindings writes what is left of the findings in the chosen format.
// The CI formats name files by their path in the repository, where CI
// systems place annotations.
func (o *checkOptions) closeFindings(out *findings, dir string, asOf plan.Date) error {
	if out.stream != nil {
		return out.stream.Close()
	}
	f := render.Format(o.output)
	ci := render.CI{Dir: o.repoPath(dir), Version: o.deps.version(), SemanticVersion: strings.TrimPrefix(o.deps.moduleVersion(), "v"), AsOf: asOf}
	// Workflow commands are meant to begin lines: the raw stream.
	if err := render.CIFindings(o.deps.io.RawOut(), out.held, f, ci); err != nil {
		return err
	}
	if summary := o.deps.getenv("GITHUB_STEP_SUMMARY"); f == render.GitHub && summary != "" {
		if err := appendSummary(summary, out.held, ci); err != nil {
			fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: the step summary was not written: %v\n", err)
		}
	}
	return nil
}

// repoPath returns the plan directory's path from the top of its git
// repository; outside git, from the current directory.
func (o *checkOptions) repoPath(dir string) string {
	if src, err := o.history(dir); err == nil {
		return src.Dir()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	wd, err := o.deps.getwd()
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

func appendSummary(name string, diags []plan.Diagnostic, ci render.CI) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := render.GitHubSummary(f, diags, ci); err != nil {
		_ = f.Close() // the write failed: its error is the one to report
		return err
	}
	return f.Close()
}

// stale applies the stale rule: when each open action last changed comes
// from git history. Edits not yet committed count as fresh. Outside a git
// repository the rule reports once that it cannot run.
func (o *checkOptions) stale(dir string, rev *history.Revision, p *plan.Plan, asOf plan.Date) ([]plan.Diagnostic, error) {
	src, err := o.history(dir)
	switch {
	case errors.Is(err, gitrepo.ErrNotRepository):
		return []plan.Diagnostic{plan.StaleUnavailable("the plan is not in a git repository")}, nil
	case errors.Is(err, gitrepo.ErrNoGit):
		return []plan.Diagnostic{plan.StaleUnavailable("git is not installed")}, nil
	case err != nil:
		return nil, err
	}
	fresh := map[string]bool{}
	target := "HEAD"
	if rev != nil {
		target = rev.Commit.Hash
	} else {
		head, err := src.Resolve(o.ctx, "HEAD")
		if err != nil {
			return nil, nil // no commits yet: every action is fresh
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, fmt.Errorf("open plan directory: %w", err)
		}
		defer root.Close()
		if fresh, err = src.EditedActions(o.ctx, head.Hash, root.FS(), p); err != nil {
			return nil, historyError(err)
		}
	}
	last, err := src.LastChanged(o.ctx, target, p.OpenActions())
	if err != nil {
		return nil, historyError(err)
	}
	return p.CheckStale(asOf, o.staleAfter, last, fresh), nil
}

// checkPlans checks several plans, read at once, as on asOf, giving the
// findings of each to add as soon as it and the plans before it are
// checked, in the order of their names (the order SortDiagnostics puts
// their findings in). Plans that cannot be read are named on stderr as
// they come, and make readErr, returned once the others are checked. err
// is returned when the run must stop: it is interrupted, or a plan's
// history cannot be read; no more findings are given after it.
func (o *checkOptions) checkPlans(asOf plan.Date, add func([]plan.Diagnostic) error) (readErr, err error) {
	// Each plan is checked, the stale rule too, as soon as it is read,
	// and let go: only its findings are kept, until they are given.
	var staleErrs sync.Map // plan directory -> why its history could not be read
	dirs := slices.SortedStableFunc(slices.Values(o.dirs), func(a, b string) int {
		return strings.Compare(filepath.ToSlash(a), filepath.ToSlash(b))
	})
	var unreadable []string
	var stop error                // why no more findings are given
	staleOff := map[string]bool{} // why the stale rule cannot run, reported once
	err = o.eachPlan(dirs, func(dir string, p *plan.Plan) []plan.Diagnostic {
		diags := p.Check(asOf)
		if o.staleAfter < 0 {
			return diags
		}
		stale, err := o.staleOf(dir, p, asOf)
		if err != nil {
			staleErrs.Store(filepath.ToSlash(dir), err)
			return diags
		}
		return append(diags, stale...)
	}, func(l plan.Loaded) {
		switch {
		case stop != nil:
			return // stopped at an earlier plan
		case l.Err != nil:
			fmt.Fprintf(o.deps.io.ErrOut, "plan: %s: %s\n", textsafe.Visible(l.Name), textsafe.Visible(l.Err.Error()))
			unreadable = append(unreadable, l.Name)
			return
		}
		if serr, ok := staleErrs.Load(l.Name); ok {
			stop = fmt.Errorf("%s: %w", l.Name, serr.(error))
			return
		}
		diags := l.Diags[:0:0]
		for _, d := range l.Diags {
			if plan.IsStaleUnavailable(d) {
				if staleOff[d.Message] {
					continue
				}
				staleOff[d.Message] = true
			}
			diags = append(diags, d)
		}
		stop = add(diags)
	})
	if err := cmp.Or(err, stop); err != nil {
		return nil, err
	}
	if len(unreadable) > 0 {
		return fmt.Errorf("could not read %s of %d: %s", plan.Plural(len(unreadable), "plan", "plans"), len(o.dirs), strings.Join(unreadable, ", ")), nil
	}
	return nil, nil
}

// staleOf applies the stale rule to one of several plans, with a history
// of its own. Outside a git work tree it reports at once that the rule
// cannot run, without starting git.
func (o *checkOptions) staleOf(dir string, p *plan.Plan, asOf plan.Date) ([]plan.Diagnostic, error) {
	if !gitrepo.InWorkTree(dir, o.deps.getenv) {
		return []plan.Diagnostic{plan.StaleUnavailable("the plans are not in a git repository")}, nil
	}
	sub := &checkOptions{globalOptions: &globalOptions{factory: &factory{deps: o.deps, ctx: o.ctx}}, staleAfter: o.staleAfter}
	defer sub.close()
	return sub.stale(dir, nil, p, asOf)
}

// printDiagnostics prints findings to stderr as check's text output does.
func printDiagnostics(io *iostreams.IOStreams, diags []plan.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintln(io.ErrOut, render.DiagnosticLine(d, render.Options{}))
	}
}
