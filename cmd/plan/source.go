package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/plan"
)

// planDir finds the plan directory: -C DIR or the current directory, or
// the nearest parent of either holding a plan.yaml.
func (g *globalOptions) planDir() (string, error) {
	start := g.dir
	if start == "" {
		wd, err := g.deps.getwd()
		if err != nil {
			return "", fmt.Errorf("find the current directory: %w", err)
		}
		start = wd
	} else if fi, err := os.Stat(start); err != nil {
		return "", fmt.Errorf("-C %s: %w", shownPath(start), errors.Unwrap(err))
	} else if !fi.IsDir() {
		return "", fmt.Errorf("-C %s: not a directory", shownPath(start))
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for dir := abs; ; {
		if _, err := os.Lstat(filepath.Join(dir, plan.PlanFile)); err == nil {
			if g.dir != "" && dir == abs {
				return g.dir, nil // keep the path as the user wrote it
			}
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", withHint(fmt.Errorf("no %s in %s or any parent directory", plan.PlanFile, shownPath(start)),
				"run plan inside a plan directory, or pass -C DIR")
		}
		dir = parent
	}
}

// addRevFlags gives a command that reads one version of the plan the
// --rev and --at flags.
func addRevFlags(cmd *cobra.Command, g *globalOptions) {
	cmd.Flags().StringVar(&g.rev, "rev", "", "read the plan as it stood at `REV`: a commit, tag, branch, HEAD~3, or board, dfe, ofsted or a body declared in plan.yaml (the last snapshot)")
	cmd.Flags().StringVar(&g.at, "at", "", "read the plan as it stood at the end of `DATE` on the current branch (or board, dfe, ofsted or a body declared in plan.yaml)")
}

// history opens the git history of the plan in dir, once per run.
func (f *factory) history(dir string) (*history.Source, error) {
	if f.hist == nil && f.histErr == nil {
		f.hist, f.histErr = history.Open(f.ctx, dir, london())
		f.histErr = historyError(f.histErr)
		if f.histErr == nil {
			f.hist.SetBodies(f.declaredBodies(dir).BodyIDs())
		}
	}
	return f.hist, f.histErr
}

// declaredBodies reads, from plan.yaml in the work tree alone, the bodies
// the plan reports to; a plan.yaml that cannot be read has the defaults.
// The plan returned holds nothing else to be relied on.
func (f *factory) declaredBodies(dir string) *plan.Plan {
	dirFS, closeDir, err := f.openDir(dir)
	if err != nil {
		return nil
	}
	defer closeDir()
	data, err := fs.ReadFile(dirFS, plan.PlanFile)
	if err != nil {
		return nil
	}
	p, _ := plan.LoadFile(plan.PlanFile, data, true)
	return p
}

// planHistory finds the plan directory and opens its history.
func (g *globalOptions) planHistory() (string, *history.Source, error) {
	dir, err := g.planDir()
	if err != nil {
		return "", nil, err
	}
	src, err := g.history(dir)
	return dir, src, err
}

// close closes what the run opened.
func (f *factory) close() {
	if f.hist != nil {
		// Its error is how a cat-file ended, after every answer was
		// read: the run's outcome is decided by then.
		_ = f.hist.Close()
	}
}

// historyError explains a failure to read history in plain words, with
// the fix.
func historyError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gitrepo.ErrShallow):
		return withHint(err, "fetch more history: git fetch --unshallow (in GitHub Actions, actions/checkout with fetch-depth: 0)")
	case errors.Is(err, gitrepo.ErrNotRepository):
		return withHint(fmt.Errorf("cannot read the plan's history: %w", err), "keep the plan in a git repository (git init) to use its history")
	case errors.Is(err, gitrepo.ErrNoGit):
		return withHint(err, "install git: the plan's history is read through it")
	case errors.Is(err, gitrepo.ErrOldGit):
		return withHint(err, "install a newer git: the plan's history is read through it")
	case errors.Is(err, gitrepo.ErrNoCommits):
		return withHint(err, "commit the plan first (git add . && git commit); its history starts there")
	case errors.Is(err, gitrepo.ErrMissingObject):
		return withHint(err, "clone the repository again, or fetch what it lacks (git fetch), and run plan again")
	case errors.Is(err, gitrepo.ErrNoCommitBefore):
		return withHint(err, "choose a later date")
	case errors.Is(err, gitrepo.ErrUnknownRevision):
		return withHint(err, "name a commit, tag or branch (git log --oneline lists them), a date as YYYY-MM-DD, or a body: board, dfe, ofsted or one declared in plan.yaml")
	}
	return err
}

// isBody reports whether id names a body the plan in dir reports to.
func (f *factory) isBody(dir, id string) bool {
	return slices.Contains(f.declaredBodies(dir).BodyIDs(), id)
}

// revision resolves a point in the plan's history: a snapshot kind, a
// date, or a revision.
func (f *factory) revision(dir, spec string) (history.Revision, error) {
	src, err := f.history(dir)
	if err != nil {
		return history.Revision{}, err
	}
	r, err := src.Point(f.ctx, spec)
	return r, historyError(err)
}

// openDir opens the plan directory dir in the work tree for reading, and
// returns the function that closes it.
func (f *factory) openDir(dir string) (fs.FS, func(), error) {
	if f.deps.openDir != nil {
		return f.deps.openDir(dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("open plan directory: %w", err)
	}
	// Nothing is written through the handle, so its close cannot lose data.
	return root.FS(), func() { _ = root.Close() }, nil
}

// readPlan reads the plan in dir: from the work tree when rev is nil, else
// as it stood at rev, from git's objects.
func (f *factory) readPlan(dir string, rev *history.Revision) (*plan.Plan, []plan.Diagnostic, error) {
	var fsys fs.FS
	if rev == nil {
		dirFS, closeDir, err := f.openDir(dir)
		if err != nil {
			return nil, nil, err
		}
		defer closeDir()
		fsys = dirFS
	} else {
		src, err := f.history(dir)
		if err != nil {
			return nil, nil, err
		}
		if fsys, err = src.FS(f.ctx, rev.Commit.Hash); err != nil {
			return nil, nil, historyError(err)
		}
	}
	// A plan read from history is kept, its files' bytes with it, so that
	// the next read (the other end of a diff) parses only what differs.
	// Reads of the work tree alone (a portfolio's, on several goroutines)
	// keep nothing.
	f.lastMu.Lock()
	prev := f.lastRead
	f.lastMu.Unlock()
	var p *plan.Plan
	var diags []plan.Diagnostic
	var err error
	if rev != nil || prev != nil {
		var d *plan.Draft
		if d, err = plan.LoadDraftReusing(fsys, prev); err == nil {
			p, diags = d.Plan()
			if rev != nil {
				f.lastMu.Lock()
				f.lastRead = d
				f.lastMu.Unlock()
			}
		}
	} else {
		p, diags, err = plan.Load(fsys)
	}
	if err != nil {
		if rev != nil && errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("no %s in %s at %s", plan.PlanFile, displayDir(f.hist.Dir()), rev)
		}
		return nil, nil, loadError(dir, err)
	}
	return p, diags, nil
}

// loadError names the plan directory in err, an error of plan.Load,
// unless it names a file already.
func loadError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err // names the file already
	}
	return fmt.Errorf("read plan in %s: %w", shownPath(dir), err)
}

func displayDir(rel string) string {
	if rel == "" {
		return "the repository's top directory"
	}
	return rel
}

// loaded is the plan as a command read it, with where it was found.
type loaded struct {
	plan  *plan.Plan
	diags []plan.Diagnostic // the problems found in its files
	dir   string            // the plan directory
	rev   *history.Revision // the revision read; nil for the work tree
}

// load finds and reads the plan: from the work tree, or at --rev or --at.
// The error is non-nil only when no plan could be read; problems in the
// files come back as diagnostics.
func (g *globalOptions) load() (*loaded, error) {
	dir, err := g.planDir()
	if err != nil {
		return nil, err
	}
	rev, err := g.readRevision(dir)
	if err != nil {
		return nil, err
	}
	p, diags, err := g.readPlan(dir, rev)
	if err != nil {
		return nil, err
	}
	return &loaded{plan: p, diags: diags, dir: dir, rev: rev}, nil
}

// readRevision resolves --rev or --at; it returns nil for the work tree.
func (g *globalOptions) readRevision(dir string) (*history.Revision, error) {
	spec := g.rev
	if g.rev != "" && g.at != "" {
		return nil, withHint(errors.New("--rev and --at cannot be used together"), "--rev takes a revision or a date; --at a date")
	}
	if g.at != "" {
		if _, err := plan.ParseDate(g.at); err != nil && !g.isBody(dir, g.at) {
			return nil, fmt.Errorf("--at: %w", err)
		}
		spec = g.at
	}
	if spec == "" {
		return nil, nil
	}
	rev, err := g.revision(dir, spec)
	if err != nil {
		return nil, err
	}
	return &rev, nil
}
