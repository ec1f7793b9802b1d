package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var steps = []Step{StepCreated, StepWritten, StepSynced, StepLocked, StepChecked}

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
		t.Run(string(step), func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "01.yaml")
			original := []byte("id: P1\nrag: amber\n")
			if err := os.WriteFile(name, original, 0o644); err != nil {
				t.Fatal(err)
			}
			injected := errors.New("disk full")
			w := &Writer{Fault: func(s Step) error {
				if s == step {
					return injected
				}
				return nil
			}}
			err := w.WriteIfUnchanged(context.Background(), name, original, []byte("id: P1\nrag: red\n"))
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
	if err := new(Writer).WriteIfUnchanged(context.Background(), name, []byte("a: 1\n"), []byte("a: 2\n")); err != nil {
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
		t.Run(string(step), func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "01.yaml")
			original := "id: P1\nrag: amber\n"
			if err := os.WriteFile(name, []byte(original), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriteHelper$")
			cmd.Env = append(os.Environ(), "PLAN_TEST_KILL_AT="+string(step), "PLAN_TEST_FILE="+name)
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
			if err := new(Writer).WriteIfUnchanged(context.Background(), name, []byte(original), []byte("id: P1\nrag: red\n")); err != nil {
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
	w := &Writer{Fault: func(s Step) error {
		if s == Step(step) {
			os.Exit(3)
		}
		return nil
	}}
	name := os.Getenv("PLAN_TEST_FILE")
	original, _ := os.ReadFile(name)
	err := w.WriteIfUnchanged(context.Background(), name, original, []byte("id: P1\nrag: red\n"))
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
				errs[i] = new(Writer).WriteIfUnchanged(context.Background(), name, original, fmt.Appendf(nil, "id: P1\nrag: red\nnote: writer %d\n", i))
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
			case !errors.Is(err, ErrChanged) && !errors.Is(err, ErrLocked):
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

// TestRefusesAFileChangedMeanwhile: two edits racing on one file never
// lose a change silently; the one that read the older contents refuses.
func TestRefusesAFileChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.yaml")
	original := []byte("id: P1\nrag: amber\n")
	if err := os.WriteFile(name, original, 0o640); err != nil {
		t.Fatal(err)
	}
	// Someone else saves the file after we read it.
	if err := os.WriteFile(name, []byte("id: P1\nrag: green\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	err := new(Writer).WriteIfUnchanged(context.Background(), name, original, []byte("id: P1\nrag: red\n"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("writeIfUnchanged over a changed file: %v", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "id: P1\nrag: green\n" {
		t.Errorf("the other change was lost: %q", got)
	}
	// Unchanged: the write goes through, keeping the file's mode, leaving
	// no temporary file.
	if err := new(Writer).WriteIfUnchanged(context.Background(), name, []byte("id: P1\nrag: green\n"), []byte("id: P1\nrag: red\n")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(name)
	entries, _ := os.ReadDir(dir)
	perm := fs.FileMode(0o640)
	if runtime.GOOS == "windows" {
		perm = 0o666 // Windows keeps only whether a file is read-only
	}
	if got, _ := os.ReadFile(name); string(got) != "id: P1\nrag: red\n" || fi.Mode().Perm() != perm || len(entries) != 1 {
		t.Errorf("after the write: %q, mode %v, %d entries in the directory", got, fi.Mode().Perm(), len(entries))
	}
}

func TestRemoveIfUnchanged(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.yaml")
	original := []byte("id: P1\n")
	if err := os.WriteFile(name, []byte("id: P2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := new(Writer).RemoveIfUnchanged(context.Background(), name, original); !errors.Is(err, ErrChanged) {
		t.Fatalf("remove a changed file: %v, want ErrChanged", err)
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("the changed file was removed: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := new(Writer).RemoveIfUnchanged(ctx, name, []byte("id: P2\n")); !errors.Is(err, context.Canceled) {
		t.Fatalf("remove after cancel: %v, want context.Canceled", err)
	}
	if err := new(Writer).RemoveIfUnchanged(context.Background(), name, []byte("id: P2\n")); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left in the directory: %v", entries)
	}
}
