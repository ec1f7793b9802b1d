package atomicfile

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var errBusy = errors.New("the process cannot access the file because it is being used by another process")

// fakeRenamer fails its first failures renames with errBusy (a transient
// error) and records the sleeps in between.
type fakeRenamer struct {
	failures int
	calls    int
	sleeps   []time.Duration
}

func (f *fakeRenamer) renamer(wait time.Duration) renamer {
	return renamer{
		rename: func(string, string) error {
			f.calls++
			if f.calls <= f.failures {
				return errBusy
			}
			return nil
		},
		transient: func(err error) bool { return errors.Is(err, errBusy) },
		sleep: func(_ context.Context, d time.Duration) error {
			f.sleeps = append(f.sleeps, d)
			return nil
		},
		wait: wait,
	}
}

func total(ds []time.Duration) (t time.Duration) {
	for _, d := range ds {
		t += d
	}
	return t
}

// TestRenameRetriesWhileTheFileIsHeld: a rename refused for a moment (an
// editor holding the file on Windows) is tried again with a growing wait,
// and succeeds.
func TestRenameRetriesWhileTheFileIsHeld(t *testing.T) {
	f := &fakeRenamer{failures: 4}
	if err := f.renamer(renameWait).do(context.Background(), "tmp", "dir/01.yaml"); err != nil {
		t.Fatalf("rename after 4 refusals: %v", err)
	}
	if f.calls != 5 {
		t.Errorf("tried %d times, want 5", f.calls)
	}
	want := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond}
	if len(f.sleeps) != len(want) {
		t.Fatalf("slept %v, want %v", f.sleeps, want)
	}
	for i := range want {
		if f.sleeps[i] != want[i] {
			t.Fatalf("slept %v, want %v", f.sleeps, want)
		}
	}
}

// TestRenameGivesUpSayingWhatToClose: a file held for longer than the
// wait is left as it was, and the error says to close it.
func TestRenameGivesUpSayingWhatToClose(t *testing.T) {
	f := &fakeRenamer{failures: 1 << 30}
	err := f.renamer(renameWait).do(context.Background(), "tmp", `C:\plans\priorities\01.yaml`)
	if !errors.Is(err, errBusy) {
		t.Fatalf("err = %v, want one wrapping the rename's", err)
	}
	if got := total(f.sleeps); got != renameWait {
		t.Errorf("slept %v in all, want %v", got, renameWait)
	}
	for _, d := range f.sleeps {
		if d > 250*time.Millisecond {
			t.Errorf("one sleep of %v, more than 250ms", d)
		}
	}
	var h interface{ Hint() string }
	if !errors.As(err, &h) {
		t.Fatalf("no hint on %v", err)
	}
	if !strings.Contains(h.Hint(), "close") || !strings.Contains(h.Hint(), "nothing was written") {
		t.Errorf("hint %q does not say what to close and that nothing was written", h.Hint())
	}
}

// TestRenameDoesNotRetryOtherErrors: a failure that will not pass (the
// directory is gone) is reported at once.
func TestRenameDoesNotRetryOtherErrors(t *testing.T) {
	f := &fakeRenamer{}
	gone := errors.New("no such directory")
	r := f.renamer(renameWait)
	r.rename = func(string, string) error { f.calls++; return gone }
	if err := r.do(context.Background(), "tmp", "01.yaml"); !errors.Is(err, gone) {
		t.Fatalf("err = %v", err)
	}
	if f.calls != 1 || len(f.sleeps) != 0 {
		t.Errorf("tried %d times, slept %v: want once, no sleep", f.calls, f.sleeps)
	}
}

// TestRenameStopsWhenInterrupted: an interrupted run stops waiting and
// writes nothing.
func TestRenameStopsWhenInterrupted(t *testing.T) {
	f := &fakeRenamer{failures: 1 << 30}
	ctx, cancel := context.WithCancel(context.Background())
	r := f.renamer(renameWait)
	r.sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	if err := r.do(ctx, "tmp", "01.yaml"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if f.calls != 1 {
		t.Errorf("tried %d times after the interrupt, want 1", f.calls)
	}
}
