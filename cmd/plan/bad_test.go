package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
)

// The bad-input corpus: testdata/bad/CASE/ is a plan directory with one
// kind of hostile or broken input, CASE/CASE says what, and
// CASE/check.golden is what 'plan check' answers: its exit code, standard
// output and standard error. Inputs too large to keep in git, or that git
// cannot hold, are made by the builders below in a copy of the directory.
var badBuilders = map[string]func(t *testing.T, dir string){
	"huge-file": func(t *testing.T, dir string) {
		// 10 MB of valid YAML, within the plan's total but over the limit on
		// one file: a priority padded with comment lines.
		writeLines(t, filepath.Join(dir, "priorities", "huge.yaml"), "id: WF9\ntheme: WF\ntitle: Huge\nowner: hr-lead\n", 10<<20/50, func(w *bufio.Writer, i int) {
			fmt.Fprintf(w, "# %047d\n", i)
		})
	},
	"many-actions": func(t *testing.T, dir string) {
		writeLines(t, filepath.Join(dir, "priorities", "02.yaml"), "id: WF2\ntheme: WF\ntitle: Many actions\nowner: hr-lead\nactions:\n", 45_000, func(w *bufio.Writer, i int) {
			fmt.Fprintf(w, "  - id: WF2.%d\n    title: Action %d\n    due: 2027-03-31\n    status: done\n", i+1, i+1)
		})
	},
	"deep-nesting": func(t *testing.T, dir string) {
		data := "id: WF2\ntheme: WF\ntitle: Deep\nowner: hr-lead\nnotes: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n"
		writeFile(t, filepath.Join(dir, "priorities", "02.yaml"), data)
	},
	"too-many-files": func(t *testing.T, dir string) {
		for i := 2; i <= 5000; i++ {
			writeFile(t, filepath.Join(dir, "priorities", "many", fmt.Sprintf("%04d.yaml", i)), fmt.Sprintf("id: WF%d\ntheme: WF\ntitle: Priority %d\nowner: hr-lead\n", i, i))
		}
	},
	"symlink-outside": func(t *testing.T, dir string) {
		writeFile(t, filepath.Join(dir, "..", "outside.yaml"), "id: SECRET\ntheme: WF\ntitle: Not part of the plan\nowner: hr-lead\n")
		symlink(t, "../../outside.yaml", filepath.Join(dir, "priorities", "02.yaml"))
		symlink(t, "../..", filepath.Join(dir, "priorities", "shared"))
	},
	"symlink-inside": func(t *testing.T, dir string) {
		symlink(t, "01.yaml", filepath.Join(dir, "priorities", "02.yaml"))
	},
	"plan-yaml-symlink": func(t *testing.T, dir string) {
		data, err := os.ReadFile(filepath.Join(dir, "plan.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "..", "elsewhere", "plan.yaml"), string(data))
		if err := os.Remove(filepath.Join(dir, "plan.yaml")); err != nil {
			t.Fatal(err)
		}
		symlink(t, "../elsewhere/plan.yaml", filepath.Join(dir, "plan.yaml"))
	},
	"fifo": func(t *testing.T, dir string) {
		mkfifo(t, filepath.Join(dir, "priorities", "02.yaml"))
	},
	"not-utf8-name": func(t *testing.T, dir string) {
		writeFile(t, filepath.Join(dir, "priorities", "02-caf\xe9.yaml"), "id: WF2\ntheme: WF\ntitle: Latin-1 name\nowner: hr-lead\n")
	},
	"control-characters-in-names": func(t *testing.T, dir string) {
		name := "02-\x1b[2J\x1b]52;c;aGk=\a\r\n::error file=forged.yaml::forged\u202e.yaml"
		writeFile(t, filepath.Join(dir, "priorities", "\x1b[1mdrafts\n", name),
			"id: WF2\ntheme: WF\ntitle: Hostile names\nowner: hr-lead\nactions:\n  - id: WF2.1\n    title: Undated\n    status: planned\n    rag: green\n")
	},
	"many-bad-references": func(t *testing.T, dir string) {
		// 2,000 owners with long ids, and 200 actions each naming one
		// with a typo: a did-you-mean for each used to compare it in full
		// with every owner (minutes); it is bounded now.
		owner := func(i int) string { return fmt.Sprintf("owner-%04d-%s", i, strings.Repeat("x", 48)) }
		var b strings.Builder
		b.WriteString("title: Many owners\norganisation: Example Borough Council\nthemes:\n  - {id: WF, title: Workforce}\nowners:\n  - {id: hr-lead, name: Lead}\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "  - {id: %s, name: Owner %d}\n", owner(i), i)
		}
		writeFile(t, filepath.Join(dir, "plan.yaml"), b.String())
		b.Reset()
		b.WriteString("id: WF1\ntheme: WF\ntitle: Recruitment\nowner: hr-lead\nactions:\n")
		for i := range 200 {
			typo := strings.Replace(owner(i*10), "owner", "ownre", 1)
			fmt.Fprintf(&b, "  - {id: WF1.%d, title: Action %d, owner: %s, due: 2027-03-31, status: planned, rag: green}\n", i+1, i+1, typo)
		}
		writeFile(t, filepath.Join(dir, "priorities", "01.yaml"), b.String())
	},
	"backslash-name": func(t *testing.T, dir string) {
		writeFile(t, filepath.Join(dir, "priorities", `02\workforce.yaml`), "id: WF2\ntheme: WF\ntitle: A name with a backslash, as git on Linux allows\nowner: hr-lead\n")
	},
}

// badCase copies testdata/bad/name into a temporary directory, as
// dir/plan, and builds what the case's builder adds.
func badCase(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "plan")
	if err := copyDir(filepath.Join("..", "..", "testdata", "bad", name), dir); err != nil {
		t.Fatal(err)
	}
	for _, meta := range []string{"CASE", "COMMANDS"} {
		if err := os.Remove(filepath.Join(dir, meta)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	for _, g := range goldens {
		if err := os.Remove(g); err != nil {
			t.Fatal(err)
		}
	}
	if build := badBuilders[name]; build != nil {
		build(t, dir)
	}
	return dir
}

// badCases lists the corpus.
func badCases(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) < 20 {
		t.Fatalf("the bad-input corpus has %d cases; it has lost some", len(names))
	}
	for name := range badBuilders {
		if _, err := os.Stat(filepath.Join("..", "..", "testdata", "bad", name, "CASE")); err != nil {
			t.Errorf("builder %s has no case directory: %v", name, err)
		}
	}
	return names
}

// runIn runs plan with args in dir, as of the corpus's date, and returns
// the exit code and output with dir written as $PLAN.
func runIn(dir string, args ...string) (int, string, string) {
	d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	d.getwd = func() (string, error) { return dir, nil }
	code := run(context.Background(), args, d)
	clean := func(s string) string { return strings.ReplaceAll(s, dir, "$PLAN") }
	return code, clean(out.String()), clean(errOut.String())
}

// TestBadInputs: plan check answers every case in the corpus with the
// findings (or error) its golden file holds: never a crash, never a hang,
// and a file and line for each problem.
func TestBadInputs(t *testing.T) {
	t.Parallel()
	for _, name := range badCases(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := badCase(t, name)
			code, stdout, stderr := runIn(dir, "check")
			got := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout, stderr)
			golden(t, filepath.Join("..", "..", "testdata", "bad", name, "check.golden"), got)
			noControl(t, "plan check", stdout, stderr)
			if code != exitError {
				for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
					if line != "" && !strings.HasPrefix(line, "plan.yaml:") && !strings.HasPrefix(line, "priorities/") {
						t.Errorf("a finding that names no file: %q", line)
					}
				}
			}
			// More commands, in order, in the same directory: COMMANDS
			// holds "NAME: ARGS" lines (_ for a space in an argument),
			// NAME.golden what each answers.
			for _, c := range caseCommands(t, name) {
				if c.args[0] == "textconv" {
					c.args[1] = filepath.Join(dir, c.args[1])
				}
				code, stdout, stderr := runIn(dir, c.args...)
				got := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout, stderr)
				golden(t, filepath.Join("..", "..", "testdata", "bad", name, c.name+".golden"), got)
				noControl(t, "plan "+strings.Join(c.args, " "), stdout, stderr)
			}
		})
	}
}

// caseCommand is a command a case's COMMANDS file names.
type caseCommand struct {
	name string
	args []string
}

// caseCommands reads a case's COMMANDS file, if it has one.
func caseCommands(t *testing.T, name string) []caseCommand {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", name, "COMMANDS"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []caseCommand
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		n, args, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("%s/COMMANDS: %q is not NAME: ARGS", name, line)
		}
		c := caseCommand{name: n, args: strings.Fields(args)}
		for i := range c.args {
			c.args[i] = strings.ReplaceAll(c.args[i], "_", " ")
		}
		out = append(out, c)
	}
	return out
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeLines writes head and then n lines made by line, buffered.
func writeLines(t *testing.T, name, head string, n int, line func(w *bufio.Writer, i int)) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, _ = w.WriteString(head) // an error is kept for Flush, checked below
	for i := range n {
		line(w, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// golden compares got with the file name holds, or with -update writes it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/plan -run TestBadInputs -update makes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./cmd/plan -run TestBadInputs -update rewrites it):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// The commands the exit-code contract is tested for, on the work tree,
// with arguments that name items of the corpus's plan. Each class of input
// has its expected codes: a clean plan, a plan with structural findings,
// and a plan that cannot be read at all.
//
// The two cases that are large on purpose (many-actions, huge-file) run
// the commands marked large, to keep the test quick: check for the
// reports (every report reads the plan as check does), fmt, one edit and
// textconv.
var contract = []struct {
	args                          string
	clean, structural, unreadable []int
	edits, large                  bool
}{
	{"check", []int{0}, []int{1}, []int{2}, false, true},
	{"status", []int{0}, []int{2}, []int{2}, false, false},
	{"overdue", []int{0}, []int{2}, []int{2}, false, false},
	{"kpis", []int{0}, []int{2}, []int{2}, false, false},
	{"exceptions", []int{0}, []int{2}, []int{2}, false, false},
	{"glossary", []int{0}, []int{2}, []int{2}, false, false},
	{"trace", []int{0}, []int{2}, []int{2}, false, false},
	{"card WF1", []int{0}, []int{2}, []int{2}, false, false},
	{"report", []int{0}, []int{2}, []int{2}, false, false},
	{"fmt --check", []int{0, 1, 2}, []int{0, 1, 2}, []int{2}, false, true},
	{"rate WF1.1 red --note Recruitment_paused", []int{0}, []int{0, 2}, []int{2}, true, true},
	{"set WF1.1 due 2027-02-28", []int{0}, []int{0, 2}, []int{2}, true, false},
	{"done WF1.2", []int{0}, []int{0, 2}, []int{2}, true, false},
	{"record WF1.K1 2026-10-31 30", []int{0}, []int{0, 2}, []int{2}, true, false},
	{"add action WF1 --title Review_caseloads --due 2027-01-31", []int{0}, []int{0, 2}, []int{2}, true, false},
	{"textconv priorities/01.yaml", []int{0}, []int{0}, []int{0}, false, true},
}

// TestExitCodeContract runs every command against every case of the
// corpus: each exits 0, 1 or 2 as its class of input says, never crashes,
// prints an error once (starting "plan: ") when it exits 2, and an edit
// that refuses leaves every file as it was.
func TestExitCodeContract(t *testing.T) {
	t.Parallel()
	for _, name := range badCases(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			class := inputClass(t, name)
			dir := badCase(t, name)
			for _, c := range contract {
				if (name == "many-actions" || name == "huge-file") && !c.large {
					continue
				}
				allowed := map[string][]int{"0": c.clean, "1": c.structural, "2": c.unreadable}[class]
				var before map[string][32]byte
				if c.edits || strings.HasPrefix(c.args, "fmt") {
					before = snapshot(t, dir)
				}
				args := strings.Fields(c.args)
				for i := range args {
					args[i] = strings.ReplaceAll(args[i], "_", " ")
				}
				if args[0] == "textconv" {
					args[1] = filepath.Join(dir, args[1])
				}
				code, stdout, stderr := runIn(dir, args...)
				if !slices.Contains(allowed, code) {
					t.Errorf("plan %s: exit %d, want one of %v for this class of input\n%s", c.args, code, allowed, stderr)
				}
				if args[0] != "textconv" { // which prints a file that is not a plan file as it is
					noControl(t, "plan "+c.args, stdout, stderr)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
					t.Errorf("plan %s crashed:\n%s", c.args, stderr)
				}
				if code == exitError && strings.Count(stderr, "\nplan: ")+btoi(strings.HasPrefix(stderr, "plan: ")) != 1 {
					t.Errorf("plan %s: exit 2 without one error line:\n%s", c.args, stderr)
				}
				if before == nil {
					continue
				}
				after := snapshot(t, dir)
				switch {
				case !c.edits && !maps.Equal(before, after):
					t.Errorf("plan %s changed files", c.args)
				case c.edits && code != exitOK && !maps.Equal(before, after):
					t.Errorf("plan %s refused (exit %d) but changed files", c.args, code)
				case c.edits && code == exitOK && class == "0":
					if got, out, _ := runIn(dir, "check", "--fail-on", "structural"); got != exitOK {
						t.Errorf("plan %s made a valid plan invalid:\n%s", c.args, out)
					}
				}
			}
		})
	}
}

// historyBuilders make a case's history instead of the one commit of the
// case as it stands.
var historyBuilders = map[string]func(t *testing.T, g *gittest.Repo, dir string){
	"long-history": func(t *testing.T, g *gittest.Repo, dir string) {
		// A 0.7 MB priority file and 100 commits, each changing one line:
		// the stale rule and log used to parse and keep every version of
		// every changed file (35 s and 1.2 GB for 200 such commits).
		var b strings.Builder
		b.WriteString("id: WF2\ntheme: WF\ntitle: Many actions\nowner: hr-lead\nactions:\n")
		const n = 8_000
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  - id: WF2.%d\n    title: Action %d\n    due: 2027-03-31\n    status: in-progress\n    rag: green\n    note: Started.\n", i, i)
		}
		file := b.String()
		day := fixedNow.AddDate(0, 0, -110) // the last commit before the corpus's as-of date
		g.Commit(day, "the case", map[string]string{"priorities/02.yaml": file})
		var reviews []gittest.Change // made at once: git fast-import, not 300 git commands
		for c := 1; c <= 100; c++ {
			id := 1 + (c*37)%n
			file = strings.Replace(file, fmt.Sprintf("  - id: WF2.%d\n    title: Action %d\n    due: 2027-03-31\n    status: in-progress\n    rag: green\n    note: Started.", id, id),
				fmt.Sprintf("  - id: WF2.%d\n    title: Action %d\n    due: 2027-03-31\n    status: in-progress\n    rag: green\n    note: Reviewed %d.", id, id, c), 1)
			reviews = append(reviews, gittest.Change{Date: day.AddDate(0, 0, c), Message: fmt.Sprintf("review %d", c), Files: map[string]string{"priorities/02.yaml": file}})
		}
		g.Commits(reviews)
	},
}

// historyBudget is how long any history command may take on any case: the
// long ones take about a second.
const historyBudget = 30 * time.Second

// historyContract is the contract for the commands that read the plan's
// history, run once the case is committed to git: the same classes, the
// same codes.
var historyContract = []struct {
	args                          string
	clean, structural, unreadable []int
}{
	{"diff", []int{0}, []int{0}, []int{2}},
	{"diff HEAD HEAD", []int{0}, []int{0}, []int{2}},
	{"log WF1.1", []int{0}, []int{0, 2}, []int{0, 2}},
	{"status --rev HEAD", []int{0}, []int{2}, []int{2}},
	{"check --rev HEAD --stale-after off", []int{0}, []int{1}, []int{2}},
	{"check", []int{0}, []int{1}, []int{2}},               // with the stale rule, which walks the history
	{"log WF2.38", []int{0, 2}, []int{0, 2}, []int{0, 2}}, // an item long-history changes; no such item elsewhere
}

// TestHistoryExitCodeContract commits each small case of the corpus to a
// repository of its own and runs the history commands against it.
func TestHistoryExitCodeContract(t *testing.T) {
	t.Parallel()
	for _, name := range badCases(t) {
		switch name {
		case "fifo", "many-actions", "huge-file", "too-many-files":
			continue // git cannot hold a pipe; the large cases are read as from the work tree
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			class := inputClass(t, name)
			dir := badCase(t, name)
			g := gittest.NewAt(t, dir)
			if build := historyBuilders[name]; build != nil {
				build(t, g, dir)
			} else {
				g.Commit(fixedNow, "the case", nil)
			}
			for _, c := range historyContract {
				allowed := map[string][]int{"0": c.clean, "1": c.structural, "2": c.unreadable}[class]
				start := time.Now()
				code, stdout, stderr := runIn(dir, strings.Fields(c.args)...)
				if d := time.Since(start); d > historyBudget {
					t.Errorf("plan %s took %v", c.args, d.Round(time.Second))
				}
				noControl(t, "plan "+c.args, stdout, stderr)
				if !slices.Contains(allowed, code) {
					t.Errorf("plan %s: exit %d, want one of %v for this class of input\n%s", c.args, code, allowed, stderr)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
					t.Errorf("plan %s crashed:\n%s", c.args, stderr)
				}
			}
		})
	}
}

// inputClass is the class of input a case is, by the exit code of plan
// check in its golden file: "0" a clean plan, "1" one with structural
// findings, "2" one that cannot be read.
func inputClass(t *testing.T, name string) string {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", name, "check.golden"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(strings.SplitN(string(want), "\n", 2)[0], "exit ")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// snapshot maps each regular file below dir to a hash of its contents.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
