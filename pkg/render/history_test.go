package render

import (
	"bytes"
	"testing"

	"github.com/plan-tool/plan/plan"
)

func diffReport() plan.DiffReport {
	rb := &plan.Rebaseline{Date: plan.NewDate(2026, 1, 6), Field: "due", From: "2026-03-31", Reason: "Recruitment", Approved: "Improvement Board 2026-01-06"}
	changes := []plan.Change{
		{Kind: plan.KindAction, ID: "P8.1", Title: "Run a recruitment campaign", Type: plan.Modified, Fields: []plan.FieldChange{
			{Field: "due", Old: "2026-03-31", New: "2026-06-30", Meaning: plan.Slipped, Days: 91, Rebaselined: rb},
			{Field: "rag", Old: "amber", New: "red", Meaning: plan.Worsened},
			{Field: "note", Old: "", New: "Only 4 of 20 | posts filled"},
		}},
		{Kind: plan.KindAction, ID: "P8.2", Title: "Launch a microsite", Type: plan.Modified, Fields: []plan.FieldChange{
			{Field: "due", Old: "2026-03-31", New: "2026-04-30", Meaning: plan.Slipped, Days: 30},
			{Field: "status", Old: "in-progress", New: "done", Meaning: plan.Completed},
		}},
		{Kind: plan.KindKPI, ID: "P8.K1", Title: "Agency social workers", Type: plan.Modified, Fields: []plan.FieldChange{
			{Field: "target", Old: "20", New: "30", Meaning: plan.Eased},
			{Field: "actual 2026-09-30", New: "22", Meaning: plan.NewActual},
		}},
		{Kind: plan.KindPriority, ID: "P8", Title: "Workforce", Type: plan.Modified, Fields: []plan.FieldChange{
			{Field: "actions", Old: "P8.1, P8.2, P8.3", New: "P8.1, P8.2, P8.14", Members: &plan.Membership{Added: []string{"P8.14"}, Removed: []string{"P8.3"}}},
		}},
		{Kind: plan.KindAction, ID: "P8.14", Title: "Refer a friend", Type: plan.Added, Fields: []plan.FieldChange{
			{Field: "title", New: "Refer a friend"}, {Field: "due", New: "2027-04-02"}, {Field: "status", New: "planned"},
		}},
		{Kind: plan.KindAction, ID: "P9.8", Title: "Learning hub", Type: plan.Moved, Fields: []plan.FieldChange{
			{Field: "priority", Old: "P9", New: "P12", Meaning: plan.MovedMeaning},
		}},
		{Kind: plan.KindAction, ID: "P8.3", Title: "Stay interviews", Type: plan.Removed, Fields: []plan.FieldChange{{Field: "title", Old: "Stay interviews"}}},
	}
	return plan.DiffReport{Changes: changes, Summary: plan.DiffSummary{Slipped: 1, Worsened: 1, Done: 1, TargetsChanged: 1, Rebaselined: 1, NewActuals: 1, Added: 1, Removed: 1, Moved: 1, Modified: 4}}
}

var (
	diffFrom = End{Rev: "plan/board/2026-11-10", Commit: "e3181140f7cbd5a0a5c37ac0e2d4d1a6c4b3a2f1", Short: "e318114", Date: "2026-11-09"}
	diffTo   = End{Rev: "working tree"}
)

// logEntry is a log entry by author at the commit with the given full id.
func logEntry(commit, author string, d plan.Date, c plan.Change) plan.LogEntry {
	return plan.LogEntry{Commit: commit, Short: commit[:7], Author: author, Date: d, Change: c}
}

func logEntries() []plan.LogEntry {
	return []plan.LogEntry{
		logEntry("8845c02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Priya Shah", plan.NewDate(2026, 3, 9), diffReport().Changes[0]),
		logEntry("b2e3244bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Tom Okafor", plan.NewDate(2025, 11, 24),
			plan.Change{Kind: plan.KindAction, ID: "P8.1", Title: "Run a recruitment campaign", Type: plan.Added}),
	}
}

func snapshots() []plan.Snapshot {
	return []plan.Snapshot{
		{Kind: "board", Date: plan.NewDate(2026, 11, 10), Tag: "plan/board/2026-11-10", Commit: "e3181140f7cbd5a0a5c37ac0e2d4d1a6c4b3a2f1", Short: "e318114", Tagger: "Priya Shah", Message: "Improvement Board snapshot 2026-11-10"},
		{Kind: "ofsted", Date: plan.NewDate(2026, 11, 12), Tag: "plan/ofsted/2026-11-12", Commit: "e3181140f7cbd5a0a5c37ac0e2d4d1a6c4b3a2f1", Short: "e318114", Tagger: "Priya Shah", Message: "Ofsted monitoring visit snapshot 2026-11-12"},
	}
}

func TestHistoryRenderersGolden(t *testing.T) {
	pri, _ := plan.LoadFile("priorities/08.yaml", []byte(`id: P8
theme: B
title: Workforce
owner: hr
actions:
  - {id: P8.1, title: Recruit, due: 2026-03-31, status: in-progress, rag: amber, note: "Note: with a colon"}
kpis:
  - {id: P8.K1, title: Agency staff, unit: "%", better: lower, target: 20, tolerance: 5, actuals: {2026-06-30: 24}}
`), false)
	planFile, _ := plan.LoadFile("plan.yaml", []byte("title: T\norganisation: O\nthemes: [{id: B, title: Workforce}]\nowners: [{id: hr, name: HR}]\nglossary: {ASYE: Assessed and Supported Year in Employment}\n"), true)
	runGoldens(t, []goldenCase{
		{"diff.txt", func(b *bytes.Buffer) error { return Diff(b, diffReport(), diffFrom, diffTo, Text, Options{}) }},
		{"diff.color.txt", func(b *bytes.Buffer) error {
			return Diff(b, diffReport(), diffFrom, diffTo, Text, Options{Color: true})
		}},
		{"diff.md", func(b *bytes.Buffer) error { return Diff(b, diffReport(), diffFrom, diffTo, Markdown, Options{}) }},
		{"diff.json", func(b *bytes.Buffer) error { return Diff(b, diffReport(), diffFrom, diffTo, JSON, Options{}) }},
		{"diff-none.txt", func(b *bytes.Buffer) error { return Diff(b, plan.DiffReport{}, diffFrom, diffTo, Text, Options{}) }},
		{"diff-none.json", func(b *bytes.Buffer) error { return Diff(b, plan.DiffReport{}, diffFrom, diffTo, JSON, Options{}) }},
		{"log.table", func(b *bytes.Buffer) error { return Log(b, "P8.1", logEntries(), Table, Options{}) }},
		{"log.md", func(b *bytes.Buffer) error { return Log(b, "P8.1", logEntries(), Markdown, Options{}) }},
		{"log.json", func(b *bytes.Buffer) error { return Log(b, "P8.1", logEntries(), JSON, Options{}) }},
		{"log-none.json", func(b *bytes.Buffer) error { return Log(b, "P8.1", nil, JSON, Options{}) }},
		{"snapshots.table", func(b *bytes.Buffer) error { return Snapshots(b, snapshots(), Table, Options{}) }},
		{"snapshots-none.table", func(b *bytes.Buffer) error { return Snapshots(b, nil, Table, Options{}) }},
		{"snapshots.json", func(b *bytes.Buffer) error { return Snapshots(b, snapshots(), JSON, Options{}) }},
		{"textconv-priority.txt", func(b *bytes.Buffer) error { return Textconv(b, pri) }},
		{"textconv-plan.txt", func(b *bytes.Buffer) error { return Textconv(b, planFile) }},
	})
}

func TestMembership(t *testing.T) {
	for _, tt := range []struct {
		m    plan.Membership
		want string
	}{
		{plan.Membership{Added: []string{"P3"}}, "+P3"},
		{plan.Membership{Removed: []string{"P1"}}, "-P1"},
		{plan.Membership{Added: []string{"P8.14", "P8.15"}, Removed: []string{"P8.3"}}, "+P8.14 +P8.15 -P8.3"},
		{plan.Membership{}, "reordered"},
	} {
		if got := membership(&tt.m); got != tt.want {
			t.Errorf("membership(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}
