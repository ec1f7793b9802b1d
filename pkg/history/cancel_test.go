package history

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/plan"
)

// TestWalkCancelled cancels walks through a long history part way: each
// returns the context's error promptly, and leaves no git running.
func TestWalkCancelled(t *testing.T) {
	dir := bigHistory(t, 2000, 40, "id") // a 0.45 MB file, 40 one-line changes
	ids := []string{"P9.9"}              // one no commit holds: the walk goes to the start
	for i := range 2000 {
		ids = append(ids, "P1."+strconv.Itoa(i+1))
	}
	const after, prompt = 200 * time.Millisecond, 2 * time.Second
	for _, walk := range []struct {
		name string
		run  func(context.Context, *Source) error
	}{
		{"log", func(ctx context.Context, s *Source) error { _, err := s.Log(ctx, "P1.5", plan.Date{}); return err }},
		{"logs", func(ctx context.Context, s *Source) error { _, err := s.Logs(ctx, ids[:50], plan.Date{}); return err }},
		{"last-changed", func(ctx context.Context, s *Source) error { _, err := s.LastChanged(ctx, "HEAD", ids); return err }},
	} {
		t.Run(walk.name, func(t *testing.T) {
			s, err := Open(context.Background(), dir, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = s.Close() }() // closed below, checked; this is for a test that stops early
			// Every version parsed whole: the walk takes seconds (the
			// index makes it a fraction of one), and is cancelled part way.
			s.noIndex = true
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			time.AfterFunc(after, cancel)
			start := time.Now()
			err = walk.run(ctx, s)
			took := time.Since(start)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("walk cancelled after %v: %v; want context.Canceled", after, err)
			}
			if took > after+prompt {
				t.Errorf("walk took %v to return, cancelled after %v", took, after)
			}
			// The walk's own git (log, and cat-file reading ahead) has
			// ended; the source's cat-file, at most, is left until Close.
			if left := gittest.Children(t, "git"); len(left) > 1 {
				t.Errorf("git left running after the walk: %v", left)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if left := gittest.Children(t, "git"); len(left) > 0 {
				t.Errorf("git left running after Close: %v", left)
			}
		})
	}
}
