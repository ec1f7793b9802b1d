package plangen

import (
	"flag"
	"fmt"
	"io"
)

// Main runs plangen with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "history" {
		fmt.Fprintln(stderr, "usage: plangen history [-weeks N] [-seed N] [-from DIR] DIR")
		return 2
	}
	fs := flag.NewFlagSet("plangen history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	weeks := fs.Int("weeks", 52, "weekly commits after the first")
	seed := fs.Uint64("seed", 1, "seed of the edits")
	from := fs.String("from", "testdata/bradford", "the plan to start from")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: plangen history [-weeks N] [-seed N] [-from DIR] DIR")
		return 2
	}
	g := History{From: *from, Dir: fs.Arg(0), Weeks: *weeks, Seed: *seed}
	if err := g.Generate(); err != nil {
		fmt.Fprintf(stderr, "plangen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "plangen: %s: %d commits\n", g.Dir, g.Commits)
	return 0
}
