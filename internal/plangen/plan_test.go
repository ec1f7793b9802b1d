package plangen

import (
	"bytes"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestPlanSizeAndValidity checks that a synthetic plan has the actions and
// KPIs asked for and loads without structural findings, small or large.
func TestPlanSizeAndValidity(t *testing.T) {
	for _, size := range []struct{ actions, kpis int }{{1, 0}, {7, 3}, {300, 47}, {1000, 120}} {
		files := Plan{Seed: 3, Actions: size.actions, KPIs: size.kpis}.Files()
		p, diags, err := plan.Load(MapFS(files))
		if err != nil {
			t.Fatal(err)
		}
		if plan.HasStructural(diags) {
			t.Fatalf("%d actions: %s: %s", size.actions, diags[0].Pos, diags[0].Message)
		}
		actions, kpis := 0, 0
		for _, pr := range p.Priorities {
			actions += len(pr.Actions)
			kpis += len(pr.KPIs)
		}
		if actions != size.actions || kpis != size.kpis {
			t.Errorf("asked for %d actions and %d KPIs, got %d and %d", size.actions, size.kpis, actions, kpis)
		}
	}
}

// TestSameSeedSameBytes: the promise the benchmarks rest on.
func TestSameSeedSameBytes(t *testing.T) {
	a := Portfolio{Plans: 3, Actions: 20, KPIs: 4, Seed: 1}.Files()
	b := Portfolio{Plans: 3, Actions: 20, KPIs: 4, Seed: 1}.Files()
	c := Portfolio{Plans: 3, Actions: 20, KPIs: 4, Seed: 2}.Files()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	same := true
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		same = same && bytes.Equal(data, c[name])
	}
	if same {
		t.Error("seeds 1 and 2 gave the same portfolio")
	}
}

// TestPortfolioLayout: one directory per plan, each a plan of its own
// council.
func TestPortfolioLayout(t *testing.T) {
	files := Portfolio{Plans: 4, Actions: 5, KPIs: 1, Seed: 1}.Files()
	orgs := map[string]string{}
	for name, data := range files {
		dir, rest, _ := strings.Cut(name, "/")
		if rest == "plan.yaml" {
			_, org, _ := strings.Cut(string(data), "organisation: ")
			org, _, _ = strings.Cut(org, "\n")
			orgs[dir] = org
		}
	}
	if len(orgs) != 4 {
		t.Fatalf("%d plan.yaml files, want 4: %v", len(orgs), orgs)
	}
	for dir, org := range orgs {
		if want := strings.ToLower(strings.ReplaceAll(strings.TrimSuffix(org, " Council"), " ", "-")); dir != want {
			t.Errorf("plan of %s is in %s, want %s", org, dir, want)
		}
	}
	for name := range files {
		if path.Dir(name) == "." {
			t.Errorf("%s is at the top of the portfolio, outside any plan", name)
		}
	}
}

// TestSyntheticHistory runs the generator over two years of a synthetic
// plan: Generate refuses to commit an invalid plan, so this checks that
// every week's edits, the yearly additions, moves and renames and the
// invented KPI actuals keep the plan valid.
func TestSyntheticHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "repo")
	h := History{Files: Plan{Seed: 1, Actions: 40, KPIs: 6}.Files(), Dir: dir, Weeks: 104, Seed: 1}
	if err := h.Generate(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", dir, "log", "--format=%B").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, want := range []string{"Re-rate ", "Add P", "Move P", "Rename priorities/", "Record KPI actuals for the quarter to 2027-", "Mark done: "} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no commit message says %q", want)
		}
	}
}
