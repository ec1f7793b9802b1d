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
