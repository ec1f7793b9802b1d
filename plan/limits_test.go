package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// findings returns the diagnostics of one rule as "file:line:col message".
func findings(diags []Diagnostic, rule Rule) []string {
	var out []string
	for _, d := range diags {
		if d.Rule == rule {
			out = append(out, fmt.Sprintf("%s %s", d.Pos, d.Message))
		}
	}
	return out
}

func TestLimits(t *testing.T) {
	small := Limits{FileBytes: 2000, TotalBytes: 1 << 20, Files: 3, Depth: 6}
	base := func() fstest.MapFS {
		return fstest.MapFS{"plan.yaml": {Data: []byte(testPlanYAML)}, "priorities/01.yaml": {Data: []byte(testPriorityYAML)}}
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string // the one limit finding
	}{
		{"within", func(fstest.MapFS) {}, ""},
		{"file too large", func(m fstest.MapFS) {
			m["priorities/02.yaml"] = &fstest.MapFile{Data: []byte("id: P2\n" + strings.Repeat("# padding\n", 300))}
		}, "priorities/02.yaml:1:1 priorities/02.yaml is 2.9 KB; plan files may be at most 2.0 KB, so it is not read: split it into smaller files"},
		{"plan.yaml too large", func(m fstest.MapFS) {
			m["plan.yaml"] = &fstest.MapFile{Data: []byte(testPlanYAML + strings.Repeat("# padding\n", 200))}
		}, "plan.yaml:1:1 plan.yaml is 2.3 KB; plan files may be at most 2.0 KB, so it is not read: split it into smaller files"},
		{"too many files", func(m fstest.MapFS) {
			m["priorities/02.yaml"] = &fstest.MapFile{Data: []byte("id: P2\n")}
			m["priorities/03.yaml"] = &fstest.MapFile{Data: []byte("id: P3\n")}
		}, "plan.yaml:1:1 the plan has 4 files; plan reads at most 3 in one plan, so none of its priority files is read"},
		{"too large together", func(m fstest.MapFS) {
			// Each file is within FileBytes; together they are 2 bytes
			// over TotalBytes (below).
			m["priorities/02.yaml"] = &fstest.MapFile{Data: []byte("id: P2\n" + strings.Repeat("# padding\n", 150))}
		}, "plan.yaml:1:1 the plan's files come to 2300 bytes; plan reads at most 2298 bytes in one plan, so none of its priority files is read"},
		{"nested too deep", func(m fstest.MapFS) {
			m["priorities/02.yaml"] = &fstest.MapFile{Data: []byte("id: P2\nnotes:\n  - [[[[[x]]]]]\n")}
		}, "priorities/02.yaml:3:9 mappings and lists nested more than 6 deep; plan files nest 5 deep at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base()
			tt.change(fsys)
			lim := small
			if tt.name == "too large together" {
				lim.TotalBytes = int64(len(fsys["plan.yaml"].Data)+len(fsys["priorities/01.yaml"].Data)+len(fsys["priorities/02.yaml"].Data)) - 2
			}
			_, diags, err := LoadLimited(fsys, lim)
			if err != nil {
				t.Fatal(err)
			}
			got := findings(diags, RuleLimit)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("limit findings for a plan within the limits: %q", got)
				}
				return
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("limit findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDefaultLimitsFitRealPlans: the example plans nest no deeper than
// the message about the depth limit says.
func TestDefaultLimitsFitRealPlans(t *testing.T) {
	for _, dir := range []string{"../testdata/bradford", "../testdata/bury"} {
		_, diags, err := LoadLimited(os.DirFS(dir), Limits{FileBytes: 1 << 20, TotalBytes: 1 << 20, Files: 100, Depth: 5})
		if err != nil {
			t.Fatal(err)
		}
		if got := findings(diags, RuleLimit); len(got) > 0 {
			t.Errorf("%s: %q", dir, got)
		}
	}
}

// TestLinksAreNeverFollowed: a symbolic link is a finding whether it leads
// outside the plan or inside it, and the file it points at is not read
// through it; a link that leads outside with another name is reported too.
func TestLinksAreNeverFollowed(t *testing.T) {
	fsys := fstest.MapFS{
		"plan.yaml":             {Data: []byte(testPlanYAML)},
		"priorities/01.yaml":    {Data: []byte(testPriorityYAML)},
		"priorities/02.yaml":    {Data: []byte("../../secret.yaml"), Mode: fs.ModeSymlink},
		"priorities/03.yaml":    {Data: []byte("01.yaml"), Mode: fs.ModeSymlink},
		"priorities/04.yaml":    {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"priorities/shared":     {Data: []byte("../.."), Mode: fs.ModeSymlink},
		"priorities/here":       {Data: []byte("."), Mode: fs.ModeSymlink}, // inside, not a plan file: ignored
		"priorities/05.yaml":    {Mode: fs.ModeNamedPipe},
		"priorities/notes.txt":  {Data: []byte("/etc"), Mode: fs.ModeSymlink},
		"priorities/a/../b.yml": {Data: []byte("x"), Mode: fs.ModeSymlink},
	}
	p, diags, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"priorities/02.yaml:1:1 priorities/02.yaml is a symbolic link to ../../secret.yaml, outside the plan directory; it is not read",
		"priorities/03.yaml:1:1 priorities/03.yaml is a symbolic link to 01.yaml; plan files must be regular files, so it is not read (list the file itself instead)",
		"priorities/04.yaml:1:1 priorities/04.yaml is a symbolic link to /etc/passwd, outside the plan directory; it is not read",
		"priorities/05.yaml:1:1 priorities/05.yaml is not a regular file (p---------); it is not read",
		"priorities/notes.txt:1:1 priorities/notes.txt is a symbolic link to /etc, outside the plan directory; it is not read",
		"priorities/shared:1:1 priorities/shared is a symbolic link to ../.., outside the plan directory; it is not read",
	}
	if got := findings(diags, RuleNotAFile); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("not-a-file findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Priorities) != 1 {
		t.Errorf("read %d priorities, want only the one in the regular file", len(p.Priorities))
	}
	if !p.partial {
		t.Error("a plan with files left unread is not marked partial")
	}
}

func TestEscapes(t *testing.T) {
	for _, tt := range []struct {
		name, target string
		want         bool
	}{
		{"a.yaml", "b.yaml", false},
		{"p/a.yaml", "../b.yaml", false},
		{"p/a.yaml", "../../b.yaml", true},
		{"a.yaml", "..", true},
		{"a.yaml", "/etc/passwd", true},
		{"a.yaml", `C:\plans\x.yaml`, true},
		{"a.yaml", `\\server\share`, true},
		{"p/q/a.yaml", "../../x/../y.yaml", false},
		{"p/q/a.yaml", "../../../y.yaml", true},
	} {
		if got := escapes(tt.name, tt.target); got != tt.want {
			t.Errorf("escapes(%q, %q) = %v, want %v", tt.name, tt.target, got, tt.want)
		}
	}
}

func TestPlanYAMLMustBeAFile(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"directory": {"plan.yaml/README": {Data: []byte("x")}},
		"link":      {"plan.yaml": {Data: []byte("../other/plan.yaml"), Mode: fs.ModeSymlink}},
		"pipe":      {"plan.yaml": {Mode: fs.ModeNamedPipe}},
	} {
		_, _, err := Load(fsys)
		if !errors.Is(err, ErrNotAFile) {
			t.Errorf("%s: Load error %v, want ErrNotAFile", name, err)
		}
	}
}

// TestWordLookalikes: the characters Word substitutes are named in the
// message, wherever they break a value.
func TestWordLookalikes(t *testing.T) {
	for _, tt := range []struct{ name, priority, want string }{
		{"nbsp in a value", strings.Replace(testPriorityYAML, "status: done", "status: done\u00a0", 1), "holds a non-breaking space (U+00A0)"},
		{"nbsp after a colon", strings.Replace(testPriorityYAML, "status: done", "status:\u00a0done", 1), "this line holds a non-breaking space"},
		{"curly quotes in an id", strings.Replace(testPriorityYAML, "owner: bob", "owner: \u201cbob\u201d", 1), "holds curly quotes"},
		{"curly quotes in a date", strings.Replace(testPriorityYAML, "due: 2026-06-30", "due: \u20182026-06-30\u2019", 1), "holds curly quotes"},
		{"nbsp in a key", strings.Replace(testPriorityYAML, "    owner: bob", "    \u00a0owner: bob", 1), "the key holds a non-breaking space"},
	} {
		_, diags, err := Load(fstest.MapFS{"plan.yaml": {Data: []byte(testPlanYAML)}, "priorities/01.yaml": {Data: []byte(tt.priority)}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range diags {
			found = found || strings.Contains(d.Message, tt.want)
		}
		if !found {
			t.Errorf("%s: no finding says %q: %v", tt.name, tt.want, diags)
		}
	}
}

// describedEntry is what a file system says an entry that is not a file is.
type describedEntry string

func (d describedEntry) Describe() string { return string(d) }

// TestEntryDescribed: a file system may say what an entry that is not a
// file is (a submodule, in a tree read from git), and the finding says it.
func TestEntryDescribed(t *testing.T) {
	fsys := fstest.MapFS{
		"plan.yaml":          {Data: []byte(testPlanYAML)},
		"priorities/01.yaml": {Data: []byte(testPriorityYAML)},
		"priorities/02.yaml": {Mode: fs.ModeIrregular, Sys: describedEntry("a submodule (a gitlink)")},
		"priorities/03.txt":  {Mode: fs.ModeIrregular, Sys: describedEntry("a submodule (a gitlink)")},
	}
	_, diags, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := "priorities/02.yaml:1:1 priorities/02.yaml is a submodule (a gitlink), not a file; it is not read"
	if got := findings(diags, RuleNotAFile); strings.Join(got, "\n") != want {
		t.Errorf("not-a-file findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
