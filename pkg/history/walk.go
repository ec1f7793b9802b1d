package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

// Walking history costs what the commits changed, not what the files
// hold: each commit's changed files are compared item by item as text
// (see index.go), only the items whose text changed are parsed, and one
// version of each file is held from one commit to the next.

// version is one version of a plan file, read once for as long as the
// walk needs it.
type version struct {
	key      string // see versionKey
	planFile bool   // read as plan.yaml
	text     string // "" when tooLarge; a string, so that ids are parts of it
	tooLarge bool   // larger than plan's limit: not read, and holds no items

	ix        *index // nil when the text cannot be split into items
	indexed   bool
	items     []plan.Item // the whole file parsed
	parsed    bool
	needle    *string // the text last looked for, and whether it is there
	hasNeedle bool
}

// holds reports whether the version's text holds s: when it does not, no
// item with the id s can be in it.
func (v *version) holds(s string) bool {
	if v.needle == nil || *v.needle != s {
		v.needle, v.hasNeedle = &s, strings.Contains(v.text, s)
	}
	return v.hasNeedle
}

// index returns the version v split into items, or nil. like is the index
// of another version of the file, or nil (see newIndex).
func (s *Source) index(v *version, like *index) *index {
	if !v.indexed && !s.noIndex {
		v.indexed = true
		split := s.split
		if split == nil {
			split = newIndex
		}
		if !v.tooLarge {
			if ix, ok := split(v.text, like); ok {
				v.ix = ix
			}
		}
	}
	return v.ix
}

// versionCache holds the file versions the commit being walked uses and,
// for each file, its version before the last commit walked that changed
// it: the version the next commit to change it starts from. So a walk
// holds one version of each file it met, at most what the plan holds, and
// the versions of the commit at hand.
type versionCache struct {
	cur  map[string]*version // key -> the versions the commit at hand uses
	kept map[string]*version // path -> its version before the last change walked
	most int                 // the most versions held at once, for tests
}

// get returns the version key of the file p, if it is at hand.
func (c *versionCache) get(p, key string) *version {
	if v, ok := c.cur[key]; ok {
		return v
	}
	if v, ok := c.kept[p]; ok && v.key == key {
		c.put(v)
		return v
	}
	return nil
}

func (c *versionCache) put(v *version) {
	if c.cur == nil {
		c.cur = map[string]*version{}
	}
	c.cur[v.key] = v
	c.count()
}

// keep keeps v, the version of the file p before the commit at hand, for
// the next commit that changes p; a nil v forgets p.
func (c *versionCache) keep(p string, v *version) {
	if v == nil {
		delete(c.kept, p)
		return
	}
	if c.kept == nil {
		c.kept = map[string]*version{}
	}
	c.kept[p] = v
	c.count()
}

// count notes how many versions are held: the versions of the commit at
// hand and those kept, one of which may be both.
func (c *versionCache) count() { c.most = max(c.most, len(c.cur)+len(c.kept)) }

// next ends the commit at hand: only the versions kept stay.
func (c *versionCache) next() { c.cur = nil }

// walkStats counts the work a walk did, for tests.
type walkStats struct {
	whole, parts int // files parsed whole, and parsed as a few items
	reads        int // blobs read from git one at a time, not read ahead
}

// versionKey names the version of the file p in blob.
func versionKey(p, blob string) string {
	if p == plan.PlanFile {
		return blob + " plan" // the same text means something else as plan.yaml
	}
	return blob
}

// version returns the version of the file p in blob, at commit, or nil
// when there is none (blob is "") or it is not a plan file.
func (s *Source) version(ctx context.Context, p, blob, commit string) (*version, error) {
	if blob == "" || !isPlanFile(p) {
		return nil, nil
	}
	planFile := p == plan.PlanFile
	key := versionKey(p, blob)
	if v := s.versions.get(p, key); v != nil {
		return v, nil
	}
	limit := plan.DefaultLimits.FileBytes
	data, size, err := s.readBlob(ctx, blob, limit)
	if err != nil {
		return nil, missingAt(err, p, commit)
	}
	v := &version{key: key, planFile: planFile, text: string(data), tooLarge: size > limit}
	s.versions.put(v)
	return v, nil
}

// readBlob reads a blob of at most max bytes, from those the walk read
// ahead or from git.
func (s *Source) readBlob(ctx context.Context, id string, max int64) ([]byte, int64, error) {
	if b, ok := s.streamed[id]; ok {
		delete(s.streamed, id) // the version made of it is kept instead
		return b.data, b.size, nil
	}
	s.stats.reads++
	return s.repo.BlobUpTo(ctx, id, max)
}

// streamedBlob is a blob the walk read ahead.
type streamedBlob struct {
	data []byte
	size int64
}

// whole returns the items of a version, parsing the file once. A file
// beyond plan's limit holds none, as LoadFile says.
//
// Where the version was split into items, the split is checked against
// what the parser read: should they disagree, misread is set, and the walk
// begins again without splitting (see Source.walk).
func (s *Source) whole(v *version) []plan.Item {
	if !v.parsed {
		v.parsed = true
		s.stats.whole++
		name := "file.yaml"
		if v.planFile {
			name = plan.PlanFile
		}
		if v.tooLarge {
			return nil
		}
		pl, diags := plan.LoadFile(name, []byte(v.text), v.planFile)
		v.items = pl.Items()
		if v.ix != nil && read(diags) && !agrees(v.ix, v.items, v.planFile) {
			s.misread = true
		}
	}
	return v.items
}

// read reports whether the parser read a file, going by its findings: a
// YAML error, or a limit, stops it.
func read(diags []plan.Diagnostic) bool {
	for _, d := range diags {
		if d.Rule == plan.RuleSyntax || d.Rule == plan.RuleLimit {
			return false
		}
	}
	return true
}

// agrees reports whether the items of a file the parser read are those
// its index found: each item is a span with its id, and each span in a
// list that holds items (actions and kpis, or themes, owners and
// findings) is an item. A span in another list may be no item.
func agrees(ix *index, items []plan.Item, planFile bool) bool {
	lists := map[string]bool{"actions": true, "kpis": true}
	if planFile {
		lists = map[string]bool{"themes": true, "owners": true, "findings": true}
	}
	matched := map[int]bool{}
	for _, it := range items {
		if it.Kind == plan.KindPriority {
			continue // read from the skeleton
		}
		i, ok := ix.byID[it.ID]
		if !ok {
			return false
		}
		matched[i] = true
	}
	for i, sp := range ix.spans {
		if lists[sp.list] && !matched[i] {
			return false
		}
	}
	return true
}

// part returns the items with the given ids of an indexed version, parsed
// from the skeleton and their own text alone. It reports false when that
// text does not read as exactly those items (it is broken on its own, or
// it hides others), and the file must be read whole.
func (s *Source) part(v *version, ids map[string]bool) ([]plan.Item, bool) {
	s.stats.parts++
	name := "file.yaml"
	if v.planFile {
		name = plan.PlanFile
	}
	keep := make([]int, 0, len(ids))
	for id := range ids {
		keep = append(keep, v.ix.byID[id])
	}
	slices.Sort(keep)
	pl, _ := plan.LoadFile(name, v.ix.without(v.text, keep), v.planFile)
	items := pl.Items()
	seen := 0
	for _, it := range items {
		if it.Kind == plan.KindPriority {
			continue // the file's own priority, from the skeleton
		}
		if !ids[it.ID] {
			return nil, false
		}
		seen++
	}
	if seen != len(ids) {
		return nil, false
	}
	return items, true
}

// selector says which items a walk is after.
type selector struct {
	ids   map[string]bool      // the ids sought, or:
	only  string               // the one id sought, when ids is nil
	match func(plan.Item) bool // which items with those ids
	// actions: the items sought are actions, and only whether they
	// changed matters, not how: an action added or removed need not be
	// read, and changed gives it without its facts.
	actions bool
}

func (sel selector) wants(id string) bool {
	if sel.ids != nil {
		return sel.ids[id]
	}
	return id == sel.only
}

// view is a file a commit changed, as changed reads it.
type view struct{ old, new side }

// side is one version of a file a commit changed, as changed reads it.
type side struct {
	v     *version
	ix    *index // nil when the text cannot be split into items
	whole bool   // the items sought are read from the whole file
	items []plan.Item
}

// changed returns the versions before and after commit c of the items sel
// selects that the commit may have changed, keyed by kind and id: for each
// key, the first such item in the order of the files changed. Items the
// commit left as they were (the same text in the same place of an
// unchanged skeleton) are left out of both.
func (s *Source) changed(ctx context.Context, c gitrepo.LogCommit, sel selector) (before, after map[string]*plan.Item, err error) {
	var views []view
	for _, ch := range c.Changes {
		var vw view
		for _, x := range []struct {
			blob string
			into *side
		}{{fileBlob(ch.New, ch.NewMode), &vw.new}, {fileBlob(ch.Old, ch.OldMode), &vw.old}} { // the new first: it may be the version kept
			v, err := s.version(ctx, ch.Path, x.blob, c.Hash)
			if err != nil {
				return nil, nil, err
			}
			if x.into == &vw.old && isPlanFile(ch.Path) {
				s.versions.keep(ch.Path, v)
			}
			if v == nil || (sel.only != "" && !v.holds(sel.only)) {
				continue // holds no items, or none with the id sought
			}
			x.into.v, x.into.ix = v, s.index(v, vw.new.ix)
			// The one id sought written outside the spans may be a
			// priority's, which only the whole file says.
			x.into.whole = x.into.ix == nil || sel.only != "" && strings.Contains(x.into.ix.skeleton, sel.only)
		}
		if vw.old.v == nil && vw.new.v == nil {
			continue
		}
		// A change that leaves the one item sought with the same text, in a
		// file with the same header, takes no part, as if the commit had not
		// touched the file: Log has always skipped those without parsing.
		if sel.only != "" && vw.old.v != nil && vw.new.v != nil && sameText(vw.old.ix, vw.new.ix, vw.old.v.text, vw.new.v.text, sel.only) {
			continue
		}
		views = append(views, vw)
	}
	if len(views) == 0 {
		return nil, nil, nil
	}

	// The ids sought that a change may have changed: those whose text
	// differs between the versions, and all those in versions that cannot
	// be compared as text. Their items are then read from every version
	// that holds them, so that the first found counts, as when every
	// version is parsed whole; an id held twice but changed nowhere is the
	// same either way. Where the skeleton and the items' places are as
	// they were, what the skeleton says (a priority) is too.
	need := map[string]bool{}
	for i := range views {
		o, n := &views[i].old, &views[i].new
		if o.ix != nil && n.ix != nil && o.ix.skeleton == n.ix.skeleton && (!o.whole && !n.whole || sameLayout(o.ix, n.ix)) {
			noteChanged(o.ix, n.ix, o.v.text, n.v.text, sel, need)
			continue
		}
		for _, sd := range []*side{o, n} {
			switch {
			case sd.v == nil:
			case sd.whole:
				sd.items = s.whole(sd.v)
				for _, it := range sd.items {
					if sel.wants(it.ID) {
						need[it.ID] = true
					}
				}
			default:
				for _, sp := range sd.ix.spans {
					if sel.wants(sp.id) {
						need[sp.id] = true
					}
				}
			}
		}
	}
	if len(need) == 0 {
		return nil, nil, nil
	}

	before, after = map[string]*plan.Item{}, map[string]*plan.Item{}
	if sel.actions {
		addedOrRemoved(views, need, before, after)
	}

	// Parse what is needed: the items that may have changed, alone, or the
	// whole file when they are most of it or cannot be read alone.
	for i := range views {
		for _, sd := range []*side{&views[i].old, &views[i].new} {
			switch {
			case sd.v == nil || sd.items != nil:
			case sd.whole:
				sd.items = s.whole(sd.v)
			default:
				ids := sd.ix.among(need)
				if len(ids) == 0 {
					continue
				}
				if 2*len(ids) <= len(sd.ix.spans) {
					if items, ok := s.part(sd.v, ids); ok {
						sd.items = items
						continue
					}
				}
				sd.items = s.whole(sd.v)
			}
		}
	}

	for _, vw := range views {
		for _, x := range []struct {
			sd   side
			into map[string]*plan.Item
		}{{vw.old, before}, {vw.new, after}} {
			for i := range x.sd.items {
				it := &x.sd.items[i]
				if k := string(it.Kind) + " " + it.ID; need[it.ID] && sel.match(*it) && x.into[k] == nil {
					x.into[k] = it
				}
			}
		}
	}
	return before, after, nil
}

// addedOrRemoved finds the actions among need that the commit added or
// removed: held, as actions, by the versions on one side of the commit
// only. They go into before or after without their facts, and out of need.
// An item whose list cannot be told from the text is left to be read.
func addedOrRemoved(views []view, need map[string]bool, before, after map[string]*plan.Item) {
	type held struct{ old, new, unsure bool }
	hs := map[string]*held{}
	hold := func(id string) *held {
		h := hs[id]
		if h == nil {
			h = &held{}
			hs[id] = h
		}
		return h
	}
	for _, vw := range views {
		for _, x := range []struct {
			sd  side
			old bool
		}{{vw.old, true}, {vw.new, false}} {
			mark := func(h *held) {
				if x.old {
					h.old = true
				} else {
					h.new = true
				}
			}
			switch {
			case x.sd.v == nil:
			case x.sd.whole: // read whole already
				for _, it := range x.sd.items {
					if need[it.ID] && it.Kind == plan.KindAction {
						mark(hold(it.ID))
					}
				}
			case x.sd.v.planFile: // plan.yaml holds no actions
			default:
				for id := range x.sd.ix.among(need) {
					switch h := hold(id); x.sd.ix.spans[x.sd.ix.byID[id]].list {
					case "actions":
						mark(h)
					case "kpis":
					default:
						h.unsure = true
					}
				}
			}
		}
	}
	for id, h := range hs {
		if !h.unsure && !h.old && !h.new {
			delete(need, id) // a KPI: no action to read
		}
		if h.unsure || h.old == h.new {
			continue
		}
		it := &plan.Item{Kind: plan.KindAction, ID: id}
		if h.old {
			before[string(it.Kind)+" "+id] = it
		} else {
			after[string(it.Kind)+" "+id] = it
		}
		delete(need, id)
	}
}

// noteChanged adds to need the ids sel wants whose items differ between
// two indexed versions of a file with the same skeleton.
func noteChanged(o, n *index, otext, ntext string, sel selector, need map[string]bool) {
	if sameLayout(o, n) { // the same items in the same places: compare them in turn
		for k, sp := range o.spans {
			if !sameSpan(o, n, otext, ntext, k, k) && sel.wants(sp.id) {
				need[sp.id] = true
			}
		}
		return
	}
	for k, sp := range o.spans {
		if j, ok := n.byID[sp.id]; sel.wants(sp.id) && !(ok && sameSpan(o, n, otext, ntext, k, j)) {
			need[sp.id] = true
		}
	}
	for _, sp := range n.spans {
		if _, both := o.byID[sp.id]; !both && sel.wants(sp.id) {
			need[sp.id] = true
		}
	}
}

// sameText reports whether two indexed versions of a file hold the item
// with the given id exactly as it was: the same text for the item and for
// the file's header (whose owner the item may inherit). It answers false
// whenever it cannot be sure (a version cannot be split into items), so
// that the versions are parsed and compared.
func sameText(o, n *index, otext, ntext, id string) bool {
	if o == nil || n == nil {
		return false
	}
	ot, ok1 := o.text(otext, id)
	nt, ok2 := n.text(ntext, id)
	return ok1 && ok2 && ot == nt && o.header(otext) == n.header(ntext)
}

// fileBlob returns blob when mode is a file's, and "" for a symbolic link
// or a submodule, which hold no items: the blob of a link is its target,
// and a submodule's is a commit of another repository.
func fileBlob(blob, mode string) string {
	if mode != "100644" && mode != "100755" {
		return ""
	}
	return blob
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
// back beyond a shallow clone, and gitrepo.ErrMissingObject when the
// repository lacks a version of a file it needs.
//
// A commit that leaves the item's text and its file's header as they were
// did not change it, even when it broke another item so that the file
// could not be read whole.
func (s *Source) Log(ctx context.Context, id string, since plan.Date) ([]LogEntry, error) {
	logs, err := s.Logs(ctx, []string{id}, since)
	return logs[id], err
}

// Logs is Log for several items in one walk (one read of each version of
// a file, rather than one for each item): the history of each, by id.
// Items no commit changed are left out.
func (s *Source) Logs(ctx context.Context, ids []string, since plan.Date) (map[string][]LogEntry, error) {
	var logs map[string][]LogEntry
	err := s.walk(ctx, "HEAD", func() { logs = map[string][]LogEntry{} }, func(c gitrepo.LogCommit) error {
		for _, id := range ids {
			e, err := s.logCommit(ctx, c, id, since)
			if err != nil {
				return err
			}
			if len(e) > 0 {
				logs[id] = append(logs[id], e...)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return logs, nil
}

// errMisread ends a walk in which the parser read a version of a file
// otherwise than its index said.
var errMisread = errors.New("a file was split into items otherwise than the parser reads it")

// walk calls start, then fn with each commit reachable from rev that
// changed the plan directory, newest first (as gitrepo.Log), until fn
// returns an error; gitrepo.ErrStop ends the walk without one. Should a
// version of a file turn out to be split into items otherwise than the
// parser reads it, which the index is made never to do, the walk is begun
// again (start is called again) with every version parsed whole. The walk
// stops, returning ctx's error, when ctx is done.
func (s *Source) walk(ctx context.Context, rev string, start func(), fn func(gitrepo.LogCommit) error) error {
	start()
	err := s.walkOnce(ctx, rev, fn)
	if errors.Is(err, errMisread) {
		s.misread, s.noIndex = false, true
		s.versions = versionCache{}
		start()
		err = s.walkOnce(ctx, rev, fn)
	}
	return err
}

// walkOnce is walk, once. The log is read in chunks of chunkCommits commits
// while git writes the rest: the file versions a chunk needs are read in
// one pipelined stream, in the walk's order, and each commit is walked as
// its versions arrive (git reads the next while plan reads this one, one
// round trip rather than one per version). A walk that stops early reads
// no more of the log, and no more commits are held than a chunk's. A
// version the cache keeps is not asked for again.
func (s *Source) walkOnce(ctx context.Context, rev string, fn func(gitrepo.LogCommit) error) error {
	kept := map[string]string{}  // path -> blob, as versionCache.kept
	at := map[string][2]string{} // blob -> a file and commit it is, for errors
	var chunk []gitrepo.LogCommit
	flush := func() error {
		defer func() { chunk = chunk[:0] }()
		return s.walkChunk(ctx, chunk, kept, at, fn)
	}
	err := s.repo.Log(ctx, rev, s.dir, func(c gitrepo.LogCommit) error {
		chunk = append(chunk, c)
		if len(chunk) < chunkCommits {
			return nil
		}
		return flush()
	})
	if err == nil && len(chunk) > 0 {
		err = flush()
	}
	var me *gitrepo.MissingError
	switch {
	case errors.Is(err, gitrepo.ErrStop):
		return nil
	case errors.As(err, &me) && me.Path == "":
		return missingAt(err, at[me.ID][0], at[me.ID][1])
	}
	return err
}

// chunkCommits is the number of commits walkOnce holds at once.
var chunkCommits = 256 // a variable so that tests can walk in small chunks

// walkChunk walks the commits of one chunk of the log (see walkOnce):
// kept and at carry over from one chunk to the next.
func (s *Source) walkChunk(ctx context.Context, commits []gitrepo.LogCommit, kept map[string]string, at map[string][2]string, fn func(gitrepo.LogCommit) error) error {
	var reqs []string
	ends := make([]int, len(commits)) // reqs[:ends[i]] are what commits[:i+1] ask for
	for i, c := range commits {
		this := map[string]bool{}
		for _, ch := range c.Changes {
			if !isPlanFile(ch.Path) {
				continue
			}
			old, new := fileBlob(ch.Old, ch.OldMode), fileBlob(ch.New, ch.NewMode)
			for _, b := range []string{new, old} {
				if b != "" && !this[b] {
					this[b] = true
					if !(b == new && kept[ch.Path] == b) {
						reqs = append(reqs, b)
						if _, ok := at[b]; !ok {
							at[b] = [2]string{ch.Path, c.Hash}
						}
					}
				}
			}
			if old != "" {
				kept[ch.Path] = old
			} else {
				delete(kept, ch.Path)
			}
		}
		ends[i] = len(reqs)
	}
	next := 0
	walkTo := func(have int) error {
		for ; next < len(commits) && ends[next] <= have; next++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := fn(commits[next])
			s.versions.next()
			clear(s.streamed)
			if s.misread {
				return errMisread
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	s.streamed = map[string]streamedBlob{}
	defer func() { s.streamed = nil }()
	have := 0
	if len(reqs) > 0 {
		err := s.repo.BlobsUpTo(ctx, reqs, plan.DefaultLimits.FileBytes, func(b string, data []byte, size int64) error {
			// Walk the commits that need nothing new first: what is read
			// ahead is let go after each commit.
			if err := walkTo(have); err != nil {
				return err
			}
			s.streamed[b] = streamedBlob{data, size}
			have++
			return walkTo(have)
		})
		if err != nil {
			return err
		}
	}
	return walkTo(have)
}

// logCommit returns what one commit changed about the item.
func (s *Source) logCommit(ctx context.Context, c gitrepo.LogCommit, id string, since plan.Date) ([]LogEntry, error) {
	before, after, err := s.changed(ctx, c, selector{only: id, match: func(it plan.Item) bool { return it.ID == id }})
	if err != nil {
		return nil, err
	}
	var entries []LogEntry
	for _, k := range kindsOf(before, after) {
		e, err := s.logEntries(c, before[k], after[k], since)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e...)
	}
	return entries, nil
}

// logEntries returns what commit c changed about an item, given its
// versions before and after: none when it did not change it, or when the
// commit is before since.
func (s *Source) logEntries(c gitrepo.LogCommit, before, after *plan.Item, since plan.Date) ([]LogEntry, error) {
	change, ok := plan.DiffItem(before, after)
	if !ok {
		return nil, nil
	}
	if s.repo.Boundary(c.Hash) {
		return nil, fmt.Errorf("cannot show the whole history of %s: %w", change.ID, gitrepo.ErrShallow)
	}
	date := s.Date(c.AuthorDate)
	if !since.IsZero() && date.Before(since) {
		return nil, nil
	}
	return []LogEntry{{Commit: c.Commit, Date: date, Change: change}}, nil
}

// kindsOf returns the keys of two item maps, in a stable order.
func kindsOf(a, b map[string]*plan.Item) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, both := a[k]; !both {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// LastChanged returns, for each of the actions named, the author date of
// the last commit at or before rev that changed it. Actions that no commit
// holds are left out. It returns an error wrapping gitrepo.ErrShallow when
// the answer lies beyond a shallow clone's history, and
// gitrepo.ErrMissingObject when the repository lacks a version of a file
// it needs.
//
// A commit that leaves an action's text, and the lines of its file outside
// its items, as they were did not change it, even when it broke another
// item so that the file could not be read whole.
func (s *Source) LastChanged(ctx context.Context, rev string, ids []string) (map[string]plan.Date, error) {
	var want map[string]bool
	var found map[string]plan.Date
	sel := selector{match: func(it plan.Item) bool { return it.Kind == plan.KindAction && want[it.ID] }, actions: true}
	start := func() {
		want, found = map[string]bool{}, map[string]plan.Date{}
		for _, id := range ids {
			want[id] = true
		}
		sel.ids = want
	}
	err := s.walk(ctx, rev, start, func(c gitrepo.LogCommit) error {
		before, after, err := s.changed(ctx, c, sel)
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

// EditedActions returns the ids of the actions of p, the plan as read
// from fsys (its work tree), that are not as they were at commit: added,
// moved or changed since. A file whose text is as it was at commit holds
// its actions as they were; only the files whose text differs are parsed
// as they were at commit, and one file is held at a time.
func (s *Source) EditedActions(ctx context.Context, commit string, fsys fs.FS, p *plan.Plan) (map[string]bool, error) {
	files, err := s.repo.Files(ctx, commit, s.dir)
	if err != nil {
		return nil, err
	}
	// Whether each plan file's text is as at commit.
	same := map[string]bool{}
	var before []plan.Item // the actions of the files that differ, as they were
	for _, f := range files {
		if !isPlanFile(f.Path) || (f.Mode != "100644" && f.Mode != "100755") {
			continue
		}
		if data, err := fs.ReadFile(fsys, f.Path); err == nil {
			if id, ok := gitrepo.BlobID(data, f.Blob); ok && id == f.Blob {
				same[f.Path] = true // the blob itself: not read
				continue
			}
			s.stats.reads++
			old, _, err := s.repo.BlobUpTo(ctx, f.Blob, int64(len(data)))
			if err != nil {
				return nil, missingAt(err, f.Path, commit)
			}
			if same[f.Path] = old != nil && bytes.Equal(old, data); same[f.Path] {
				continue
			}
		}
		v, err := s.version(ctx, f.Path, f.Blob, commit)
		if err != nil {
			return nil, err
		}
		for _, it := range s.whole(v) {
			if it.Kind == plan.KindAction {
				before = append(before, it)
			}
		}
	}
	// The actions of the files that differ, as they are now: only those
	// may have been edited.
	differ := map[string]bool{}
	for _, pr := range p.Priorities {
		if !same[pr.Pos.File] {
			differ[pr.Pos.File] = true
		}
	}
	if len(differ) == 0 {
		return map[string]bool{}, nil
	}
	var changed []plan.Item
	for _, it := range p.ItemsOfFiles(differ) {
		if it.Kind == plan.KindAction {
			changed = append(changed, it)
		}
	}
	if len(changed) == 0 {
		return map[string]bool{}, nil
	}
	was := map[string]plan.Item{}
	for _, it := range before {
		was[it.ID] = it
	}
	fresh := map[string]bool{}
	for _, it := range changed {
		if old, ok := was[it.ID]; !ok {
			fresh[it.ID] = true
		} else if _, diff := plan.DiffItem(&old, &it); diff {
			fresh[it.ID] = true
		}
	}
	return fresh, nil
}
