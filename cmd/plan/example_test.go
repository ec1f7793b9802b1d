package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plan-tool/plan/internal/reportcheck"
)

// TestExampleBoardPack keeps the example board packs in docs/ in step with
// the code: they are made from the plangen history of the Bradford example
// (as in the README) with plan report, in HTML and Markdown. Run with
// -update to remake them.
func TestExampleBoardPack(t *testing.T) {
	_, hist := fixtures(t)
	for _, f := range []struct{ format, file string }{{"html", "example-board-pack.html"}, {"markdown", "example-board-pack.md"}} {
		d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
		if code := run(context.Background(), []string{"report", "-C", filepath.Join(hist, "plan"), "-o", f.format}, d); code != 0 {
			t.Fatalf("plan report -o %s: exit %d: %s", f.format, code, errOut)
		}
		path := filepath.Join("..", "..", "docs", f.file)
		if *update {
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/plan -run TestExampleBoardPack -update makes it)", err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("docs/%s is not what plan report makes now; go test ./cmd/plan -run TestExampleBoardPack -update remakes it", f.file)
		}
	}
}

// TestExampleBoardPackStructure applies the structural checks of a board
// pack to the full example: a card for every priority, a chart for every
// KPI with actuals (all 36 have them), nothing fetched from anywhere.
func TestExampleBoardPackStructure(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "docs", "example-board-pack.html"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 1; i <= 12; i++ {
		ids = append(ids, fmt.Sprintf("P%d", i))
	}
	if problems := reportcheck.Page(page, ids, 36); len(problems) > 0 {
		t.Errorf("docs/example-board-pack.html: %s", strings.Join(problems, "; "))
	}
}

// TestReferenceUpToDate keeps docs/reference, the Markdown reference made
// by plan docs --markdown, in step with the commands' help. Run with
// -update to remake it.
func TestReferenceUpToDate(t *testing.T) {
	dir := t.TempDir()
	d, _, errOut := testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"docs", "--markdown", dir}, d); code != 0 {
		t.Fatalf("plan docs: exit %d: %s", code, errOut)
	}
	ref := filepath.Join("..", "..", "docs", "reference")
	made, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	committed, _ := filepath.Glob(filepath.Join(ref, "*.md"))
	if len(made) < 20 {
		t.Fatalf("plan docs made only %d pages", len(made))
	}
	if *update {
		for _, f := range committed {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(ref, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]bool{}
	for _, f := range made {
		name := filepath.Base(f)
		names[name] = true
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(filepath.Join(ref, name), got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/reference/%s is out of date; go test ./cmd/plan -run TestReferenceUpToDate -update remakes it", name)
		}
	}
	for _, f := range committed {
		if !names[filepath.Base(f)] && !*update {
			t.Errorf("docs/reference/%s is for a command that no longer exists; -update removes it", filepath.Base(f))
		}
	}
}
