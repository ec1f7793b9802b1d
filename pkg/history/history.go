// Package history reads a plan's past from the git repository that holds
// it: the plan as it stood at any revision or date, the history of one
// item, when each item last changed, and the snapshots that record what
// was reported to whom.
//
// Walks through history cost what the commits changed, not what the
// files hold: only the items whose text a commit changed are parsed, and
// no more than one version of each file is held from one commit to the
// next.
//
// Every method that reads history takes a context. When it is done, the
// git processes working for the call are killed and a walk stops before
// its next commit; the call returns an error wrapping the context's error
// (context.Canceled when cancelled).
package history

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

// Source is a plan directory inside a git repository.
type Source struct {
	repo *gitrepo.Repo
	dir  string         // the plan directory, relative to the top ("" for the top)
	loc  *time.Location // the zone calendar dates are taken in
	// versions holds the file versions a walk has at hand, and streamed
	// the blobs it read ahead for the commit it is at.
	versions versionCache
	streamed map[string]streamedBlob
	stats    walkStats
	// misread is set when the parser read a version of a file otherwise
	// than its index said (see Source.whole): the walk is begun again, with
	// every version parsed whole (noIndex).
	misread, noIndex bool
	// split splits a version into items; nil means newIndex. Tests put a
	// wrong one here to see a misreading caught.
	split func(text string, like *index) (*index, bool)
}

// Open returns the history of the plan in planDir. loc is the zone that
// turns commit times into calendar dates and dates into moments. The error
// wraps gitrepo.ErrNotRepository when planDir is not in a git work tree.
func Open(ctx context.Context, planDir string, loc *time.Location) (*Source, error) {
	repo, err := gitrepo.Open(ctx, planDir)
	if err != nil {
		return nil, err
	}
	dir, err := repo.Rel(planDir)
	if err != nil {
		_ = repo.Close() // nothing was started yet
		return nil, err
	}
	return &Source{repo: repo, dir: dir, loc: loc}, nil
}

// Close stops the git processes the source started.
func (s *Source) Close() error { return s.repo.Close() }

// Dir returns the plan directory relative to the top of the repository.
func (s *Source) Dir() string { return s.dir }

// Date returns the calendar date of t in the source's zone.
func (s *Source) Date(t time.Time) plan.Date { return plan.DateOf(t.In(s.loc)) }

// Revision is a resolved point in the plan's history.
type Revision struct {
	Spec   string // as the user wrote it, or the snapshot's tag
	Commit gitrepo.Commit
	// Date is the day the revision stands for: a snapshot's date, the date
	// asked for, or else the commit's date.
	Date plan.Date
	// Snapshot is the kind of snapshot the revision is (board, dfe,
	// ofsted), or "".
	Snapshot string
}

// String describes the revision for people: "v1.0 (a1b2c3d, 2026-10-01)".
func (r Revision) String() string {
	return fmt.Sprintf("%s (%s, %s)", r.Spec, r.Commit.Short(), r.Commit.CommitDate.Format(time.DateOnly))
}

// snapshotKinds are the bodies a plan is reported to.
var snapshotKinds = []string{"board", "dfe", "ofsted"}

// IsSnapshotKind reports whether s names a kind of snapshot.
func IsSnapshotKind(s string) bool {
	for _, k := range snapshotKinds {
		if s == k {
			return true
		}
	}
	return false
}

// Point resolves what a user wrote for a point in history: a snapshot
// kind ("board": the last board snapshot), a date (the end of that day on
// the current branch), or any revision git understands.
func (s *Source) Point(ctx context.Context, spec string) (Revision, error) {
	if IsSnapshotKind(spec) {
		snaps, err := s.Snapshots(ctx)
		if err != nil {
			return Revision{}, err
		}
		for i := len(snaps) - 1; i >= 0; i-- {
			if snaps[i].Kind == spec {
				c, err := s.repo.Resolve(ctx, snaps[i].Commit)
				if err != nil {
					return Revision{}, err
				}
				return Revision{Spec: snaps[i].Tag, Commit: c, Date: snaps[i].Date, Snapshot: snaps[i].Kind}, nil
			}
		}
		return Revision{}, fmt.Errorf("no %s snapshot yet: record one with 'plan snapshot %s'", spec, spec)
	}
	if d, err := plan.ParseDate(spec); err == nil {
		return s.At(ctx, d)
	}
	c, err := s.repo.Resolve(ctx, spec)
	if err != nil {
		return Revision{}, err
	}
	if strings.HasPrefix(spec, "plan/") || strings.HasPrefix(spec, "refs/tags/plan/") {
		snaps, err := s.Snapshots(ctx)
		if err != nil {
			return Revision{}, err
		}
		for _, snap := range snaps {
			if snap.Commit == c.Hash && strings.HasSuffix(spec, snap.Tag) {
				return Revision{Spec: spec, Commit: c, Date: snap.Date, Snapshot: snap.Kind}, nil
			}
		}
	}
	return Revision{Spec: spec, Commit: c, Date: s.Date(c.CommitDate)}, nil
}

// At returns the state of the current branch at the end of day d: its last
// commit on or before then.
func (s *Source) At(ctx context.Context, d plan.Date) (Revision, error) {
	y, m, day := d.Time().Date()
	end := time.Date(y, m, day+1, 0, 0, 0, 0, s.loc).Add(-time.Second)
	c, err := s.repo.Before(ctx, "HEAD", end)
	if err != nil {
		return Revision{}, err
	}
	return Revision{Spec: d.String(), Commit: c, Date: d}, nil
}

// FS returns the plan directory as it stood at commit, read from git's
// objects without touching the work tree or the index. Symbolic links are
// kept as links, which Load refuses to follow, and submodules as entries
// that are not files, which Load reports when they are named like plan
// files. A plan file larger than plan's limit is kept with its size alone.
// The error wraps gitrepo.ErrMissingObject when the repository lacks an
// object the commit holds.
func (s *Source) FS(ctx context.Context, commit string) (fs.FS, error) {
	files, err := s.repo.Files(ctx, commit, s.dir)
	if err != nil {
		return nil, err
	}
	t := newTreeFS()
	for _, f := range files {
		switch f.Mode {
		case "100644", "100755":
		case "120000": // a symbolic link: its blob is the target
			target, _, err := s.repo.BlobUpTo(ctx, f.Blob, 4096)
			if err != nil {
				return nil, missingAt(err, f.Path, commit)
			}
			t.addLink(f.Path, string(target))
			continue
		case "160000": // a submodule: a commit of another repository
			t.addGitlink(f.Path)
			continue
		default:
			continue
		}
		if !isPlanFile(f.Path) {
			t.add(f.Path, nil)
			continue
		}
		data, size, err := s.repo.BlobUpTo(ctx, f.Blob, plan.DefaultLimits.FileBytes)
		if err != nil {
			return nil, missingAt(err, f.Path, commit)
		}
		if data == nil && size > 0 {
			t.addTooLarge(f.Path, size)
		} else {
			t.add(f.Path, data)
		}
	}
	return t, nil
}

// Snapshot is a record, as an annotated tag plan/KIND/DATE, of the state of
// the plan a body was shown.
type Snapshot struct {
	Kind    string
	Date    plan.Date
	Tag     string
	Commit  string
	Tagger  string
	Message string
}

// SnapshotTag names the tag of a snapshot.
func SnapshotTag(kind string, d plan.Date) string { return "plan/" + kind + "/" + d.String() }

// Snapshots lists the recorded snapshots, oldest first.
func (s *Source) Snapshots(ctx context.Context) ([]Snapshot, error) {
	tags, err := s.repo.Tags(ctx, "plan/")
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, t := range tags {
		parts := strings.Split(t.Name, "/")
		if len(parts) != 3 || !IsSnapshotKind(parts[1]) {
			continue
		}
		d, err := plan.ParseDate(parts[2])
		if err != nil {
			continue
		}
		out = append(out, Snapshot{Kind: parts[1], Date: d, Tag: t.Name, Commit: t.Commit, Tagger: t.Tagger, Message: t.Message})
	}
	slices.SortStableFunc(out, func(a, b Snapshot) int {
		return cmp.Or(a.Date.Time().Compare(b.Date.Time()), cmp.Compare(a.Kind, b.Kind))
	})
	return out, nil
}

// ErrSnapshotExists is returned when a snapshot of that kind and date is
// already recorded.
var ErrSnapshotExists = errors.New("snapshot already recorded")

// CreateSnapshot records a snapshot of kind on date d at commit.
func (s *Source) CreateSnapshot(ctx context.Context, kind string, d plan.Date, commit, message string) (Snapshot, error) {
	if !IsSnapshotKind(kind) {
		return Snapshot{}, fmt.Errorf("unknown snapshot kind %q (kinds: %s)", kind, strings.Join(snapshotKinds, ", "))
	}
	tag := SnapshotTag(kind, d)
	if _, err := s.repo.Resolve(ctx, "refs/tags/"+tag); err == nil {
		return Snapshot{}, fmt.Errorf("%s: %w", tag, ErrSnapshotExists)
	}
	if err := s.repo.CreateTag(ctx, tag, commit, message); err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Kind: kind, Date: d, Tag: tag, Commit: commit, Message: message}, nil
}

// missingAt names, in the error for an object the repository lacks, the
// file p it is at commit.
func missingAt(err error, p, commit string) error {
	var me *gitrepo.MissingError
	if errors.As(err, &me) && me.Path == "" {
		named := *me
		named.Path, named.Commit = p, commit
		return &named
	}
	return err
}

// Resolve returns the commit a revision names.
func (s *Source) Resolve(ctx context.Context, rev string) (gitrepo.Commit, error) {
	return s.repo.Resolve(ctx, rev)
}
