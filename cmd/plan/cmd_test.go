package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/plan-tool/plan/pkg/iostreams"
)

// testDeps returns deps with buffers for streams, a fixed clock and an
// environment of env, and the stdout and stderr buffers.
func testDeps(env map[string]string, now time.Time) (*deps, *bytes.Buffer, *bytes.Buffer) {
	io, out, errOut := iostreams.Test()
	d := &deps{
		io:     io,
		now:    func() time.Time { return now },
		getenv: func(k string) string { return env[k] },
		getwd:  func() (string, error) { return filepath.Join(examplesDir, "testdata", "bradford"), nil },
	}
	return d, out, errOut
}

var fixedNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// TestColourOnlyOnATerminal runs status on a terminal and piped, with and
// without NO_COLOR.
func TestColourOnlyOnATerminal(t *testing.T) {
	fixtures(t)
	for _, tt := range []struct {
		tty, noColor, want bool
	}{{true, false, true}, {true, true, false}, {false, false, false}} {
		d, out, _ := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
		d.io.SetOutTTY(tt.tty)
		d.io.SetNoColor(tt.noColor)
		if code := run(context.Background(), []string{"status"}, d); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if got := strings.Contains(out.String(), "\x1b["); got != tt.want {
			t.Errorf("tty %v, NO_COLOR %v: colour %v, want %v", tt.tty, tt.noColor, got, tt.want)
		}
	}
}

// TestTodayIsAUKDate checks that with no --as-of or PLAN_AS_OF, "today"
// is the date in the UK, not on the machine: 23:30 UTC on 31 May is 1 June
// in London.
func TestTodayIsAUKDate(t *testing.T) {
	fixtures(t)
	d, out, _ := testDeps(nil, time.Date(2026, 5, 31, 23, 30, 0, 0, time.UTC))
	if code := run(context.Background(), []string{"overdue", "-o", "json"}, d); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), `"as_of": "2026-06-01"`) {
		t.Errorf("as_of is not the UK date:\n%s", out)
	}
}

// TestJSONContract pins the JSON field names scripts depend on.
func TestJSONContract(t *testing.T) {
	examples, _ := fixtures(t)
	keys := func(v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("not an object: %v", v)
		}
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	runJSON := func(args ...string) map[string]any {
		d, out, _ := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
		run(context.Background(), append(args, "-C", filepath.Join(examples, "testdata", "bradford"), "-o", "json"), d)
		var v map[string]any
		if err := json.Unmarshal(out.Bytes(), &v); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return v
	}
	want := func(what string, got []string, want ...string) {
		slices.Sort(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s keys = %v, want %v", what, got, want)
		}
	}
	counts := []string{"red", "amber", "green", "complete", "unrated", "overdue", "dropped"}
	kpis := []string{"red", "amber", "green", "unrated"}

	st := runJSON("status")
	want("status", keys(st), "as_of", "title", "organisation", "priorities", "themes", "owners", "totals")
	pr := st["priorities"].([]any)[0]
	want("status priority", keys(pr), "id", "theme", "title", "owner", "rag", "why", "actions", "kpis")
	want("status priority actions", keys(pr.(map[string]any)["actions"]), counts...)
	want("status priority kpis", keys(pr.(map[string]any)["kpis"]), kpis...)
	want("status theme", keys(st["themes"].([]any)[0]), "id", "title", "rag", "why", "actions", "kpis")
	want("status totals", keys(st["totals"]), "rag", "why", "actions", "kpis")

	ov := runJSON("overdue")
	want("overdue", keys(ov), "as_of", "actions")
	want("overdue action", keys(ov["actions"].([]any)[0]), "id", "title", "owner", "due", "days_late", "rag", "priority")

	ch := runJSON("check")
	want("check", keys(ch), "findings")
	want("check finding", keys(ch["findings"].([]any)[0]), "rule", "severity", "file", "line", "column", "id", "message")

	_, hist := fixtures(t)
	runHistory := func(args ...string) map[string]any {
		d, out, _ := testDeps(nil, fixedNow)
		run(context.Background(), append(args, "-C", filepath.Join(hist, "plan"), "-o", "json"), d)
		var v map[string]any
		if err := json.Unmarshal(out.Bytes(), &v); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return v
	}
	df := runHistory("diff", "plan/board/2026-01-06", "plan/board/2026-02-03")
	want("diff", keys(df), "from", "to", "summary", "summary_text", "changes")
	want("diff end", keys(df["from"]), "rev", "commit", "date")
	var due, rag map[string]any
	for _, c := range df["changes"].([]any) {
		c := c.(map[string]any)
		want("diff change", keys(c), "kind", "id", "title", "change", "fields")
		for _, f := range c["fields"].([]any) {
			f := f.(map[string]any)
			switch {
			case c["change"] != "modified":
			case f["field"] == "due":
				due = f
			case f["field"] == "rag":
				rag = f
			}
		}
	}
	if due == nil || due["days"] == nil || rag == nil || rag["direction"] == nil {
		t.Errorf("diff: a due change must carry days and a rating change direction: %v %v", due, rag)
	}
	kp := runJSON("kpis")
	want("kpis", keys(kp), "as_of", "kpis")
	k0 := kp["kpis"].([]any)[0]
	want("kpi", keys(k0), "id", "priority", "title", "unit", "latest", "target", "tolerance", "better", "frequency", "rag", "why", "trend", "series")
	want("kpi latest", keys(k0.(map[string]any)["latest"]), "date", "value")
	ex := runHistory("exceptions", "--since", "board")
	want("exceptions", keys(ex), "as_of", "since", "items")
	want("exception", keys(ex["items"].([]any)[0]), "kind", "id", "title", "priority", "reasons")
	tr := runJSON("trace")
	want("trace", keys(tr), "findings")
	f0 := tr["findings"].([]any)[0].(map[string]any)
	want("trace finding", keys(f0), "id", "source", "text", "actions", "state")
	f1 := tr["findings"].([]any)[1].(map[string]any)
	want("trace action", keys(f1["actions"].([]any)[0]), "id", "title", "priority", "rag", "status", "evidence")

	lg := runHistory("log", "P8.1")
	want("log", keys(lg), "id", "kind", "title", "entries")
	want("log entry", keys(lg["entries"].([]any)[0]), "commit", "date", "author", "change", "fields")
}

func TestExitCodes(t *testing.T) {
	fixtures(t)
	tests := []struct {
		argv string
		want int
	}{
		{"status", exitOK},
		{"check", exitFindings},
		{"check --fail-on none", exitOK},
		{"status --bogus", exitError},
		{"nonsense", exitError},
		{"status -C /nonexistent/dir", exitError},
	}
	for _, tt := range tests {
		d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
		if got := run(context.Background(), strings.Fields(tt.argv), d); got != tt.want {
			t.Errorf("plan %s: exit %d, want %d (stderr %q)", tt.argv, got, tt.want, errOut)
		}
		if tt.want == exitError && !strings.HasPrefix(errOut.String(), "plan: ") {
			t.Errorf("plan %s: stderr %q does not start with \"plan: \"", tt.argv, errOut)
		}
	}
}

// TestNoGit: with no git on PATH, the work tree is read as ever and
// history commands say what is missing.
func TestNoGit(t *testing.T) {
	examples, _ := fixtures(t)
	dir := filepath.Join(examples, "testdata", "bury")
	t.Setenv("PATH", t.TempDir())
	if code, _, stderr := runIn(dir, "status"); code != exitOK {
		t.Errorf("status with no git: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runIn(dir, "log", "LM1.1")
	want := "plan: git is not installed or not on PATH\nhint: install git: the plan's history is read through it\n"
	if code != exitError || stderr != want {
		t.Errorf("log with no git: exit %d, stderr %q, want exit 2 and %q", code, stderr, want)
	}
}

// TestRequiredFlags: the flags marked required are the ones meant, so
// none of the MarkFlagRequired calls, whose errors are not checked, failed.
func TestRequiredFlags(t *testing.T) {
	d, _, _ := testDeps(nil, fixedNow)
	root, _ := newRootCmd(d)
	var got []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if slices.Equal(f.Annotations[cobra.BashCompOneRequiredFlag], []string{"true"}) {
				got = append(got, c.CommandPath()+" --"+f.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	slices.Sort(got)
	want := []string{
		"plan add action --title", "plan add decision --body", "plan add decision --date", "plan add decision --text", "plan add finding --text", "plan add kpi --better", "plan add kpi --target", "plan add kpi --title",
		"plan add owner --name", "plan add priority --owner", "plan add priority --theme", "plan add priority --title", "plan add theme --title", "plan import --to", "plan mv --to", "plan returns --out",
	}
	if !slices.Equal(got, want) {
		t.Errorf("required flags %q, want %q", got, want)
	}
}

// TestAsOfDateReadOnce: a report or check works out its as-of date once,
// asking the clock once, rather than once to check it and again to use it.
func TestAsOfDateReadOnce(t *testing.T) {
	examples, _ := fixtures(t)
	bradford := filepath.Join(examples, "testdata", "bradford")
	for _, args := range [][]string{{"status"}, {"overdue"}, {"check", "--stale-after", "off"}} {
		d, _, stderr := testDeps(nil, fixedNow)
		calls := 0
		d.now = func() time.Time { calls++; return fixedNow }
		if code := run(t.Context(), append(args, "-C", bradford), d); code != exitOK && code != exitFindings {
			t.Fatalf("plan %v: exit %d: %s", args, code, stderr)
		}
		if calls != 1 {
			t.Errorf("plan %v asked the clock %d times, want once", args, calls)
		}
	}
}
