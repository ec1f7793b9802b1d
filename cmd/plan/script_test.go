package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/internal/plangen"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script with the current output")

func TestMain(m *testing.M) {
	// The commands the tests run in this process collect garbage as the
	// binary does (see main), not at Go's default: in a CPU profile of this
	// package's tests the collector took a fifth of the time. No memory
	// limit here: the tests run side by side.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	testscript.Main(cleanupM{m}, map[string]func(){
		"plan": func() {
			// The scripts run plan as the binary is run: main's settings.
			if os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(memLimit)
			}
			os.Exit(Main())
		},
		"plangen": func() { os.Exit(plangen.Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"ontty":   func() { os.Exit(onTTY(os.Args[1:])) },
	})
}

// cleanupM removes the shared fixtures after the tests.
type cleanupM struct{ m *testing.M }

func (c cleanupM) Run() int {
	code := c.m.Run()
	removeFixtures()
	return code
}

// TestScripts runs the end-to-end tests in testdata/script: the real
// binary on real files, with exact output and exit codes.
func TestScripts(t *testing.T) {
	t.Parallel() // each script is a parallel subtest too; this lets the scripts run beside the other parallel tests
	examples, hist := fixtures(t)
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("EXAMPLES", filepath.Join(examples, "testdata")) // the example plans, committed in a repository of their own
			e.Setenv("HISTORY", hist)                                 // a repository with a year of weekly commits to a plan
			e.Setenv("TESTDATA", testdata)                            // this repository's testdata, read only
			e.Setenv("PLAN_AS_OF", "2026-11-24")
			home := filepath.Join(e.WorkDir, ".home")
			if err := os.Mkdir(home, 0o755); err != nil {
				return err
			}
			for _, kv := range gittest.Env(home) {
				if k, v, _ := strings.Cut(kv, "="); k != "PATH" {
					e.Setenv(k, v)
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":   cmdExits,
			"replace": cmdReplace,
			"fits":    cmdFits,
		},
	})
}

// cmdExits runs a program and asserts its exact exit code:
//
//	exits CODE PROGRAM [ARGS...]
//
// testscript's own "! exec" only says the code was not zero.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...] (no !)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdReplace edits a file in place, as an analyst would:
//
//	replace FILE OLD NEW
//
// It fails when OLD is not in FILE. \n in OLD and NEW stands for a newline.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %q is not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}

// cmdFits checks that every line of the last command's stdout is at most
// WIDTH cells wide on a terminal (wide characters take two, combining
// marks none), as a terminal that wide shows it without wrapping:
//
//	fits WIDTH
//
// "! fits WIDTH" checks that some line is wider.
func cmdFits(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: fits WIDTH")
	}
	width, err := strconv.Atoi(args[0])
	if err != nil || width <= 0 {
		ts.Fatalf("fits: bad width %q", args[0])
	}
	widest, at := 0, ""
	for _, line := range strings.Split(strings.TrimSuffix(ts.ReadFile("stdout"), "\n"), "\n") {
		if w := twwidth.Width(line); w > widest {
			widest, at = w, line
		}
	}
	switch {
	case !neg && widest > width:
		ts.Fatalf("a line of stdout is %d wide, more than %d:\n%s", widest, width, at)
	case neg && widest <= width:
		ts.Fatalf("no line of stdout is wider than %d (the widest is %d)", width, widest)
	}
}
