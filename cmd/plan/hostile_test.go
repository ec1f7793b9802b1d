package main

import (
	"archive/zip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/internal/textsafe"
)

// evil is text that acts on a terminal or a CI log when printed as it is:
// it clears the screen, writes the clipboard (OSC 52), rings the bell,
// moves back over what came before, starts a line that GitHub Actions
// reads as a workflow command, and reverses what follows it.
const evil = "\x1b[2J\x1b]52;c;aGk=\a\r\b\x9b31m\x1b[8m\u2028\n::error file=forged.yaml,line=1::forged\n::add-mask::x\u202e"

// forged is plan text (which may hold no control character) that would
// be a GitHub workflow command at the start of a line of a job's log.
const forged = "::error file=plan.yaml,line=1::forged"

// TestNoControlCharacterOut: text from git (authors, subjects, tag
// messages, taggers), file and directory names, and command-line
// arguments echoed in errors may hold anything; whatever they hold, no
// command writes a control character (or a line separator, or a bidi
// override) to stdout or stderr, and each finding is one line.
func TestNoControlCharacterOut(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "plans", "bury"+evil)
	if err := copyDir(filepath.Join("..", "..", "testdata", "bury"), dir); err != nil {
		t.Fatal(err)
	}
	// Plan text that begins with "::": the plan's title, which begins the
	// reports, and a glossary term, which begins a row of plan glossary.
	planYAML, err := os.ReadFile(filepath.Join(dir, "plan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	planYAML = []byte(strings.Replace(string(planYAML), "title: ", "title: \""+forged+" ", 1))
	planYAML = []byte(strings.Replace(string(planYAML), "\nglossary:\n", "\nglossary:\n  \"::add-mask::secret\": A forged command\n", 1))
	planYAML = []byte(strings.Replace(string(planYAML), "title: \""+forged+" Let's Do It for Children Improvement Plan 2026-27\n", "title: \""+forged+" Let's Do It for Children Improvement Plan 2026-27\"\n", 1))
	if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), planYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	g := gittest.NewAt(t, dir)
	g.CommitAs("Eve"+evil, time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC), "Import"+evil, map[string]string{
		// A priority file whose name is hostile, holding an overdue action:
		// its findings name the file. (A name that is not UTF-8 is
		// refused: testdata/bad/not-utf8-name.)
		"priorities/09-" + strings.NewReplacer("/", "", "\x00", "", "\x9b", "").Replace(evil) + ".yaml": "id: EV1\ntheme: WF\ntitle: Evil\nowner: hr-lead\nactions:\n  - id: EV1.1\n    title: \"Late \\uFFFE \\uFFFF ]]> <w:t>&amp; &\"\n    due: 2026-01-31\n    status: planned\n    rag: green\n",
	})
	g.GitEnv([]string{"GIT_COMMITTER_NAME=Mallory" + evil, "GIT_COMMITTER_DATE=2026-10-15T12:00:00Z"},
		"tag", "-a", "plan/board/2026-10-15", "-m", "Board"+evil)
	rated, err := os.ReadFile(filepath.Join(dir, "priorities", "01-governance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g.CommitAs("Eve"+evil, time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC), "Re-rate"+evil, map[string]string{
		"priorities/01-governance.yaml": strings.Replace(string(rated), "rag: amber", "rag: red", 1),
	})

	commands := []string{
		"status", "status -o markdown", "status -o csv", "status -o json", "status --by owner",
		"overdue", "overdue -o markdown", "overdue -o csv", "overdue -o json",
		"check", "check -o json", "check -o github", "check -o junit", "check -o sarif",
		"kpis", "kpis -o markdown", "kpis -o csv", "kpis -o json",
		"trace", "trace -o markdown", "trace -o csv", "trace -o json",
		"exceptions --since board", "exceptions --since board -o markdown", "exceptions --since board -o json",
		"glossary", "card LM1 --since board", "card LM1 --since board -o markdown", "card LM1 --since board -o json",
		"report -o markdown", "report",
		"log LM1.1", "log LM1.1 -o markdown", "log LM1.1 -o json", "log EV1.1",
		"diff HEAD~1 HEAD", "diff board HEAD -o markdown", "diff HEAD~1 HEAD -o json",
		"snapshot --list", "snapshot --list -o json",
		"status --rev board", "check --rev HEAD~1",
		"export - --sheet actions", "export - --sheet kpis", "export - --sheet findings",
	}
	for _, c := range commands {
		_, stdout, stderr := runIn(dir, strings.Fields(c)...)
		if strings.Contains(stderr, "unknown flag") || strings.Contains(stderr, "invalid argument") {
			t.Errorf("plan %s: %s", c, stderr)
		}
		noControl(t, "plan "+c, stdout, stderr)
	}

	// Several plans: the directory names are shown, one of them a
	// workflow command.
	if err := copyDir(filepath.Join("..", "..", "testdata", "bury"), filepath.Join(root, "plans", "::warning file=x.yaml::forged")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"status --portfolio", "check --portfolio", "overdue --portfolio", "kpis --portfolio", "exceptions --portfolio"} {
		_, stdout, stderr := runIn(root, append(strings.Fields(c), filepath.Join(root, "plans"))...)
		noControl(t, "plan "+c, stdout, stderr)
	}

	// Every finding is one line: as many lines as the JSON has findings.
	_, out, _ := runIn(dir, "check", "-o", "json")
	var findings struct{ Findings []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	_, text, _ := runIn(dir, "check")
	if got, want := strings.Count(text, "\n"), len(findings.Findings); got != want || want == 0 {
		t.Errorf("plan check wrote %d lines for %d findings:\n%s", got, want, text)
	}
	_, gh, _ := runIn(dir, "check", "-o", "github")
	for _, line := range strings.Split(strings.TrimSpace(gh), "\n") {
		if !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") && !strings.HasPrefix(line, "::notice file=") {
			t.Errorf("a line of plan check -o github that is not an annotation: %q", line)
		}
	}

	// The binary formats hold only what XML allows, every part well formed.
	for _, args := range [][]string{{"export", filepath.Join(root, "register.xlsx")}, {"report", "-o", "docx", "--out", filepath.Join(root, "pack.docx")}} {
		if code, _, stderr := runIn(dir, args...); code != exitOK {
			t.Fatalf("plan %q: exit %d: %s", args, code, stderr)
		}
		wellFormedZip(t, args[len(args)-1])
	}
	if _, err := os.Stat(filepath.Join(root, "register.xlsx")); err != nil {
		t.Fatal(err)
	}

	// Arguments echoed in errors.
	for _, args := range [][]string{{"status", "-C", filepath.Join(root, "missing"+evil)}, {"log", "X" + evil}, {"diff", "nope" + evil}, {"card", evil},
		{"textconv", "nope" + evil + ".yaml"}, {"init", filepath.Join(root, "new"+evil)}, {"report", "--out", filepath.Join(root, "pack"+evil+".html")},
		{"rate", "X" + evil, "red"}, {"set", "LM1.1", "note", "x" + evil}, {"record", "LM1.K1", "2026-10-31" + evil, "3"}, {"overdue", "--owner", evil},
		{"status", "--theme", evil}, {"check", "--fail-on", evil}, {"status", "--as-of", evil}, {"log", "LM1.1", "--since", evil}} {
		_, stdout, stderr := runIn(dir, args...)
		noControl(t, fmt.Sprintf("plan %q", args), stdout, stderr)
	}
}

// wellFormedZip fails unless every .xml and .rels part of the zip file
// (an .xlsx or .docx) is well-formed XML.
func wellFormedZip(t *testing.T, name string) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %s is not well-formed XML: %v", filepath.Base(name), f.Name, err)
				break
			}
		}
		_ = rc.Close()
	}
}

// noControl fails when out or errOut hold a character that is not safe
// to print, other than the line feeds between lines, or a line that GitHub
// Actions would read as a workflow command (check -o github writes them on
// purpose: its lines are checked apart).
func noControl(t *testing.T, what, stdout, stderr string) {
	t.Helper()
	for name, s := range map[string]string{"stdout": stdout, "stderr": stderr} {
		for i, line := range strings.Split(s, "\n") {
			if j, r := textsafe.First(line); j >= 0 {
				t.Errorf("%s: %s line %d holds %s: %q", what, name, i+1, textsafe.Name(r), line)
				break
			}
			if strings.HasPrefix(line, "::") && !strings.Contains(what, "-o github") {
				t.Errorf("%s: %s line %d is a workflow command: %q", what, name, i+1, line)
				break
			}
		}
	}
}
