package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
)

// prompt is how soon a cancelled call must return.
const prompt = 2 * time.Second

// TestCancelWhileCatFileAnswers: a cat-file that does not answer is killed
// when the context is cancelled; the call returns at once with the
// context's error, and the next request starts a new cat-file.
func TestCancelWhileCatFileAnswers(t *testing.T) {
	f := &fakeGit{objects: fakeObjects, misbehave: func(n int, _ string, out *fakeOut) bool {
		if n != 1 {
			return false
		}
		out.hang()
		return true
	}}
	r := fakeRepo(f)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if _, err := r.Blob(ctx, idA); !errors.Is(err, context.Canceled) {
		t.Errorf("Blob cancelled: %v; want context.Canceled", err)
	}
	if d := time.Since(start); d > prompt {
		t.Errorf("Blob took %v to return once cancelled", d)
	}
	if data, err := r.Blob(t.Context(), idA); err != nil || string(data) != "the contents of A\n" {
		t.Errorf("Blob after = %q, %v", data, err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if started, running, killed := f.counts(); started != 2 || running != 0 || killed != 1 {
		t.Errorf("%d cat-file started, %d left running, %d killed; want 2, 0, 1", started, running, killed)
	}
}

// TestCancelledBeforeStarting: a call with a context already done starts
// nothing.
func TestCancelledBeforeStarting(t *testing.T) {
	f := &fakeGit{objects: fakeObjects}
	r := fakeRepo(f)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := r.Blob(ctx, idA); !errors.Is(err, context.Canceled) {
		t.Errorf("Blob: %v; want context.Canceled", err)
	}
	if _, err := r.Resolve(ctx, "HEAD"); !errors.Is(err, context.Canceled) {
		t.Errorf("Resolve: %v; want context.Canceled", err)
	}
	if started, _, _ := f.counts(); started != 0 {
		t.Errorf("%d cat-file started", started)
	}
}

// TestCancelRealGit cancels each kind of git run part way, with real git:
// the call returns the context's error promptly, calls back no more, and
// leaves no git running.
func TestCancelRealGit(t *testing.T) {
	g := gittest.New(t)
	for i := range 30 {
		g.Commit(day("2026-01-05").AddDate(0, 0, i), fmt.Sprint("commit ", i), map[string]string{"plan/plan.yaml": fmt.Sprintf("title: version %d\n", i)})
	}
	r := open(t, g, g.Dir)
	if left := gittest.Children(t, "git"); len(left) > 0 {
		t.Logf("git running before the test: %v", left) // the long-lived cat-file, at most
	}

	t.Run("log", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		calls := 0
		err := r.Log(ctx, "HEAD", "plan", func(c LogCommit) error {
			calls++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Errorf("Log cancelled in its first commit: %d calls, %v; want 1 and context.Canceled", calls, err)
		}
	})

	t.Run("blobs", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		all, err := r.Files(t.Context(), "HEAD~20", "")
		if err != nil || len(all) != 1 {
			t.Fatalf("Files = %v, %v", all, err)
		}
		blobs := []string{all[0].Blob, all[0].Blob, all[0].Blob, all[0].Blob}
		calls := 0
		err = r.Blobs(ctx, blobs, func(string, []byte) error {
			calls++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Errorf("Blobs cancelled in the first: %d calls, %v; want 1 and context.Canceled", calls, err)
		}
	})

	t.Run("rev-list", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := r.Before(ctx, "HEAD", day("2026-01-10")); !errors.Is(err, context.Canceled) {
			t.Errorf("Before cancelled: %v; want context.Canceled", err)
		}
		if _, err := r.firstAtOrBefore(ctx, "HEAD", day("2026-01-10").Unix()); !errors.Is(err, context.Canceled) {
			t.Errorf("firstAtOrBefore cancelled: %v; want context.Canceled", err)
		}
	})

	t.Run("open", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := Open(ctx, g.Dir); !errors.Is(err, context.Canceled) {
			t.Errorf("Open cancelled: %v; want context.Canceled", err)
		}
		if _, err := r.Tags(ctx, "plan/"); !errors.Is(err, context.Canceled) {
			t.Errorf("Tags cancelled: %v; want context.Canceled", err)
		}
		// What was cancelled is not remembered.
		r2, err := Open(t.Context(), g.Dir)
		if err != nil {
			t.Fatalf("Open after a cancelled one: %v", err)
		}
		if err := r2.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})

	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if left := gittest.Children(t, "git"); len(left) > 0 {
		t.Errorf("git left running: %v", left)
	}
}
