package edit

import (
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestValue: values are written as plan files write them, by the type of
// the field in plan's table of fields.
func TestValue(t *testing.T) {
	for _, tt := range []struct{ mapping, field, value, want string }{
		{"action", "title", "Recruit 20", `Recruit 20`},
		{"action", "note", "yes", `"yes"`},
		{"action", "note", "Done: 4 of 20", `"Done: 4 of 20"`},
		{"action", "due", "2026-03-31", `2026-03-31`},
		{"action", "due", "31/03/2026", `31/03/2026`},
		{"action", "due", "next week: soon", `"next week: soon"`},
		{"kpi", "target", "18", `18`},
		{"kpi", "target", "18%", `18%`},
		{"kpi", "target", "#18", `"#18"`},
		{"kpi", "unit", "%", `"%"`},
		{"action", "rag", "red", `red`},
		{"action", "owner", "head-workforce", `head-workforce`},
		{"action", "owner", "a: b", `"a: b"`},
		{"priority", "theme", "B", `B`},
		{"owner", "name", "Head of HR", `Head of HR`},
		{"finding", "source", "Ofsted, 2025", `Ofsted, 2025`},
	} {
		f, ok := plan.Field(tt.mapping, tt.field)
		if !ok {
			t.Fatalf("no field %s.%s", tt.mapping, tt.field)
		}
		if got := Value(f, tt.value); got != tt.want {
			t.Errorf("Value(%s.%s, %q) = %s, want %s", tt.mapping, tt.field, tt.value, got, tt.want)
		}
	}
}
