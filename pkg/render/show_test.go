package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// shownItems are one action (overdue, re-baselined once and with a
// proposal pending, changed in git), one KPI and one unanswered finding.
func shownItems() map[string]plan.Shown {
	return map[string]plan.Shown{
		"action": {Kind: plan.KindAction, ID: "P8.1", Title: "Run a recruitment campaign",
			Facts: []plan.Fact{fact("priority", "P8"), fact("title", "Run a recruitment campaign"), fact("owner", "head-workforce"),
				fact("due", "2026-09-30"), fact("status", "in-progress"), fact("rag", "amber"), fact("addresses", "OF25-5"),
				fact("rebaselined 2026-05-01 due", "from 2026-03-31: agency market (approved: Improvement Board)")},
			OwnerName: "Head of Workforce",
			Rating:    plan.Rating{RAG: plan.Red, Why: "red: 55 days overdue (due 2026-09-30), whatever its own rating (amber)"}, Rated: true,
			DaysLate: 55,
			Answers:  []plan.ShownRef{{ID: "OF25-5", Title: "Too many changes of social worker."}},
			Rebaselined: []plan.Rebaseline{
				{Date: plan.NewDate(2026, 5, 1), Field: "due", From: "2026-03-31", Reason: "agency market", Approved: "Improvement Board"},
				{Date: plan.NewDate(2026, 11, 20), Field: "due", From: "2026-09-30", Reason: "budget"},
			},
			LastChange: &plan.LogEntry{Commit: "5d0c2a1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Short: "5d0c2a1", Author: "Priya Shah", Date: plan.NewDate(2026, 11, 2),
				Change: plan.Change{Kind: plan.KindAction, ID: "P8.1", Type: plan.Modified, Fields: []plan.FieldChange{{Field: "rag"}, {Field: "note"}}}},
		},
		"kpi": {Kind: plan.KindKPI, ID: "P9.K1", Title: "Case audits rated good",
			Facts:  []plan.Fact{fact("priority", "P9"), fact("title", "Case audits rated good"), fact("target", "60"), fact("actual 2026-09-30", "46"), fact("rating", "red")},
			Rating: plan.Rating{RAG: plan.Red, Why: "red: 46 is 14 below the target of 60, beyond the tolerance of 10"}, Rated: true,
			Series: []plan.Actual{{Date: plan.NewDate(2026, 6, 30), Value: 44}, {Date: plan.NewDate(2026, 9, 30), Value: 46}},
		},
		"finding": {Kind: plan.KindFinding, ID: "OF25-10", Title: "Services do not plan together.",
			Facts: []plan.Fact{fact("source", "Ofsted"), fact("text", "Services do not plan together.")}},
	}
}

func TestShowGolden(t *testing.T) {
	var cases []goldenCase
	for _, name := range []string{"action", "kpi", "finding"} {
		s := shownItems()[name]
		cases = append(cases,
			goldenCase{"show-" + name + ".txt", func(b *bytes.Buffer) error { return Show(b, s, Text, Options{}) }},
			goldenCase{"show-" + name + ".json", func(b *bytes.Buffer) error { return Show(b, s, JSON, Options{}) }})
	}
	cases = append(cases, goldenCase{"show-action.color.txt", func(b *bytes.Buffer) error { return Show(b, shownItems()["action"], Text, Options{Color: true}) }})
	runGoldens(t, cases)
}

// TestShowJSONProposed reads back a shown action: the pending
// re-baselining is marked proposed, the approved one is not.
func TestShowJSONProposed(t *testing.T) {
	var b bytes.Buffer
	if err := Show(&b, shownItems()["action"], JSON, Options{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		RAG         string `json:"rag"`
		DaysLate    int    `json:"days_late"`
		Rebaselined []struct {
			Proposed bool   `json:"proposed"`
			Approved string `json:"approved"`
		} `json:"rebaselined"`
		LastChange struct {
			Fields []string `json:"fields"`
		} `json:"last_change"`
		Fields map[string]string `json:"fields"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.RAG != "red" || got.DaysLate != 55 || len(got.Rebaselined) != 2 || got.Rebaselined[0].Proposed || !got.Rebaselined[1].Proposed ||
		len(got.LastChange.Fields) != 2 || got.Fields["owner"] != "head-workforce" {
		t.Errorf("read back %+v from\n%s", got, b.String())
	}
}

func fact(field, value string) plan.Fact { return plan.Fact{Field: field, Value: value} }
