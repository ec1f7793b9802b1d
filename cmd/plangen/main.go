// Command plangen generates plans and plan histories for tests, benchmarks
// and demonstrations (package plangen). The same arguments always give the
// same bytes, and the same git object ids.
//
//	plangen history [-weeks N] [-seed N] [-from DIR] DIR
//
// makes DIR a git repository holding the plan in -from (default
// testdata/bradford) and a year of weekly commits of the edits analysts
// make: re-ratings with notes, slipped dates (some re-baselined with
// approval), actions done, KPI actuals each quarter, an action moved, a file
// renamed, a new action; with snapshots for the Improvement Board every
// four weeks, the DfE advisor every six and Ofsted every thirteen.
package main

import (
	"os"

	"github.com/plan-tool/plan/internal/plangen"
)

func main() {
	os.Exit(plangen.Main(os.Args[1:], os.Stdout, os.Stderr))
}
