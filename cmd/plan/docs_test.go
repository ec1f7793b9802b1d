package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plan-tool/plan/plan"
)

// TestManPages: each man page is titled after its command (plan-check(1),
// not PLAN(1)), and, read through groff at 80 columns, the tables of
// check's rules and diff's gate keep one row a line, every name beside
// the start of its text, and no line is wider than the terminal.
func TestManPages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, _, errOut := testDeps(map[string]string{"SOURCE_DATE_EPOCH": "1779580800"}, fixedNow)
	if code := run(context.Background(), []string{"docs", "--man", dir}, d); code != 0 {
		t.Fatalf("plan docs: exit %d: %s", code, errOut)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(pages) < 20 {
		t.Fatalf("plan docs made only %d man pages", len(pages))
	}
	th := regexp.MustCompile(`(?m)^\.TH "([^"]*)" "1" `)
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(page), ".1")
		m := th.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no .TH line", filepath.Base(page))
		} else if got := strings.ReplaceAll(string(m[1]), `\-`, "-"); got != name {
			t.Errorf("%s is titled %q; want %q", filepath.Base(page), got, name)
		}
	}

	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("groff is not installed: the pages' layout is not checked (apt-get install groff-base)")
	}
	render := func(page string) []string {
		t.Helper()
		cmd := exec.Command(groff, "-man", "-Tutf8", "-rLL=78n", "-P-cbou", filepath.Join(dir, page))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("groff %s: %v\n%s", page, err, stderr.String())
		}
		return strings.Split(string(out), "\n")
	}
	rows := map[string][]string{"plan-check.1": nil, "plan-diff.1": nil}
	for _, r := range plan.Rules() {
		rows["plan-check.1"] = append(rows["plan-check.1"], string(r.Name)+" ", firstWords(r.Summary))
	}
	for _, g := range plan.GateRules() {
		rows["plan-diff.1"] = append(rows["plan-diff.1"], string(g)+" ", "")
	}
	for page, want := range rows {
		lines := render(page)
		for i := 0; i < len(want); i += 2 {
			name, text := strings.TrimSpace(want[i]), want[i+1]
			found := false
			for _, l := range lines {
				f := strings.Fields(l)
				if j := indexOf(f, name); j >= 0 && (j == 0 || f[j-1] == "*") && strings.Contains(l, text) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no line starts a table row with %s beside %q:\n%s", page, name, text, strings.Join(lines, "\n"))
			}
		}
	}
	for _, page := range pages {
		example := false
		for _, l := range render(filepath.Base(page)) {
			if l != "" && l[0] != ' ' { // a section heading
				example = l == "EXAMPLE"
			}
			if n := utf8.RuneCountInString(l); n > 80 && !example { // an example is a command line, shown whole
				t.Errorf("%s: a line of %d columns: %q", filepath.Base(page), n, l)
			}
		}
	}
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// firstWords returns the first three words of s.
func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(3, len(f))], " ")
}
