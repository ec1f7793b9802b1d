package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADME runs every "$ plan ..." command in the README's console blocks
// and checks that the output shown is what the command prints (stdout,
// then stderr). With -update it rewrites the blocks instead.
func TestREADME(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
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
		run(strings.Fields(strings.TrimPrefix(command, "$ plan ")), d)
		printed := strings.TrimSuffix(stdout.String()+stderr.String(), "\n")
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
		if err := os.WriteFile("README.md", []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
