// Package gitrepo reads a git repository through the git command: it
// resolves revisions, lists trees, reads blobs through one long-lived
// "git cat-file --batch" and walks history. It is the only place plan
// talks to git.
//
// Revisions are data, never options: they are refused when they start
// with '-' or hold control characters, passed after --end-of-options, and
// resolved to full object ids before anything else uses them.
//
// Every method that runs git takes a context: when it is done, the git
// processes working for the call are killed, and the call returns an
// error wrapping the context's error (context.Canceled when cancelled).
// A walk checks the context between commits.
package gitrepo

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Errors callers branch on.
var (
	// ErrNotRepository: the directory is not inside a git work tree.
	ErrNotRepository = errors.New("not in a git repository")
	// ErrNoGit: the git command could not be run.
	ErrNoGit = errors.New("git is not installed or not on PATH")
	// ErrShallow: the history asked for is beyond what a shallow clone has.
	ErrShallow = errors.New("this clone's history is shallow")
	// ErrUnknownRevision: git does not know the revision.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrNoCommitBefore: the history starts after the time asked for.
	ErrNoCommitBefore = errors.New("no commit on or before")
	// ErrNoCommits: the repository has no commits yet.
	ErrNoCommits = errors.New("the repository has no commits yet")
	// ErrOldGit: the git installed is older than 2.24.
	ErrOldGit = errors.New("git is too old")
	// ErrMissingObject: an object the repository refers to is not in it.
	// Errors wrapping it are *MissingError.
	ErrMissingObject = errors.New("missing from the repository")
)

// MissingError is an object the repository refers to but does not hold:
// the clone is damaged or incomplete.
type MissingError struct {
	ID     string // the object's id
	Path   string // the file or directory it is, when known
	Commit string // a commit that holds it, when known
}

func (e *MissingError) Error() string {
	s := "git object " + ShortID(e.ID)
	if e.Path != "" {
		s += " (" + e.Path
		if e.Commit != "" {
			s += " at commit " + ShortID(e.Commit)
		}
		s += ")"
	}
	return s + " is missing from the repository: the clone is damaged or incomplete (git fsck tells more)"
}

func (e *MissingError) Unwrap() error { return ErrMissingObject }

// ShortID abbreviates an object id to 7 hex digits, as git does.
func ShortID(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}

// minGitMajor.minGitMinor is the oldest git plan works with: 2.24
// brought --end-of-options, which keeps revisions from being read as
// options.
const minGitMajor, minGitMinor = 2, 24

// Repo is a git repository with a work tree.
type Repo struct {
	git     runner // runs every git command
	top     string // the work tree's top directory
	shallow map[string]bool

	mu    sync.Mutex
	batch *catFile
}

// Commit is one commit's metadata.
type Commit struct {
	Hash       string
	Parents    []string
	Author     string
	AuthorDate time.Time
	CommitDate time.Time
	Subject    string
	tree       string // the root tree's id, when read from the commit object
}

// Short returns the commit's abbreviated hash.
func (c Commit) Short() string { return ShortID(c.Hash) }

// Open returns the repository whose work tree holds dir. It returns an
// error wrapping ErrNotRepository when there is none and ErrNoGit when git
// cannot be run.
func Open(ctx context.Context, dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	// Pathspecs are literal: a plan directory named ":(top)" is a name.
	r := &Repo{git: execRunner{git: git, env: append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_LITERAL_PATHSPECS=1", "LC_ALL=C")}}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// git's version is asked while rev-parse runs, rather than first:
	// one process's start-up off every command's path. An old git's
	// answer to rev-parse is not trusted: its version is reported first.
	version := make(chan error, 1)
	go func() { version <- checkVersion(ctx, r, git) }()
	// --show-cdup rather than --show-toplevel: the top's path may hold a
	// line break, which would split the answer; "../../" cannot.
	out, err := r.run(ctx, abs, "rev-parse", "--is-inside-work-tree", "--show-cdup", "--is-shallow-repository", "--git-path", "shallow")
	if verr := <-version; verr != nil {
		return nil, verr
	}
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && strings.Contains(ge.Stderr, "not a git repository") {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, err
	}
	lines := strings.SplitN(strings.TrimSuffix(string(out), "\n"), "\n", 4)
	if len(lines) < 4 || lines[0] != "true" {
		return nil, fmt.Errorf("%s: %w (is it a bare repository?)", dir, ErrNotRepository)
	}
	real := abs
	if p, err := filepath.EvalSymlinks(abs); err == nil {
		real = p // git answers for the directory it is in, links resolved
	}
	r.top = filepath.Join(real, lines[1])
	if lines[2] == "true" {
		shallowFile := lines[3]
		if !filepath.IsAbs(shallowFile) {
			shallowFile = filepath.Join(abs, shallowFile)
		}
		data, err := os.ReadFile(shallowFile)
		if err != nil {
			return nil, fmt.Errorf("read the shallow boundary: %w", err)
		}
		r.shallow = map[string]bool{}
		for _, h := range strings.Fields(string(data)) {
			r.shallow[h] = true
		}
	}
	return r, nil
}

var versions sync.Map // git program -> error of checkVersion

// checkVersion refuses a git older than minGitMajor.minGitMinor, asking each git
// program once per process.
func checkVersion(ctx context.Context, r *Repo, git string) error {
	if err, ok := versions.Load(git); ok {
		return err.(errOrNil).err
	}
	var err error
	out, runErr := r.run(ctx, ".", "version")
	if runErr != nil && ctx.Err() != nil {
		return runErr // stopped, not git's answer: ask again next time
	}
	if runErr != nil {
		err = fmt.Errorf("%w: git version: %w", ErrNoGit, runErr)
	} else if v, ok := parseVersion(string(out)); !ok {
		err = fmt.Errorf("cannot tell the version of git from %q", strings.TrimSpace(string(out)))
	} else if v[0] < minGitMajor || v[0] == minGitMajor && v[1] < minGitMinor {
		err = fmt.Errorf("%w: %s is installed, and plan needs git %d.%d or later", ErrOldGit, strings.TrimSpace(string(out)), minGitMajor, minGitMinor)
	}
	versions.Store(git, errOrNil{err})
	return err
}

type errOrNil struct{ err error }

// parseVersion reads "git version 2.39.5", "git version 2.37.1 (Apple
// Git-137.1)" or "git version 2.41.0.windows.1" as major and minor.
func parseVersion(s string) ([2]int, bool) {
	f := strings.Fields(s)
	if len(f) < 3 || f[0] != "git" || f[1] != "version" {
		return [2]int{}, false
	}
	parts := strings.SplitN(f[2], ".", 3)
	if len(parts) < 2 {
		return [2]int{}, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return [2]int{}, false
	}
	return [2]int{major, minor}, true
}

// InWorkTree reports, without running git, whether dir may be inside a git
// work tree: whether it or a parent holds a .git, or the environment
// (getenv) points git elsewhere with GIT_DIR or GIT_WORK_TREE. It lets a
// caller reading many directories skip starting git for each when none of
// them can be in a repository.
func InWorkTree(dir string, getenv func(string) string) bool {
	if getenv("GIT_DIR") != "" || getenv("GIT_WORK_TREE") != "" {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true // let git decide
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}

// Top returns the top directory of the work tree.
func (r *Repo) Top() string { return r.top }

// IsShallow reports whether the clone is shallow.
func (r *Repo) IsShallow() bool { return r.shallow != nil }

// Boundary reports whether the commit is at the shallow boundary: git has
// it but not its parents.
func (r *Repo) Boundary(hash string) bool { return r.shallow[hash] }

// Rel returns dir relative to the top of the work tree, slash-separated,
// "" for the top itself. dir must be inside the work tree.
func (r *Repo) Rel(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	// Resolve symbolic links on both sides, as git does for the top.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	top := r.top
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the repository at %s", dir, r.top)
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

// Error is a git command that failed, with what it printed.
type Error struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		msg = e.Err.Error()
	}
	msg = strings.TrimPrefix(msg, "fatal: ")
	return fmt.Sprintf("git %s: %s", e.Args[0], msg)
}

func (e *Error) Unwrap() error { return e.Err }

// startError says why git could not be started to run the subcommand
// named: ErrNoGit, wrapping the cause, when the program is gone or may not
// be run; else the cause (too many processes or open files, no memory),
// which is no reason to say git is not installed.
func startError(subcommand string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("%w: git %s: %w", ErrNoGit, subcommand, err)
	}
	return fmt.Errorf("start git %s: %w", subcommand, err)
}

// run runs git in dir and returns its standard output.
func (r *Repo) run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	return r.runEnv(ctx, dir, nil, args...)
}

// runEnv is run with env added to git's environment.
func (r *Repo) runEnv(ctx context.Context, dir string, env []string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	p, err := r.git.start(ctx, command{dir: dir, args: args, stderr: &stderr, env: env})
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, ErrNoGit
		}
		return nil, stopped(ctx, args[0], &Error{Args: args, Err: err})
	}
	out, readErr := io.ReadAll(p.stdout())
	if err := p.wait(); err != nil {
		return nil, stopped(ctx, args[0], &Error{Args: args, Stderr: stderr.String(), Err: err})
	}
	if readErr != nil {
		return nil, &Error{Args: args, Err: readErr}
	}
	return out, nil
}

// stopped returns, when ctx is done, an error saying git subcommand was
// stopped for it, wrapping ctx's error; else err. What git said or did as
// it was killed is no news.
func stopped(ctx context.Context, subcommand string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("git %s: %w", subcommand, ctx.Err())
	}
	return err
}

// CheckRevision refuses a revision that could be taken for an option or
// break the line-based protocols: one that is empty, starts with '-', or
// holds a control character.
func CheckRevision(rev string) error {
	switch {
	case rev == "":
		return errors.New("empty revision")
	case strings.HasPrefix(rev, "-"):
		return fmt.Errorf("revision %q starts with '-': revisions are never options", rev)
	case strings.ContainsFunc(rev, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("revision %q holds a control character", rev)
	}
	return nil
}

// Resolve returns the commit rev names. The error wraps ErrUnknownRevision
// when git does not know it, and also ErrShallow when the clone is shallow
// (the revision may be in the history the clone lacks).
func (r *Repo) Resolve(ctx context.Context, rev string) (Commit, error) {
	if err := CheckRevision(rev); err != nil {
		return Commit{}, err
	}
	c, err := r.commit(ctx, rev+"^{commit}")
	if errors.Is(err, errMissing) {
		if r.noCommits(ctx) {
			return Commit{}, ErrNoCommits
		}
		if r.IsShallow() {
			return Commit{}, fmt.Errorf("%w %q, and %w", ErrUnknownRevision, rev, ErrShallow)
		}
		return Commit{}, fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	return c, err
}

// noCommits reports whether the repository has no commits at all, as a
// new repository has before its first commit.
func (r *Repo) noCommits(ctx context.Context) bool {
	out, err := r.run(ctx, r.top, "rev-list", "-n", "1", "--all")
	return err == nil && len(bytes.TrimSpace(out)) == 0
}

const commitFormat = "%H%x1f%P%x1f%an%x1f%aI%x1f%cI%x1f%s"

// commit reads the metadata of the commit name names (an object id, or
// an expression such as REV^{commit}) through the long-lived cat-file.
func (r *Repo) commit(ctx context.Context, name string) (Commit, error) {
	id, typ, data, err := r.object(ctx, name)
	if err != nil {
		return Commit{}, err
	}
	if typ != "commit" {
		return Commit{}, fmt.Errorf("%s is a %s, not a commit", name, typ)
	}
	return parseCommitObject(id, data)
}

// parseCommitObject reads a raw commit object: its headers, then a blank
// line and the message. It gives what the log format commitFormat gives:
// the subject is the message's first paragraph, its lines joined by
// spaces.
func parseCommitObject(id string, data []byte) (Commit, error) {
	c := Commit{Hash: id}
	head, msg, _ := bytes.Cut(data, []byte("\n\n"))
	for _, line := range strings.Split(string(head), "\n") {
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "tree":
			c.tree = val
		case "parent":
			c.Parents = append(c.Parents, val)
		case "author", "committer":
			name, when, err := parseIdent(val)
			if err != nil {
				return Commit{}, fmt.Errorf("commit %s: %s: %w", id, key, err)
			}
			if key == "author" {
				c.Author, c.AuthorDate = name, when
			} else {
				c.CommitDate = when
			}
		}
	}
	para, _, _ := strings.Cut(strings.TrimLeft(strings.ReplaceAll(string(msg), "\r\n", "\n"), "\n"), "\n\n")
	var lines []string // as %s: the first paragraph's lines, joined by spaces
	for _, l := range strings.Split(para, "\n") {
		if t := strings.TrimRight(l, " \t"); t != "" {
			lines = append(lines, t)
		}
	}
	c.Subject = strings.Join(lines, " ")
	return c, nil
}

// parseIdent reads "Name <email> 1700000000 +0100".
func parseIdent(s string) (string, time.Time, error) {
	lt := strings.LastIndex(s, " <")
	gt := strings.LastIndex(s, "> ")
	if lt < 0 || gt < lt {
		return "", time.Time{}, fmt.Errorf("unexpected identity %q", s)
	}
	f := strings.Fields(s[gt+2:])
	if len(f) != 2 || len(f[1]) != 5 {
		return "", time.Time{}, fmt.Errorf("unexpected date in %q", s)
	}
	sec, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("unexpected date in %q", s)
	}
	h, err1 := strconv.Atoi(f[1][1:3])
	m, err2 := strconv.Atoi(f[1][3:5])
	if err1 != nil || err2 != nil {
		return "", time.Time{}, fmt.Errorf("unexpected zone in %q", s)
	}
	off := h*3600 + m*60
	if f[1][0] == '-' {
		off = -off
	}
	return s[:lt], time.Unix(sec, 0).In(time.FixedZone("", off)), nil
}

func parseCommit(s string) (Commit, error) {
	f := strings.Split(s, "\x1f")
	if len(f) != 6 {
		return Commit{}, fmt.Errorf("git log: unexpected output %q", s)
	}
	ad, err := time.Parse(time.RFC3339, f[3])
	if err != nil {
		return Commit{}, fmt.Errorf("git log: author date: %w", err)
	}
	cd, err := time.Parse(time.RFC3339, f[4])
	if err != nil {
		return Commit{}, fmt.Errorf("git log: commit date: %w", err)
	}
	return Commit{Hash: f[0], Parents: strings.Fields(f[1]), Author: f[2], AuthorDate: ad, CommitDate: cd, Subject: f[5]}, nil
}

// Before returns the last commit reachable from rev along first parents
// whose commit date is at or before t: the state of the branch at t. The
// error wraps ErrNoCommitBefore when there is none, and also ErrShallow
// when the clone is shallow.
func (r *Repo) Before(ctx context.Context, rev string, t time.Time) (Commit, error) {
	head, err := r.Resolve(ctx, rev)
	if err != nil {
		return Commit{}, err
	}
	hash, err := r.firstAtOrBefore(ctx, head.Hash, t.Unix())
	if err != nil {
		return Commit{}, err
	}
	if hash == "" {
		if r.IsShallow() {
			return Commit{}, fmt.Errorf("%w %s in this clone: %w", ErrNoCommitBefore, t.Format(time.DateOnly), ErrShallow)
		}
		return Commit{}, fmt.Errorf("%w %s: the history starts later", ErrNoCommitBefore, t.Format(time.DateOnly))
	}
	return r.commit(ctx, hash)
}

// firstAtOrBefore walks the first parents from head, newest first, and
// returns the first commit whose commit date is at or before unix, or ""
// when none is. The dates are compared here: git's --before reads "@N" as
// a time only from N = 100000000 (1973-03-03), and dates before 1970 not at
// all.
func (r *Repo) firstAtOrBefore(ctx context.Context, head string, unix int64) (string, error) {
	var stderr bytes.Buffer
	p, err := r.git.start(ctx, command{dir: r.top, args: []string{"rev-list", "--first-parent", "--timestamp", "--end-of-options", head}, stderr: &stderr})
	if err != nil {
		return "", stopped(ctx, "rev-list", startError("rev-list", err))
	}
	sc := bufio.NewScanner(p.stdout())
	for sc.Scan() {
		ts, hash, ok := strings.Cut(sc.Text(), " ")
		sec, err := strconv.ParseInt(ts, 10, 64)
		if !ok || err != nil {
			p.kill()
			_ = p.wait() // killed: its exit says nothing more
			return "", fmt.Errorf("git rev-list: unexpected output %q", sc.Text())
		}
		if sec <= unix {
			p.kill() // the rest is not needed
			_ = p.wait()
			return hash, nil
		}
	}
	if err := p.wait(); err != nil {
		return "", stopped(ctx, "rev-list", &Error{Args: []string{"rev-list"}, Stderr: stderr.String(), Err: err})
	}
	return "", stopped(ctx, "rev-list", sc.Err())
}

// File is a file in a tree.
type File struct {
	Path string // slash-separated, relative to the directory listed
	Blob string // object id
	Mode string // git file mode: 100644, 100755, 120000 (link), 160000 (submodule)
}

// Files lists the files below dir ("" for the top) in commit, recursively,
// with paths relative to dir; none when commit has no such directory. The
// error wraps ErrMissingObject when the repository lacks one of the trees.
func (r *Repo) Files(ctx context.Context, commit, dir string) ([]File, error) {
	if err := CheckRevision(commit); err != nil {
		return nil, err
	}
	c, err := r.commit(ctx, commit+"^{commit}")
	if err != nil {
		return nil, err
	}
	// Go down to dir one tree at a time, so that a tree the repository
	// lacks is told from a directory the commit does not have.
	id, data, err := r.tree(ctx, c.tree, "", c.Hash)
	if err != nil {
		return nil, err
	}
	at := ""
	for _, part := range strings.Split(dir, "/") {
		if part == "" {
			continue
		}
		e, ok, err := findEntry(id, data, part)
		if err != nil || !ok || e.mode != "40000" {
			return nil, err // no such directory at that commit
		}
		at = path.Join(at, part)
		if id, data, err = r.tree(ctx, e.id, at, c.Hash); err != nil {
			return nil, err
		}
	}
	var files []File
	err = r.walkTree(ctx, id, data, "", c.Hash, &files)
	return files, err
}

// tree reads the tree object id, the directory at (for messages) in
// commit.
func (r *Repo) tree(ctx context.Context, id, at, commit string) (string, []byte, error) {
	_, typ, data, err := r.object(ctx, id)
	switch {
	case errors.Is(err, errMissing):
		return "", nil, &MissingError{ID: id, Path: cmpOr(at, "the top directory"), Commit: commit}
	case err != nil:
		return "", nil, err
	case typ != "tree":
		return "", nil, fmt.Errorf("%s in commit %s is a %s, not a tree", cmpOr(at, "the top directory"), ShortID(commit), typ)
	}
	return id, data, nil
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// treeEntry is one entry of a tree object.
type treeEntry struct {
	mode, name, id string
}

// treeEntries calls fn with each entry of the tree object id, in order.
func treeEntries(id string, data []byte, fn func(treeEntry) error) error {
	hashLen := len(id) / 2
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || len(data) < nul+1+hashLen {
			return fmt.Errorf("tree %s: unexpected entry", id)
		}
		e := treeEntry{mode: string(data[:sp]), name: string(data[sp+1 : nul]), id: hex.EncodeToString(data[nul+1 : nul+1+hashLen])}
		if e.name == "" || e.name == "." || e.name == ".." || strings.Contains(e.name, "/") {
			// git never writes such a name; a crafted tree could, to lead
			// a reader outside the directory it walks. (A backslash is
			// only a letter to git, and to plan.)
			return fmt.Errorf("tree %s holds an entry named %q, which git does not allow; refusing to read it", id, e.name)
		}
		data = data[nul+1+hashLen:]
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

var errFound = errors.New("found")

// findEntry returns the entry called name in the tree object id.
func findEntry(id string, data []byte, name string) (treeEntry, bool, error) {
	var found treeEntry
	err := treeEntries(id, data, func(e treeEntry) error {
		if e.name == name {
			found = e
			return errFound
		}
		return nil
	})
	if errors.Is(err, errFound) {
		return found, true, nil
	}
	return treeEntry{}, false, err
}

// walkTree adds the files of a tree object, and of its subtrees, to files,
// in git's order: the order of "git ls-tree -r".
func (r *Repo) walkTree(ctx context.Context, id string, data []byte, prefix, commit string, files *[]File) error {
	return treeEntries(id, data, func(e treeEntry) error {
		if e.mode == "40000" {
			oid, sub, err := r.tree(ctx, e.id, prefix+e.name, commit)
			if err != nil {
				return err
			}
			return r.walkTree(ctx, oid, sub, prefix+e.name+"/", commit, files)
		}
		mode := e.mode
		if len(mode) < 6 {
			mode = strings.Repeat("0", 6-len(mode)) + mode
		}
		*files = append(*files, File{Path: prefix + e.name, Blob: e.id, Mode: mode})
		return nil
	})
}

// Blob returns the contents of the blob with the given id, read through
// one long-lived git cat-file --batch.
func (r *Repo) Blob(ctx context.Context, id string) ([]byte, error) {
	data, _, err := r.BlobUpTo(ctx, id, -1)
	return data, err
}

// BlobUpTo is Blob for a blob of at most max bytes (any size when max <
// 0). A larger blob is not read: BlobUpTo returns its size and no data.
// The error wraps ErrMissingObject when the repository lacks the blob.
func (r *Repo) BlobUpTo(ctx context.Context, id string, max int64) ([]byte, int64, error) {
	if !isHex(id) {
		return nil, 0, fmt.Errorf("bad object id %q", id)
	}
	_, typ, data, size, err := r.objectUpTo(ctx, id, max)
	if err := blobError(id, typ, err); err != nil {
		return nil, 0, err
	}
	return data, size, nil
}

// blobError is the error for cat-file's answer for the blob id, of type
// typ, or nil when it is a blob.
func blobError(id, typ string, err error) error {
	switch {
	case errors.Is(err, errMissing):
		return &MissingError{ID: id}
	case err != nil:
		return err
	case typ != "blob":
		return fmt.Errorf("object %s is a %s, not a blob", id, typ)
	}
	return nil
}

// errMissing is cat-file's answer for a name that names no object.
var errMissing = errors.New("missing")

// object reads the object name names (an object id or an expression such
// as REV^{commit} or REV:path) through the long-lived cat-file, and
// returns its id, type and contents.
func (r *Repo) object(ctx context.Context, name string) (id, typ string, data []byte, err error) {
	id, typ, data, _, err = r.objectUpTo(ctx, name, -1)
	return id, typ, data, err
}

// objectUpTo is object for an object of at most max bytes (any size when
// max < 0): the contents of a larger one are skipped, and its size
// returned.
//
// The cat-file it reads through outlives the call; it is killed when ctx
// is done before the answer is read, and started afresh by the next call.
func (r *Repo) objectUpTo(ctx context.Context, name string, max int64) (id, typ string, data []byte, size int64, err error) {
	if strings.ContainsAny(name, "\n\r") {
		return "", "", nil, 0, fmt.Errorf("bad object name %q", name)
	}
	if err := ctx.Err(); err != nil {
		return "", "", nil, 0, fmt.Errorf("git cat-file: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batch == nil {
		b, err := r.startCatFile(context.Background())
		if err != nil {
			return "", "", nil, 0, err
		}
		r.batch = b
	}
	b := r.batch
	stop := context.AfterFunc(ctx, b.proc.kill)
	if _, err = io.WriteString(b.in, name+"\n"); err != nil {
		err = fmt.Errorf("git cat-file: %w", err)
	} else {
		id, typ, data, size, err = b.answerUpTo(max)
	}
	if !stop() { // killed for ctx, perhaps after the answer was read
		id, typ, data, size, err = "", "", nil, 0, fmt.Errorf("git cat-file: %w", ctx.Err())
	}
	if err != nil && !errors.Is(err, errMissing) {
		// The answer was not read to its end, and what is left of it
		// would be read as the next one's: start afresh.
		b.kill()
		r.batch = nil
	}
	return id, typ, data, size, err
}

// Blobs reads many blobs through a git cat-file --batch of their own,
// writing the requests while it reads the answers so that no time is lost
// waiting on each, and calls fn with each blob in the order of ids. It stops
// at the first error, fn's included.
func (r *Repo) Blobs(ctx context.Context, ids []string, fn func(id string, data []byte) error) error {
	return r.BlobsUpTo(ctx, ids, -1, func(id string, data []byte, _ int64) error { return fn(id, data) })
}

// BlobsUpTo is Blobs for blobs of at most max bytes (any size when max <
// 0): fn gets each blob's size, and no data for a larger one. Blobs are
// read as fn returns, and git waits on a full pipe, so reading many blobs
// takes the memory of the one fn holds.
func (r *Repo) BlobsUpTo(ctx context.Context, ids []string, max int64, fn func(id string, data []byte, size int64) error) error {
	for _, id := range ids {
		if !isHex(id) {
			return fmt.Errorf("bad object id %q", id)
		}
	}
	b, err := r.startCatFile(ctx)
	if err != nil {
		return err
	}
	read := false
	defer func() {
		if !read {
			b.kill() // stopped early: how it ends says nothing more
		}
	}()
	written := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(b.in)
		for _, id := range ids {
			if _, err := w.WriteString(id + "\n"); err != nil {
				written <- err
				return
			}
		}
		written <- w.Flush()
	}()
	for _, id := range ids {
		// What git wrote before it was killed may still be read: stop
		// here, not at the end of it.
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		_, typ, data, size, err := b.answerUpTo(max)
		if err := blobError(id, typ, err); err != nil {
			return stopped(ctx, "cat-file", err)
		}
		if err := fn(id, data, size); err != nil {
			return err
		}
	}
	if err := <-written; err != nil {
		return stopped(ctx, "cat-file", fmt.Errorf("git cat-file: %w", err))
	}
	// Every answer is read: git ends at the end of its input, and an
	// error from it now is still an error.
	read = true
	if err := b.close(); err != nil {
		return stopped(ctx, "cat-file", fmt.Errorf("git cat-file: %w", err))
	}
	return nil
}

// BlobID returns the id git gives data as a blob, in the hash function of
// the id like (SHA-1 for 40 hex digits, SHA-256 for 64), so that a file
// can be known to be a blob without reading the blob; false when like is
// neither. A file git filters on the way in (line endings, say) may be
// the blob with another id: a differing id says only that the bytes
// differ.
func BlobID(data []byte, like string) (string, bool) {
	var h hash.Hash
	switch len(like) {
	case 40:
		h = sha1.New()
	case 64:
		h = sha256.New()
	default:
		return "", false
	}
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00")) // a hash.Hash's Write never fails
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), true
}

// Close stops the git processes the repository started.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batch == nil {
		return nil
	}
	err := r.batch.close()
	r.batch = nil
	return err
}

// catFile is a running git cat-file --batch: requests are written to in,
// one name a line, and answered in order on out.
type catFile struct {
	proc process
	in   io.WriteCloser
	out  *bufio.Reader
}

// startCatFile starts a git cat-file --batch, killed when ctx is done.
func (r *Repo) startCatFile(ctx context.Context) (*catFile, error) {
	p, err := r.git.start(ctx, command{dir: r.top, args: []string{"cat-file", "--batch=%(objectname) %(objecttype) %(objectsize)"}, stdin: true})
	if err != nil {
		return nil, stopped(ctx, "cat-file", startError("cat-file", err))
	}
	return &catFile{proc: p, in: p.stdin(), out: bufio.NewReaderSize(p.stdout(), 64<<10)}, nil
}

// answerUpTo reads cat-file's answer for one object of at most max bytes
// (any size when max < 0): its id, type and contents, or errMissing. The
// contents of a larger object are skipped: it returns no data, and the
// object's size.
func (c *catFile) answerUpTo(max int64) (id, typ string, data []byte, size int64, err error) {
	header, err := c.out.ReadString('\n')
	if err != nil {
		return "", "", nil, 0, fmt.Errorf("git cat-file: %w", err)
	}
	f := strings.Fields(header)
	if len(f) >= 2 && (f[len(f)-1] == "missing" || f[len(f)-1] == "ambiguous") {
		return "", "", nil, 0, errMissing
	}
	if len(f) != 3 {
		return "", "", nil, 0, fmt.Errorf("git cat-file: unexpected header %q", header)
	}
	size, err = strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return "", "", nil, 0, fmt.Errorf("git cat-file: bad size in %q", header)
	}
	if max >= 0 && size > max {
		if _, err := io.CopyN(io.Discard, c.out, size+1); err != nil {
			return "", "", nil, 0, fmt.Errorf("git cat-file: %w", err)
		}
		return f[0], f[1], nil, size, nil
	}
	data = make([]byte, size+1) // and the newline after it
	if _, err := io.ReadFull(c.out, data); err != nil {
		return "", "", nil, 0, fmt.Errorf("git cat-file: %w", err)
	}
	return f[0], f[1], data[:size], size, nil
}

// close ends cat-file's input, and so cat-file, and waits for it.
func (c *catFile) close() error {
	_ = c.in.Close() // fails only when closed already; wait says how git ended
	return c.proc.wait()
}

// kill ends cat-file at once, whatever it was doing, and waits for it.
func (c *catFile) kill() {
	c.proc.kill()
	_ = c.in.Close()  // killed: nothing more to say
	_ = c.proc.wait() // killed: its exit says nothing more
}

func isHex(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

// Change is one file a commit changed, from its first parent.
type Change struct {
	Path             string // slash-separated, relative to the directory walked
	Old, New         string // blob ids; "" when the file was added or deleted
	OldMode, NewMode string // git file modes, as File's; "" with no blob
}

// LogCommit is a commit with the files it changed.
type LogCommit struct {
	Commit
	Changes []Change
}

// Log walks the commits reachable from rev that changed files below dir,
// newest first, calling fn for each with the files it changed (merges,
// which change nothing of their own, are skipped). fn may return
// ErrStop to end the walk early. The context is checked before each call
// of fn.
func (r *Repo) Log(ctx context.Context, rev, dir string, fn func(LogCommit) error) error {
	if err := CheckRevision(rev); err != nil {
		return err
	}
	spec := "."
	if dir != "" {
		spec = dir + "/"
	}
	var stderr bytes.Buffer
	p, err := r.git.start(ctx, command{dir: r.top, stderr: &stderr, args: []string{
		"log", "-z", "--raw", "--no-abbrev", "--no-renames", "--no-ext-diff", "--no-textconv",
		"--format=%x1e" + commitFormat, "--end-of-options", rev, "--", spec}})
	if err != nil {
		return stopped(ctx, "log", startError("log", err))
	}
	walkErr := parseLog(bufio.NewReaderSize(p.stdout(), 64<<10), dir, func(c LogCommit) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(c)
	})
	if walkErr != nil {
		p.kill()
		_ = p.wait() // killed: its exit says nothing more
		if errors.Is(walkErr, ErrStop) {
			return nil
		}
		return stopped(ctx, "log", walkErr)
	}
	if err := p.wait(); err != nil {
		if ctx.Err() == nil && r.noCommits(ctx) {
			return ErrNoCommits
		}
		return stopped(ctx, "log", &Error{Args: []string{"log"}, Stderr: stderr.String(), Err: err})
	}
	return nil
}

// ErrStop ends a Log walk early without error.
var ErrStop = errors.New("stop")

func parseLog(rd *bufio.Reader, dir string, fn func(LogCommit) error) error {
	// Records start with \x1e; the header ends with \0 and a newline, then
	// come raw entries ":modes old new status\0path\0".
	if _, err := rd.ReadBytes(0x1e); err != nil {
		if err == io.EOF {
			return nil
		}
		return err
	}
	for {
		rec, err := rd.ReadBytes(0x1e)
		last := err == io.EOF
		if err != nil && !last {
			return err
		}
		rec = bytes.TrimSuffix(rec, []byte{0x1e})
		header, rest, _ := bytes.Cut(rec, []byte{0})
		c, perr := parseCommit(string(header))
		if perr != nil {
			return perr
		}
		lc := LogCommit{Commit: c}
		fields := bytes.Split(bytes.TrimLeft(rest, "\n"), []byte{0})
		for i := 0; i+1 < len(fields); i += 2 {
			meta := strings.Fields(strings.TrimPrefix(string(fields[i]), ":"))
			if len(meta) != 5 {
				continue
			}
			p := string(fields[i+1])
			if dir != "" {
				p = strings.TrimPrefix(p, dir+"/")
			}
			ch := Change{Path: path.Clean(p), Old: meta[2], New: meta[3], OldMode: meta[0], NewMode: meta[1]}
			if isZero(ch.Old) {
				ch.Old, ch.OldMode = "", ""
			}
			if isZero(ch.New) {
				ch.New, ch.NewMode = "", ""
			}
			lc.Changes = append(lc.Changes, ch)
		}
		if len(lc.Changes) > 0 {
			if err := fn(lc); err != nil {
				return err
			}
		}
		if last {
			return nil
		}
	}
}

func isZero(id string) bool { return strings.Trim(id, "0") == "" }

// Tag is an annotated tag.
type Tag struct {
	Name    string
	Commit  string // the commit it points at
	Tagger  string
	Date    time.Time // tagger date
	Message string    // the first line of the message
}

// Tags lists the tags whose names start with prefix, in name order.
func (r *Repo) Tags(ctx context.Context, prefix string) ([]Tag, error) {
	out, err := r.run(ctx, r.top, "for-each-ref", "--sort=refname",
		"--format=%(refname:strip=2)%1f%(*objectname)%1f%(objectname)%1f%(taggername)%1f%(taggerdate:iso-strict)%1f%(contents:subject)",
		"refs/tags/"+prefix)
	if err != nil {
		return nil, err
	}
	var tags []Tag
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		f := strings.Split(line, "\x1f")
		if len(f) != 6 {
			continue
		}
		t := Tag{Name: f[0], Commit: f[1], Tagger: f[3], Message: f[5]}
		if t.Commit == "" { // a lightweight tag points at the commit itself
			t.Commit = f[2]
		}
		t.Date, _ = time.Parse(time.RFC3339, f[4])
		tags = append(tags, t)
	}
	return tags, nil
}

// CreateTag makes an annotated tag name at commit with message. The tagger
// is git's configured identity.
func (r *Repo) CreateTag(ctx context.Context, name, commit, message string) error {
	if err := CheckRevision(name); err != nil {
		return err
	}
	if !isHex(commit) {
		return fmt.Errorf("bad commit id %q", commit)
	}
	_, err := r.run(ctx, r.top, "tag", "-a", "-m", message, "--end-of-options", name, commit)
	return err
}

// CreateTagAt makes an annotated tag like CreateTag, dated when rather
// than now (git's GIT_COMMITTER_DATE, which dates a tag).
func (r *Repo) CreateTagAt(ctx context.Context, name, commit, message string, when time.Time) error {
	if err := CheckRevision(name); err != nil {
		return err
	}
	if !isHex(commit) {
		return fmt.Errorf("bad commit id %q", commit)
	}
	_, err := r.runEnv(ctx, r.top, []string{"GIT_COMMITTER_DATE=" + when.Format(time.RFC3339)},
		"tag", "-a", "-m", message, "--end-of-options", name, commit)
	return err
}

// Init makes dir a new git repository, with main as its first branch, and
// opens it.
func Init(ctx context.Context, dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	r := &Repo{git: execRunner{git: git, env: append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")}}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// The directory is git's -C, never an argument, and the branch name is
	// fixed: nothing here can be read as an option.
	if _, err := r.run(ctx, abs, "init", "-q", "--initial-branch=main"); err != nil {
		return nil, err
	}
	return Open(ctx, abs)
}

// SetConfig sets key to value in the repository's own configuration. Keys
// come from the program, never from input: a key starting with '-' is
// refused.
func (r *Repo) SetConfig(ctx context.Context, key, value string) error {
	if key == "" || strings.HasPrefix(key, "-") {
		return fmt.Errorf("bad git config key %q", key)
	}
	_, err := r.run(ctx, r.top, "config", "--local", key, value)
	return err
}
