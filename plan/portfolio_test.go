package plan

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// LoadEach gives each plan, in the order of the names, as soon as it and
// those before it are read: the first plan is given while the last is
// still being read, and plans read out of order wait for those before.
func TestLoadEach(t *testing.T) {
	names := []string{"first", "second", "third", "last"}
	firstGiven := make(chan struct{})
	secondMayEnd := make(chan struct{})
	var got []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		LoadEach(names, 2, func(name string) (*Plan, []Diagnostic, error) {
			switch name {
			case "second":
				<-secondMayEnd // read after third and last
			case "last":
				select {
				case <-firstGiven:
				case <-time.After(10 * time.Second):
					t.Error("the first plan was not given while the last was read")
				}
				close(secondMayEnd)
			}
			return &Plan{}, nil, nil
		}, func(l Loaded) {
			got = append(got, l.Name)
			if l.Name == "first" {
				close(firstGiven)
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("LoadEach did not end")
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("given %v, want %v", got, names)
	}
}

// A slow plan holds the others back: no plan is begun more than loadAhead
// plans after the first not yet given, so no more than that many are held.
func TestLoadEachReadsNoFurtherAhead(t *testing.T) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("p%02d", i))
	}
	var mu sync.Mutex
	begun, given, most := 0, 0, 0
	LoadEach(names, 4, func(name string) (*Plan, []Diagnostic, error) {
		if name == "p00" {
			time.Sleep(50 * time.Millisecond) // the others run ahead meanwhile, as far as they may
		}
		mu.Lock()
		begun++
		most = max(most, begun-given)
		mu.Unlock()
		return &Plan{}, nil, nil
	}, func(Loaded) {
		mu.Lock()
		given++
		mu.Unlock()
	})
	if given != len(names) {
		t.Fatalf("%d plans given, want %d", given, len(names))
	}
	if most > loadAhead {
		t.Errorf("%d plans read and not given at once, want at most %d", most, loadAhead)
	}
	if most < loadAhead/2 {
		t.Errorf("at most %d plans read ahead of a slow one: the test does not hold any back", most)
	}
}

// TestLoadAll reads plans on several goroutines and checks that they come
// back in the order given, named, with their findings named too, and that
// an unreadable plan is reported without stopping the others.
func TestLoadAll(t *testing.T) {
	var names []string
	files := map[string]fstest.MapFS{}
	for i := range 9 {
		name := fmt.Sprintf("councils/c%d", i)
		names = append(names, name)
		files[name] = fstest.MapFS{
			"plan.yaml":                {Data: []byte(strings.Replace(testPlanYAML, "Test Council", name, 1))},
			"priorities/01-first.yaml": {Data: []byte(testPriorityYAML + "    colour: blue\n")},
		}
	}
	names = append(names, "councils/missing")
	got := LoadAll(names, 3, func(name string) (*Plan, []Diagnostic, error) {
		fsys, ok := files[name]
		if !ok {
			return nil, nil, errors.New("no such plan")
		}
		return Load(fsys)
	})
	if len(got) != len(names) {
		t.Fatalf("%d plans back, want %d", len(got), len(names))
	}
	for i, l := range got[:9] {
		if l.Err != nil || l.Name != names[i] || l.Plan.Name != names[i] || l.Plan.Organisation != names[i] {
			t.Errorf("plan %d: name %q, plan name %q, organisation %q, error %v; want %s", i, l.Name, l.Plan.Name, l.Plan.Organisation, l.Err, names[i])
			continue
		}
		if len(l.Diags) != 1 || l.Diags[0].Plan != names[i] || l.Diags[0].Pos.File != names[i]+"/priorities/01-first.yaml" {
			t.Errorf("plan %d: findings %+v, want one in %s/priorities/01-first.yaml", i, l.Diags, names[i])
		}
	}
	if last := got[9]; last.Err == nil || last.Plan != nil {
		t.Errorf("missing plan: %+v, want an error", last)
	}
}

func TestPortfolio(t *testing.T) {
	asOf := NewDate(2026, 11, 24)
	a, _ := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01-first.yaml": testPriorityYAML})
	a.Name = "a"
	done := strings.Replace(strings.Replace(testPriorityYAML, "status: in-progress", "status: done", 1), "    rag: amber\n", "", 1)
	b, _ := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01-first.yaml": done})
	b.Name = "b"

	r := Portfolio([]*Plan{b, a}, asOf)
	if len(r.Plans) != 2 || r.Plans[0].Name != "b" || r.Plans[1].Name != "a" {
		t.Fatalf("plans %+v, want b then a, in the order given", r.Plans)
	}
	if r.Plans[0].RAG != Complete || r.Plans[1].RAG != Red {
		t.Errorf("ratings %s, %s; want complete, red (P1.1 is overdue)", r.Plans[0].RAG, r.Plans[1].RAG)
	}
	want := ActionCounts{Amber: 1, Complete: 3, Overdue: 1, Once: OpenCounts{Overdue: 1}}
	if r.Totals.Actions != want {
		t.Errorf("totals %+v, want %+v", r.Totals.Actions, want)
	}
	if r.Totals.RAG != Red || !strings.Contains(r.Totals.Why, "worst plan a is red") {
		t.Errorf("totals rated %s (%s), want red, decided by plan a", r.Totals.RAG, r.Totals.Why)
	}
	if r := Portfolio([]*Plan{b}, asOf); r.Totals.RAG != Complete {
		t.Errorf("a portfolio of complete plans is %s", r.Totals.RAG)
	}
	if r := Portfolio(nil, asOf); r.Totals.RAG != Unrated || len(r.Plans) != 0 {
		t.Errorf("no plans: %+v", r)
	}

	merged := MergeOverdue(
		[]OverdueAction{{ID: "P1.1", DaysLate: 3, Plan: "b"}, {ID: "P1.2", DaysLate: 1, Plan: "b"}},
		[]OverdueAction{{ID: "P1.1", DaysLate: 3, Plan: "a"}, {ID: "P9.9", DaysLate: 7, Plan: "a"}},
	)
	var order []string
	for _, m := range merged {
		order = append(order, m.Plan+":"+m.ID)
	}
	if got := strings.Join(order, " "); got != "a:P9.9 a:P1.1 b:P1.1 b:P1.2" {
		t.Errorf("merged overdue order %s", got)
	}
}
