package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// lists are small lists of every kind, for goldens.
func lists() map[plan.ListKind]plan.List {
	latest := plan.Actual{Date: plan.NewDate(2026, 9, 30), Value: 24.6}
	return map[plan.ListKind]plan.List{
		"actions": {AsOf: asOf, Kind: "actions", Rows: []plan.ListRow{
			{ID: "P8.1", Title: "Run a recruitment campaign & advert", Owner: "head-workforce", OwnerName: "Head of Workforce",
				Priority: "P8", Theme: "B", Due: plan.NewDate(2026, 3, 31), Status: plan.InProgress, RAG: plan.Red, DaysLate: 12},
			{ID: "P8.2", Title: "=Agree a market supplement", Owner: "dcs", OwnerName: "Director",
				Priority: "P8", Theme: "B", Due: plan.NewDate(2026, 12, 31), Status: plan.Planned},
		}},
		"kpis": {AsOf: asOf, Kind: "kpis", Rows: []plan.ListRow{
			{ID: "P1.K2", Title: "Re-referrals within 12 months", Owner: "ad-front-door", OwnerName: "Assistant Director",
				Priority: "P1", Theme: "A", RAG: plan.Amber, Latest: &latest, Unit: "%"},
			{ID: "P1.K4", Title: "Contacts", Owner: "ad-front-door", OwnerName: "Assistant Director", Priority: "P1", Theme: "A"},
		}},
		"findings": {AsOf: asOf, Kind: "findings", Rows: []plan.ListRow{
			{ID: "OF25-1", Title: "Oversight is not consistently effective.", Source: "Ofsted 2025", Answers: []string{"P1.4", "P3.3"}},
			{ID: "OF25-9", Title: "Nobody answers this.", Source: "Peer review"},
		}},
		"owners": {AsOf: asOf, Kind: "owners", Rows: []plan.ListRow{
			{ID: "dcs", Title: "Director", OwnerName: "Director", Role: "DCS", Email: "dcs@example.org"},
		}},
		"priorities": {AsOf: asOf, Kind: "priorities", Rows: []plan.ListRow{
			{ID: "P1", Title: "Front Door", Theme: "A", Owner: "ad-front-door", OwnerName: "Assistant Director", RAG: plan.Green},
		}},
		"themes": {AsOf: asOf, Kind: "themes", Rows: []plan.ListRow{{ID: "A", Title: "Children", Theme: "A", RAG: plan.Red}}},
	}
}

func TestListGolden(t *testing.T) {
	var cases []goldenCase
	for _, k := range plan.ListKinds {
		l := lists()[k]
		for _, f := range []struct {
			ext string
			f   Format
			o   Options
		}{{"table", Table, Options{}}, {"md", Markdown, Options{}}, {"csv", CSV, Options{}}, {"json", JSON, Options{}}} {
			cases = append(cases, goldenCase{"list-" + string(k) + "." + f.ext, func(b *bytes.Buffer) error { return List(b, l, f.f, f.o) }})
		}
	}
	cases = append(cases,
		goldenCase{"list-actions.color.table", func(b *bytes.Buffer) error { return List(b, lists()["actions"], Table, Options{Color: true}) }},
		goldenCase{"list-none.table", func(b *bytes.Buffer) error { return List(b, plan.List{AsOf: asOf, Kind: "kpis"}, Table, Options{}) }},
		goldenCase{"list-none.json", func(b *bytes.Buffer) error {
			return List(b, plan.List{AsOf: asOf, Kind: "kpis", Rows: []plan.ListRow{}}, JSON, Options{})
		}},
	)
	runGoldens(t, cases)
}

// TestListJSONReadsBack reads the JSON of a list back: ids, not names,
// and a number for a KPI's latest value.
func TestListJSONReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := List(&b, lists()["kpis"], JSON, Options{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		AsOf  string `json:"as_of"`
		Kind  string `json:"kind"`
		Items []struct {
			ID     string   `json:"id"`
			Owner  string   `json:"owner"`
			Latest *float64 `json:"latest"`
			RAG    string   `json:"rag"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if got.Kind != "kpis" || len(got.Items) != 2 || got.Items[0].Owner != "ad-front-door" ||
		got.Items[0].Latest == nil || *got.Items[0].Latest != 24.6 || got.Items[1].Latest != nil || got.Items[1].RAG != "unrated" {
		t.Errorf("read back %+v from\n%s", got, b.String())
	}
}
