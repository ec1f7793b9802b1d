package plan

import (
	"strings"
	"testing"
)

func TestNextID(t *testing.T) {
	tests := []struct {
		ids, prefix, want, wantErr string
	}{
		{"P1.1 P1.2 P1.10", "", "P1.11", ""},
		{"P1.1 P1.K1 P1.K7", "K", "P1.K8", ""},
		{"P1.K1", "", "P1.1", ""},
		{"P1.1 P1.-99999999999999999999 P1.x", "", "P1.2", ""},
		{"P1.007", "", "P1.8", ""},
		{"P1.9223372036854775806", "", "P1.9223372036854775807", ""},
		{"P1.1 P1.9223372036854775807", "", "", "P1.9223372036854775807 is numbered too high"},
		{"P1.99999999999999999999999", "", "", "P1.99999999999999999999999 is numbered too high"},
	}
	for _, tt := range tests {
		pr := &Priority{ID: "P1"}
		for _, id := range strings.Fields(tt.ids) {
			if strings.Contains(id, ".K") {
				pr.KPIs = append(pr.KPIs, &KPI{ID: id, Priority: "P1"})
			} else {
				pr.Actions = append(pr.Actions, &Action{ID: id, Priority: "P1"})
			}
		}
		p := &Plan{Priorities: []*Priority{pr}}
		got, err := p.NextID("P1", tt.prefix)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("NextID after %s = %q, %v; want an error saying %q", tt.ids, got, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("NextID after %s = %q, %v; want %s", tt.ids, got, err, tt.want)
		}
	}
}

// ItemsOfFiles gives, of Items, exactly the items of the priorities read
// from the files named, in the same order.
func TestItemsOfFiles(t *testing.T) {
	p2 := strings.NewReplacer("id: P1", "id: P2", "P1.", "P2.").Replace(testPriorityYAML)
	p, _ := load(t, map[string]string{
		"plan.yaml":                 testPlanYAML,
		"priorities/01-first.yaml":  testPriorityYAML,
		"priorities/02-second.yaml": p2,
	})
	for _, files := range []map[string]bool{{}, {"priorities/02-second.yaml": true}, {"priorities/01-first.yaml": true, "priorities/02-second.yaml": true}} {
		var want []string
		in := ""
		for _, it := range p.Items() {
			if it.Kind == KindPriority {
				in = map[string]string{"P1": "priorities/01-first.yaml", "P2": "priorities/02-second.yaml"}[it.ID]
			}
			if it.Kind != KindTheme && it.Kind != KindOwner && it.Kind != KindFinding && files[in] {
				want = append(want, string(it.Kind)+" "+it.ID+" "+it.Get("title")+" "+it.Get("rating"))
			}
		}
		var got []string
		for _, it := range p.ItemsOfFiles(files) {
			got = append(got, string(it.Kind)+" "+it.ID+" "+it.Get("title")+" "+it.Get("rating"))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("files %v:\n got %q\nwant %q", files, got, want)
		}
		if len(files) == 2 && len(got) != 8 {
			t.Errorf("both files: %d items, want 8 (2 priorities, 4 actions, 2 KPIs)", len(got))
		}
	}
}
