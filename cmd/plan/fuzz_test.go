package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// edits are the edit commands FuzzEdit chooses from: each takes the ids
// and values the fuzzer gives, and says which item it must change and
// which of that item's fields (a KPI's rating follows from its actuals
// and target).
var edits = []func(id, kpi, value string) (args []string, target string, fields []string){
	func(id, _, v string) ([]string, string, []string) {
		return []string{"rate", id, v, "--note", v}, id, []string{"rag", "note"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"set", id, "due", v}, id, []string{"due"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"set", id, "title", v}, id, []string{"title"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"set", id, "status", v}, id, []string{"status"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"set", id, "owner", v}, id, []string{"owner"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"set", id, "note", v}, id, []string{"note"}
	},
	func(id, _, v string) ([]string, string, []string) {
		return []string{"done", id, "--evidence", v}, id, []string{"status", "evidence", "completed", "rag"}
	},
	func(_, k, v string) ([]string, string, []string) {
		return []string{"record", k, "2026-10-31", v}, k, []string{"actual 2026-10-31", "rating"}
	},
	func(_, k, v string) ([]string, string, []string) {
		return []string{"record", k, v, "12"}, k, []string{"actual " + v, "rating"}
	},
	func(_, k, v string) ([]string, string, []string) {
		return []string{"set", k, "target", v}, k, []string{"target", "rating"}
	},
	func(_, _, v string) ([]string, string, []string) {
		return []string{"add", "action", "WF1", "--title", v, "--due", "2027-01-31"}, "", nil
	},
}

// FuzzEdit applies any edit, with any value, to any valid plan: the edit
// either lands, changing exactly the item it names and only the fields it
// names (an added action is the only new item), and leaves a plan with no
// structural findings; or it refuses, leaving every file as it was.
func FuzzEdit(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", "bom", "priorities", "01.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	planYAML, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", "bom", "plan.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for i, v := range []string{"red", "2027-02-28", "A title: with a colon", "done", "hr-lead", "Evidence\nover lines", "30", "2026-11-01", "25%", "x", "\x1b[2J"} {
		f.Add(base, uint8(i), uint8(0), v)
	}
	f.Add(bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n")), uint8(0), uint8(1), "amber")
	f.Add(bytes.ReplaceAll(base, []byte("\n"), []byte("\r")), uint8(0), uint8(1), "amber")
	f.Add(bytes.Replace(base, []byte("\n"), []byte("\r"), 7), uint8(7), uint8(1), "14")
	f.Add(append([]byte("\ufeff"), base...), uint8(2), uint8(0), "# not a comment")
	// A quoted title over two lines, before the item edited.
	f.Add(bytes.Replace(base, []byte("title: "), []byte("title: \"Over\n      two lines\"\n    note: "), 2), uint8(0), uint8(1), "green")
	f.Fuzz(func(t *testing.T, priority []byte, which, item uint8, value string) {
		load := func(data []byte) (*plan.Plan, bool) {
			p, diags, err := plan.Load(fstest.MapFS{"plan.yaml": {Data: planYAML}, "priorities/01.yaml": {Data: data}})
			return p, err == nil && !plan.HasStructural(diags) && len(p.Priorities) == 1
		}
		p, ok := load(priority)
		if !ok {
			return // not a valid plan
		}
		pr := p.Priorities[0]
		if len(pr.Actions) == 0 || len(pr.KPIs) == 0 || pr.ID != "WF1" {
			return
		}
		id, kpi := pr.Actions[int(item)%len(pr.Actions)].ID, pr.KPIs[int(item)%len(pr.KPIs)].ID
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "plan.yaml"), string(planYAML))
		writeFile(t, filepath.Join(dir, "priorities", "01.yaml"), string(priority))
		args, target, fields := edits[int(which)%len(edits)](id, kpi, value)

		code, _, stderr := runIn(dir, args...)
		after, _ := os.ReadFile(filepath.Join(dir, "priorities", "01.yaml"))
		switch code {
		case exitOK:
			if got, out, _ := runIn(dir, "check", "--fail-on", "structural"); got != exitOK {
				t.Fatalf("plan %q landed and left the plan invalid:\n%s\nfile:\n%s", args, out, after)
			}
			q, _ := load(after)
			checkChanged(t, args, plan.Diff(p.Items(), q.Items()).Changes, target, fields)
		case exitError:
			if !bytes.Equal(after, priority) {
				t.Fatalf("plan %q refused (%s) but changed the file:\n%s", args, stderr, after)
			}
		default:
			t.Fatalf("plan %q exited %d:\n%s", args, code, stderr)
		}
		if entries := entries(t, filepath.Join(dir, "priorities")); len(entries) != 1 {
			t.Fatalf("plan %q left %q", args, entries)
		}
	})
}

// checkChanged fails unless changes touch only the item target, and of it
// only fields; with no target, unless the only changes are one added
// action and the list of its priority.
func checkChanged(t *testing.T, args []string, changes []plan.Change, target string, fields []string) {
	t.Helper()
	added := 0
	for _, c := range changes {
		switch {
		case target == "" && c.Type == plan.Added && c.Kind == plan.KindAction:
			added++
		case target == "" && c.Kind == plan.KindPriority && len(c.Fields) == 1 && c.Fields[0].Field == "actions":
		case target == "" || c.ID != target || c.Type != plan.Modified:
			t.Fatalf("plan %q changed %s %s (%s): it names %q", args, c.Kind, c.ID, c.Type, target)
		default:
			for _, fc := range c.Fields {
				if !slices.Contains(fields, fc.Field) {
					t.Fatalf("plan %q changed %s of %s (%q -> %q): it names %q", args, fc.Field, c.ID, fc.Old, fc.New, fields)
				}
			}
		}
	}
	if target == "" && added != 1 {
		t.Fatalf("plan %q added %d actions, want 1: %+v", args, added, changes)
	}
}

// FuzzTextconv feeds any bytes to textconv: it never fails (a diff driver
// must not stop git diff), says the same twice, and prints what is not a
// plan file as it is.
func FuzzTextconv(f *testing.F) {
	for _, pattern := range []string{"../../testdata/*/priorities/*.yaml", "../../testdata/*/plan.yaml", "../../testdata/bad/*/priorities/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("on: push\njobs: {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a, b bytes.Buffer
		if err := textconv(&a, "01.yaml", data); err != nil {
			t.Fatalf("textconv failed: %v", err)
		}
		if err := textconv(&b, "01.yaml", data); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("textconv said two things for the same input")
		}
		if !bytes.Equal(a.Bytes(), data) {
			// Shown as facts: only for a file that reads as a plan file,
			// and with nothing in them that acts on a terminal.
			for _, line := range strings.Split(a.String(), "\n") {
				if i, r := textsafe.First(line); i >= 0 {
					t.Fatalf("textconv showed %s: %q", textsafe.Name(r), line)
				}
			}
			_, diags := plan.LoadFile("01.yaml", data, plan.LooksLikePlanFile(data))
			for _, d := range diags {
				if d.Rule == plan.RuleSyntax {
					t.Fatalf("a file with a syntax error was shown as facts: %v", d)
				}
			}
		}
	})
}
