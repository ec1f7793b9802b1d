package plangen

import (
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  plangen plan [-actions N] [-kpis N] [-seed N] DIR
  plangen portfolio [-plans N] [-actions N] [-kpis N] [-seed N] DIR
  plangen history [-weeks N] [-seed N] [-from DIR | -actions N [-kpis N]] DIR`

// Main runs plangen with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	fs := flag.NewFlagSet("plangen "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same bytes")
	var actions, kpis, plans, weeks *int
	var from *string
	switch args[0] {
	case "plan", "portfolio":
		actions = fs.Int("actions", DefaultActions, "actions per plan")
		kpis = fs.Int("kpis", DefaultKPIs, "KPIs per plan")
		if args[0] == "portfolio" {
			plans = fs.Int("plans", 150, "plans in the portfolio")
		}
	case "history":
		weeks = fs.Int("weeks", 52, "weekly commits after the first")
		from = fs.String("from", "testdata/bradford", "the plan to start from")
		actions = fs.Int("actions", 0, "start from a synthetic plan of `N` actions instead of -from")
		kpis = fs.Int("kpis", DefaultKPIs, "KPIs of the synthetic plan")
	default:
		fmt.Fprintln(stderr, usage)
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	dir := fs.Arg(0)
	if err := emptyDir(dir); err != nil {
		fmt.Fprintf(stderr, "plangen: %v\n", err)
		return 1
	}
	switch args[0] {
	case "plan":
		files := Plan{Seed: *seed, Actions: *actions, KPIs: *kpis}.Files()
		if err := WriteFiles(dir, files); err != nil {
			fmt.Fprintf(stderr, "plangen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "plangen: %s: one plan, %d actions, %d KPIs, %s\n", dir, *actions, *kpis, size(files))
	case "portfolio":
		files := Portfolio{Plans: *plans, Actions: *actions, KPIs: *kpis, Seed: *seed}.Files()
		if err := WriteFiles(dir, files); err != nil {
			fmt.Fprintf(stderr, "plangen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "plangen: %s: %d plans, %d actions, %d KPIs, %s\n", dir, *plans, *plans**actions, *plans**kpis, size(files))
	case "history":
		g := History{From: *from, Dir: dir, Weeks: *weeks, Seed: *seed}
		if *actions > 0 {
			g.Files = Plan{Seed: *seed, Actions: *actions, KPIs: *kpis}.Files()
		}
		if err := g.Generate(); err != nil {
			fmt.Fprintf(stderr, "plangen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "plangen: %s: %d commits\n", g.Dir, g.Commits)
	}
	return 0
}

// emptyDir makes sure dir is absent or an empty directory.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

func size(files map[string][]byte) string {
	n := 0
	for _, d := range files {
		n += len(d)
	}
	return fmt.Sprintf("%d files, %.1f MB", len(files), float64(n)/1e6)
}
