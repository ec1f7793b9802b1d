// Command plan reads improvement plans kept as YAML files in git and
// reports on them: RAG status, overdue actions, and a check for CI.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
	_ "time/tzdata" // "today" is a UK date whatever the machine's zone

	"github.com/plan-tool/plan/pkg/iostreams"
)

func main() {
	// plan is a short-lived process whose garbage is mostly YAML parse
	// trees dropped as soon as each file is read: collecting half as often
	// as Go's default saves a sixth of the time of reading a large
	// portfolio, for about a fifth more peak memory (see BENCHMARKS.md). GOGC,
	// when set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// Past memLimit the collector runs as often as it must to stay under
	// it, so a plan at its size limits is read in a few hundred MB on a
	// shared CI runner rather than three times its live data. GOMEMLIMIT,
	// when set, still decides.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memLimit)
	}
	os.Exit(Main())
}

// gcPercent is plan's default for GOGC.
const gcPercent = 200

// memLimit is plan's default for GOMEMLIMIT: a soft limit on the heap.
const memLimit = 256 << 20

// Main runs plan with the process's arguments, environment and streams and
// returns the exit code.
//
// Ctrl-C (SIGINT) or SIGTERM cancels the run: git is killed, a walk through
// history stops, an edit not yet made is not made, and nothing more is
// written; run exits with exitInterrupted. Once cancelled, plan lets the
// signals go, so a second Ctrl-C ends it at once.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	return run(ctx, os.Args[1:], &deps{
		io:        iostreams.System(os.Getenv),
		now:       time.Now,
		getenv:    os.Getenv,
		getwd:     os.Getwd,
		buildInfo: debug.ReadBuildInfo,
		stamp:     released(),
	})
}
