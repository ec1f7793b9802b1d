package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds any bytes to the loader as a priority file and as
// plan.yaml. Whatever they hold, Load must not panic or fail, and every
// finding must name a file and a real position.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(testPriorityYAML), []byte(testPlanYAML))
	for _, pattern := range []string{"../testdata/*/priorities/*.yaml", "../testdata/*/plan.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data, []byte(testPlanYAML))
			}
		}
	}
	f.Add([]byte("a: &x [*x]\n"), []byte("title: [\n"))
	f.Add([]byte("<<<<<<< HEAD\nid: P1\n=======\nid: P2\n>>>>>>> b\n"), []byte("\ufefftitle: x\r\n"))
	f.Fuzz(func(t *testing.T, priority, planYAML []byte) {
		for _, fsys := range []fstest.MapFS{
			{"plan.yaml": {Data: []byte(testPlanYAML)}, "priorities/01.yaml": {Data: priority}},
			{"plan.yaml": {Data: planYAML}, "priorities/01.yaml": {Data: []byte(testPriorityYAML)}},
		} {
			p, diags, err := Load(fsys)
			if err != nil {
				t.Fatalf("Load failed on readable files: %v", err)
			}
			diags = append(diags, p.Check(NewDate(2026, 6, 1))...)
			for _, d := range diags {
				if (d.Pos.File != "plan.yaml" && d.Pos.File != "priorities/01.yaml") || d.Pos.Line < 1 || d.Pos.Column < 1 {
					t.Errorf("finding at a bad position: %v %s", d.Pos, d.Message)
				}
				if d.Message == "" || d.Rule == "" {
					t.Errorf("finding with no message or rule: %+v", d)
				}
				if strings.ContainsAny(d.Message, "\n\r") {
					t.Errorf("finding message is not one line: %q", d.Message)
				}
			}
			_ = p.Status(NewDate(2026, 6, 1))
			_ = p.Overdue(NewDate(2026, 6, 1), 30)
		}
	})
}

// FuzzParseDate checks that a date either parses to itself or is refused.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-03-31", "31/03/2023", "2024-02-29", "2023-02-29", "9999-12-31", "0000-01-01", "2023-03-31T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && d.String() != s {
			t.Errorf("ParseDate(%q) = %s: a date must read back as written", s, d)
		}
	})
}
