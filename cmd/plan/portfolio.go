package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// portfolioUse is the usage line of the commands that read several plans.
const portfolioUse = " [PLAN-DIR...]"

// addPortfolioFlag lets a command read several plans: the directories
// given as arguments, or every plan directly below --portfolio.
func addPortfolioFlag(cmd *cobra.Command, g *globalOptions) {
	cmd.Use += portfolioUse
	cmd.Args = cobra.ArbitraryArgs
	cmd.Flags().StringVar(&g.portfolio, "portfolio", "", "read every plan directly below `DIR` (each in its own directory, with its own plan.yaml)")
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
}

// planDirs returns the plan directories named by the arguments and
// --portfolio, in the order given (a portfolio's in name order); nil when
// there are none, and one plan is read as usual.
func (g *globalOptions) planDirs(args []string) ([]string, error) {
	if len(args) == 0 && g.portfolio == "" {
		return nil, nil
	}
	switch {
	case g.dir != "":
		return nil, withHint(errors.New("-C names one plan; it cannot be used with plan directories or --portfolio"),
			"give each plan's directory as an argument instead")
	case g.rev != "" || g.at != "":
		return nil, withHint(errors.New("--rev and --at read one plan, not several"),
			"to report on several plans as they stood, check out that revision (git switch --detach REV) first")
	}
	var dirs []string
	for _, dir := range args {
		if err := isPlanDir(dir); err != nil {
			return nil, err
		}
		dirs = append(dirs, dir)
	}
	if g.portfolio != "" {
		entries, err := os.ReadDir(g.portfolio)
		if err != nil {
			return nil, fmt.Errorf("--portfolio: %w", err)
		}
		found := 0
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			dir := filepath.Join(g.portfolio, e.Name())
			if _, err := os.Stat(filepath.Join(dir, plan.PlanFile)); err == nil {
				dirs = append(dirs, dir)
				found++
			}
		}
		if found == 0 {
			return nil, withHint(fmt.Errorf("--portfolio %s: no plans below it", shownPath(g.portfolio)),
				"a portfolio is a directory of plan directories, each with its own %s", plan.PlanFile)
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(dirs, func(d string) bool {
		d = filepath.Clean(d)
		dup := seen[d]
		seen[d] = true
		return dup
	}), nil
}

// isPlanDir checks that dir, given as an argument, is a plan directory.
func isPlanDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return withHint(fmt.Errorf("plan directory %s: %w", shownPath(dir), errors.Unwrap(err)), "the arguments name plan directories, to read several plans at once")
	case !fi.IsDir():
		return fmt.Errorf("plan directory %s: not a directory", shownPath(dir))
	}
	if _, err := os.Stat(filepath.Join(dir, plan.PlanFile)); err != nil {
		return withHint(fmt.Errorf("no %s in %s", plan.PlanFile, shownPath(dir)), "name directories that hold a plan.yaml, or use --portfolio DIR for every plan below DIR")
	}
	return nil
}

// loadPlans reads the plans in dirs from the work tree, several at once;
// then, when given, it checks each plan that was read with check, on the
// same goroutine, adding what it finds to the plan's findings. Once the
// run is interrupted it reads no more plans and returns the context's
// error.
//
// When check is given, each plan is let go once checked: the Loaded
// returned holds an empty plan, so that a portfolio is checked in the
// memory of the plans being read at once, not of all of them.
func (f *factory) loadPlans(dirs []string, check func(dir string, p *plan.Plan) []plan.Diagnostic) ([]plan.Loaded, error) {
	var loaded []plan.Loaded
	if err := f.eachPlan(dirs, check, func(l plan.Loaded) { loaded = append(loaded, l) }); err != nil {
		return nil, err
	}
	return loaded, nil
}

// eachPlan is loadPlans giving each plan, in the order of dirs, to each
// as soon as it and those before it are read (plan.LoadEach), rather than
// all at the end. Once the run is interrupted, each is given no more
// plans.
func (f *factory) eachPlan(dirs []string, check func(dir string, p *plan.Plan) []plan.Diagnostic, each func(plan.Loaded)) error {
	names := make([]string, len(dirs))
	byName := map[string]string{}
	for i, d := range dirs {
		names[i] = filepath.ToSlash(d)
		byName[names[i]] = d
	}
	plan.LoadEach(names, runtime.GOMAXPROCS(0), func(name string) (*plan.Plan, []plan.Diagnostic, error) {
		if err := f.ctx.Err(); err != nil {
			return nil, nil, err
		}
		p, diags, err := f.readPlan(byName[name], nil)
		if err == nil && check != nil {
			diags = append(diags, check(byName[name], p)...)
			p = &plan.Plan{}
		}
		return p, diags, err
	}, func(l plan.Loaded) {
		if f.ctx.Err() == nil { // else the plans not read would be named as unreadable
			each(l)
		}
	})
	return f.ctx.Err()
}

// portfolioStatus is status --portfolio: each plan's line, computed as the
// plan is read and the plan let go, so that many plans are reported in the
// memory of the few read at once. Plans that cannot be read, or have
// structural problems, are refused as portfolioInput refuses them.
func (g *globalOptions) portfolioStatus(dirs []string, filter plan.Filter) (plan.PortfolioReport, error) {
	asOf, err := g.date(nil)
	if err != nil {
		return plan.PortfolioReport{}, err
	}
	var mu sync.Mutex
	statuses := map[string]plan.PlanStatus{}
	filterErrs := map[string]error{}
	loaded, err := g.loadPlans(dirs, func(dir string, p *plan.Plan) []plan.Diagnostic {
		name := filepath.ToSlash(dir)
		p.Name = name
		fp, err := p.Filter(filter)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			filterErrs[name] = err
			return nil
		}
		statuses[name] = fp.PlanStatus(asOf)
		return nil
	})
	if err != nil {
		return plan.PortfolioReport{}, err
	}
	if err := g.refuseBad(loaded, dirs); err != nil {
		return plan.PortfolioReport{}, err
	}
	var out []plan.PlanStatus
	for _, l := range loaded {
		if err := filterErrs[l.Name]; err != nil {
			return plan.PortfolioReport{}, fmt.Errorf("%s: %w", l.Name, err)
		}
		out = append(out, statuses[l.Name])
	}
	return plan.PortfolioOf(out, asOf), nil
}

// portfolioInput is what a report on several plans needs: the as-of date
// and the plans, each narrowed by filter. Like a report on one plan, it
// refuses plans that cannot be read, naming them on stderr, or have
// structural problems, which the error returned carries.
func (g *globalOptions) portfolioInput(dirs []string, filter plan.Filter) ([]*plan.Plan, plan.Date, error) {
	asOf, err := g.date(nil)
	if err != nil {
		return nil, plan.Date{}, err
	}
	loaded, err := g.loadPlans(dirs, nil)
	if err != nil {
		return nil, plan.Date{}, err
	}
	if err := g.refuseBad(loaded, dirs); err != nil {
		return nil, plan.Date{}, err
	}
	var plans []*plan.Plan
	for _, l := range loaded {
		p, err := l.Plan.Filter(filter)
		if err != nil {
			return nil, plan.Date{}, fmt.Errorf("%s: %w", l.Name, err)
		}
		plans = append(plans, p)
	}
	return plans, asOf, nil
}

// refuseBad refuses a report on several plans when some cannot be read,
// naming them on stderr, or have structural problems, which the error
// carries.
func (g *globalOptions) refuseBad(loaded []plan.Loaded, dirs []string) error {
	var bad []string
	var findings []plan.Diagnostic
	for _, l := range loaded {
		if l.Err != nil {
			fmt.Fprintf(g.deps.io.ErrOut, "plan: %s: %s\n", textsafe.Visible(l.Name), textsafe.Visible(l.Err.Error()))
			bad = append(bad, l.Name)
			continue
		}
		if structural := plan.Structural(l.Diags); len(structural) > 0 {
			findings = append(findings, structural...)
			bad = append(bad, l.Name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return invalid(findings, withHint(fmt.Errorf("cannot report on %s of %d: %s", plan.Plural(len(bad), "plan", "plans"), len(dirs), strings.Join(bad, ", ")),
		"fix the problems above; 'plan check %s' lists every finding", strings.Join(bad, " ")))
}
