package history

import (
	"context"
	"testing"
	"time"

	"github.com/plan-tool/plan/plan"
)

func BenchmarkScratchLastChanged1000(b *testing.B) {
	s, err := Open(context.Background(), "/work/benchwork/data/history-1000/plan", time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	fsys, err := s.FS(context.Background(), "HEAD")
	if err != nil {
		b.Fatal(err)
	}
	p, _, err := plan.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	ids := p.OpenActions()
	b.Logf("%d open actions", len(ids))
	for b.Loop() {
		s.versions = versionCache{}
		last, err := s.LastChanged(context.Background(), "HEAD", ids)
		if err != nil {
			b.Fatal(err)
		}
		_ = last
	}
	b.Logf("stats %+v", s.stats)
}
