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
	"os"
	"path/filepath"
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
	// kinds are the ids of the bodies the plan reports to; nil means
	// the defaults (SetBodies).
	kinds []string
	// read holds the plan files FS has read, by blob id: the other end
	// of a diff reads from git only the files that differ.
	read map[string]readBlob
}

// readBlob is a plan file's contents as FS read them: nil data with a
// size when it was too large to read.
type readBlob struct {
	data []byte
	size int64
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

// snapshotKinds are the bodies a plan is reported to unless SetBodies
// says otherwise.
var snapshotKinds = []string{"board", "dfe", "ofsted"}

// IsSnapshotKind reports whether s names a default kind of snapshot
// (board, dfe, ofsted); Source.IsKind knows the plan's own bodies.
func IsSnapshotKind(s string) bool { return slices.Contains(snapshotKinds, s) }

// SetBodies sets the ids of the bodies the plan reports to, which are the
// kinds of its snapshots (plan.Plan.BodyIDs); by default board, dfe and
// ofsted.
func (s *Source) SetBodies(ids []string) { s.kinds = slices.Clone(ids) }

// Kinds returns the kinds of snapshot the source knows.
func (s *Source) Kinds() []string {
	if s.kinds == nil {
		return slices.Clone(snapshotKinds)
	}
	return slices.Clone(s.kinds)
}

// IsKind reports whether k names a kind of snapshot of the plan.
func (s *Source) IsKind(k string) bool {
	if s.kinds == nil {
		return IsSnapshotKind(k)
	}
	return slices.Contains(s.kinds, k)
}

// Point resolves what a user wrote for a point in history: a snapshot
// kind ("board": the last board snapshot), a date (the end of that day on
// the current branch), or any revision git understands.
func (s *Source) Point(ctx context.Context, spec string) (Revision, error) {
	if s.IsKind(spec) {
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
		rb, ok := s.read[f.Blob]
		if !ok {
			data, size, err := s.repo.BlobUpTo(ctx, f.Blob, plan.DefaultLimits.FileBytes)
			if err != nil {
				return nil, missingAt(err, f.Path, commit)
			}
			rb = readBlob{data, size}
			if s.read == nil {
				s.read = map[string]readBlob{}
			}
			s.read[f.Blob] = rb
		}
		data, size := rb.data, rb.size
		if data == nil && size > 0 {
			t.addTooLarge(f.Path, size)
		} else {
			t.add(f.Path, data)
		}
	}
	return t, nil
}

// Snapshot is a record, as an annotated tag plan/KIND/DATE (or
// plan/DIR/KIND/DATE for a plan in directory DIR of the repository), of
// the state of the plan a body was shown.
type Snapshot struct {
	Kind    string
	Date    plan.Date
	Tag     string
	Commit  string
	Tagger  string
	Message string
}

// SnapshotTag names the tag of a snapshot of the plan at the top of a
// repository.
func SnapshotTag(kind string, d plan.Date) string { return "plan/" + kind + "/" + d.String() }

// tagPrefix is what the names of the plan's snapshot tags begin with:
// plan/ for the plan at the top of the repository, plan/DIR/ for a plan in
// directory DIR, so that two plans in one repository keep their snapshots
// apart.
func (s *Source) tagPrefix() string {
	if s.dir == "" || s.dir == "." {
		return "plan/"
	}
	return "plan/" + s.dir + "/"
}

// SnapshotTag names the tag of the plan's snapshot of kind on d.
func (s *Source) SnapshotTag(kind string, d plan.Date) string {
	return s.tagPrefix() + kind + "/" + d.String()
}

// Snapshots lists the recorded snapshots of the plan, oldest first. A plan
// in a directory below the top of the repository also has the snapshots
// tagged plan/KIND/DATE, as they were named before tags named the
// directory, unless one of its own tags has the same kind and date or the
// top of the work tree holds a plan (whose tags those are).
func (s *Source) Snapshots(ctx context.Context) ([]Snapshot, error) {
	out, err := s.snapshotsUnder(ctx, s.tagPrefix())
	if err != nil {
		return nil, err
	}
	if s.tagPrefix() != "plan/" && !s.planAtTop() {
		legacy, err := s.snapshotsUnder(ctx, "plan/")
		if err != nil {
			return nil, err
		}
		for _, l := range legacy {
			if !slices.ContainsFunc(out, func(o Snapshot) bool { return o.Kind == l.Kind && o.Date == l.Date }) {
				out = append(out, l)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Snapshot) int {
		return cmp.Or(a.Date.Time().Compare(b.Date.Time()), cmp.Compare(a.Kind, b.Kind))
	})
	return out, nil
}

// planAtTop reports whether the top of the work tree holds a plan.
func (s *Source) planAtTop() bool {
	_, err := os.Lstat(filepath.Join(s.repo.Top(), plan.PlanFile))
	return err == nil
}

// snapshotsUnder lists the snapshot tags prefix+KIND/DATE.
func (s *Source) snapshotsUnder(ctx context.Context, prefix string) ([]Snapshot, error) {
	tags, err := s.repo.Tags(ctx, prefix)
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, t := range tags {
		rest, ok := strings.CutPrefix(t.Name, prefix)
		parts := strings.Split(rest, "/")
		if !ok || len(parts) != 2 || !s.IsKind(parts[0]) {
			continue
		}
		d, err := plan.ParseDate(parts[1])
		if err != nil {
			continue
		}
		out = append(out, Snapshot{Kind: parts[0], Date: d, Tag: t.Name, Commit: t.Commit, Tagger: t.Tagger, Message: t.Message})
	}
	return out, nil
}

// ErrSnapshotExists is returned when a snapshot of that kind and date is
// already recorded.
var ErrSnapshotExists = errors.New("snapshot already recorded")

// ErrUnknownKind is returned for a kind of snapshot the plan does not
// know.
var ErrUnknownKind = errors.New("unknown snapshot kind")

// CreateSnapshot records a snapshot of kind on date d at commit. When
// dated is true the tag is dated d (at noon in the source's zone), else
// now. The error wraps ErrUnknownKind or ErrSnapshotExists.
func (s *Source) CreateSnapshot(ctx context.Context, kind string, d plan.Date, dated bool, commit, message string) (Snapshot, error) {
	if !s.IsKind(kind) {
		return Snapshot{}, fmt.Errorf("%w %q (kinds: %s)", ErrUnknownKind, kind, strings.Join(s.Kinds(), ", "))
	}
	tag := s.SnapshotTag(kind, d)
	if _, err := s.repo.Resolve(ctx, "refs/tags/"+tag); err == nil {
		return Snapshot{}, fmt.Errorf("%s: %w", tag, ErrSnapshotExists)
	}
	var err error
	if dated {
		y, m, day := d.Time().Date()
		err = s.repo.CreateTagAt(ctx, tag, commit, message, time.Date(y, m, day, 12, 0, 0, 0, s.loc))
	} else {
		err = s.repo.CreateTag(ctx, tag, commit, message)
	}
	if err != nil {
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
