package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/iostreams"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type checkOptions struct {
	*globalOptions
	output string
	failOn []string
}

// newCheckCmd builds the check command. runF, when not nil, replaces
// runCheck, so tests can see the parsed options.
func newCheckCmd(g *globalOptions, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{globalOptions: g}
	if runF == nil {
		runF = runCheck
	}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the plan and apply the CI policy",
		Long: `Validate every file of the plan and apply the policy rules on the as-of date.
Each finding is one line, FILE:LINE:COL: SEVERITY: MESSAGE [rule], with FILE
relative to the plan directory. Findings of the rules named by --fail-on are
errors and make check exit 1; the rest are warnings.

Rules:
` + rulesHelp() + `
--fail-on takes rule names and the groups structural, default, all and none.`,
		Example: `  plan check
  plan check --fail-on structural
  plan check --fail-on default,undated,green-but-overdue
  plan check -o json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	cmd.Flags().VarP(newEnumFlag(&o.output, "text", "text", "json"), "output", "o", "output `format`: text or json")
	cmd.Flags().StringSliceVar(&o.failOn, "fail-on", nil, "`RULES` whose findings fail the run, comma-separated (default: those marked *)")
	return cmd
}

func rulesHelp() string {
	var b strings.Builder
	for _, r := range plan.Rules() {
		mark := " "
		if r.FailsByDefault {
			mark = "*"
		}
		fmt.Fprintf(&b, "  %s %-20s %s\n", mark, r.Name, r.Summary)
	}
	b.WriteString("  (* fails the run by default)\n")
	return b.String()
}

func runCheck(o *checkOptions) error {
	policy := plan.DefaultPolicy()
	if len(o.failOn) > 0 {
		var err error
		if policy, err = plan.ParsePolicy(o.failOn); err != nil {
			return withHint(fmt.Errorf("--fail-on: %w", err), "see 'plan check --help' for the rules")
		}
	}
	asOf, err := o.date()
	if err != nil {
		return err
	}
	p, diags, err := o.load()
	if err != nil {
		return err
	}
	diags = append(diags, p.Check(asOf)...)
	plan.SortDiagnostics(diags)
	diags, errs := policy.Apply(diags)

	io := o.deps.io
	if err := render.Diagnostics(io.Out, diags, render.Format(o.output), o.renderOptions()); err != nil {
		return err
	}
	if len(diags) == 0 {
		fmt.Fprintf(io.ErrOut, "no findings (as of %s)\n", asOf)
	} else {
		fmt.Fprintf(io.ErrOut, "%s: %s, %s (as of %s)\n", pluralize(len(diags), "finding"),
			pluralize(errs, "error"), pluralize(len(diags)-errs, "warning"), asOf)
	}
	if errs > 0 {
		return errFindings
	}
	return nil
}

// printDiagnostics prints findings to stderr as check's text output does.
func printDiagnostics(io *iostreams.IOStreams, diags []plan.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintln(io.ErrOut, render.DiagnosticLine(d, render.Options{}))
	}
}
