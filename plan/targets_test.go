package plan

import (
	"fmt"
	"strings"
	"testing"
)

func TestTargetSpans(t *testing.T) {
	spans := func(ss []TargetSpan) string {
		var out []string
		for _, s := range ss {
			out = append(out, fmt.Sprintf("%s %g±%g %q eased=%v", s.From, s.Target, s.Tolerance, s.Approved, s.Eased))
		}
		return strings.Join(out, " | ")
	}
	k := &KPI{ID: "P1.K1", Better: Lower, Target: 20, Tolerance: 5}
	if got, want := spans(k.TargetSpans(nil)), `0000-00-00 20±5 "" eased=false`; !strings.HasSuffix(got, `20±5 "" eased=false`) || strings.Contains(got, "|") {
		t.Errorf("no changes: %s, want one span (%s)", got, want)
	}
	k.Rebaselined = []Rebaseline{
		{Date: NewDate(2026, 9, 1), Field: "target", From: "18", Approved: "Improvement Board"},
		{Date: NewDate(2026, 9, 1), Field: "tolerance", From: "4", Approved: "Improvement Board"},
		{Date: NewDate(2026, 3, 1), Field: "due", From: "2026-01-01"}, // not a KPI's: ignored
	}
	unrecorded := []TargetChange{
		{Date: NewDate(2026, 5, 10), Field: "target", From: "15"},
		{Date: NewDate(2026, 6, 1), Field: "target", From: "not a number"},
	}
	got := spans(k.TargetSpans(unrecorded))
	first := fmt.Sprintf("%s 15±4 \"\" eased=false", Date{})
	want := first + ` | 2026-05-10 18±4 "" eased=true | 2026-09-01 20±5 "Improvement Board" eased=true`
	if got != want {
		t.Errorf("spans:\n got %s\nwant %s", got, want)
	}
	// Higher is better: a lower target is the easier one.
	h := &KPI{ID: "P1.K2", Better: Higher, Target: 80, Rebaselined: []Rebaseline{{Date: NewDate(2026, 9, 1), Field: "target", From: "85"}}}
	if s := h.TargetSpans(nil); len(s) != 2 || !s[1].Eased || s[0].Target != 85 {
		t.Errorf("higher is better, 85 -> 80: %s", spans(s))
	}
	h.Rebaselined[0].From = "75"
	if s := h.TargetSpans(nil); len(s) != 2 || s[1].Eased {
		t.Errorf("higher is better, 75 -> 80: %s", spans(s))
	}
}
