package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The floor imports what plan's main package imports, no more and no
// less, so that it links the same packages.
func TestSameImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH: cannot list the imports")
	}
	imports := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	plan, linked := imports("github.com/plan-tool/plan/cmd/plan"), imports(".")
	if !slices.Equal(plan, linked) {
		t.Errorf("scripts/bench/linked imports\n%s\nwant those of cmd/plan:\n%s\n(rewrite its import list from 'go list -f {{.Imports}} ./cmd/plan')", strings.Join(linked, " "), strings.Join(plan, " "))
	}
}
