package plan_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/internal/plangen"
	"github.com/plan-tool/plan/plan"
)

// These benchmarks take the paths scripts/bench.sh times as whole
// processes (BENCHMARKS.md), on the same generated data, in memory.

// portfolio splits plangen's portfolio into one file system per plan.
func portfolio(plans int) ([]string, map[string]fstest.MapFS) {
	byPlan := map[string]fstest.MapFS{}
	var names []string
	for name, data := range (plangen.Portfolio{Plans: plans, Actions: plangen.DefaultActions, KPIs: plangen.DefaultKPIs, Seed: 1}).Files() {
		dir, rest, _ := strings.Cut(name, "/")
		if byPlan[dir] == nil {
			byPlan[dir] = fstest.MapFS{}
			names = append(names, dir)
		}
		byPlan[dir][rest] = &fstest.MapFile{Data: data}
	}
	return names, byPlan
}

// BenchmarkPortfolioCheck is plan check --portfolio: every plan loaded and
// checked on every core, and its findings taken as soon as it and the
// plans before it are checked (sorted, the policy applied), as check
// writes them, so that no more than a few plans' findings are held. Two
// sizes show that the work grows linearly.
func BenchmarkPortfolioCheck(b *testing.B) {
	for _, n := range []int{75, 150} {
		b.Run(strconv.Itoa(n)+"-plans", func(b *testing.B) {
			names, fss := portfolio(n)
			asOf := plan.NewDate(2026, 11, 24)
			policy := plan.DefaultPolicy()
			b.ReportAllocs()
			for b.Loop() {
				findings := 0
				plan.LoadEach(names, runtime.GOMAXPROCS(0), func(name string) (*plan.Plan, []plan.Diagnostic, error) {
					p, diags, err := plan.Load(fss[name])
					if err == nil {
						diags = append(diags, p.Check(asOf)...)
					}
					return &plan.Plan{}, diags, err // the plan let go once checked
				}, func(l plan.Loaded) {
					plan.SortDiagnostics(l.Diags)
					ds, _ := policy.Apply(l.Diags)
					findings += len(ds)
				})
				if findings == 0 {
					b.Fatal("no findings: the benchmark measures nothing of the writing path")
				}
			}
		})
	}
}

// BenchmarkStatusOfOnePlan is plan status on one plan of 300 actions, and
// of 600.
func BenchmarkStatusOfOnePlan(b *testing.B) {
	for _, n := range []int{300, 600} {
		b.Run(strconv.Itoa(n)+"-actions", func(b *testing.B) {
			fsys := plangen.MapFS(plangen.Plan{Seed: 1, Actions: n, KPIs: n * plangen.DefaultKPIs / plangen.DefaultActions}.Files())
			asOf := plan.NewDate(2026, 11, 24)
			b.ReportAllocs()
			for b.Loop() {
				p, _, err := plan.Load(fsys)
				if err != nil {
					b.Fatal(err)
				}
				p.Status(asOf)
			}
		})
	}
}

// BenchmarkLoadAtLimits reads plans of one file at the limit on a file
// (4 MB) and of four such files, the limit on a plan (16 MB): the work is
// four times the work, and the largest plan allowed is read in seconds.
// (A whole process on the 16 MB plan peaks at about 265 MB: README,
// Safety.)
func BenchmarkLoadAtLimits(b *testing.B) {
	file := func(p int) []byte {
		var s strings.Builder
		s.WriteString("id: P" + strconv.Itoa(p) + "\ntheme: A\ntitle: Many actions\nowner: o\nactions:\n")
		for i := 1; int64(s.Len()) < plan.DefaultLimits.FileBytes-200; i++ {
			id := strconv.Itoa(p) + "." + strconv.Itoa(i)
			s.WriteString("  - id: P" + id + "\n    title: Action " + id + "\n    due: 2027-03-31\n    status: in-progress\n    rag: green\n")
		}
		return []byte(s.String())
	}
	for _, files := range []int{1, 4} {
		fsys := fstest.MapFS{"plan.yaml": {Data: []byte("title: t\norganisation: o\nthemes: [{id: A, title: a}]\nowners: [{id: o, name: o}]\n")}}
		for p := 1; p <= files; p++ {
			fsys["priorities/"+strconv.Itoa(p)+".yaml"] = &fstest.MapFile{Data: file(p)}
		}
		b.Run(strconv.Itoa(files*4)+"MB", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, diags, err := plan.Load(fsys)
				if err != nil || len(diags) > 0 {
					b.Fatalf("%v %v", err, diags)
				}
			}
		})
	}
}
