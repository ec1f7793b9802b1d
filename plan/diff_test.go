package plan

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const diffOldP1 = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - {id: P1.1, title: Recruit, due: 2026-03-31, status: in-progress, rag: amber, note: On track}
  - {id: P1.2, title: Retain, due: 2026-06-30, status: in-progress, rag: green}
  - {id: P1.3, title: Retire, due: 2026-06-30, status: planned, rag: green}
  - {id: P1.4, title: Relocate, due: 2026-09-30, status: planned, rag: green}
kpis:
  - {id: P1.K1, title: Audits good, better: higher, target: 80, tolerance: 5, actuals: {2026-06-30: 70}}
`

const diffNewP1 = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - {id: P1.1, title: Recruit, due: 2026-06-30, status: in-progress, rag: red, note: On track}
  - {id: P1.2, title: Retain, due: 2026-06-30, status: done, rag: green}
  - {id: P1.5, title: Review, due: 2026-12-31, status: planned, rag: green}
kpis:
  - {id: P1.K1, title: Audits good, better: higher, target: 70, tolerance: 5, actuals: {2026-06-30: 70, 2026-09-30: 78}}
`

const diffP2 = `id: P2
theme: B
title: Second priority
owner: bob
actions:
  - {id: P2.1, title: Plan, due: 2026-12-31, status: planned, rag: green, addresses: [F1]}
`

func diffItems(t *testing.T, files map[string]string) []Item {
	t.Helper()
	p, diags := load(t, files)
	if len(diags) != 0 {
		t.Fatalf("load findings:\n%s", formatDiags(diags))
	}
	return p.Items()
}

func describeChanges(r DiffReport) string {
	var b strings.Builder
	for _, c := range r.Changes {
		b.WriteString(string(c.Type) + " " + string(c.Kind) + " " + c.ID + "\n")
		if c.Type == Added || c.Type == Removed {
			continue
		}
		for _, f := range c.Fields {
			b.WriteString("  " + f.Field + ": " + f.Old + " -> " + f.New)
			if f.Meaning != "" {
				b.WriteString(" [" + string(f.Meaning) + "]")
			}
			if f.Days != 0 {
				b.WriteString(" " + days(f.Days))
			}
			if f.Rebaselined != nil {
				b.WriteString(" (re-baselined: " + f.Rebaselined.Approved + ")")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": diffOldP1, "priorities/02.yaml": diffP2})
	// The newer version renames a file, moves P1.4 to P2 and adds a finding.
	newP2 := strings.Replace(diffP2, "actions:\n", "actions:\n  - {id: P1.4, title: Relocate, due: 2026-09-30, status: planned, rag: green}\n", 1)
	newPlan := strings.Replace(testPlanYAML, "glossary:", "  - id: F2\n    text: Another finding.\nglossary:", 1)
	newer := diffItems(t, map[string]string{"plan.yaml": newPlan, "priorities/01-first.yaml": diffNewP1, "priorities/02.yaml": newP2})

	r := Diff(older, newer)
	want := `added finding F2
modified priority P1
  actions: P1.1, P1.2, P1.3, P1.4 -> P1.1, P1.2, P1.5
modified action P1.1
  due: 2026-03-31 -> 2026-06-30 [slipped] 91 days
  rag: amber -> red [worsened]
modified action P1.2
  status: in-progress -> done [done]
added action P1.5
modified kpi P1.K1
  target: 80 -> 70 [eased]
  actual 2026-09-30:  -> 78 [new-actual]
  rating: red -> green [improved]
modified priority P2
  actions: P2.1 -> P1.4, P2.1
moved action P1.4
  priority: P1 -> P2 [moved]
  owner: alice -> bob
removed action P1.3
`
	if got := describeChanges(r); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if got := r.Summary.String(); got != "1 slipped, 1 worsened, 1 improved, 1 done, 1 target changed, 1 new actual, 2 added, 1 removed, 1 moved" {
		t.Errorf("summary = %s", got)
	}

	if d := Diff(older, older); !d.Empty() || d.Summary.String() != "no changes" {
		t.Errorf("a plan differs from itself:\n%s", describeChanges(d))
	}

	var got []string
	for _, v := range r.Violations(GateRules()) {
		got = append(got, string(v.Rule)+": "+v.Message)
	}
	wantV := []string{
		"slipped: action P1.1: due slipped 91 days (2026-03-31 -> 2026-06-30) with no re-baselining recorded",
		"rating-changed-without-note: action P1.1: rating changed (amber -> red) with no change to its note saying why",
		"target-changed: kpi P1.K1: target eased (80 -> 70) with no re-baselining recorded",
		"removed: action P1.3: removed from the plan; set status: dropped instead, so the record stays",
	}
	if strings.Join(got, "\n") != strings.Join(wantV, "\n") {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantV, "\n"))
	}
}

func TestDiffRebaselined(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": diffOldP1})
	newP1 := strings.Replace(diffOldP1,
		"  - {id: P1.1, title: Recruit, due: 2026-03-31, status: in-progress, rag: amber, note: On track}\n",
		`  - id: P1.1
    title: Recruit
    due: 2026-06-30
    status: in-progress
    rag: amber
    note: On track
    rebaselined:
      - {date: 2026-02-10, field: due, from: 2026-03-31, reason: Recruitment market, approved: Improvement Board 2026-02-10}
`, 1)
	newer := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": newP1})
	r := Diff(older, newer)
	want := `modified action P1.1
  due: 2026-03-31 -> 2026-06-30 [slipped] 91 days (re-baselined: Improvement Board 2026-02-10)
  rebaselined 2026-02-10 due:  -> from 2026-03-31: Recruitment market (approved: Improvement Board 2026-02-10)
`
	if got := describeChanges(r); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if v := r.Violations(GateRules()); len(v) != 0 {
		t.Errorf("a recorded re-baselining still fails the gate: %+v", v)
	}
	if got := r.Summary.String(); got != "1 re-baselined with approval" {
		t.Errorf("summary = %s", got)
	}

	// A re-baselining from another date does not cover the change, and
	// the gate says exactly that, not that none was recorded.
	wrong := strings.Replace(newP1, "from: 2026-03-31", "from: 2026-01-31", 1)
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": wrong}))
	v := r.Violations([]GateRule{GateSlipped})
	if len(v) != 1 || v[0].Message != "action P1.1: due slipped 91 days (2026-03-31 -> 2026-06-30), and the re-baselining of due says from 2026-01-31, it was 2026-03-31" {
		t.Errorf("a re-baselining from the wrong date: %+v", v)
	}
	// The same date written another way covers it.
	same := strings.Replace(newP1, "from: 2026-03-31", `from: "2026-03-31"`, 1)
	r = Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": same}))
	if v := r.Violations(GateRules()); len(v) != 0 {
		t.Errorf("a quoted from did not cover the change: %+v", v)
	}
}

func TestParseGate(t *testing.T) {
	if g, err := ParseGate([]string{"slipped", " removed"}); err != nil || len(g) != 2 {
		t.Errorf("ParseGate = %v, %v", g, err)
	}
	if g, err := ParseGate([]string{"all"}); err != nil || len(g) != len(GateRules()) {
		t.Errorf("ParseGate(all) = %v, %v", g, err)
	}
	if _, err := ParseGate([]string{"sliped"}); err == nil || !strings.Contains(err.Error(), `did you mean "slipped"?`) {
		t.Errorf("ParseGate(sliped) error = %v", err)
	}
}

func TestRebaselinedValidation(t *testing.T) {
	bad := strings.Replace(diffOldP1,
		"  - {id: P1.2, title: Retain, due: 2026-06-30, status: in-progress, rag: green}\n",
		"  - {id: P1.2, title: Retain, due: 2026-06-30, status: in-progress, rag: green, rebaselined: [{date: 10/02/2026, field: rag, reason: x}]}\n", 1)
	_, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": bad})
	var rules []string
	for _, d := range diags {
		rules = append(rules, string(d.Rule))
	}
	if got := strings.Join(rules, " "); got != "bad-date bad-value" {
		t.Errorf("rules = %s\n%s", got, formatDiags(diags))
	}
}

// TestDiffMembers checks the typed membership of a priority's lists: the
// ids that joined and left, in list order, only on member fields, and an
// empty membership (not nil) when only the order changed.
func TestDiffMembers(t *testing.T) {
	priority := func(actions, kpis string) *Item {
		it := item(KindPriority, "P1", "title", "First", "actions", actions, "kpis", kpis)
		return &it
	}
	members := func(c Change) map[string]*Membership {
		out := map[string]*Membership{}
		for _, f := range c.Fields {
			out[f.Field] = f.Members
		}
		return out
	}
	for _, tt := range []struct {
		name   string
		a, b   *Item
		change ChangeType
		want   map[string]*Membership
	}{
		{"joined and left", priority("P1.1, P1.2, P1.3", "P1.K1"), priority("P1.5, P1.1, P1.4, P1.2", "P1.K2"), Modified, map[string]*Membership{
			"actions": {Added: []string{"P1.5", "P1.4"}, Removed: []string{"P1.3"}},
			"kpis":    {Added: []string{"P1.K2"}, Removed: []string{"P1.K1"}},
		}},
		{"reordered", priority("P1.1, P1.2", "P1.K1"), priority("P1.2, P1.1", "P1.K1"), Modified, map[string]*Membership{
			"actions": {},
		}},
		{"emptied", priority("P1.1", "P1.K1"), priority("", "P1.K1"), Modified, map[string]*Membership{
			"actions": {Removed: []string{"P1.1"}},
		}},
		{"added", nil, priority("P1.1, P1.2", ""), Added, map[string]*Membership{
			"title": nil, "actions": {Added: []string{"P1.1", "P1.2"}},
		}},
		{"removed", priority("P1.1", "P1.K1"), nil, Removed, map[string]*Membership{
			"title": nil, "actions": {Removed: []string{"P1.1"}}, "kpis": {Removed: []string{"P1.K1"}},
		}},
		{"not a member field", &Item{Kind: KindAction, ID: "P1.1", Facts: []Fact{{"addresses", "F1"}}},
			&Item{Kind: KindAction, ID: "P1.1", Facts: []Fact{{"addresses", "F1, F2"}}}, Modified, map[string]*Membership{
				"addresses": nil,
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := DiffItem(tt.a, tt.b)
			if !ok || c.Type != tt.change {
				t.Fatalf("DiffItem = %v, %v; want a %s change", c.Type, ok, tt.change)
			}
			if got := members(c); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("members:\n%s\nwant:\n%s", describeMembers(got), describeMembers(tt.want))
			}
		})
	}
}

func describeMembers(m map[string]*Membership) string {
	var b strings.Builder
	for _, field := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "  %s: %+v\n", field, m[field])
	}
	return b.String()
}

// TestProposedRebaseline: an entry without approved is a proposal: check
// lists it as awaiting approval, the gate refuses the change it covers
// until approved is written, and then accepts it.
func TestProposedRebaseline(t *testing.T) {
	older := diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": diffOldP1})
	proposed := strings.Replace(diffOldP1,
		"  - {id: P1.1, title: Recruit, due: 2026-03-31, status: in-progress, rag: amber, note: On track}\n",
		"  - {id: P1.1, title: Recruit, due: 2026-06-30, status: in-progress, rag: amber, note: On track, rebaselined: [{date: 2026-02-10, field: due, from: 2026-03-31, reason: Recruitment market}]}\n", 1)
	files := map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": proposed}
	p, diags := load(t, files)
	if len(diags) != 0 {
		t.Fatalf("a proposal is not a structural finding:\n%s", formatDiags(diags))
	}
	var awaiting []Diagnostic
	for _, d := range p.Check(NewDate(2026, 2, 11)) {
		if d.Rule == RuleAwaitingApproval {
			awaiting = append(awaiting, d)
		}
	}
	want := "priorities/01.yaml:6:112 awaiting-approval action P1.1: the change of due 2026-03-31 -> 2026-06-30 proposed on 2026-02-10 awaits approval (Recruitment market); when it is agreed, record who approved it (approved: ...)"
	if len(awaiting) != 1 || awaiting[0].Pos.String()+" "+string(awaiting[0].Rule)+" "+awaiting[0].Message != want {
		t.Errorf("check:\n%s\nwant\n%s", formatDiags(awaiting), want)
	}
	r := Diff(older, p.Items())
	v := r.Violations(GateRules())
	if len(v) != 1 || v[0].Rule != GateSlipped || !strings.Contains(v[0].Message, "due slipped 91 days (2026-03-31 -> 2026-06-30): the re-baselining proposed on 2026-02-10 awaits approval") {
		t.Errorf("the gate let a proposal through: %+v", v)
	}
	if got := r.Summary.String(); got != "1 slipped" {
		t.Errorf("summary = %s; until it is approved, a proposed date is a slip", got)
	}
	approved := strings.Replace(proposed, "reason: Recruitment market}", "reason: Recruitment market, approved: Improvement Board 2026-02-17}", 1)
	if v := Diff(older, diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": approved})).Violations(GateRules()); len(v) != 0 {
		t.Errorf("an approved proposal still fails the gate: %+v", v)
	}
	// Approving it later is a change a reviewer sees.
	c := Diff(p.Items(), diffItems(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": approved}))
	if got := describeChanges(c); !strings.Contains(got, "approved: Improvement Board 2026-02-17") {
		t.Errorf("approval not in the diff:\n%s", got)
	}
}

// TestDiffNamesOwners: a change of owner carries the owners' names, as the
// newer version names them (the older for one it no longer has; the id for
// one neither names), so a pack can say who; other fields carry none.
func TestDiffNamesOwners(t *testing.T) {
	older := []Item{
		item(KindOwner, "ann", "name", "Ann Old"),
		item(KindOwner, "gone", "name", "Gone Person"),
		item(KindAction, "P1.1", "title", "a", "owner", "ann"),
		item(KindAction, "P1.2", "title", "b", "owner", "gone"),
	}
	newer := []Item{
		item(KindOwner, "ann", "name", "Ann New"),
		item(KindAction, "P1.1", "title", "a2", "owner", "nobody"),
		item(KindAction, "P1.2", "title", "b", "owner", "ann"),
	}
	var got []string
	for _, c := range Diff(older, newer).Changes {
		for _, f := range c.Fields {
			got = append(got, c.ID+" "+f.Field+" "+f.Old+">"+f.New+" "+f.OldName+">"+f.NewName)
		}
	}
	want := []string{
		"ann name Ann Old>Ann New >",
		"P1.1 title a>a2 >",
		"P1.1 owner ann>nobody Ann New>nobody",
		"P1.2 owner gone>ann Gone Person>Ann New",
		"gone name Gone Person> >",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// DiffPlans of two revisions read by LoadDraftReusing, which share the
// priorities of files read alike, reports what Diff of all their items
// reports: for a change in one file, moves between files, a file added or
// removed, and an id used in a shared file and a changed one.
func TestDiffPlansSkipsSharedPriorities(t *testing.T) {
	p2 := strings.NewReplacer("id: P1", "id: P2", "P1.", "P2.", "First", "Second").Replace(testPriorityYAML)
	p3 := strings.NewReplacer("id: P1", "id: P3", "P1.", "P3.", "First", "Third").Replace(testPriorityYAML)
	base := fstest.MapFS{
		"plan.yaml":                 {Data: []byte(testPlanYAML)},
		"priorities/01-first.yaml":  {Data: []byte(testPriorityYAML)},
		"priorities/02-second.yaml": {Data: []byte(p2)},
		"priorities/03-third.yaml":  {Data: []byte(p3)},
	}
	with := func(changes map[string]string) fstest.MapFS {
		fsys := fstest.MapFS{}
		for name, f := range base {
			fsys[name] = f
		}
		for name, data := range changes {
			if data == "" {
				delete(fsys, name)
				continue
			}
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		return fsys
	}
	moved := strings.Replace(p2, "  - id: P2.2\n", "  - id: P1.2\n", 1) // P1.2 now in the second file too
	for _, tc := range []struct {
		name    string
		changes map[string]string
		shared  int // priorities the two plans share
	}{
		{"one file changed", map[string]string{"priorities/02-second.yaml": strings.Replace(p2, "rag: amber", "rag: red", 1)}, 2},
		{"plan.yaml changed", map[string]string{"plan.yaml": strings.Replace(testPlanYAML, "name: Bob", "name: Robert", 1)}, 3},
		{"a file removed", map[string]string{"priorities/03-third.yaml": ""}, 2},
		{"a file added", map[string]string{"priorities/04-fourth.yaml": strings.NewReplacer("id: P1", "id: P4", "P1.", "P4.").Replace(testPriorityYAML)}, 3},
		{"an action moved", map[string]string{
			"priorities/01-first.yaml":  strings.Replace(testPriorityYAML, "  - id: P1.2\n    title: Do the second thing\n    owner: bob\n    due: 2026-06-30\n    status: done\n", "", 1),
			"priorities/02-second.yaml": p2 + "", // unchanged bytes: shared
			"priorities/03-third.yaml":  strings.Replace(p3, "actions:\n", "actions:\n  - id: P1.2\n    title: Do the second thing\n    owner: bob\n    due: 2026-06-30\n    status: done\n", 1),
		}, 1},
		{"an id in a shared file and a changed one", map[string]string{"priorities/02-second.yaml": moved}, 2},
		{"an id in two shared files", map[string]string{
			"priorities/03-third.yaml":  strings.Replace(p3, "  - id: P3.2\n", "  - id: P1.2\n", 1), // P1.2 in the first file too
			"priorities/02-second.yaml": strings.Replace(p2, "rag: amber", "rag: red", 1),
		}, 2},
		{"nothing changed", nil, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from := base
			if tc.name == "an id in two shared files" {
				// The duplicate is in both revisions: only the second file changes.
				from = with(map[string]string{"priorities/03-third.yaml": tc.changes["priorities/03-third.yaml"]})
			}
			older, err := LoadDraft(from)
			if err != nil {
				t.Fatal(err)
			}
			newer, err := LoadDraftReusing(with(tc.changes), older)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := older.Plan()
			b, _ := newer.Plan()
			shared := 0
			for _, pa := range a.Priorities {
				if slices.Contains(b.Priorities, pa) {
					shared++
				}
			}
			if shared != tc.shared {
				t.Fatalf("the plans share %d priorities, want %d: the test does not test what it says", shared, tc.shared)
			}
			got, want := DiffPlans(a, b), Diff(a.Items(), b.Items())
			if !reflect.DeepEqual(got, want) {
				t.Errorf("DiffPlans:\n%+v\nwant Diff's:\n%+v", got, want)
			}
			if len(tc.changes) > 0 && tc.name != "an action moved" && want.Empty() {
				t.Errorf("no changes: the case changes nothing")
			}
		})
	}
}
