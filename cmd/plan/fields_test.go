package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// completions runs plan's completion protocol and returns the candidates,
// without their descriptions.
func completions(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	code, out, errOut := runIn(dir, append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, ":") {
			break
		}
		got = append(got, strings.SplitN(l, "\t", 2)[0])
	}
	return got
}

// TestSetFollowsTable: for every field of every kind of item in plan's
// table of fields, plan set, its help and completion agree with the table:
// settable fields are offered, listed and accepted, others refused; only
// optional ones may be emptied; a value is completed from the field's
// words or from the ids of the kind of item it names.
func TestSetFollowsTable(t *testing.T) {
	t.Parallel()
	examples, _ := fixtures(t)
	dir := filepath.Join(examples, "testdata", "bradford")
	ids := map[plan.Kind]string{plan.KindAction: "P8.1", plan.KindKPI: "P8.K1", plan.KindPriority: "P8",
		plan.KindFinding: "OF25-2", plan.KindTheme: "A", plan.KindOwner: "dcs"}
	help := strings.Join(strings.Fields(setHelp()), " ")
	for kind, id := range ids {
		settable := plan.Settable(kind)
		if got := completions(t, dir, "set", id, ""); !slices.Equal(got, settable) {
			t.Errorf("plan set %s <TAB> offers %v; the table's settable fields are %v", id, got, settable)
		}
		if want := aKind(kind) + " (" + strings.Join(settable, ", ") + ")"; !strings.Contains(help, want) {
			t.Errorf("plan set's help does not say %q:\n%s", want, setHelp())
		}
		for _, f := range plan.FieldSpecs(string(kind)) {
			// Only what is refused is run: the fixture is shared.
			switch {
			case !f.Settable:
				code, _, errOut := runIn(dir, "set", id, f.Name, "")
				if code != 2 || !strings.Contains(errOut, "plan set cannot change "+f.Name+" of") {
					t.Errorf("plan set %s %s '': exit %d, %s; want it refused: the table says it cannot be set", id, f.Name, code, errOut)
				}
			case !f.Removable():
				code, _, errOut := runIn(dir, "set", id, f.Name, "")
				if code != 2 || !strings.Contains(errOut, f.Name+" of "+aKind(kind)+" cannot be empty") {
					t.Errorf("plan set %s %s '': exit %d, %s; want it refused: the table says it is required", id, f.Name, code, errOut)
				}
			}
			if !f.Settable {
				continue
			}
			got := completions(t, dir, "set", id, f.Name, "")
			var want []string
			switch {
			case f.Ref != "":
				for _, it := range itemIDs(mustLoad(t, dir), false, "", f.Ref) {
					want = append(want, strings.SplitN(it, "\t", 2)[0])
				}
			default:
				want = f.Words
			}
			if !slices.Equal(got, want) || f.Ref != "" && len(want) == 0 {
				t.Errorf("plan set %s %s <TAB> offers %v, want %v", id, f.Name, got, want)
			}
		}
	}
}

func mustLoad(t *testing.T, dir string) *plan.Plan {
	t.Helper()
	p, _, err := plan.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
