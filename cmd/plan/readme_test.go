package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeHistory is where the README's examples put the history made with
// plangen.
const readmeHistory = "/tmp/plan-history"

// TestREADME runs every "$ plan ..." command in the README's console blocks
// and checks that the output shown is what the command prints (stdout,
// then stderr). With -update it rewrites the blocks instead.
func TestREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// Run the commands in a copy of testdata committed in a repository of
	// its own, not in this repository, whose history varies between clones;
	// /tmp/plan-history, which the README makes with plangen, is the
	// shared history fixture.
	examples, hist := fixtures(t)
	t.Chdir(examples)
	lines := strings.Split(string(data), "\n")
	var out []string
	blocks := 0
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if lines[i] != "```console" {
			continue
		}
		i++
		if i >= len(lines) || !strings.HasPrefix(lines[i], "$ plan ") {
			t.Fatalf("README.md:%d: a console block must start with \"$ plan \"", i+1)
		}
		command := lines[i]
		out = append(out, command)
		var shown []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			shown = append(shown, lines[i])
		}
		d, stdout, stderr := testDeps(nil, fixedNow)
		args := strings.Fields(strings.TrimPrefix(command, "$ plan "))
		for i, a := range args {
			args[i] = strings.ReplaceAll(a, readmeHistory, hist)
		}
		run(args, d)
		printed := strings.ReplaceAll(strings.TrimSuffix(stdout.String()+stderr.String(), "\n"), hist, readmeHistory)
		if *update {
			out = append(out, printed)
		} else if got, want := printed, strings.Join(shown, "\n"); got != want {
			t.Errorf("README.md: output of %q differs (go test ./cmd/plan -run TestREADME -update rewrites it):\ngot:\n%s\nwant:\n%s", command, got, want)
		}
		if i < len(lines) {
			out = append(out, lines[i])
		}
		blocks++
	}
	if blocks == 0 {
		t.Fatal("no console blocks found in README.md")
	}
	if *update {
		if err := os.WriteFile(readme, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
