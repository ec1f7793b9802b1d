package history

import "testing"

func TestItemText(t *testing.T) {
	file := `id: P1
theme: A
owner: alice
actions:
  - id: P1.1
    title: First
    rebaselined:
      - {date: 2026-01-06, field: due, reason: x, approved: y}
  - id: P1.10
    title: Tenth

  - {id: P1.2, title: Flow}
kpis:
  - id: P1.K1
    actuals:
      2026-01-01: 3
`
	tests := []struct {
		id, want string
		ok       bool
	}{
		{"P1.1", "  - id: P1.1\n    title: First\n    rebaselined:\n      - {date: 2026-01-06, field: due, reason: x, approved: y}\n", true},
		{"P1.10", "  - id: P1.10\n    title: Tenth\n\n", true},
		{"P1.2", "  - {id: P1.2, title: Flow}\n", true},
		{"P1.K1", "  - id: P1.K1\n    actuals:\n      2026-01-01: 3\n", true},
		{"P1", "", false}, // the priority's own id is not a list item
		{"P9", "", false},
	}
	for _, tt := range tests {
		got, ok := itemText([]byte(file), tt.id)
		if ok != tt.ok || string(got) != tt.want {
			t.Errorf("itemText(%s) = %q, %v; want %q, %v", tt.id, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := itemText([]byte("  - id: X\n  - id: X\n"), "X"); ok {
		t.Error("itemText found one of two items with the same id")
	}
	if got := string(header([]byte(file))); got != "id: P1\ntheme: A\nowner: alice\nactions:" {
		t.Errorf("header = %q", got)
	}
}
