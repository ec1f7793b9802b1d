package returns

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/plan-tool/plan/pkg/tracker"
	"github.com/plan-tool/plan/plan"
)

const planYAML = `title: Test plan
organisation: Testshire Council
period: {start: 2026-01-01, end: 2027-12-31}
themes:
  - {id: A, title: Practice}
owners:
  - {id: alice, name: Alice Smith, role: Head of Service, email: alice@example.org}
  - {id: bob, name: Bob Jones}
`

const p1 = `id: P1
theme: A
title: Better practice
owner: alice
actions:
  # The audit comes first.
  - id: P1.1
    title: Audit cases monthly
    due: 2026-12-31
    status: in-progress
    rag: amber # as at October
    note: Two audits done
  - id: P1.2
    title: Train managers
    due: 2027-03-31
    status: planned
    rag: green
  - {id: P1.3, title: Write the standards, due: 2027-01-31, status: in-progress, rag: green}
  - id: P1.4
    title: Done already
    status: done
  - id: P1.5
    title: Bob's action
    owner: bob
    due: 2026-12-31
    status: planned
    rag: amber
kpis:
  - id: P1.K1
    title: Audits rated good
    unit: "%"
    better: higher
    target: 80
    tolerance: 5
    frequency: quarterly
    actuals:
      2026-06-30: 70
      2026-09-30: 74
  - id: P1.K2
    title: Annual survey
    better: higher
    target: 60
    frequency: annual
    actuals:
      2026-03-31: 50
`

var (
	issued = plan.NewDate(2026, 11, 24)
	due    = plan.NewDate(2027, 1, 10)
	asOf   = plan.NewDate(2027, 1, 8)
	clock  = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
)

func loadPlan(t *testing.T, files map[string]string) *plan.Plan {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	p, diags, err := plan.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if bad := plan.Structural(diags); len(bad) > 0 {
		t.Fatalf("plan does not load: %v", bad)
	}
	return p
}

// issue writes alice's return of the plan and opens it as the owner
// would, to fill in.
func issue(t *testing.T, p *plan.Plan) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p, Request{Owner: "alice", Issued: issued, Due: due, Revision: "git 0123456789abcdef0123456789abcdef01234567"}, clock); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func saved(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// apply reads the filled-in workbook and applies its edits to the
// priority file, returning the file and the outcome.
func apply(t *testing.T, p *plan.Plan, src string, data []byte, o Options) (string, Outcome) {
	t.Helper()
	r, err := Read("alice.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Apply(p, r, o)
	if err != nil {
		t.Fatal(err)
	}
	b := []byte(src)
	for _, e := range out.Edits {
		if b, err = e.Change(b); err != nil {
			t.Fatalf("%s: %v", e.Where, err)
		}
	}
	return string(b), out
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func problems(out Outcome) string {
	var b strings.Builder
	for _, p := range out.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// TestWorkbook: the return holds the owner's open actions and due KPIs,
// the plan's columns locked, the owner's with lists and checks.
func TestWorkbook(t *testing.T) {
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	f := issue(t, p)
	if got := strings.Join(f.GetSheetList(), ","); got != "Actions,KPIs,plan-return" {
		t.Errorf("sheets = %s", got)
	}
	if v, _ := f.GetSheetVisible(StampSheet); v {
		t.Error("the stamp sheet is visible")
	}
	rows, _ := f.GetRows(ActionsSheet)
	var ids []string
	for _, r := range rows[headerRow:] {
		ids = append(ids, r[0])
	}
	if got := strings.Join(ids, ","); got != "P1.1,P1.2,P1.3" {
		t.Errorf("actions = %s; want alice's open ones", got)
	}
	if !strings.Contains(rows[1][0], "Alice Smith") || !strings.Contains(rows[1][0], "10 January 2027") {
		t.Errorf("intro = %q; want the owner's name and the return date", rows[1][0])
	}
	kpis, _ := f.GetRows(KPIsSheet)
	if len(kpis) != headerRow+1 || kpis[headerRow][0] != "P1.K1" {
		t.Errorf("KPIs = %v; want P1.K1 alone (P1.K2's next value is for 2027-03-31)", kpis[headerRow:])
	}
	if got, _ := f.GetCellValue(KPIsSheet, "K7"); got != "31/12/2026" {
		t.Errorf("period ending = %q; want the next quarter's end filled in", got)
	}
	dvs, _ := f.GetDataValidations(ActionsSheet)
	var lists []string
	for _, dv := range dvs {
		lists = append(lists, dv.Sqref+"="+dv.Formula1)
	}
	if got := strings.Join(lists, " "); !strings.Contains(got, `H7:H9="red,amber,green"`) || !strings.Contains(got, `I7:I9="planned,in-progress,done,dropped"`) {
		t.Errorf("validations = %s", got)
	}
	for cell, locked := range map[string]bool{"A7": true, "F7": true, "G7": true, "H7": false, "L9": false} {
		id, _ := f.GetCellStyle(ActionsSheet, cell)
		st, _ := f.GetStyle(id)
		if got := st.Protection == nil || st.Protection.Locked; got != locked {
			t.Errorf("%s locked = %v, want %v", cell, got, locked)
		}
	}
}

// TestRoundTrip: what the owner types is what changes, line for line.
func TestRoundTrip(t *testing.T) {
	files := map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1}
	p := loadPlan(t, files)
	f := issue(t, p)
	set(t, f, ActionsSheet, "H7", "Red")
	set(t, f, ActionsSheet, "L7", "Auditors off sick:\nthree audits late")
	set(t, f, ActionsSheet, "L8", "No change")
	set(t, f, ActionsSheet, "J9", time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC))
	set(t, f, ActionsSheet, "K9", "Waiting for the new system")
	set(t, f, KPIsSheet, "J7", 77.5)
	got, out := apply(t, p, p1, saved(t, f), Options{AsOf: asOf})
	if len(out.Problems) > 0 {
		t.Fatalf("problems:\n%s", problems(out))
	}
	want := p1
	for _, r := range [][2]string{{
		"    rag: amber # as at October\n    note: Two audits done\n",
		"    rag: red # as at October\n    note: \"Auditors off sick: three audits late\"\n    reviewed: 2027-01-08\n",
	}, {
		"    rag: green\n  - {id: P1.3",
		"    rag: green\n    note: No change\n    reviewed: 2027-01-08\n  - {id: P1.3",
	}, {
		"{id: P1.3, title: Write the standards, due: 2027-01-31, status: in-progress, rag: green}",
		"{id: P1.3, title: Write the standards, due: 2027-04-30, status: in-progress, rag: green, rebaselined: [{date: 2027-01-08, field: due, from: 2027-01-31, reason: Waiting for the new system}], reviewed: 2027-01-08}",
	}, {
		"      2026-09-30: 74\n", "      2026-09-30: 74\n      2026-12-31: 77.5\n",
	}} {
		if !strings.Contains(want, r[0]) {
			t.Fatalf("the test's plan has no %q", r[0])
		}
		want = strings.Replace(want, r[0], r[1], 1)
	}
	if got != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	after := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": got})
	// The new date is proposed, not approved: check says so.
	var awaiting int
	for _, d := range after.Check(asOf) {
		if d.Rule == plan.RuleAwaitingApproval && d.ID == "P1.3" {
			awaiting++
		}
	}
	if awaiting != 1 {
		t.Errorf("awaiting-approval findings for P1.3 = %d, want 1", awaiting)
	}
	// Applied again, to the plan it made: nothing changes.
	again, out := apply(t, after, got, saved(t, f), Options{AsOf: asOf.AddDays(3)})
	if again != got || len(out.Edits) != 0 || len(out.Problems) != 0 {
		t.Errorf("a second apply changed %d things, problems:\n%s\nfile:\n%s", len(out.Edits), problems(out), again)
	}
	if out.Unchanged != 5 {
		t.Errorf("unchanged = %d, want 5", out.Unchanged)
	}
}

// TestRefusals: each bad cell is named with its workbook, sheet and cell
// and not applied; the good ones in the same return still are.
func TestRefusals(t *testing.T) {
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	f := issue(t, p)
	set(t, f, ActionsSheet, "H7", "Purple")
	set(t, f, ActionsSheet, "I7", "complete")
	set(t, f, ActionsSheet, "J8", "end of March")
	set(t, f, ActionsSheet, "K8", "Late")
	set(t, f, ActionsSheet, "J9", time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)) // no reason
	set(t, f, ActionsSheet, "C8", "A new title")                                // a locked column
	set(t, f, ActionsSheet, "L9", "Going well")                                 // good
	set(t, f, ActionsSheet, "A10", "")
	set(t, f, ActionsSheet, "L10", "A row of my own")
	set(t, f, KPIsSheet, "J7", "about 80")
	got, out := apply(t, p, p1, saved(t, f), Options{AsOf: asOf})
	want := `alice.xlsx Actions!L10: a value in a row with no ID: it is not applied (rows cannot be added to a return)
alice.xlsx Actions!H7: "Purple" is not a rating: choose red, amber or green from the list
alice.xlsx Actions!I7: "complete" is not a status: choose planned, in-progress, done or dropped from the list
alice.xlsx Actions!C8: the Action column is not for returns, and P1.2's was changed from "Train managers" to "A new title": it is not applied; ask for changes to it in the update note
alice.xlsx Actions!J8: "end of March" is not a date: type the date itself, such as 31/03/2027
alice.xlsx Actions!K9: a new due date for P1.3 needs its reason, for the board to approve: the date is not applied
alice.xlsx KPIs!J7: "about 80" is not a number: type the value alone, such as 21 or 87.5
`
	if problems(out) != want {
		t.Errorf("problems:\n%s\nwant:\n%s", problems(out), want)
	}
	if !strings.Contains(got, "{id: P1.3, title: Write the standards, due: 2027-01-31, status: in-progress, rag: green, note: Going well, reviewed: 2027-01-08}") {
		t.Errorf("the good cell was not applied:\n%s", got)
	}
	if strings.Count(got, "\n") != strings.Count(p1, "\n") {
		t.Errorf("lines were added for refused cells:\n%s", got)
	}

	// A future-dated actual, and one with no date.
	f = issue(t, p)
	set(t, f, KPIsSheet, "J7", 81)
	_, out = apply(t, p, p1, saved(t, f), Options{AsOf: plan.NewDate(2026, 12, 1)})
	if want := "alice.xlsx KPIs!K7: 2026-12-31 is after the as-of date 2026-12-01: an actual measures a period that has ended; check the year\n"; problems(out) != want {
		t.Errorf("future actual:\n%s", problems(out))
	}
	set(t, f, KPIsSheet, "K7", "")
	_, out = apply(t, p, p1, saved(t, f), Options{AsOf: asOf})
	if want := "alice.xlsx KPIs!K7: a new value for P1.K1 with no date: give the last day of the period it measures\n"; problems(out) != want {
		t.Errorf("no date:\n%s", problems(out))
	}
}

// TestConflict: a value the plan changed since the return was issued is
// left as the plan has it, unless Theirs.
func TestConflict(t *testing.T) {
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	f := issue(t, p)
	set(t, f, ActionsSheet, "H7", "green")
	set(t, f, ActionsSheet, "L7", "All audits done")
	// Meanwhile the analyst re-rated P1.1 red.
	changed := strings.Replace(p1, "rag: amber # as at October", "rag: red # as at October", 1)
	now := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": changed})
	got, out := apply(t, now, changed, saved(t, f), Options{AsOf: asOf})
	if len(out.Problems) != 1 || !out.Problems[0].Conflict || out.Problems[0].Where != "alice.xlsx Actions!H7" ||
		!strings.Contains(out.Problems[0].Message, `("amber" -> "red"); the return says "green"`) {
		t.Errorf("problems:\n%s", problems(out))
	}
	if !strings.Contains(got, "rag: red # as at October\n    note: All audits done\n") {
		t.Errorf("the rating was overwritten, or the note not applied:\n%s", got)
	}
	got, out = apply(t, now, changed, saved(t, f), Options{AsOf: asOf, Theirs: true})
	if len(out.Problems) != 0 || !strings.Contains(got, "rag: green # as at October") {
		t.Errorf("--theirs: problems:\n%s\nfile:\n%s", problems(out), got)
	}
}

// TestNotAReturn: a workbook plan returns did not make, one whose stamp
// was changed, and one for another plan are refused, saying why.
func TestNotAReturn(t *testing.T) {
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	plain := excelize.NewFile()
	set(t, plain, "Sheet1", "A1", "ID")
	if _, err := Read("tracker.xlsx", saved(t, plain)); !errors.Is(err, ErrNotAReturn) || !strings.Contains(err.Error(), "tracker.xlsx: not a return made by plan returns: it has no stamp") {
		t.Errorf("a plain workbook: %v", err)
	}
	f := issue(t, p)
	stamp, _ := f.GetCellValue(StampSheet, "A3")
	set(t, f, StampSheet, "A3", strings.Replace(stamp, `"rag":"amber"`, `"rag":"red"`, 1))
	if _, err := Read("alice.xlsx", saved(t, f)); err == nil || !strings.Contains(err.Error(), "stamp (its hidden sheet plan-return) was changed") {
		t.Errorf("a changed stamp: %v", err)
	}
	other := loadPlan(t, map[string]string{"plan.yaml": strings.Replace(planYAML, "Testshire", "Otherton", 1), "priorities/01.yaml": p1})
	r, err := Read("alice.xlsx", saved(t, issue(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	var foreign *ForeignError
	if _, err := Apply(other, r, Options{AsOf: asOf}); !errors.As(err, &foreign) || !strings.Contains(err.Error(), `made for "Test plan" (Testshire Council), not for this plan`) {
		t.Errorf("another plan's return: %v", err)
	}
}

// TestLongStamp: a stamp longer than a cell holds is split across cells
// and read back whole.
func TestLongStamp(t *testing.T) {
	long := strings.Repeat("Très long — ", 3000)
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": strings.Replace(p1, "note: Two audits done", "note: "+long, 1)})
	r, err := Read("alice.xlsx", saved(t, issue(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	if r.Stamp.Actions[0].Note != strings.TrimSpace(long) {
		t.Errorf("note read back is %d bytes, want %d", len(r.Stamp.Actions[0].Note), len(long))
	}
}

func TestFingerprint(t *testing.T) {
	a := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	b := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": strings.Replace(p1, "rag: green", "rag: red", 1)})
	again := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	if Fingerprint(a) == Fingerprint(b) || Fingerprint(a) != Fingerprint(again) || !strings.HasPrefix(Fingerprint(a), "sha256 ") {
		t.Error("the fingerprint does not tell plans apart, or changes by itself")
	}
}

// FuzzApply: whatever an owner types into the columns they fill in, the
// plan the return makes loads with no structural finding, every cell not
// applied is named with its workbook, sheet and cell, and applying the
// return again to the plan it made changes nothing.
func FuzzApply(f *testing.F) {
	f.Add("red", "done", "2027-03-31", "Late", "A note: with colon", "Evidence", "12.5", "2026-12-31")
	f.Add("Purple", "complete", "end of March", "", "line\nbreak", "", "about 5", "")
	f.Add("", "", "", "reason only", "\x1b[31m", "'quoted'", "1e400", "2099-01-01")
	f.Add("AMBER", "In-Progress", "31/03/2027", "- a list?", "# comment", "key: value", "-0", "2026-02-30")
	p := loadPlanF(f, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	var buf bytes.Buffer
	if err := Write(&buf, p, Request{Owner: "alice", Issued: issued, Due: due, Revision: "git x"}, clock); err != nil {
		f.Fatal(err)
	}
	issuedBook := buf.Bytes()
	f.Fuzz(func(t *testing.T, rag, status, dueText, reason, note, evidence, value, date string) {
		// The cells as a spreadsheet hands them over: text. (Read is the
		// same for every input, so it is done here rather than through a
		// workbook written each time, which would be a hundred times
		// slower.)
		r, err := Read("alice.xlsx", issuedBook)
		if err != nil {
			t.Fatal(err)
		}
		put := func(rows []Row, id, key, v string) {
			for _, row := range rows {
				if row.ID != id {
					continue
				}
				c := row.cols[key]
				for len(row.sheet.Rows[row.r]) <= c {
					row.sheet.Rows[row.r] = append(row.sheet.Rows[row.r], tracker.Cell{})
				}
				row.sheet.Rows[row.r][c] = tracker.Cell{Kind: tracker.Text, Text: v}
			}
		}
		put(r.Actions, "P1.1", newRAG, rag)
		put(r.Actions, "P1.2", newStatus, status)
		put(r.Actions, "P1.3", newDue, dueText)
		put(r.Actions, "P1.3", dueReason, reason)
		put(r.Actions, "P1.1", newNote, note)
		put(r.Actions, "P1.2", newEvidence, evidence)
		put(r.KPIs, "P1.K1", newValue, value)
		put(r.KPIs, "P1.K1", newDate, date)
		out, err := Apply(p, r, Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range out.Problems {
			if !strings.HasPrefix(pr.Where, "alice.xlsx Actions!") && !strings.HasPrefix(pr.Where, "alice.xlsx KPIs!") {
				t.Errorf("a problem not named by its cell: %s", pr)
			}
		}
		src := []byte(p1)
		for _, e := range out.Edits {
			if src, err = e.Change(src); err != nil {
				t.Fatalf("%s: an edit Apply made fails: %v", e.Where, err)
			}
		}
		fsys := fstest.MapFS{"plan.yaml": {Data: []byte(planYAML)}, "priorities/01.yaml": {Data: src}}
		after, diags, err := plan.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if bad := plan.Structural(diags); len(bad) > 0 {
			t.Fatalf("the return made the plan invalid: %v\n%s", bad, src)
		}
		again, err := Apply(after, r, Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Edits) != 0 {
			t.Errorf("applied twice, the return changes %d more things", len(again.Edits))
		}
	})
}

func loadPlanF(f *testing.F, files map[string]string) *plan.Plan {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	p, _, err := plan.Load(fsys)
	if err != nil {
		f.Fatal(err)
	}
	return p
}

// TestClosedSinceIssued: an action done in the plan since the return was
// issued takes no rating or new date from it; its note still goes in.
func TestClosedSinceIssued(t *testing.T) {
	p := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1})
	f := issue(t, p)
	set(t, f, ActionsSheet, "H7", "red")
	set(t, f, ActionsSheet, "J7", time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC))
	set(t, f, ActionsSheet, "K7", "Late")
	set(t, f, ActionsSheet, "L7", "Finished last week")
	done := strings.Replace(p1, "    status: in-progress\n    rag: amber", "    status: done\n    rag: amber", 1)
	now := loadPlan(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": done})
	got, out := apply(t, now, done, saved(t, f), Options{AsOf: asOf})
	want := "alice.xlsx Actions!H7: conflict: P1.1 became done in the plan after the return was issued; the return's new rating is left for a person to decide (plan returns apply --theirs takes it)\n" +
		"alice.xlsx Actions!J7: conflict: P1.1 became done in the plan after the return was issued; the return's new due date is left for a person to decide (plan returns apply --theirs takes it)\n"
	if problems(out) != want {
		t.Errorf("problems:\n%s\nwant:\n%s", problems(out), want)
	}
	if !strings.Contains(got, "    rag: amber # as at October\n    note: Finished last week\n") || strings.Contains(got, "2027-04-30") {
		t.Errorf("file:\n%s", got)
	}
}
