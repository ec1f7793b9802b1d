package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var steps = []string{stepCreated, stepWritten, stepSynced, stepLocked, stepChecked}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestWriteFailingAtEveryStep: whichever step of a write fails, the file
// keeps its old contents and no temporary file or lock is left.
func TestWriteFailingAtEveryStep(t *testing.T) {
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "01.yaml")
			original := []byte("id: P1\nrag: amber\n")
			if err := os.WriteFile(name, original, 0o644); err != nil {
				t.Fatal(err)
			}
			injected := errors.New("disk full")
			fault = func(s string) error {
				if s == step {
					return injected
				}
				return nil
			}
			defer func() { fault = nil }()
			err := writeIfUnchanged(context.Background(), name, original, []byte("id: P1\nrag: red\n"))
			if !errors.Is(err, injected) {
				t.Fatalf("write failing at %q returned %v", step, err)
			}
			if got, _ := os.ReadFile(name); string(got) != string(original) {
				t.Errorf("file after a failed write: %q", got)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("left in the directory: %q", got)
			}
		})
	}
	// The seam is live: with no fault the same write goes through.
	dir := t.TempDir()
	name := filepath.Join(dir, "01.yaml")
	if err := os.WriteFile(name, []byte("a: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeIfUnchanged(context.Background(), name, []byte("a: 1\n"), []byte("a: 2\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "a: 2\n" {
		t.Errorf("write with no fault: %q", got)
	}
}

// TestWriteKilledAtEveryStep kills a process in the middle of a write at
// each step. The file holds either its old contents or, only once the
// rename is done, the new: never a mixture. What the killed process left
// (a hidden temporary file, a lock) is removed or taken over by the next
// write once it is old enough to be a leftover, and is never read as a
// plan file (its name starts with '.').
func TestWriteKilledAtEveryStep(t *testing.T) {
	if os.Getenv("PLAN_TEST_KILL_AT") != "" {
		t.Skip("run as the killed process")
	}
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "01.yaml")
			original := "id: P1\nrag: amber\n"
			if err := os.WriteFile(name, []byte(original), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriteHelper$")
			cmd.Env = append(os.Environ(), "PLAN_TEST_KILL_AT="+step, "PLAN_TEST_FILE="+name)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 3 {
				t.Fatalf("helper did not die at %q: %v\n%s", step, err, out)
			}
			if got, _ := os.ReadFile(name); string(got) != original {
				t.Errorf("file after a write killed at %q: %q", step, got)
			}
			// Age the leftovers; the next write clears them.
			for _, n := range entries(t, dir) {
				old := time.Now().Add(-2 * staleAfter)
				if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeIfUnchanged(context.Background(), name, []byte(original), []byte("id: P1\nrag: red\n")); err != nil {
				t.Fatalf("the write after a killed one: %v", err)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("left in the directory after the next write: %q", got)
			}
		})
	}
}

// TestKilledWriteHelper is the process TestWriteKilledAtEveryStep kills:
// it exits at the step named by PLAN_TEST_KILL_AT, as a process killed
// there would, running no deferred cleanup.
func TestKilledWriteHelper(t *testing.T) {
	step := os.Getenv("PLAN_TEST_KILL_AT")
	if step == "" {
		t.Skip("helper for TestWriteKilledAtEveryStep")
	}
	fault = func(s string) error {
		if s == step {
			os.Exit(3)
		}
		return nil
	}
	name := os.Getenv("PLAN_TEST_FILE")
	original, _ := os.ReadFile(name)
	err := writeIfUnchanged(context.Background(), name, original, []byte("id: P1\nrag: red\n"))
	t.Fatalf("the write was not killed: %v", err)
}

// TestRacingWritesOneWins: writers that all read the same contents race
// to replace it; exactly one wins, the others refuse, and the file holds
// the winner's data.
func TestRacingWritesOneWins(t *testing.T) {
	for round := range 20 {
		dir := t.TempDir()
		name := filepath.Join(dir, "01.yaml")
		original := []byte("id: P1\nrag: amber\n")
		if err := os.WriteFile(name, original, 0o644); err != nil {
			t.Fatal(err)
		}
		const writers = 6
		errs := make([]error, writers)
		var wg sync.WaitGroup
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = writeIfUnchanged(context.Background(), name, original, fmt.Appendf(nil, "id: P1\nrag: red\nnote: writer %d\n", i))
			}()
		}
		wg.Wait()
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil && winner >= 0:
				t.Fatalf("round %d: writers %d and %d both wrote", round, winner, i)
			case err == nil:
				winner = i
			case !errors.Is(err, errChangedOnDisk) && !errors.Is(err, errLocked):
				t.Fatalf("round %d: writer %d: %v", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no writer wrote", round)
		}
		if got, _ := os.ReadFile(name); !strings.Contains(string(got), fmt.Sprintf("writer %d\n", winner)) {
			t.Errorf("round %d: file holds %q, not the winner's (%d) data", round, got, winner)
		}
		if got := entries(t, dir); len(got) != 1 {
			t.Errorf("round %d: left in the directory: %q", round, got)
		}
	}
}

// TestRacingEditCommands: two plan edits of one file at once never lose a
// change silently: each either lands or refuses with exit 2.
func TestRacingEditCommands(t *testing.T) {
	for round := range 10 {
		dir := badCase(t, "bom")
		argv := [][]string{{"rate", "WF1.1", "red", "--note", "Paused"}, {"done", "WF1.2"}}
		codes := make([]int, len(argv))
		var wg sync.WaitGroup
		for i, args := range argv {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i], _, _ = runIn(dir, args...)
			}()
		}
		wg.Wait()
		data, _ := os.ReadFile(filepath.Join(dir, "priorities", "01.yaml"))
		rated := strings.Contains(string(data), "rag: red")
		done := strings.Contains(string(data), "status: done")
		if (codes[0] == exitOK) != rated || (codes[1] == exitOK) != done {
			t.Fatalf("round %d: exits %v but rated=%v done=%v:\n%s", round, codes, rated, done, data)
		}
		for i, c := range codes {
			if c != exitOK && c != exitError {
				t.Errorf("round %d: %v exited %d", round, argv[i], c)
			}
		}
	}
}

// TestStaleLockThatCannotBeRemoved: a stale lock that cannot be removed
// (here a directory with a file in it) is an error at once, not a loop
// that tries to remove it for ever.
func TestStaleLockThatCannotBeRemoved(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "plan.yaml")
	lockName := filepath.Join(dir, ".plan.yaml.plan-lock")
	if err := os.MkdirAll(filepath.Join(lockName, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(lockName, old, old); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		unlock, err := lock(name)
		if err == nil {
			unlock()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "take over a stale lock") {
			t.Fatalf("lock: got %v, want an error taking over the stale lock", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("lock did not return: it loops on a stale lock it cannot remove")
	}
}
