package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const testPlanYAML = `title: Test plan
organisation: Test Council
period: {start: 2026-01-01, end: 2027-12-31}
themes:
  - id: A
    title: Theme A
  - id: B
    title: Theme B
owners:
  - id: alice
    name: Alice
  - id: bob
    name: Bob
findings:
  - id: F1
    source: Ofsted
    text: A finding about the MASH.
glossary:
  MASH: Multi-Agency Safeguarding Hub
`

const testPriorityYAML = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - id: P1.1
    title: Do the first thing
    due: 2026-03-31
    status: in-progress
    rag: amber
    addresses: [F1]
  - id: P1.2
    title: Do the second thing
    owner: bob
    due: 2026-06-30
    status: done
kpis:
  - id: P1.K1
    title: Share of agency staff
    unit: "%"
    better: lower
    target: 25
    tolerance: 5
    actuals:
      2026-06-30: 38
      2026-03-31: 43
`

// load loads a plan from files, failing the test if it cannot be read.
func load(t *testing.T, files map[string]string) (*Plan, []Diagnostic) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	p, diags, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p, diags
}

func TestLoadValidPlan(t *testing.T) {
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01-first.yaml": testPriorityYAML})
	if len(diags) != 0 {
		t.Fatalf("diagnostics for a valid plan: %v", diags)
	}
	if p.Title != "Test plan" || p.Organisation != "Test Council" {
		t.Errorf("title, organisation = %q, %q", p.Title, p.Organisation)
	}
	if got := p.Period.Start.String() + ".." + p.Period.End.String(); got != "2026-01-01..2027-12-31" {
		t.Errorf("period = %s", got)
	}
	if len(p.Themes) != 2 || len(p.Owners) != 2 || len(p.Findings) != 1 || len(p.Glossary) != 1 {
		t.Fatalf("themes, owners, findings, glossary = %d, %d, %d, %d", len(p.Themes), len(p.Owners), len(p.Findings), len(p.Glossary))
	}
	if len(p.Priorities) != 1 {
		t.Fatalf("got %d priorities, want 1", len(p.Priorities))
	}
	pr := p.Priorities[0]
	if pr.Pos != (Pos{"priorities/01-first.yaml", 1, 1}) {
		t.Errorf("priority pos = %v", pr.Pos)
	}
	a1, a2 := pr.Actions[0], pr.Actions[1]
	if a1.Owner != "alice" {
		t.Errorf("P1.1 owner = %q, want the priority's owner alice", a1.Owner)
	}
	if a2.Owner != "bob" {
		t.Errorf("P1.2 owner = %q, want its own owner bob", a2.Owner)
	}
	if a1.Due != NewDate(2026, 3, 31) || a1.Status != InProgress || a1.RAG != Amber || a1.Priority != "P1" {
		t.Errorf("P1.1 = %+v", a1)
	}
	if got := a1.FieldPos("due"); got != (Pos{"priorities/01-first.yaml", 8, 10}) {
		t.Errorf("P1.1 due at %v", got)
	}
	k := pr.KPIs[0]
	if k.Owner != "alice" || k.Better != Lower || k.Target != 25 || k.Tolerance != 5 || k.Unit != "%" {
		t.Errorf("P1.K1 = %+v", k)
	}
	if len(k.Actuals) != 2 || k.Actuals[0].Date != NewDate(2026, 3, 31) || k.Actuals[1].Value != 38 {
		t.Errorf("actuals not in date order: %+v", k.Actuals)
	}
}

func TestLoadMissingPlanFile(t *testing.T) {
	_, _, err := Load(fstest.MapFS{"priorities/01.yaml": {Data: []byte(testPriorityYAML)}})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadPlanFileIsDirectory(t *testing.T) {
	_, _, err := Load(fstest.MapFS{"plan.yaml/x.yaml": {Data: []byte("x: 1")}})
	if err == nil {
		t.Fatal("Load succeeded with plan.yaml a directory")
	}
}

func TestLoadSkipsHiddenAndNestedPlans(t *testing.T) {
	p, diags := load(t, map[string]string{
		"plan.yaml":                  testPlanYAML,
		"priorities/01.yaml":         testPriorityYAML,
		".github/workflows/plan.yml": "on: push\n",
		"priorities/.draft.yaml":     "not: a priority\n",
		"other/plan.yaml":            "title: another plan\n",
		"other/priorities/01.yaml":   "id: X\n",
		"notes.txt":                  "not yaml",
		"priorities/02-second.yml":   strings.ReplaceAll(testPriorityYAML, "P1", "P2"), // addresses F1 too
	})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var ids []string
	for _, pr := range p.Priorities {
		ids = append(ids, pr.ID)
	}
	if !slices.Equal(ids, []string{"P1", "P2"}) {
		t.Fatalf("priorities %q, want P1 and P2 (the .yml file read, the rest skipped)", ids)
	}
}

// TestLoadFindings checks that each mistake is reported by the right rule,
// at the right place, with a message that helps. Each case replaces one
// line of the valid priority file (or plan.yaml).
// loadFindingCase is a mistake made in the test plan and the finding it
// must produce.
type loadFindingCase struct {
	name     string
	file     string // which file to edit: plan.yaml or priority
	old, new string // replace old with new in the file
	rule     Rule
	line     int
	col      int
	message  string // must appear in the message
}

// files returns the test plan's files with the mistake made, and the name
// of the file it is in.
func (tt loadFindingCase) files(t *testing.T) (map[string]string, string) {
	t.Helper()
	files := map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": testPriorityYAML}
	name := "priorities/01.yaml"
	if tt.file == "plan.yaml" {
		name = "plan.yaml"
	}
	if !strings.Contains(files[name], tt.old) {
		t.Fatalf("test case does not apply: %q not in %s", tt.old, name)
	}
	files[name] = strings.Replace(files[name], tt.old, tt.new, 1)
	return files, name
}

// loadFindingCases are the bad inputs TestLoadFindings checks the loader
// against, and TestSchemaAgreesWithLoader the schema.
var loadFindingCases = []loadFindingCase{
	{"unknown field with suggestion", "priority", "    owner: bob\n", "    owenr: bob\n", RuleUnknownField, 14, 5, `unknown field "owenr" in action P1.2; did you mean "owner"?`},
	{"unknown field without suggestion", "priority", "    owner: bob\n", "    colour: blue\n", RuleUnknownField, 14, 5, "(fields: id, title, owner, due, status, rag, addresses, note, evidence, visibility, completed, reviewed, confidence, rebaselined)"},
	{"unknown top-level field", "plan.yaml", "organisation: Test Council\n", "organisation: Test Council\nthemse: []\n", RuleUnknownField, 3, 1, `did you mean "themes"?`},
	{"missing status", "priority", "    status: done\n", "", RuleMissingField, 12, 5, `action P1.2 has no "status"`},
	{"missing title", "plan.yaml", "title: Test plan\n", "", RuleMissingField, 1, 1, `plan.yaml has no "title"`},
	{"empty title", "priority", "title: First priority\n", "title: \"\"\n", RuleMissingField, 3, 8, `title of priority P1 is empty`},
	{"bad status with hint", "priority", "    status: done\n", "    status: complete\n", RuleBadValue, 16, 13, `write "done"`},
	{"status in capitals", "priority", "    status: in-progress\n", "    status: In-Progress\n", RuleBadValue, 9, 13, `write "in-progress" in lower case`},
	{"blue rating", "priority", "    rag: amber\n", "    rag: blue\n", RuleBadValue, 10, 10, "set status: done"},
	{"rating typo", "priority", "    rag: amber\n", "    rag: ambr\n", RuleBadValue, 10, 10, `did you mean "amber"?`},
	{"UK date", "priority", "    due: 2026-03-31\n", "    due: 31/03/2026\n", RuleBadDate, 8, 10, "write 2026-03-31"},
	{"impossible date", "priority", "    due: 2026-03-31\n", "    due: 2026-02-30\n", RuleBadDate, 8, 10, "February 2026 has 28 days"},
	{"date with time", "priority", "    due: 2026-03-31\n", "    due: 2026-03-31T10:00:00Z\n", RuleBadDate, 8, 10, "has a time of day"},
	{"bad actual date", "priority", "      2026-03-31: 43\n", "      31/03/2026: 43\n", RuleBadDate, 26, 7, "write 2026-03-31"},
	{"percent in target", "priority", "    target: 25\n", "    target: 25%\n", RuleBadValue, 22, 13, "without %"},
	{"text actual", "priority", "      2026-03-31: 43\n", "      2026-03-31: n/a\n", RuleBadValue, 26, 19, `"n/a" is not a number`},
	{"negative tolerance", "priority", "    tolerance: 5\n", "    tolerance: -5\n", RuleBadValue, 23, 16, "negative"},
	{"id with a space", "priority", "  - id: P1.2\n", "  - id: P1 2\n", RuleBadValue, 12, 9, "not a valid id"},
	{"addresses not a list", "priority", "    addresses: [F1]\n", "    addresses: F1\n", RuleBadValue, 11, 16, "write [F1]"},
	{"title is a list", "priority", "    title: Do the first thing\n", "    title: [a, b]\n", RuleBadValue, 7, 12, "must be a single value, not a list"},
	{"duplicate key", "priority", "    rag: amber\n", "    rag: amber\n    rag: red\n", RuleDuplicateKey, 11, 5, `"rag" appears twice in action P1.1 (first at line 10)`},
	{"duplicate actual", "priority", "      2026-03-31: 43\n", "      2026-03-31: 43\n      2026-03-31: 44\n", RuleDuplicateKey, 27, 7, "appears twice"},
	{"duplicate id", "priority", "  - id: P1.2\n", "  - id: P1.1\n", RuleDuplicateID, 12, 5, `action id "P1.1" is already used by the action at priorities/01.yaml:6:5`},
	{"id shared with a theme", "priority", "id: P1\n", "id: A\n", RuleDuplicateID, 1, 1, `priority id "A" is already used by the theme at plan.yaml:5:5`},
	{"unknown theme", "priority", "theme: A\n", "theme: C\n", RuleUnknownRef, 2, 8, `theme "C", which plan.yaml does not define (themes: A, B)`},
	{"unknown owner with suggestion", "priority", "    owner: bob\n", "    owner: bobb\n", RuleUnknownRef, 14, 12, `did you mean "bob"?`},
	{"unknown finding", "priority", "    addresses: [F1]\n", "    addresses: [F1, F9]\n", RuleUnknownRef, 11, 21, `finding "F9"`},
	{"syntax", "priority", "    rag: amber\n", "    rag: amber\n   bad: [\n", RuleSyntax, 11, 4, "invalid YAML"},
	{"tab indentation", "priority", "    rag: amber\n", "\trag: amber\n", RuleSyntax, 10, 1, "indent with spaces"},
	{"merge conflict", "priority", "    rag: amber\n", "<<<<<<< HEAD\n    rag: amber\n=======\n    rag: red\n>>>>>>> branch\n", RuleSyntax, 10, 1, "unresolved merge conflict"},
	{"anchor", "priority", "    rag: amber\n", "    rag: &r amber\n", RuleSyntax, 10, 10, "anchors and aliases are not allowed"},
	{"second document", "priority", "      2026-03-31: 43\n", "      2026-03-31: 43\n---\nid: X\n", RuleSyntax, 27, 1, "a second YAML document"},
	{"period backwards", "plan.yaml", "period: {start: 2026-01-01, end: 2027-12-31}\n", "period: {start: 2026-01-01, end: 2025-12-31}\n", RuleBadValue, 3, 34, "period ends (2025-12-31) before it starts"},
	{"glossary as a list", "plan.yaml", "  MASH: Multi-Agency Safeguarding Hub\n", "  - MASH\n", RuleBadValue, 19, 3, "glossary must be a mapping of term: meaning"},
	{"priority file is a list", "priority", testPriorityYAML, "- id: P1.1\n  title: x\n", RuleBadValue, 1, 1, "a priority file must hold one priority"},
	{"empty priority file", "priority", testPriorityYAML, "", RuleMissingField, 1, 1, "empty priority file"},
	{"non-string key", "priority", "    rag: amber\n", "    [a]: amber\n", RuleBadValue, 10, 5, "a key must be plain text"},
	{"escape in a quoted title", "priority", "    title: Do the first thing\n", "    title: \"Do \\e[2Jthe first thing\"\n", RuleBadValue, 7, 16, "writes ESC (U+001B)"},
	{"hex escape", "priority", "    title: Do the first thing\n", "    title: \"Do \\x07 the\"\n", RuleBadValue, 7, 16, "writes BEL (U+0007)"},
	{"line break escape", "priority", "    title: Do the first thing\n", "    title: \"Do\\n::error::x\"\n", RuleBadValue, 7, 15, "writes LINE FEED (U+000A)"},
	{"control character in a key", "priority", "    rag: amber\n", "    rag: amber\n    \"r\\ag\": x\n", RuleBadValue, 11, 7, "writes BEL (U+0007)"},
	{"bidi override", "priority", "    title: Do the first thing\n", "    title: Do the \u202efirst thing\n", RuleSyntax, 7, 19, "RIGHT-TO-LEFT OVERRIDE (U+202E): it changes the order"},
	{"bidi override in a comment", "priority", "    rag: amber\n", "    rag: amber # \u2067hidden\n", RuleSyntax, 10, 18, "RIGHT-TO-LEFT ISOLATE (U+2067)"},
	{"bidi override escaped", "priority", "    title: Do the first thing\n", "    title: \"Do the \\u202efirst thing\"\n", RuleBadValue, 7, 20, "writes RIGHT-TO-LEFT OVERRIDE (U+202E)"},
	{"literal block keeps breaks", "priority", "    title: Do the first thing\n", "    title: |\n      Do the first\n      thing\n", RuleBadValue, 7, 12, "keeps its line breaks"},
	{"line separator", "priority", "    title: Do the first thing\n", "    title: \"Do the\u2028first thing\"\n", RuleSyntax, 7, 19, "LINE SEPARATOR (U+2028)"},
	{"NEL after a CR-only line", "priority", "    title: Do the first thing\n", "    title: x\r    note: y\u0085\n", RuleSyntax, 8, 12, "NEL (U+0085)"},
	{"binary tag", "priority", "    title: Do the first thing\n", "    title: !!binary RG8gaXQ=\n", RuleSyntax, 7, 12, "a YAML tag (!!binary)"},
	{"non-specific tag", "priority", "    target: 25\n", "    target: ! 25\n", RuleSyntax, 22, 13, "a YAML tag (!)"},
	{"local tag", "priority", "    rag: amber\n", "    rag: !foo amber\n", RuleSyntax, 10, 10, "a YAML tag (!foo)"},
	{"python tag", "priority", "    rag: amber\n", "    rag: !!python/object:os.system amber\n", RuleSyntax, 10, 10, "a YAML tag (!!python/object:os.system)"},
	{"number too large", "priority", "    target: 25\n", "    target: 1.7e308\n", RuleBadValue, 22, 13, "too large"},
	{"re-baselining from no such day", "priority", "    addresses: [F1]\n", "    addresses: [F1]\n    rebaselined:\n      - {date: 2026-01-06, field: due, from: 2022-06-31, reason: r, approved: Board}\n", RuleBadDate, 13, 46, "from of a re-baselining of action P1.1: \"2022-06-31\" is not a real day"},
	{"re-baselining from not a number", "priority", "    tolerance: 5\n", "    tolerance: 5\n    rebaselined:\n      - {date: 2026-01-06, field: target, from: 30%, reason: r, approved: Board}\n", RuleBadValue, 25, 49, "from of a re-baselining of kpi P1.K1: \"30%\" is not a number"},
	{"date with a space", "priority", "    due: 2026-03-31\n", "    due: \"2026-03-31 \"\n", RuleBadDate, 8, 10, "has spaces around the date"},
}

func TestLoadFindings(t *testing.T) {
	for _, tt := range loadFindingCases {
		t.Run(tt.name, func(t *testing.T) {
			files, name := tt.files(t)
			_, diags := load(t, files)
			for _, d := range diags {
				if d.Rule == tt.rule && d.Pos.Line == tt.line {
					if d.Pos.File != name || d.Pos.Column != tt.col || !strings.Contains(d.Message, tt.message) {
						t.Errorf("got  %s: %s [%s]\nwant %s:%d:%d: ...%s... [%s]", d.Pos, d.Message, d.Rule, name, tt.line, tt.col, tt.message, tt.rule)
					}
					return
				}
			}
			t.Errorf("no %s finding at line %d; got:\n%s", tt.rule, tt.line, formatDiags(diags))
		})
	}
}

func formatDiags(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Pos.String() + ": " + d.Message + " [" + string(d.Rule) + "]\n")
	}
	return b.String()
}

// A mistake is reported once: a bad date is not also "undated", a bad
// rating not also "unrated".
func TestBadValuesAreNotReportedTwice(t *testing.T) {
	pri := strings.NewReplacer("    due: 2026-03-31\n", "    due: 31/03/2026\n", "    rag: amber\n", "    rag: blue\n").Replace(testPriorityYAML)
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": pri})
	if len(diags) != 2 {
		t.Fatalf("want 2 load findings, got:\n%s", formatDiags(diags))
	}
	if policy := p.Check(NewDate(2026, 7, 1)); len(policy) != 0 {
		t.Errorf("policy rules repeat load findings:\n%s", formatDiags(policy))
	}
}

// A plan.yaml that cannot be parsed is one mistake, not one per reference
// to the themes and owners it would have defined.
func TestBrokenPlanFileIsReportedOnce(t *testing.T) {
	_, diags := load(t, map[string]string{"plan.yaml": "title: [unclosed\n", "priorities/01.yaml": testPriorityYAML})
	if len(diags) != 1 || diags[0].Rule != RuleSyntax || diags[0].Pos.File != "plan.yaml" {
		t.Fatalf("got:\n%s", formatDiags(diags))
	}
}

func TestLoadEmptyPlanFile(t *testing.T) {
	_, diags := load(t, map[string]string{"plan.yaml": "# nothing yet\n"})
	if len(diags) != 1 || diags[0].Rule != RuleMissingField || !strings.Contains(diags[0].Message, "plan.yaml is empty") {
		t.Fatalf("got:\n%s", formatDiags(diags))
	}
}

func TestLoadAcceptsBOMAndCRLF(t *testing.T) {
	crlf := "\ufeff" + strings.ReplaceAll(testPriorityYAML, "\n", "\r\n")
	p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": crlf})
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%s", formatDiags(diags))
	}
	if got := p.Priorities[0].Actions[0].Title; got != "Do the first thing" {
		t.Errorf("title = %q", got)
	}
}

// TestControlFindingsAreBounded: a file with thousands of values holding
// escapes on one line is answered quickly, with the first few reported one
// by one and one finding for the rest.
func TestControlFindingsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(testPriorityYAML + "extra: {")
	for i := range 20_000 {
		fmt.Fprintf(&b, `k%d: "\e", `, i)
	}
	b.WriteString("}\n")
	start := time.Now()
	_, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": b.String()})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Load took %v", d)
	}
	n, rest := 0, ""
	for _, d := range diags {
		switch {
		case strings.Contains(d.Message, "writes ESC"):
			n++
		case strings.Contains(d.Message, "more values from here on"):
			rest = d.Message
		}
	}
	if n != maxControlFindings || !strings.HasPrefix(rest, "19980 more values") {
		t.Errorf("%d findings one by one and %q, want %d and one for the 19,980 others", n, rest, maxControlFindings)
	}
}
