package edit

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const sample = `# Priority 8: the workforce.
id: P8   # the id
theme: B
title: A sufficient and stable workforce
owner: head-workforce

actions:
  # Recruitment comes first.
  - id: P8.1
    title: "Run a continuous campaign"   # quoted on purpose
    due: 2026-03-31
    status: in-progress
    rag: amber # reviewed monthly
    note: >
      Long note
      over two lines.

  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}
kpis:
  - id: P8.K1
    title: Agency share
    better: lower
    target: 20
    actuals:
      2026-03-31: 28   # quarter 4
      2026-09-30: 22
  - id: P8.K2
    title: Flow actuals
    better: lower
    target: 1
    actuals: {2026-03-31: 3, 2026-09-30: 2}
`

var rbFields = []Field{{"date", "2026-11-27"}, {"field", "due"}, {"from", "2026-03-31"}, {"reason", Quote("Recruitment: slower")}}

var rbOrder = []string{"date", "field", "from", "reason", "approved"}

var actionOrder = []string{"id", "title", "owner", "due", "status", "rag", "addresses", "note", "evidence", "visibility", "rebaselined"}

// changed returns the lines of before that after lacks, and the lines after
// adds, as "-line" and "+line", comparing from both ends: edits touch one
// place, so everything outside the changed middle must be equal.
func changed(before, after string) []string {
	b, a := strings.Split(before, "\n"), strings.Split(after, "\n")
	i := 0
	for i < len(b) && i < len(a) && b[i] == a[i] {
		i++
	}
	j := 0
	for j < len(b)-i && j < len(a)-i && b[len(b)-1-j] == a[len(a)-1-j] {
		j++
	}
	var out []string
	for _, l := range b[i : len(b)-j] {
		out = append(out, "-"+l)
	}
	for _, l := range a[i : len(a)-j] {
		out = append(out, "+"+l)
	}
	return out
}

// editCases are edits of sample, with the lines each must change.
var editCases = []struct {
	name string
	edit func([]byte) ([]byte, error)
	want []string
}{
	{"rating keeps its comment", func(d []byte) ([]byte, error) { return Set(d, "P8.1", "rag", "red", actionOrder) },
		[]string{"-    rag: amber # reviewed monthly", "+    rag: red # reviewed monthly"}},
	{"quoted title keeps its comment", func(d []byte) ([]byte, error) {
		return Set(d, "P8.1", "title", Quote("Run a year-round campaign"), actionOrder)
	}, []string{`-    title: "Run a continuous campaign"   # quoted on purpose`, `+    title: Run a year-round campaign   # quoted on purpose`}},
	{"a block note becomes one line", func(d []byte) ([]byte, error) { return Set(d, "P8.1", "note", Quote("Short: now"), actionOrder) },
		[]string{"-    note: >", "-      Long note", "-      over two lines.", `+    note: "Short: now"`}},
	{"a new field goes after the one before it in order", func(d []byte) ([]byte, error) {
		return Set(d, "P8.1", "owner", "ad-improvement", actionOrder)
	}, []string{"+    owner: ad-improvement"}},
	{"a new field after a block scalar", func(d []byte) ([]byte, error) { return Set(d, "P8.1", "evidence", Quote("Audit"), actionOrder) },
		[]string{"+    evidence: Audit"}},
	{"a flow item is edited in place", func(d []byte) ([]byte, error) { return Set(d, "P8.2", "status", "in-progress", actionOrder) },
		[]string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}", "+  - {id: P8.2, title: Microsite, due: 2025-12-31, status: in-progress}"}},
	{"a value with a comma in a flow item is quoted", func(d []byte) ([]byte, error) {
		return Set(d, "P8.2", "title", Quote("Microsite, with video"), actionOrder)
	},
		[]string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}", `+  - {id: P8.2, title: "Microsite, with video", due: 2025-12-31, status: done}`}},
	{"a new field in a flow item", func(d []byte) ([]byte, error) { return Set(d, "P8.2", "rag", "amber", actionOrder) },
		[]string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}", "+  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done, rag: amber}"}},
	{"the priority's own field", func(d []byte) ([]byte, error) { return Set(d, "P8", "theme", "A", nil) },
		[]string{"-theme: B", "+theme: A"}},
	{"the priority's id keeps its comment", func(d []byte) ([]byte, error) { return Set(d, "P8", "owner", "dcs", nil) },
		[]string{"-owner: head-workforce", "+owner: dcs"}},
	{"delete a block note", func(d []byte) ([]byte, error) { return Delete(d, "P8.1", "note") },
		[]string{"-    note: >", "-      Long note", "-      over two lines."}},
	{"delete from a flow item", func(d []byte) ([]byte, error) { return Delete(d, "P8.2", "due") },
		[]string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}", "+  - {id: P8.2, title: Microsite, status: done}"}},
	{"an actual between two", func(d []byte) ([]byte, error) { return SetActual(d, "P8.K1", "2026-06-30", "24") },
		[]string{"+      2026-06-30: 24"}},
	{"an actual revised keeps its comment", func(d []byte) ([]byte, error) { return SetActual(d, "P8.K1", "2026-03-31", "27.5") },
		[]string{"-      2026-03-31: 28   # quarter 4", "+      2026-03-31: 27.5   # quarter 4"}},
	{"an actual after the last", func(d []byte) ([]byte, error) { return SetActual(d, "P8.K1", "2026-12-31", "20") },
		[]string{"+      2026-12-31: 20"}},
	{"an actual before the first", func(d []byte) ([]byte, error) { return SetActual(d, "P8.K1", "2025-12-31", "31") },
		[]string{"+      2025-12-31: 31"}},
	{"an actual in a flow mapping", func(d []byte) ([]byte, error) { return SetActual(d, "P8.K2", "2026-06-30", "2.5") },
		[]string{"-    actuals: {2026-03-31: 3, 2026-09-30: 2}", "+    actuals: {2026-03-31: 3, 2026-06-30: 2.5, 2026-09-30: 2}"}},
	{"a first actual makes the mapping", func(d []byte) ([]byte, error) {
		d, _ = Delete(d, "P8.K1", "actuals")
		return SetActual(d, "P8.K1", "2026-03-31", "28")
	}, []string{"-      2026-03-31: 28   # quarter 4", "-      2026-09-30: 22", "+      2026-03-31: 28"}},
	{"a new action after a flow item", func(d []byte) ([]byte, error) {
		return Append(d, "actions", []Field{{"id", "P8.3"}, {"title", Quote("Stay interviews")}, {"due", "2026-12-31"}, {"status", "planned"}}, "kpis")
	}, []string{"+  - id: P8.3", "+    title: Stay interviews", "+    due: 2026-12-31", "+    status: planned"}},
	{"a first re-baselining makes the list, after a block scalar", func(d []byte) ([]byte, error) {
		return AppendEntry(d, "P8.1", "rebaselined", rbFields, actionOrder)
	}, []string{"+    rebaselined:", "+      - date: 2026-11-27", "+        field: due", "+        from: 2026-03-31", "+        reason: \"Recruitment: slower\""}},
	{"a re-baselining in a flow item", func(d []byte) ([]byte, error) {
		return AppendEntry(d, "P8.2", "rebaselined", rbFields, actionOrder)
	}, []string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}",
		"+  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done, rebaselined: [{date: 2026-11-27, field: due, from: 2026-03-31, reason: \"Recruitment: slower\"}]}"}},
	{"a second re-baselining goes after the first", func(d []byte) ([]byte, error) {
		d, err := AppendEntry(d, "P8.1", "rebaselined", rbFields, actionOrder)
		if err != nil {
			return nil, err
		}
		return AppendEntry(d, "P8.1", "rebaselined", []Field{{"date", "2026-12-01"}, {"field", "due"}, {"reason", "Again"}}, actionOrder)
	}, []string{"+    rebaselined:", "+      - date: 2026-11-27", "+        field: due", "+        from: 2026-03-31", "+        reason: \"Recruitment: slower\"",
		"+      - date: 2026-12-01", "+        field: due", "+        reason: Again"}},
	{"approving a proposal adds approved to its entry", func(d []byte) ([]byte, error) {
		d, err := AppendEntry(d, "P8.1", "rebaselined", rbFields, actionOrder)
		if err != nil {
			return nil, err
		}
		return SetEntry(d, "P8.1", "rebaselined", 0, "approved", Quote("Improvement Board"), rbOrder)
	}, []string{"+    rebaselined:", "+      - date: 2026-11-27", "+        field: due", "+        from: 2026-03-31", "+        reason: \"Recruitment: slower\"",
		"+        approved: Improvement Board"}},
	{"approving a proposal in a flow item", func(d []byte) ([]byte, error) {
		d, err := AppendEntry(d, "P8.2", "rebaselined", rbFields, actionOrder)
		if err != nil {
			return nil, err
		}
		return SetEntry(d, "P8.2", "rebaselined", 0, "approved", Quote("Board"), rbOrder)
	}, []string{"-  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}",
		"+  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done, rebaselined: [{date: 2026-11-27, field: due, from: 2026-03-31, reason: \"Recruitment: slower\", approved: Board}]}"}},
	{"a new KPI at the end of the file", func(d []byte) ([]byte, error) {
		return Append(d, "kpis", []Field{{"id", "P8.K3"}, {"title", "Caseload"}, {"better", "lower"}, {"target", "18"}}, "")
	}, []string{"+  - id: P8.K3", "+    title: Caseload", "+    better: lower", "+    target: 18"}},
}

func TestEdits(t *testing.T) {
	for _, tt := range editCases {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.edit([]byte(sample))
			if err != nil {
				t.Fatal(err)
			}
			got := changed(sample, string(out))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changed lines:\n%s\nwant:\n%s\nfile:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), out)
			}
		})
	}
}

// TestEveryLineBreak: a file whose lines end in CRLF, CR alone, NEL or
// LINE SEPARATOR (all line breaks to YAML), with or without a byte order
// mark, is edited exactly as the same file with line feeds, and keeps its
// line breaks.
func TestEveryLineBreak(t *testing.T) {
	for _, br := range []string{"\r\n", "\r", "\u0085", "\u2028", "\u2029"} {
		for _, bom := range []string{"", "\ufeff"} {
			for _, tt := range editCases {
				t.Run(fmt.Sprintf("%q/%q/%s", bom, br, tt.name), func(t *testing.T) {
					lf, err := tt.edit([]byte(sample))
					if err != nil {
						t.Fatal(err)
					}
					in := bom + strings.ReplaceAll(sample, "\n", br)
					out, err := tt.edit([]byte(in))
					if err != nil {
						t.Fatal(err)
					}
					want := bom + strings.ReplaceAll(string(lf), "\n", br)
					if br == "\u0085" || br == "\u2028" || br == "\u2029" {
						// New lines end in a line feed: editors know no other.
						got := strings.ReplaceAll(string(out), br, "\n")
						if got = strings.TrimPrefix(got, bom); got != string(lf) {
							t.Errorf("with %q breaks:\n%s\nwant:\n%s", br, got, lf)
						}
						return
					}
					if string(out) != want {
						t.Errorf("with %q breaks:\n%q\nwant:\n%q", br, out, want)
					}
				})
			}
		}
	}
}

// TestBreakInsideQuotes: a line break YAML sees inside a quoted title,
// before the item edited, does not move the edit onto another line.
func TestBreakInsideQuotes(t *testing.T) {
	for _, br := range []string{"\r", "\u0085", "\u2028", "\u2029", "\r\n"} {
		in := strings.Replace(sample, `title: "Run a continuous campaign"`, `title: "Run a`+br+`      continuous campaign"`, 1)
		out, err := Set([]byte(in), "P8.1", "rag", "red", actionOrder)
		if err != nil {
			t.Fatalf("%q: %v", br, err)
		}
		if got := changed(in, string(out)); strings.Join(got, "\n") != "-    rag: amber # reviewed monthly\n+    rag: red # reviewed monthly" {
			t.Errorf("%q: changed lines %q", br, got)
		}
	}
}

// TestBlockEndsBeforeLessIndentedComment: a comment after a block scalar,
// indented less than the block's text but more than its key, is not part
// of the block, and an edit of the block keeps it.
func TestBlockEndsBeforeLessIndentedComment(t *testing.T) {
	for _, header := range []string{">", "|", ">-", "|2"} {
		in := strings.Replace(sample, "    note: >\n      Long note\n      over two lines.\n",
			"    note: "+header+"\n      Long note\n      over two lines.\n     # reviewer: keep this comment\n", 1)
		out, err := Set([]byte(in), "P8.1", "note", Quote("New text"), actionOrder)
		if err != nil {
			t.Fatalf("%s: %v", header, err)
		}
		if !strings.Contains(string(out), "     # reviewer: keep this comment\n") {
			t.Errorf("%s: the comment after the block was lost:\n%s", header, out)
		}
		if got := changed(in, string(out)); len(got) != 4 || got[3] != "+    note: New text" {
			t.Errorf("%s: changed lines %q", header, got)
		}
	}
}

// TestRefusesWhatItCannotVerify: an edit whose text would not read back as
// the change asked for is refused, with no bytes.
func TestRefusesWhatItCannotVerify(t *testing.T) {
	// A value that is YAML text for something else than the string.
	if out, err := Set([]byte(sample), "P8.1", "note", "[a, b]", actionOrder); err == nil {
		t.Errorf("a list written as a note was accepted:\n%s", out)
	}
	// Duplicate keys: which one is meant cannot be told.
	dup := strings.Replace(sample, "    rag: amber # reviewed monthly\n", "    rag: amber # reviewed monthly\n    rag: green\n", 1)
	if out, err := Set([]byte(dup), "P8.1", "rag", "red", actionOrder); !errors.Is(err, ErrUnsafe) {
		t.Errorf("an edit of a mapping with a duplicate key: %v\n%s", err, out)
	}
}

// TestVerifyKeepsComments: text that holds the same values but has lost a
// comment does not pass as an edit.
func TestVerifyKeepsComments(t *testing.T) {
	f, err := parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	lost := strings.Replace(sample, "  # Recruitment comes first.\n", "", 1)
	if _, err := verify(f, []byte(lost), f.root, func(*cnode) {}); !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), "Recruitment comes first") {
		t.Errorf("a lost comment passed: %v", err)
	}
	if _, err := verify(f, []byte(sample), f.root, func(*cnode) {}); err != nil {
		t.Errorf("the same text failed: %v", err)
	}
}

func TestNotFound(t *testing.T) {
	if _, err := Set([]byte(sample), "P9.1", "rag", "red", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Set on an unknown id: %v", err)
	}
	if _, err := SetActual([]byte(sample), "P8.K9", "2026-01-01", "1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetActual on an unknown id: %v", err)
	}
	if _, err := Set([]byte("a: [\n"), "P1", "rag", "red", nil); err == nil {
		t.Error("Set on invalid YAML")
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"Plain words":          "Plain words",
		"Note: with a colon":   `"Note: with a colon"`,
		"yes":                  `"yes"`,
		"2026-01-01":           `"2026-01-01"`,
		"42":                   `"42"`,
		"- starts with a dash": `"- starts with a dash"`,
		"has # hash":           `"has # hash"`,
		"":                     `""`,
		"line\nbreak":          `"line\nbreak"`,
		"Children's services":  "Children's services",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestAppendEntryLists: entries join lists as they are written, empty,
// flow or block.
func TestAppendEntryLists(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", "id: P1\nactions:\n  - id: P1.1\n    rebaselined:\n    note: x # kept\n",
			"id: P1\nactions:\n  - id: P1.1\n    note: x # kept\n    rebaselined:\n      - date: 2026-11-27\n        field: due\n        reason: Why\n"},
		{"empty flow", "id: P1\nactions:\n  - id: P1.1\n    rebaselined: []\n",
			"id: P1\nactions:\n  - id: P1.1\n    rebaselined: [{date: 2026-11-27, field: due, reason: Why}]\n"},
		{"flow", "id: P1\nactions:\n  - id: P1.1\n    rebaselined: [{date: 2026-01-01, field: due, reason: A}]\n",
			"id: P1\nactions:\n  - id: P1.1\n    rebaselined: [{date: 2026-01-01, field: due, reason: A}, {date: 2026-11-27, field: due, reason: Why}]\n"},
		{"block", "id: P1\nactions:\n  - id: P1.1\n    rebaselined:\n    - date: 2026-01-01 # first\n      field: due\n      reason: A\n  - id: P1.2\n",
			"id: P1\nactions:\n  - id: P1.1\n    rebaselined:\n    - date: 2026-01-01 # first\n      field: due\n      reason: A\n    - date: 2026-11-27\n      field: due\n      reason: Why\n  - id: P1.2\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := AppendEntry([]byte(c.in), "P1.1", "rebaselined", []Field{{"date", "2026-11-27"}, {"field", "due"}, {"reason", "Why"}}, actionOrder)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got\n%s\nwant\n%s", out, c.want)
			}
		})
	}
	if _, err := AppendEntry([]byte("id: P1\nactions:\n  - id: P1.1\n    rebaselined: x\n"), "P1.1", "rebaselined", rbFields, actionOrder); err == nil {
		t.Error("a list that is not a list: no error")
	}
}

// TestSetEntry: the field of the entry named is set, in the middle of a
// block list, keeping comments; an entry that is not there is an error.
func TestSetEntry(t *testing.T) {
	in := "id: P1\nactions:\n  - id: P1.1\n    rebaselined:\n      - date: 2026-01-01 # first\n        field: due\n        reason: A\n        approved: Board\n      - date: 2026-02-01\n        field: due\n        from: 2026-03-31\n        reason: B # why\n      - {date: 2026-03-01, field: due, reason: C}\n  - id: P1.2\n"
	out, err := SetEntry([]byte(in), "P1.1", "rebaselined", 1, "approved", Quote("Improvement Board 2026-02-10"), rbOrder)
	if err != nil {
		t.Fatal(err)
	}
	if got := changed(in, string(out)); strings.Join(got, "\n") != "+        approved: Improvement Board 2026-02-10" {
		t.Errorf("changed lines %q\n%s", got, out)
	}
	out, err = SetEntry([]byte(in), "P1.1", "rebaselined", 0, "approved", "Cabinet", rbOrder)
	if err != nil {
		t.Fatal(err)
	}
	if got := changed(in, string(out)); strings.Join(got, "\n") != "-        approved: Board\n+        approved: Cabinet" {
		t.Errorf("changed lines %q", got)
	}
	out, err = SetEntry([]byte(in), "P1.1", "rebaselined", 2, "approved", "Cabinet", rbOrder)
	if err != nil {
		t.Fatal(err)
	}
	if got := changed(in, string(out)); strings.Join(got, "\n") != "-      - {date: 2026-03-01, field: due, reason: C}\n+      - {date: 2026-03-01, field: due, reason: C, approved: Cabinet}" {
		t.Errorf("changed lines %q", got)
	}
	for _, n := range []int{-1, 3} {
		if _, err := SetEntry([]byte(in), "P1.1", "rebaselined", n, "approved", "X", rbOrder); err == nil {
			t.Errorf("entry %d: no error", n)
		}
	}
	if _, err := SetEntry([]byte(in), "P1.2", "rebaselined", 0, "approved", "X", rbOrder); err == nil {
		t.Error("an item with no list: no error")
	}
	if _, err := SetEntry([]byte(in), "P9", "rebaselined", 0, "approved", "X", rbOrder); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

// TestAddKey: a term joins the glossary at its end, keeping comments; the
// glossary is made when absent or empty; a term it has, or a glossary in
// flow style, is refused.
func TestAddKey(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"block", "title: T\nglossary:\n  ASYE: Assessed year # kept\n  CIN: Child in need\nthemes: []\n",
			"title: T\nglossary:\n  ASYE: Assessed year # kept\n  CIN: Child in need\n  LADO: \"Designated officer: allegations\"\nthemes: []\n"},
		{"absent", "title: T\r\nthemes: []\r\n", "title: T\r\nthemes: []\r\nglossary:\r\n  LADO: \"Designated officer: allegations\"\r\n"},
		{"absent, no final break", "title: T", "title: T\nglossary:\n  LADO: \"Designated officer: allegations\"\n"},
		{"empty", "title: T\nglossary:\nthemes: []\n", "title: T\nglossary:\n  LADO: \"Designated officer: allegations\"\nthemes: []\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := AddKey([]byte(c.in), "glossary", Quote("LADO"), Quote("Designated officer: allegations"))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got\n%q\nwant\n%q", out, c.want)
			}
		})
	}
	for _, in := range []string{"glossary:\n  LADO: x\n", "glossary: {CIN: Child in need}\n", "glossary: x\n"} {
		if out, err := AddKey([]byte(in), "glossary", "LADO", "y"); err == nil {
			t.Errorf("AddKey on %q: no error, got %q", in, out)
		}
	}
}

// An empty list followed by another is rewritten alone: the regression
// of a search for its closing bracket that found the next list's.
func TestAppendToEmptyListBeforeAnother(t *testing.T) {
	in := "title: T\n# themes.\nthemes: []\n# owners.\nowners: []\n"
	out, err := Append([]byte(in), "themes", []Field{{Name: "id", Value: "A"}, {Name: "title", Value: "a"}}, "")
	want := "title: T\n# themes.\nthemes:\n  - id: A\n    title: a\n# owners.\nowners: []\n"
	if err != nil || string(out) != want {
		t.Errorf("got %q, %v\nwant %q", out, err, want)
	}
}

func TestRemoveKey(t *testing.T) {
	for _, c := range []struct{ name, in, key, want string }{
		{"middle, comments kept", "title: T\nglossary:\n  # Terms.\n  ASYE: Assessed year # kept\n  CIN: Child in need # goes\n  LADO: x\nthemes: []\n", "CIN",
			"title: T\nglossary:\n  # Terms.\n  ASYE: Assessed year # kept\n  LADO: x\nthemes: []\n"},
		{"last", "glossary:\r\n  ASYE: a\r\n  CIN: b\r\n", "CIN", "glossary:\r\n  ASYE: a\r\n"},
		{"only", "title: T\nglossary:\n  CIN: >-\n    Child\n    in need\nthemes: []\n", "CIN", "title: T\nglossary: {}\nthemes: []\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := RemoveKey([]byte(c.in), "glossary", c.key)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got\n%q\nwant\n%q", out, c.want)
			}
		})
	}
	for _, in := range []string{"glossary:\n  LADO: x\n", "glossary: {CIN: Child in need}\n", "glossary: x\n", "title: T\n"} {
		if out, err := RemoveKey([]byte(in), "glossary", "CIN"); err == nil {
			t.Errorf("RemoveKey on %q: no error, got %q", in, out)
		}
	}
}

func TestRemove(t *testing.T) {
	cases := []struct {
		name, in, id, want string
	}{
		{"block with its comment", sample, "P8.1", strings.Replace(sample, `  # Recruitment comes first.
  - id: P8.1
    title: "Run a continuous campaign"   # quoted on purpose
    due: 2026-03-31
    status: in-progress
    rag: amber # reviewed monthly
    note: >
      Long note
      over two lines.
`, "", 1)},
		{"flow entry in a block list", sample, "P8.2", strings.Replace(sample, "  - {id: P8.2, title: Microsite, due: 2025-12-31, status: done}\n", "", 1)},
		{"middle of a block list", "themes:\n  - id: A\n    title: a\n  - id: B\n    title: b\n  - id: C\n    title: c\n", "B", "themes:\n  - id: A\n    title: a\n  - id: C\n    title: c\n"},
		{"last entry leaves []", "title: t\nthemes:\n  - id: A\n    title: a\nowners: []\n", "A", "title: t\nthemes: []\nowners: []\n"},
		{"last entry at the end of the file", "title: t\nthemes:\n  - id: A\n    title: a", "A", "title: t\nthemes: []\n"},
		{"flow list first", "themes: [{id: A, title: a}, {id: B, title: b}]\n", "A", "themes: [{id: B, title: b}]\n"},
		{"flow list last", "themes: [{id: A, title: a}, {id: B, title: b}]\n", "B", "themes: [{id: A, title: a}]\n"},
		{"flow list only", "themes: [{id: A, title: a}]\n", "A", "themes: []\n"},
		{"crlf", "themes:\r\n  - id: A\r\n    title: a\r\n  - id: B\r\n    title: b\r\n", "A", "themes:\r\n  - id: B\r\n    title: b\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Remove([]byte(c.in), c.id)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	if _, err := Remove([]byte(sample), "P9.9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Remove of a missing id: %v, want ErrNotFound", err)
	}
	// The top-level mapping is not a list entry.
	if _, err := Remove([]byte(sample), "P8"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Remove of the priority itself: %v, want ErrNotFound", err)
	}
}

func TestMoveEntry(t *testing.T) {
	lines, err := Entry([]byte(sample), "P8.1")
	if err != nil {
		t.Fatal(err)
	}
	target := "id: P9\ntitle: t\nactions:\n    - id: P9.1\n      title: x\nkpis: []\n"
	got, err := AppendEntryText([]byte(target), "actions", lines, "kpis")
	if err != nil {
		t.Fatal(err)
	}
	want := `id: P9
title: t
actions:
    - id: P9.1
      title: x
    # Recruitment comes first.
    - id: P8.1
      title: "Run a continuous campaign"   # quoted on purpose
      due: 2026-03-31
      status: in-progress
      rag: amber # reviewed monthly
      note: >
        Long note
        over two lines.
kpis: []
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// No list yet, and an entry from a flow list.
	lines, err = Entry([]byte("themes: [{id: A, title: a}, {id: B, title: b}]\n"), "B")
	if err != nil {
		t.Fatal(err)
	}
	got, err = AppendEntryText([]byte("id: P9\r\ntitle: t\r\nkpis: []\r\n"), "actions", lines, "kpis")
	if err != nil {
		t.Fatal(err)
	}
	if want := "id: P9\r\ntitle: t\r\nactions:\r\n  - {id: B, title: b}\r\nkpis: []\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := Entry([]byte(sample), "P9.9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entry of a missing id: %v, want ErrNotFound", err)
	}
}

func TestSetTop(t *testing.T) {
	const planFile = "title: Old   # as the board named it\norganisation: Testshire\nperiod: {start: 2026-01-01, end: 2027-12-31}\nthemes:\n  - {id: A, title: T}\n"
	for _, c := range []struct {
		field, sub, value string
		want              []string
	}{
		{"title", "", Quote("New title: 2027"), []string{"-title: Old   # as the board named it", `+title: "New title: 2027"   # as the board named it`}},
		{"period", "end", "2028-03-31", []string{"-period: {start: 2026-01-01, end: 2027-12-31}", "+period: {start: 2026-01-01, end: 2028-03-31}"}},
	} {
		out, err := SetTop([]byte(planFile), c.field, c.sub, c.value, []string{"title", "organisation", "period", "themes"})
		if err != nil {
			t.Fatal(err)
		}
		if got := changed(planFile, string(out)); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s %s: changed\n%s\nwant\n%s", c.field, c.sub, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
	if _, err := SetTop([]byte("title: x\n"), "period", "start", "2026-01-01", nil); err == nil {
		t.Error("a period that is not there: no error")
	}
}
