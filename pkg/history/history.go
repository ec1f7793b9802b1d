// Package history reads a plan's past from the git repository that holds
// it: the plan as it stood at any revision or date, the history of one
// item, when each item last changed, and the snapshots that record what
// was reported to whom.
//
// Every file version is parsed once: git's blob id is the cache key.
package history

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

// Source is a plan directory inside a git repository.
type Source struct {
	repo  *gitrepo.Repo
	dir   string         // the plan directory, relative to the top ("" for the top)
	loc   *time.Location // the zone calendar dates are taken in
	items map[string][]plan.Item
	raw   rawCache
	// prefetched holds blobs read ahead in one batch: a blob mapped to nil
	// is known not to hold what is sought.
	prefetched map[string][]byte
}

// rawCache keeps the blobs of the last two commits a walk looked at: a
// file's new version in one commit is its old version in the next one.
type rawCache struct {
	cur, prev map[string][]byte
}

func (c *rawCache) get(id string) ([]byte, bool) {
	if d, ok := c.cur[id]; ok {
		return d, true
	}
	d, ok := c.prev[id]
	return d, ok
}

func (c *rawCache) put(id string, data []byte) {
	if c.cur == nil {
		c.cur = map[string][]byte{}
	}
	c.cur[id] = data
}

// next starts a new commit: what the one before last read is let go.
func (c *rawCache) next() { c.prev, c.cur = c.cur, nil }

// blob reads a blob, through the blobs read ahead and the cache of the
// walk's last two commits.
func (s *Source) blob(id string) ([]byte, error) {
	if d, ok := s.prefetched[id]; ok {
		return d, nil
	}
	if d, ok := s.raw.get(id); ok {
		return d, nil
	}
	d, err := s.repo.Blob(id)
	if err == nil {
		s.raw.put(id, d)
	}
	return d, err
}

// sameText reports whether a change to a file left the item with the given
// id exactly as it was: the same text for the item and for the file's
// header (whose owner the item may inherit). It answers false whenever it
// cannot be sure, so that the versions are parsed and compared.
func (s *Source) sameText(ch gitrepo.Change, id string) (bool, error) {
	old, err := s.blob(ch.Old)
	if err != nil {
		return false, err
	}
	new, err := s.blob(ch.New)
	if err != nil {
		return false, err
	}
	ob, ok1 := itemText(old, id)
	nb, ok2 := itemText(new, id)
	return ok1 && ok2 && bytes.Equal(ob, nb) && bytes.Equal(header(old), header(new)), nil
}

// Open returns the history of the plan in planDir. loc is the zone that
// turns commit times into calendar dates and dates into moments. The error
// wraps gitrepo.ErrNotRepository when planDir is not in a git work tree.
func Open(planDir string, loc *time.Location) (*Source, error) {
	repo, err := gitrepo.Open(planDir)
	if err != nil {
		return nil, err
	}
	dir, err := repo.Rel(planDir)
	if err != nil {
		repo.Close()
		return nil, err
	}
	return &Source{repo: repo, dir: dir, loc: loc, items: map[string][]plan.Item{}}, nil
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
}

// String describes the revision for people: "v1.0 (a1b2c3d, 2026-10-01)".
func (r Revision) String() string {
	return fmt.Sprintf("%s (%s, %s)", r.Spec, r.Commit.Short(), r.Commit.CommitDate.Format(time.DateOnly))
}

// Snapshot kinds: the bodies a plan is reported to.
var SnapshotKinds = []string{"board", "dfe", "ofsted"}

// IsSnapshotKind reports whether s names a kind of snapshot.
func IsSnapshotKind(s string) bool {
	for _, k := range SnapshotKinds {
		if s == k {
			return true
		}
	}
	return false
}

// Point resolves what a user wrote for a point in history: a snapshot
// kind ("board": the last board snapshot), a date (the end of that day on
// the current branch), or any revision git understands.
func (s *Source) Point(spec string) (Revision, error) {
	if IsSnapshotKind(spec) {
		snaps, err := s.Snapshots()
		if err != nil {
			return Revision{}, err
		}
		for i := len(snaps) - 1; i >= 0; i-- {
			if snaps[i].Kind == spec {
				c, err := s.repo.Resolve(snaps[i].Commit)
				if err != nil {
					return Revision{}, err
				}
				return Revision{Spec: snaps[i].Tag, Commit: c, Date: snaps[i].Date}, nil
			}
		}
		return Revision{}, fmt.Errorf("no %s snapshot yet: record one with 'plan snapshot %s'", spec, spec)
	}
	if d, err := plan.ParseDate(spec); err == nil {
		return s.At(d)
	}
	c, err := s.repo.Resolve(spec)
	if err != nil {
		return Revision{}, err
	}
	if strings.HasPrefix(spec, "plan/") || strings.HasPrefix(spec, "refs/tags/plan/") {
		for _, snap := range s.mustSnapshots() {
			if snap.Commit == c.Hash && strings.HasSuffix(spec, snap.Tag) {
				return Revision{Spec: spec, Commit: c, Date: snap.Date}, nil
			}
		}
	}
	return Revision{Spec: spec, Commit: c, Date: s.Date(c.CommitDate)}, nil
}

// mustSnapshots lists the snapshots, or none when they cannot be listed.
func (s *Source) mustSnapshots() []Snapshot {
	snaps, _ := s.Snapshots()
	return snaps
}

// At returns the state of the current branch at the end of day d: its last
// commit on or before then.
func (s *Source) At(d plan.Date) (Revision, error) {
	y, m, day := d.Time().Date()
	end := time.Date(y, m, day+1, 0, 0, 0, 0, s.loc).Add(-time.Second)
	c, err := s.repo.Before("HEAD", end)
	if err != nil {
		return Revision{}, err
	}
	return Revision{Spec: d.String(), Commit: c, Date: d}, nil
}

// FS returns the plan directory as it stood at commit, read from git's
// objects without touching the work tree or the index. Symbolic links are
// kept as links, which Load refuses to follow, and submodules are left
// out. A plan file larger than plan's limit is kept with its size alone.
func (s *Source) FS(commit string) (fs.FS, error) {
	files, err := s.repo.Files(commit, s.dir)
	if err != nil {
		return nil, err
	}
	t := newTreeFS()
	for _, f := range files {
		switch f.Mode {
		case "100644", "100755":
		case "120000": // a symbolic link: its blob is the target
			target, _, err := s.repo.BlobUpTo(f.Blob, 4096)
			if err != nil {
				return nil, err
			}
			t.addLink(f.Path, string(target))
			continue
		default: // a submodule
			continue
		}
		if !isPlanFile(f.Path) {
			t.add(f.Path, nil)
			continue
		}
		data, size, err := s.repo.BlobUpTo(f.Blob, plan.DefaultLimits.FileBytes)
		if err != nil {
			return nil, err
		}
		if data == nil && size > 0 {
			t.addTooLarge(f.Path, size)
		} else {
			t.add(f.Path, data)
		}
	}
	return t, nil
}

// ItemsAt returns the items of the plan at commit, each file version
// parsed on its own and once (the same cache serves Log and LastChanged).
func (s *Source) ItemsAt(commit string) ([]plan.Item, error) {
	files, err := s.repo.Files(commit, s.dir)
	if err != nil {
		return nil, err
	}
	var items []plan.Item
	for _, f := range files {
		if f.Mode != "100644" && f.Mode != "100755" {
			continue
		}
		its, err := s.itemsOf(f.Path, f.Blob, "")
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
	}
	return items, nil
}

// isPlanFile reports whether a path in the plan directory can hold items:
// plan.yaml or a YAML file not hidden.
func isPlanFile(p string) bool {
	if ext := path.Ext(p); ext != ".yaml" && ext != ".yml" {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// itemsOf returns the items in one version of a file, parsed once per blob.
// A version that cannot be read yields no items. When needle is not empty,
// a version whose text does not hold it is not parsed: it cannot hold the
// item sought.
func (s *Source) itemsOf(p, blob, needle string) ([]plan.Item, error) {
	if blob == "" || !isPlanFile(p) {
		return nil, nil
	}
	if items, ok := s.items[blob]; ok {
		return items, nil
	}
	data, err := s.blob(blob)
	if err != nil {
		return nil, err
	}
	if needle != "" && !bytes.Contains(data, []byte(needle)) {
		return nil, nil
	}
	pl, _ := plan.LoadFile(p, data, p == plan.PlanFile)
	items := pl.Items()
	s.items[blob] = items
	return items, nil
}

// itemVersions finds the versions of id before and after a commit, from the
// files it changed. An item in a file the commit did not change did not
// change, so the changed files are enough.
func (s *Source) itemVersions(c gitrepo.LogCommit, needle string, match func(plan.Item) bool) (before, after map[string]*plan.Item, err error) {
	before, after = map[string]*plan.Item{}, map[string]*plan.Item{}
	for _, ch := range c.Changes {
		for _, side := range []struct {
			blob string
			into map[string]*plan.Item
		}{{ch.Old, before}, {ch.New, after}} {
			items, err := s.itemsOf(ch.Path, side.blob, needle)
			if err != nil {
				return nil, nil, err
			}
			for i := range items {
				if k := string(items[i].Kind) + " " + items[i].ID; match(items[i]) && side.into[k] == nil {
					side.into[k] = &items[i]
				}
			}
		}
	}
	return before, after, nil
}

// itemText finds the text of the list item whose first key is "id: ID",
// from its "- " line to the next line indented no deeper than that dash. It
// reports false unless there is exactly one such item.
func itemText(data []byte, id string) ([]byte, bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	start, dash := -1, 0
	for i, l := range lines {
		t := bytes.TrimLeft(l, " ")
		rest, ok := bytes.CutPrefix(t, []byte("- "))
		if !ok {
			continue
		}
		rest = bytes.TrimPrefix(rest, []byte("{"))
		v, ok := bytes.CutPrefix(rest, []byte("id: "+id))
		if !ok || (len(v) > 0 && !bytes.ContainsAny(v[:1], " ,}\r\n")) {
			continue
		}
		if start >= 0 {
			return nil, false // twice: let the parser say what it means
		}
		start, dash = i, len(l)-len(t)
	}
	if start < 0 {
		return nil, false
	}
	end := start + 1
	for end < len(lines) {
		t := bytes.TrimLeft(lines[end], " ")
		if len(bytes.TrimSpace(t)) > 0 && len(lines[end])-len(t) <= dash {
			break
		}
		end++
	}
	return bytes.Join(lines[start:end], nil), true
}

// header returns a priority file's text before its first list.
func header(data []byte) []byte {
	if i := bytes.Index(data, []byte("\n  - ")); i >= 0 {
		return data[:i]
	}
	return data
}

// LogEntry is one commit's change to an item.
type LogEntry struct {
	Commit gitrepo.Commit
	Date   plan.Date // the author date, in the source's zone
	Change plan.Change
}

// Log returns the history of the item with the given id on the current
// branch, newest first: every commit that changed it, with what changed.
// Entries before since (a zero since means all) are left out. It returns
// an error wrapping gitrepo.ErrShallow when the item's history reaches
// back beyond a shallow clone.
func (s *Source) Log(id string, since plan.Date) ([]LogEntry, error) {
	// Walk the history first, then read every file version it names in one
	// pipelined batch: one round trip to git rather than one per version.
	// Versions that do not mention the id are not kept.
	var commits []gitrepo.LogCommit
	if err := s.repo.Log("HEAD", s.dir, func(c gitrepo.LogCommit) error {
		commits = append(commits, c)
		return nil
	}); err != nil {
		return nil, err
	}
	var blobs []string
	seen := map[string]bool{}
	for _, c := range commits {
		for _, ch := range c.Changes {
			for _, b := range []string{ch.Old, ch.New} {
				if b != "" && !seen[b] && isPlanFile(ch.Path) {
					seen[b] = true
					blobs = append(blobs, b)
				}
			}
		}
	}
	s.prefetched = make(map[string][]byte, len(blobs))
	defer func() { s.prefetched = nil }()
	needle := []byte(id)
	if err := s.repo.Blobs(blobs, func(b string, data []byte) error {
		if !bytes.Contains(data, needle) {
			data = nil
		}
		s.prefetched[b] = data
		return nil
	}); err != nil {
		return nil, err
	}

	var entries []LogEntry
	for _, c := range commits {
		e, err := s.logCommit(c, id, since)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e...)
	}
	return entries, nil
}

// logCommit returns what one commit changed about the item.
func (s *Source) logCommit(c gitrepo.LogCommit, id string, since plan.Date) ([]LogEntry, error) {
	// Most commits change the file that holds the item without changing
	// the item: skip those without parsing them.
	var changes []gitrepo.Change
	for _, ch := range c.Changes {
		if ch.Old != "" && ch.New != "" && isPlanFile(ch.Path) {
			same, err := s.sameText(ch, id)
			if err != nil {
				return nil, err
			}
			if same {
				continue
			}
		}
		changes = append(changes, ch)
	}
	c.Changes = changes
	before, after, err := s.itemVersions(c, id, func(it plan.Item) bool { return it.ID == id })
	if err != nil {
		return nil, err
	}
	var entries []LogEntry
	for _, k := range kindsOf(before, after) {
		change, ok := plan.DiffItem(before[k], after[k])
		if !ok {
			continue
		}
		if s.repo.Boundary(c.Hash) {
			return nil, fmt.Errorf("cannot show the whole history of %s: %w", id, gitrepo.ErrShallow)
		}
		date := s.Date(c.AuthorDate)
		if !since.IsZero() && date.Before(since) {
			continue
		}
		entries = append(entries, LogEntry{Commit: c.Commit, Date: date, Change: change})
	}
	return entries, nil
}

// kindsOf returns the keys of two item maps, in a stable order.
func kindsOf(a, b map[string]*plan.Item) []string {
	var keys []string
	for _, m := range []map[string]*plan.Item{a, b} {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// LastChanged returns, for each of the actions named, the author date of
// the last commit at or before rev that changed it. Actions that no commit
// holds are left out. It returns an error wrapping gitrepo.ErrShallow when
// the answer lies beyond a shallow clone's history.
func (s *Source) LastChanged(rev string, ids []string) (map[string]plan.Date, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	found := map[string]plan.Date{}
	err := s.repo.Log(rev, s.dir, func(c gitrepo.LogCommit) error {
		s.raw.next()
		before, after, err := s.itemVersions(c, "", func(it plan.Item) bool {
			return it.Kind == plan.KindAction && want[it.ID]
		})
		if err != nil {
			return err
		}
		for _, k := range kindsOf(before, after) {
			if _, ok := plan.DiffItem(before[k], after[k]); !ok {
				continue
			}
			id := strings.TrimPrefix(k, string(plan.KindAction)+" ")
			if s.repo.Boundary(c.Hash) {
				return fmt.Errorf("cannot tell when %s last changed: %w", id, gitrepo.ErrShallow)
			}
			found[id] = s.Date(c.AuthorDate)
			delete(want, id)
		}
		if len(want) == 0 {
			return gitrepo.ErrStop
		}
		return nil
	})
	return found, err
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
func (s *Source) Snapshots() ([]Snapshot, error) {
	tags, err := s.repo.Tags("plan/")
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
func (s *Source) CreateSnapshot(kind string, d plan.Date, commit, message string) (Snapshot, error) {
	if !IsSnapshotKind(kind) {
		return Snapshot{}, fmt.Errorf("unknown snapshot kind %q (kinds: %s)", kind, strings.Join(SnapshotKinds, ", "))
	}
	tag := SnapshotTag(kind, d)
	if _, err := s.repo.Resolve("refs/tags/" + tag); err == nil {
		return Snapshot{}, fmt.Errorf("%s: %w", tag, ErrSnapshotExists)
	}
	if err := s.repo.CreateTag(tag, commit, message); err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Kind: kind, Date: d, Tag: tag, Commit: commit, Message: message}, nil
}

// Resolve returns the commit a revision names.
func (s *Source) Resolve(rev string) (gitrepo.Commit, error) { return s.repo.Resolve(rev) }
