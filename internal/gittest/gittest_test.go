package gittest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCommitsAsCommit: Commits makes the commits Commit makes, down to
// their hashes, from an empty repository and on top of a commit, and
// leaves the work tree and index as Commit does.
func TestCommitsAsCommit(t *testing.T) {
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	changes := []Change{
		{Date: day, Message: "start", Files: map[string]string{"plan/plan.yaml": "title: T\n", "plan/p1.yaml": "id: P1\n", "gone.txt": "x\n"}},
		{Author: "Priya Shah", Date: day.AddDate(0, 0, 7), Message: "Weekly review\n\nRe-rate P1.1  \n\n\nMove P1.2\n", Files: map[string]string{"plan/p1.yaml": "id: P1\nnote: changed\n", "gone.txt": ""}},
		{Date: day.In(time.FixedZone("BST", 3600)).AddDate(0, 0, 14), Message: "nothing changed", Files: nil},
		{Date: day.AddDate(0, 0, 21), Message: "new file", Files: map[string]string{"plan/priorities/p2.yaml": "id: P2\n", "tmp.txt": "a\n"}},
		{Date: day.AddDate(0, 0, 22), Message: "and removed", Files: map[string]string{"tmp.txt": ""}},
	}
	for _, split := range []int{0, 1, 3} {
		one, batch := New(t), New(t)
		var want, got []string
		for _, c := range changes {
			want = append(want, one.CommitAs(or(c.Author, "Test Author"), c.Date, c.Message, c.Files))
		}
		for _, c := range changes[:split] {
			got = append(got, batch.CommitAs(or(c.Author, "Test Author"), c.Date, c.Message, c.Files))
		}
		got = append(got, batch.Commits(changes[split:])...)
		if !slices.Equal(got, want) {
			t.Errorf("after %d commits made one by one: Commits made\n%s\nCommit made\n%s", split, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if st := batch.Git("status", "--porcelain", "--untracked-files=all"); st != "" {
			t.Errorf("after %d: the work tree or index differs from the last commit:\n%s", split, st)
		}
		if a, b := one.Git("ls-files", "-s"), batch.Git("ls-files", "-s"); a != b {
			t.Errorf("after %d: the index holds\n%s\nwant\n%s", split, b, a)
		}
	}
}

func or(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}
