package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/internal/plangen"
)

// Fixtures shared by the tests of this package, built once: tests must not
// depend on this repository's own git history, which differs between
// clones (CI checkouts are often shallow).
var (
	fixturesOnce sync.Once
	fixturesErr  error
	examplesDir  string // a git repository holding testdata's example plans in testdata/, committed on 2026-11-24
	historyDir   string // a git repository made by plangen: a year of weekly commits to the plan in plan/
)

// exampleDate is when the example plans are committed in examplesDir.
var exampleDate = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// fixtures builds the shared repositories, or skips the test when git is
// not installed.
func fixtures(t *testing.T) (examples, hist string) {
	t.Helper()
	fixturesOnce.Do(func() {
		base, err := os.MkdirTemp("", "plan-fixtures-")
		if err != nil {
			fixturesErr = err
			return
		}
		examplesDir = filepath.Join(base, "examples")
		historyDir = filepath.Join(base, "history")
		fixturesErr = buildFixtures(t, examplesDir, historyDir)
	})
	if fixturesErr != nil {
		t.Fatalf("building test fixtures: %v", fixturesErr)
	}
	return examplesDir, historyDir
}

func buildFixtures(t *testing.T, examples, hist string) error {
	g := gittest.NewAt(t, examples)
	for _, name := range []string{"bradford", "bury", "typos"} {
		if err := copyDir(filepath.Join("..", "..", "testdata", name), filepath.Join(examples, "testdata", name)); err != nil {
			return err
		}
	}
	g.Commit(exampleDate, "Add the example plans", nil)
	h := plangen.History{From: filepath.Join("..", "..", "testdata", "bradford"), Dir: hist, Weeks: 52, Seed: 1}
	return h.Generate()
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// TestMain's cleanup of the shared fixtures.
func removeFixtures() {
	if examplesDir != "" {
		if err := os.RemoveAll(filepath.Dir(examplesDir)); err != nil {
			fmt.Fprintf(os.Stderr, "remove the test fixtures: %v\n", err)
		}
	}
}
