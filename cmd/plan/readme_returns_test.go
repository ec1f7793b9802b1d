package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var returnsBlock = regexp.MustCompile("(?s)(<!-- returns sample: [^\n]*-->\n```text\n)(.*?)```")

// TestREADMEReturns: the README's monthly return cycle prints what the
// README shows, run on a copy of the Bradford example in git, with the
// owner's workbook filled in between plan returns and plan returns apply
// as the README says they fill it.
func TestREADMEReturns(t *testing.T) {
	readme := readmeText(t)
	m := returnsBlock.FindStringSubmatchIndex(readme)
	if m == nil {
		t.Fatal("README.md has no monthly returns example")
	}
	readmePath, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	repo := bradfordRepo(t)
	t.Chdir(repo.Dir)
	var got strings.Builder
	for _, line := range strings.Split(readme[m[4]:m[5]], "\n") {
		command, ok := strings.CutPrefix(line, "$ plan ")
		if !ok {
			continue
		}
		if strings.HasPrefix(command, "returns apply ") {
			// What the README says the owner typed.
			fill(t, strings.Fields(command)[2], map[string]map[string]map[string]any{"Actions": {
				"P1.5":  {"H": "red", "L": "Two auditors off sick: 30 of 40 audits done"},
				"P1.11": {"L": "No change"},
				"P3.6":  {"J": time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), "K": "Waiting for the new case system"},
				"P2.5":  {"H": "Purple"},
			}})
		}
		d, stdout, stderr := testDeps(nil, fixedNow)
		d.getwd = func() (string, error) { return repo.Dir, nil }
		run(context.Background(), strings.Fields(command), d)
		got.WriteString(line + "\n" + stdout.String() + stderr.String())
	}
	if want := readme[m[4]:m[5]]; got.String() != want {
		if *update {
			if err := os.WriteFile(readmePath, []byte(readme[:m[4]]+got.String()+readme[m[5]:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md: the returns example differs (-update rewrites it):\ngot:\n%s\nwant:\n%s", got.String(), want)
	}
}
