package edit

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/plan-tool/plan/internal/yamltext"

	"github.com/plan-tool/plan/plan"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/format with the current output")

// TestFormat lays out each testdata/format/*.in.yaml and compares with the
// .out.yaml beside it; formatting again changes nothing, and the plan read
// from the result is the plan read from the input.
func TestFormat(t *testing.T) {
	inputs, err := filepath.Glob("testdata/format/*.in.yaml")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			planFile := strings.HasPrefix(filepath.Base(in), "plan.")
			got, err := Format(data, planFile)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".in.yaml") + ".out.yaml"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("Format(%s) =\n%s\nwant\n%s", in, got, want)
			}
			again, err := Format(got, planFile)
			if err != nil || string(again) != string(got) {
				t.Errorf("formatting again changed the file (err %v):\n%s", err, again)
			}
			if a, b := items(t, in, data, planFile), items(t, in, got, planFile); !reflect.DeepEqual(a, b) {
				t.Errorf("the formatted file says something else:\n%v\n%v", a, b)
			}
			for _, c := range commentsIn(string(data)) {
				if !strings.Contains(string(got), c) {
					t.Errorf("comment %q lost", c)
				}
			}
		})
	}
}

// TestFormatExamples: the example plans are in the canonical layout.
func TestFormatExamples(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/plan.yaml")
	more, _ := filepath.Glob("../../testdata/*/priorities/*.yaml")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("found only %d example files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Format(data, filepath.Base(f) == "plan.yaml")
		if err != nil {
			t.Errorf("%s: %v", f, err)
		} else if string(got) != string(data) {
			t.Errorf("%s is not in the canonical layout:\n%s", f, got)
		}
	}
}

func TestFormatRefuses(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"syntax":        {"id: P1\ntitle: [unclosed\n", "not valid YAML"},
		"two documents": {"id: P1\n---\nid: P2\n", "more than one YAML document"},
		"a list":        {"- id: P1\n", "does not hold a mapping"},
		"a scalar":      {"just text\n", "does not hold a mapping"},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := Format([]byte(tc.in), false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Format(%q) = %q, %v; want an error saying %q", tc.in, out, err, tc.want)
			}
			if out != nil {
				t.Errorf("returned data with the error: %q", out)
			}
		})
	}
	for _, empty := range []string{"", "\n\n", "  \n"} {
		if out, err := Format([]byte(empty), false); err != nil || string(out) != empty {
			t.Errorf("Format(%q) = %q, %v; want it unchanged", empty, out, err)
		}
	}
}

// items returns what the plan in data says, item by item, without
// positions.
func items(t *testing.T, name string, data []byte, planFile bool) []string {
	t.Helper()
	p, _ := plan.LoadFile(name, data, planFile)
	if p == nil {
		t.Fatalf("%s does not load", name)
	}
	var out []string
	for _, it := range p.Items() {
		out = append(out, fmt.Sprint(it.Kind, it.ID, it.Facts))
	}
	return out
}

// commentsIn returns the text of each comment in a YAML file, found by
// hand rather than by the parser Format uses.
func commentsIn(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, "# "); i >= 0 && !strings.Contains(line[:i], `"`) {
			out = append(out, strings.TrimSpace(line[i:]))
		}
	}
	return out
}

// FuzzFormat: whatever the input, Format either refuses it or returns a
// file that says the same and that formatting leaves as it is.
// TestFormatKeepsLineEndings: a file with Windows (CRLF) or old Mac (CR)
// line endings, or a byte order mark, is laid out as the same file with
// line feeds would be, and keeps them; laying it out again changes nothing.
func TestFormatKeepsLineEndings(t *testing.T) {
	lf, err := Format([]byte(sample), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, eol := range []string{"\r\n", "\r"} {
		for _, bom := range []string{"", "\ufeff"} {
			in := bom + strings.ReplaceAll(sample, "\n", eol)
			out, err := Format([]byte(in), false)
			if err != nil {
				t.Fatalf("%q %q: %v", bom, eol, err)
			}
			if want := bom + strings.ReplaceAll(string(lf), "\n", eol); string(out) != want {
				t.Errorf("%q %q: laid out as\n%q\nwant\n%q", bom, eol, out, want)
			}
			if again, err := Format(out, false); err != nil || string(again) != string(out) {
				t.Errorf("%q %q: a second pass changed the file (%v)", bom, eol, err)
			}
		}
	}
}

func FuzzFormat(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/format/*.yaml")
	more, _ := filepath.Glob("../../testdata/bury/priorities/*.yaml")
	for _, name := range append(seeds, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasPrefix(filepath.Base(name), "plan."))
	}
	f.Add([]byte(sample), false)
	f.Add([]byte(strings.ReplaceAll(sample, "\n", "\r\n")), false)
	f.Add([]byte("\ufeff"+strings.ReplaceAll(sample, "\n", "\r")), false)
	f.Fuzz(func(t *testing.T, data []byte, planFile bool) {
		out, err := Format(data, planFile)
		if err != nil {
			if out != nil {
				t.Fatalf("data returned with error %v", err)
			}
			return
		}
		again, err := Format(out, planFile)
		if err != nil {
			t.Fatalf("the formatted file is refused: %v\n%s", err, out)
		}
		if bytes.HasPrefix(data, []byte("\ufeff")) != bytes.HasPrefix(out, []byte("\ufeff")) {
			t.Fatalf("the byte order mark was not kept:\n%q\nlaid out as\n%q", data, out)
		}
		// A file laid out anew ends every line as its first line ends (a
		// blank file is returned as it is).
		if !bytes.Equal(out, data) && yamltext.New(data).EOL() == "\r\n" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
			t.Fatalf("CRLF line endings were not kept:\n%q\nlaid out as\n%q", data, out)
		}
		if string(again) != string(out) {
			t.Fatalf("not idempotent:\n%s\nthen\n%s", out, again)
		}
	})
}
