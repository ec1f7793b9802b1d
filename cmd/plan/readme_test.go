package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/pkg/edit"
	"github.com/plan-tool/plan/plan"
)

// readmeHistory is where the README's examples put the history made with
// plangen.
const readmeHistory = "/tmp/plan-history"

// readmeAsOf is the date the README's examples are judged on.
var readmeAsOf = plan.NewDate(2026, time.November, 24)

func readmeText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// terminalComment, on the line before a console block, says that its
// command's output is shown as on a terminal that many columns wide.
var terminalComment = regexp.MustCompile(`^<!-- on a terminal (\d+) columns wide -->$`)

// runREADMECommand runs one "$ plan ..." line of the README, with the
// clock at now, in the shared fixtures (the caller has changed into the
// examples directory), and returns what it printed, stdout then stderr, as
// the README shows it. Stdout is piped, or, when width is not 0, a
// terminal that wide, without colour.
func runREADMECommand(command, hist string, now time.Time, width int) string {
	d, stdout, stderr := testDeps(nil, now)
	if width > 0 {
		d.io.SetOutTTY(true)
		d.io.SetNoColor(true)
		d.io.SetTerminalWidth(width)
	}
	args := strings.Fields(strings.TrimPrefix(command, "$ plan "))
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, readmeHistory, hist)
	}
	run(context.Background(), args, d)
	return strings.ReplaceAll(strings.TrimSuffix(stdout.String()+stderr.String(), "\n"), hist, readmeHistory)
}

// TestREADME runs every "$ plan ..." command in the README's console blocks
// and checks that the output shown is what the command prints (stdout,
// then stderr). With -update it rewrites the blocks instead. The output is
// piped, unless the line before the block is the comment
// "<!-- on a terminal N columns wide -->": then stdout is a terminal that
// wide, without colour, and no line shown may be wider.
func TestREADME(t *testing.T) {
	data := readmeText(t)
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
	lines := strings.Split(data, "\n")
	var out []string
	blocks := 0
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if lines[i] != "```console" {
			continue
		}
		width := 0
		if m := terminalComment.FindStringSubmatch(lines[max(i-1, 0)]); m != nil {
			width, _ = strconv.Atoi(m[1])
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
		printed := runREADMECommand(command, hist, fixedNow, width)
		for _, line := range strings.Split(printed, "\n") {
			if width > 0 && twwidth.Width(line) > width {
				t.Errorf("README.md: a line of %q is wider than the %d columns of its terminal:\n%s", command, width, line)
			}
		}
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

// readmeUndated are the README's "$ plan" examples that do not pin
// --as-of, each with why its output does not depend on the day it is run.
// TestREADMEExamplesPinTheDate runs each of those in a console block a
// year later to make sure.
var readmeUndated = map[string]string{
	"$ plan glossary -C testdata/bury --used":                                                      "which terms the text uses does not depend on the date",
	"$ plan overdue -C /tmp/plan-history/plan --rev ofsted":                                        "a plan read from history is judged as of its revision's date",
	"$ plan diff -C /tmp/plan-history/plan board":                                                  "a diff compares two fixed states of the plan",
	"$ plan diff -C /tmp/plan-history/plan 2026-10-26 2026-11-09 --fail-on slipped,target-changed": "a diff compares two fixed states of the plan",
	"$ plan log -C /tmp/plan-history/plan P8.1":                                                    "a log lists commits",
	"$ plan log -C /tmp/plan-history/plan P8.K1":                                                   "a log lists commits",
	"$ plan snapshot -C /tmp/plan-history/plan --list --all":                                       "a list of tags",
	"$ plan rm OF25-2 -C testdata/bradford":                                                        "a refusal names references, which do not depend on the date",
	"$ plan fmt --check -C testdata/bradford":                                                      "layout does not depend on the date",
	"$ plan init children-services-plan":                                                           "the listing of the files written holds no date",
	"$ plan import testdata/trackers/council-tracker.xlsx --to northshire":                         "what a tracker holds does not depend on the date",
}

// TestREADMEExamplesPinTheDate: every "$ plan" example in the README shows
// the same output whatever day it is read: it pins --as-of, or is listed
// in readmeUndated with the reason it needs no date; a listed example in a
// console block must print the same a year later.
func TestREADMEExamplesPinTheDate(t *testing.T) {
	lines := strings.Split(readmeText(t), "\n")
	examples, hist := fixtures(t)
	t.Chdir(examples)
	seen := map[string]bool{}
	console := false
	for i, line := range lines {
		if strings.HasPrefix(line, "```") {
			console = line == "```console"
		}
		if !strings.HasPrefix(line, "$ plan ") || slices.Contains(strings.Fields(line), "--as-of") {
			continue
		}
		seen[line] = true
		if _, ok := readmeUndated[line]; !ok {
			t.Errorf("README.md:%d: %q does not pin the date: add --as-of 2026-11-24 (or, if its output cannot depend on the date, list it with the reason in readmeUndated)", i+1, line)
			continue
		}
		if !console {
			continue
		}
		now, later := runREADMECommand(line, hist, fixedNow, 0), runREADMECommand(line, hist, fixedNow.AddDate(1, 0, 0), 0)
		if now != later {
			t.Errorf("README.md:%d: %q prints something else a year later: pin --as-of\nnow:\n%s\na year later:\n%s", i+1, line, now, later)
		}
	}
	for line := range readmeUndated {
		if !seen[line] {
			t.Errorf("readmeUndated lists %q, which is not an undated example in README.md", line)
		}
	}
}

// readmeSection returns the lines of the README's section with the given
// heading (such as "## Output formats and JSON"), up to the next heading
// of the same or a higher level.
func readmeSection(t *testing.T, heading string) []string {
	t.Helper()
	level := strings.Index(heading, " ")
	lines := strings.Split(readmeText(t), "\n")
	start := slices.Index(lines, heading)
	if start < 0 {
		t.Fatalf("README.md has no heading %q", heading)
	}
	code := false
	for i := start + 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "```") {
			code = !code
		}
		if h := strings.Index(lines[i], "# "); !code && h >= 0 && h+1 <= level && strings.Trim(lines[i][:h+1], "#") == "" {
			return lines[start:i]
		}
	}
	return lines[start:]
}

// markdownTable returns the cells of the rows of the table whose header
// line begins with header, found in lines.
func markdownTable(t *testing.T, lines []string, header string) [][]string {
	t.Helper()
	var rows [][]string
	in := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, header):
			in = true
		case in && strings.HasPrefix(l, "|---") || in && strings.HasPrefix(l, "| ---"):
		case in && strings.HasPrefix(l, "|"):
			cells := strings.Split(strings.Trim(l, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			rows = append(rows, cells)
		case in:
			return rows
		}
	}
	if !in {
		t.Fatalf("README.md: no table with header %q", header)
	}
	return rows
}

var backtickedRE = regexp.MustCompile("`([^`]+)`")

// backticked returns the code spans of a Markdown cell.
func backticked(s string) []string {
	var out []string
	for _, m := range backtickedRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// commandFormats returns, for every command with an -o flag, the formats
// it accepts, the default first.
func commandFormats(t *testing.T) map[string][]string {
	t.Helper()
	d, _, _ := testDeps(nil, fixedNow)
	root, _ := newRootCmd(d)
	formats := map[string][]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if f := c.Flags().Lookup("output"); f != nil {
			e, ok := f.Value.(*enumFlag)
			if !ok {
				t.Fatalf("%s: -o is not a list of formats", c.CommandPath())
			}
			list := []string{f.DefValue}
			for _, a := range e.allowed {
				if a != f.DefValue {
					list = append(list, a)
				}
			}
			formats[strings.TrimPrefix(c.CommandPath(), "plan ")] = list
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return formats
}

// TestREADMEOutputFormats: the README's table of output formats lists
// every command that takes -o with exactly the formats it accepts, the
// default first.
func TestREADMEOutputFormats(t *testing.T) {
	code := commandFormats(t)
	if len(code) < 10 {
		t.Fatalf("found -o on only %d commands", len(code))
	}
	readme := map[string][]string{}
	for _, row := range markdownTable(t, readmeSection(t, "## Output formats and JSON"), "| command |") {
		for _, c := range backticked(row[0]) {
			readme[strings.Fields(c)[0]] = backticked(row[1])
		}
	}
	for name, formats := range code {
		got, ok := readme[name]
		switch {
		case !ok:
			t.Errorf("README.md: the output formats table has no row for %s (formats: %s)", name, strings.Join(formats, ", "))
		case !slices.Equal(got, formats):
			t.Errorf("README.md: the output formats table gives %s as %s; it takes %s", name, strings.Join(got, ", "), strings.Join(formats, ", "))
		}
	}
	for name := range readme {
		if _, ok := code[name]; !ok {
			t.Errorf("README.md: the output formats table has a row for %s, which has no -o", name)
		}
	}
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// TestREADMERules: the README's table of check's rules lists plan.Rules()
// in order, marking those that fail by default, and its words on the
// structural group name them rightly.
func TestREADMERules(t *testing.T) {
	section := readmeSection(t, "### plan check")
	rules := plan.Rules()
	rows := markdownTable(t, section, "| rule |")
	var names []string
	for i, row := range rows {
		names = append(names, strings.Join(backticked(row[0]), " "))
		if i < len(rules) && names[i] == string(rules[i].Name) && (row[1] == "*") != rules[i].FailsByDefault {
			t.Errorf("README.md: the rules table marks %s %q; fails by default: %v", names[i], row[1], rules[i].FailsByDefault)
		}
	}
	var want []string
	structural := 0
	for _, r := range rules {
		want = append(want, string(r.Name))
		if r.Structural {
			if structural != len(want)-1 {
				t.Fatalf("the structural rules are not the first in plan.Rules(): %s", r.Name)
			}
			structural++
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("README.md: the rules table lists\n  %s\nplan.Rules() has\n  %s", strings.Join(names, ", "), strings.Join(want, ", "))
	}
	text := strings.Join(section, " ")
	m := regexp.MustCompile("`structural` \\(the first ([a-z]+), `([a-z-]+)` to `([a-z-]+)`").FindStringSubmatch(text)
	if m == nil {
		t.Fatal("README.md: plan check does not say \"`structural` (the first N, `FIRST` to `LAST`\"")
	}
	wantWords := fmt.Sprintf("the first %s, `%s` to `%s`", numberWords[structural], rules[0].Name, rules[structural-1].Name)
	if got := fmt.Sprintf("the first %s, `%s` to `%s`", m[1], m[2], m[3]); got != wantWords {
		t.Errorf("README.md: the structural group is described as %q; plan.Rules() makes it %q", got, wantWords)
	}
}

// readmeWrongOnPurpose, on the line before a yaml block, marks a plan file
// that is wrong on purpose: it must then fail fmt --check or check.
const readmeWrongOnPurpose = "<!-- wrong on purpose"

// TestREADMEPlanFiles: every yaml block in the README is YAML, and those
// that are plan files (plan.yaml and priority files, which together make
// one plan) are in plan fmt's layout and pass plan check on the README's
// date, the first step of the CI plan init writes; unless marked wrong on
// purpose, in which case they must fail one of those.
func TestREADMEPlanFiles(t *testing.T) {
	lines := strings.Split(readmeText(t), "\n")
	files := fstest.MapFS{}
	where := map[string]int{}
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```yaml" {
			continue
		}
		fence, start := i, i+2 // start: the block's first line, counted from 1
		var block []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			block = append(block, lines[i])
		}
		data := []byte(strings.Join(block, "\n") + "\n")
		var node yaml.Node
		if err := yaml.Unmarshal(data, &node); err != nil {
			t.Errorf("README.md:%d: not YAML: %v", start, err)
			continue
		}
		planFile := plan.LooksLikePlanFile(data)
		if !planFile && !isPriorityFile(&node) {
			continue
		}
		name := "plan.yaml"
		if !planFile {
			name = fmt.Sprintf("priorities/readme-%d.yaml", start)
		}
		var problems []string
		formatted, err := edit.Format(data, planFile)
		if err != nil {
			problems = append(problems, err.Error())
		} else if !bytes.Equal(formatted, data) {
			problems = append(problems, "not in plan fmt's layout; plan fmt writes it:\n"+string(formatted))
		}
		if fence > 0 && strings.HasPrefix(lines[fence-1], readmeWrongOnPurpose) {
			p, diags := plan.LoadFile(name, data, planFile)
			if p != nil && !plan.HasStructural(diags) && len(problems) == 0 {
				t.Errorf("README.md:%d: marked wrong on purpose, but passes plan fmt --check and loads without a structural finding", start)
			}
			continue
		}
		for _, p := range problems {
			t.Errorf("README.md:%d: %s", start, p)
		}
		if _, dup := files[name]; dup {
			t.Errorf("README.md:%d: a second plan.yaml (the first is at line %d)", start, where[name])
			continue
		}
		files[name] = &fstest.MapFile{Data: data}
		where[name] = start
	}
	if files["plan.yaml"] == nil || len(files) < 2 {
		t.Fatalf("README.md: found %d plan files, expected a plan.yaml and a priority file", len(files))
	}
	p, diags, err := plan.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if p != nil && !plan.HasStructural(diags) {
		diags = append(diags, p.Check(readmeAsOf)...)
	}
	diags, errs := plan.DefaultPolicy().Apply(diags)
	if errs > 0 {
		for _, d := range diags {
			if d.Severity == plan.SeverityError {
				t.Errorf("README.md:%d: %s [%s]", where[d.Pos.File]+d.Pos.Line-1, d.Message, d.Rule)
			}
		}
	}
}

// isPriorityFile reports whether a YAML document is a mapping with a
// priority's id and theme.
func isPriorityFile(doc *yaml.Node) bool {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	keys := map[string]bool{}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		keys[m.Content[i].Value] = true
	}
	return keys["id"] && keys["theme"]
}
