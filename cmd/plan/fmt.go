package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/plan"
)

type fmtOptions struct {
	*globalOptions
	check bool
	files []string // as given; "-" alone is standard input
}

// newFmtCmd builds the fmt command. runF, when not nil, replaces runFmt,
// so tests can see the parsed options.
func newFmtCmd(g *globalOptions, runF func(*fmtOptions) error) *cobra.Command {
	o := &fmtOptions{globalOptions: g}
	if runF == nil {
		runF = runFmt
	}
	cmd := &cobra.Command{
		Use:   "fmt [--check] [FILE...]",
		Short: "Lay out plan files in the canonical layout",
		Long: `Lay out plan files in one canonical layout: fields in the documented order,
two-space indentation, block lists (a plan's period, a KPI's baseline and the
addresses of actions and KPIs stay on one line), dates unquoted, a KPI's
actuals and trajectory in date order, no blank lines. Every comment is kept,
and so is the quoting of each value. Formatting a formatted file changes
nothing.

With no FILE, every file of the plan is laid out. FILE - reads standard input
and writes the result to standard output, for editors.

Files that changed are listed. With --check nothing is written: the files that
would change are listed and plan exits 1, for CI and pre-commit hooks.`,
		Example: `  plan fmt
  plan fmt --check
  plan fmt priorities/08-workforce.yaml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.files = args
			return runF(o)

		},
	}
	cmd.Flags().BoolVar(&o.check, "check", false, "write nothing; list the files that would change and exit 1 if any would")
	return cmd
}

func runFmt(o *fmtOptions) error {
	if len(o.files) == 1 && o.files[0] == "-" {
		return o.fmtStdin()
	}
	files, err := o.fmtFiles(o.files)
	if err != nil {
		return err
	}
	var unformatted []string
	for _, f := range files {
		changed, err := o.fmtFile(f, !o.check)
		if err != nil {
			return err
		}
		if changed {
			unformatted = append(unformatted, f.name)
			// The list is the output, for scripts: a failed write fails.
			if _, err := fmt.Fprintln(o.deps.io.Out, textsafe.Visible(f.name)); err != nil {
				return err
			}
		}
	}
	if o.check && len(unformatted) > 0 {
		fmt.Fprintf(o.deps.io.ErrOut, "%s not in the canonical layout; run 'plan fmt' to lay %s out\n",
			plan.Plural(len(unformatted), "file", "files"), map[bool]string{true: "it", false: "them"}[len(unformatted) == 1])
		return errFindings
	}
	return nil
}

type fmtTarget struct {
	name     string // as shown
	path     string // to read and write
	planFile bool
}

// fmtFiles returns the files named, or else every file of the plan.
func (g *globalOptions) fmtFiles(args []string) ([]fmtTarget, error) {
	var out []fmtTarget
	if len(args) > 0 {
		for _, a := range args {
			if a == "-" {
				return nil, withHint(fmt.Errorf("- (standard input) cannot be formatted with other files"), "run 'plan fmt -' on its own")
			}
			out = append(out, fmtTarget{shownPath(a), a, filepath.Base(a) == plan.PlanFile})
		}
		return out, nil
	}
	dir, err := g.planDir()
	if err != nil {
		return nil, err
	}
	names, err := plan.Files(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		out = append(out, fmtTarget{n, filepath.Join(dir, filepath.FromSlash(n)), n == plan.PlanFile})
	}
	return out, nil
}

// fmtLimit is the largest file plan fmt lays out. Laying out takes about
// 150 times the file's size in memory (the YAML encoder's), and real plan
// files are under 100 KB.
const fmtLimit = 2 << 20

// fmtFile lays out one file, writing it when write is set, and reports
// whether it changed (or would).
func (g *globalOptions) fmtFile(f fmtTarget, write bool) (bool, error) {
	fi, err := os.Lstat(f.path)
	switch {
	case err != nil:
		return false, err
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("%s is not a regular file (%s); plan fmt lays out plan files only", f.name, fi.Mode().Type())
	case fi.Size() > fmtLimit:
		return false, withHint(fmt.Errorf("%s is %.1f MB; plan fmt lays out files of up to %d MB, so it was left as it is", f.name, float64(fi.Size())/(1<<20), fmtLimit>>20),
			"split the file into smaller priority files")
	}
	data, err := readUpTo(f.path, fmtLimit)
	if err != nil {
		return false, err
	}
	out, err := edit.Format(data, f.planFile)
	if err != nil {
		return false, g.fmtRefusal(f.name, data, f.planFile, err)
	}
	if string(out) == string(data) {
		return false, nil
	}
	if write {
		if err := g.deps.writer.WriteIfUnchanged(g.ctx, f.path, data, out); err != nil {
			return false, err
		}
	}
	return true, nil
}

// readUpTo reads the file name, refusing one that has grown past limit
// bytes since it was looked at.
func readUpTo(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // opened to read: its close loses nothing
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s grew past %d MB while plan fmt was reading it; it was left as it is", name, limit>>20)
	}
	return data, nil
}

// fmtRefusal explains why a file cannot be laid out: for a YAML syntax
// error, the loader's finding, which names the line.
func (g *globalOptions) fmtRefusal(name string, data []byte, planFile bool, err error) error {
	_, diags := plan.LoadFile(name, data, planFile)
	syntax := slices.DeleteFunc(plan.Structural(diags), func(d plan.Diagnostic) bool { return d.Rule != plan.RuleSyntax })
	if len(syntax) > 0 {
		return invalid(syntax, withHint(fmt.Errorf("cannot lay out %s until the YAML error above is fixed", name), "nothing was written"))
	}
	return withHint(fmt.Errorf("cannot lay out %s: %w", name, err), "nothing was written")
}

// fmtStdin lays out standard input onto standard output.
func (g *globalOptions) fmtStdin() error {
	data, err := io.ReadAll(io.LimitReader(g.deps.io.In, fmtLimit+1))
	if err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	if len(data) > fmtLimit {
		return withHint(fmt.Errorf("standard input is more than %d MB; plan fmt lays out files of up to %d MB, so nothing was written", fmtLimit>>20, fmtLimit>>20),
			"split the file into smaller priority files")
	}
	planFile := plan.LooksLikePlanFile(data)
	out, err := edit.Format(data, planFile)
	if err != nil {
		return g.fmtRefusal("standard input", data, planFile, err)
	}
	_, err = g.deps.io.RawOut().Write(out) // the file as laid out, byte for byte
	return err
}
