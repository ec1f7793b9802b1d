package plan

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plan-tool/plan/internal/textsafe"
)

// FuzzLoad feeds any bytes to the loader as a priority file and as
// plan.yaml. Whatever they hold, Load must not panic or fail, and every
// finding must name a file and a real position.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(testPriorityYAML), []byte(testPlanYAML))
	for _, pattern := range []string{"../testdata/*/priorities/*.yaml", "../testdata/*/plan.yaml", "../testdata/bad/*/priorities/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data, []byte(testPlanYAML))
			}
		}
	}
	f.Add([]byte("a: &x [*x]\n"), []byte("title: [\n"))
	f.Add([]byte("<<<<<<< HEAD\nid: P1\n=======\nid: P2\n>>>>>>> b\n"), []byte("\ufefftitle: x\r\n"))
	f.Add([]byte(strings.ReplaceAll(testPriorityYAML, "\n", "\r")), []byte("title: \"a\\e[2J\u2028b\"\r"))
	f.Add([]byte("id: !!binary eA==\ntitle: |\n  a\n  b\n"), []byte("title: \"\\x1b\\n::error::x\"\n"))
	f.Fuzz(func(t *testing.T, priority, planYAML []byte) {
		defer watchdog(t, 5*time.Second)()
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
				if i, r := textsafe.First(d.Message); i >= 0 {
					t.Errorf("finding message holds %s: %q", textsafe.Name(r), d.Message)
				}
				// Every position is in the file, as an editor counts lines
				// (LF, CRLF or CR; a file with other YAML line breaks is
				// refused at the first).
				if f := fsys[d.Pos.File]; f != nil && d.Pos.Line > editorLines(f.Data) {
					t.Errorf("finding at line %d of a file of %d lines: %s", d.Pos.Line, editorLines(f.Data), d.Message)
				}
			}
			_ = p.Status(NewDate(2026, 6, 1))
			_ = p.Overdue(NewDate(2026, 6, 1), 30)
		}
	})
}

// editorLines counts the lines of data as editors do: broken by LF, CRLF
// or CR alone.
func editorLines(data []byte) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\n':
			n++
		case data[i] == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			n++
		}
	}
	return n
}

// watchdog fails the test if it is still running after d: the fuzzer
// reports a hang only as a stall, with no input to show for it. Call the
// function it returns when done.
func watchdog(t *testing.T, d time.Duration) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(d):
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("still running after %v: a hang\n%s", d, buf[:n]))
		}
	}()
	return func() { close(done) }
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

// FuzzIsDecimal checks isDecimal against decimalPattern, the regular
// expression it stands for (and the JSON Schema gives).
func FuzzIsDecimal(f *testing.F) {
	for _, s := range isDecimalCases {
		f.Add(s)
	}
	re := regexp.MustCompile(decimalPattern)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isDecimal(s), re.MatchString(s); got != want {
			t.Errorf("isDecimal(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}

// FuzzParseNumber checks that a number either parses to a finite value
// that reads back the same, or is refused with a message quoting it.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"43", "-1.5", ".5", "1e3", "43%", "1,234", "", " 7 ", "1e999", "0x1F", "NaN", "Inf", "+3."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			if !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Errorf("ParseNumber(%q): error %q does not quote the input", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		if back, err := ParseNumber(strconv.FormatFloat(v, 'g', -1, 64)); err != nil || back != v {
			t.Errorf("ParseNumber(%q) = %v does not read back: %v, %v", s, v, back, err)
		}
	})
}

// FuzzDiff compares two plans made of any two priority files that load
// without structural findings: a plan diffed with itself has no changes,
// and the diff of two names exactly the items whose facts differ.
func FuzzDiff(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*/priorities/*.yaml")
	var seeds [][]byte
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, data)
		}
	}
	f.Add([]byte(testPriorityYAML), []byte(strings.Replace(testPriorityYAML, "rag: amber", "rag: red", 1)))
	for i := range seeds {
		f.Add(seeds[i], seeds[(i+1)%len(seeds)])
	}
	load := func(priority []byte) []Item {
		p, diags, err := Load(fstest.MapFS{"plan.yaml": {Data: []byte(testPlanYAML)}, "priorities/01.yaml": {Data: priority}})
		if err != nil || HasStructural(diags) {
			return nil
		}
		return p.Items()
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		older, newer := load(a), load(b)
		if older == nil || newer == nil {
			return // not a valid plan
		}
		if r := Diff(older, older); len(r.Changes) != 0 {
			t.Fatalf("a plan diffed with itself has %d changes: %+v", len(r.Changes), r.Changes[0])
		}
		facts := func(items []Item) map[string][]Fact {
			m := map[string][]Fact{}
			for _, it := range items {
				m[key(it)] = it.Facts
			}
			return m
		}
		before, after := facts(older), facts(newer)
		var want []string
		for k, fa := range after {
			if fb, ok := before[k]; !ok || !slices.Equal(fa, fb) {
				want = append(want, k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				want = append(want, k)
			}
		}
		var got []string
		for _, c := range Diff(older, newer).Changes {
			got = append(got, string(c.Kind)+" "+c.ID)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("diff names %q; the items that differ are %q", got, want)
		}
	})
}
