package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/plan"
)

// digests are two owners' digests: one with something of each kind, its
// text holding what Markdown and HTML must escape, and one with nothing.
func digests() []plan.Digest {
	d := func(y, m, day int) plan.Date { return plan.NewDate(y, time.Month(m), day) }
	full := plan.Digest{
		Owner: plan.Owner{ID: "head-performance", Name: "Zoë Okafor", Role: "Head of Performance & Quality"},
		Title: "Children's Services <Improvement> Plan", AsOf: d(2026, 11, 24), Within: 14, By: d(2026, 12, 8), StaleAfter: 42,
		Overdue: []plan.DigestAction{
			{ID: "P12.9", Title: "Benchmark *key* measures", Due: d(2026, 9, 30), DaysLate: 55, RAG: plan.Amber, Status: plan.InProgress},
			{ID: "P12.1", Title: "One day", Due: d(2026, 11, 23), DaysLate: 1, RAG: plan.Unrated, Status: plan.Planned},
		},
		DueSoon: []plan.DigestAction{
			{ID: "P9.9", Title: "Review <b>chronologies</b>", Due: d(2026, 11, 24), DaysLate: 0, RAG: plan.Green, Status: plan.InProgress},
			{ID: "P9.10", Title: "Due on the last day", Due: d(2026, 12, 8), DaysLate: -14, RAG: plan.Green, Status: plan.InProgress},
		},
		Stale: []plan.DigestAction{{ID: "P1.5", Title: "Audit 40 contacts a month", Due: d(2026, 12, 31), RAG: plan.Green, Status: plan.InProgress}},
		Returns: []plan.DigestReturn{
			{ID: "P12.K1", Title: "Audits done on time", Unit: "%", Frequency: plan.Monthly, PeriodEnd: d(2026, 11, 30), Latest: plan.Actual{Date: d(2026, 10, 31), Value: 87.5}, HasLatest: true},
			{ID: "P12.K2", Title: "Data quality score", Frequency: plan.Quarterly, PeriodEnd: d(2026, 6, 30), Missing: true, DueBy: d(2026, 7, 30)},
		},
		Proposals: []plan.DigestProposal{
			{Kind: plan.KindAction, ID: "P12.9", Title: "Benchmark *key* measures", Field: "due", From: "2026-09-30", To: "2027-01-31", Proposed: d(2026, 11, 2), Reason: "Data late from DfE"},
			{Kind: plan.KindKPI, ID: "P12.K1", Title: "Audits done on time", Field: "target", To: "85", Proposed: d(2026, 11, 3)},
		},
	}
	empty := plan.Digest{Owner: plan.Owner{ID: "finance-bp"}, Title: full.Title, AsOf: full.AsOf, Within: 14, By: full.By, StaleAfter: 42}
	return []plan.Digest{full, empty}
}

func TestDigestGolden(t *testing.T) {
	ds := digests()
	runGoldens(t, []goldenCase{
		{"digest.txt", func(b *bytes.Buffer) error { return Digests(b, ds, Text, DigestOptions{}) }},
		{"digest.md", func(b *bytes.Buffer) error { return Digests(b, ds, Markdown, DigestOptions{}) }},
		{"digest.html", func(b *bytes.Buffer) error { return Digests(b, ds, HTML, DigestOptions{}) }},
		{"digest-one.txt", func(b *bytes.Buffer) error {
			return Digests(b, ds[:1], Text, DigestOptions{Workbook: "head-performance.xlsx"})
		}},
	})
	if got, want := DigestSubject(ds[0]), "Children's Services <Improvement> Plan: your updates by 8 December 2026"; got != want {
		t.Errorf("subject %q, want %q", got, want)
	}
	if err := Digests(&bytes.Buffer{}, ds, CSV, DigestOptions{}); err == nil {
		t.Error("a digest written as CSV")
	}
}

// TestDigestHTMLEscapes: the page holds the plan's text as text.
func TestDigestHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := Digests(&b, digests(), HTML, DigestOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<b>", "<Improvement>", "& Quality"} {
		if strings.Contains(b.String(), raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
}
