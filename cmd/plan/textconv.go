package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type textconvOptions struct {
	*globalOptions
	file string
}

// newTextconvCmd builds the textconv command, git's diff driver for plan
// files. runF, when not nil, replaces runTextconv, so tests can see the
// parsed options.
func newTextconvCmd(g *globalOptions, runF func(*textconvOptions) error) *cobra.Command {
	o := &textconvOptions{globalOptions: g}
	if runF == nil {
		runF = runTextconv
	}
	return &cobra.Command{
		Use:   "textconv FILE",
		Short: "Print a plan file as one line per fact, for git diff",
		Long: `Print a plan file as one line per fact ("P8.1 rag: amber", "P8.1 due:
2026-03-31", "P8.K1 actual 2026-06-30: 38"), so that git diff and git log -p
show the facts that changed instead of YAML indentation. Set it up once per
clone:

  git config diff.plan.textconv "plan textconv"

with a .gitattributes file in the plan directory holding:

  *.yaml diff=plan

A file that cannot be read as a plan file is printed as it is: a diff
driver must never stop git diff.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.file = args[0]
			return runF(o)
		},
	}
}

func runTextconv(o *textconvOptions) error {
	io, name := o.deps.io, o.file
	data, err := readTextconvInput(name)
	if err != nil {
		// git diff must go on: say why on stderr and show nothing.
		fmt.Fprintf(io.ErrOut, "plan textconv: %s\n", textsafe.Visible(err.Error()))
		return nil
	}
	return textconv(io.RawOut(), name, data) // git reads it, byte for byte
}

// readTextconvInput reads the file git hands textconv, within the size
// limit of plan files.
func readTextconvInput(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if fi.Size() > plan.DefaultLimits.FileBytes {
		return nil, fmt.Errorf("%s is %d MB, larger than a plan file may be; not shown", name, fi.Size()>>20)
	}
	return os.ReadFile(name)
}

// textconv writes data, the contents of the file name, as one line per
// fact when it is a plan file, else as it is.
func textconv(w io.Writer, name string, data []byte) error {
	planFile := plan.LooksLikePlanFile(data)
	p, diags := plan.LoadFile(name, data, planFile)
	for _, d := range diags {
		if d.Rule == plan.RuleSyntax || d.Rule == plan.RuleLimit {
			_, err := w.Write(data) // not YAML git can be shown as facts
			return err
		}
	}
	if !planFile && (len(p.Priorities) == 0 || p.Priorities[0].ID == "") {
		_, err := w.Write(data) // YAML, but not a plan file: a CI workflow, say
		return err
	}
	return render.Textconv(w, p)
}
