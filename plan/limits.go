package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Limits bound what Load reads, so that a hostile or broken plan directory
// is answered with a finding rather than exhausting memory or time. Plan
// files have no use for YAML anchors and aliases, so they are refused
// outright (see RuleSyntax) and need no limit of their own.
type Limits struct {
	FileBytes  int64 // the largest plan file, in bytes
	TotalBytes int64 // all of a plan's files together, in bytes
	Files      int   // the number of files in a plan, plan.yaml included
	Depth      int   // mappings and lists nested in one file
}

// DefaultLimits are generous for real plans, the largest of which we know
// are under 1 MB in under 100 files, nesting 6 deep, and keep what plan
// does with any input within them to seconds and a few hundred MB: reading
// YAML into nodes takes about 20 times a file's size in memory, and the
// plan read from it about 7 times.
var DefaultLimits = Limits{FileBytes: 4 << 20, TotalBytes: 16 << 20, Files: 5000, Depth: 64}

// ErrNotAFile is wrapped by Load's error when plan.yaml is a directory, a
// symbolic link or anything else that is not a regular file.
var ErrNotAFile = errors.New("not a regular file")

// size formats a byte count for messages: "50.0 MB".
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// sizes formats a size and the limit it passes so that they differ.
func sizes(n, limit int64) (string, string) {
	a, b := size(n), size(limit)
	if a == b {
		return fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", limit)
	}
	return a, b
}

// entry is a file Load may read, as the directory listing describes it.
type entry struct {
	name string
	size int64
}

// notAFile is the finding for an entry that is not read.
func notAFile(name, format string, args ...any) *Diagnostic {
	return &Diagnostic{Rule: RuleNotAFile, Pos: Pos{name, 1, 1}, Message: fmt.Sprintf(format, args...)}
}

// linkFinding is the finding for a symbolic link at name to target (err
// when the target could not be read). Symbolic links are never followed,
// inside the plan directory or out: a link to a file inside would read it
// twice, and one leading outside would read what the plan's authors never
// wrote.
func linkFinding(name, target string, err error) *Diagnostic {
	switch {
	case err != nil:
		return notAFile(name, "%s is a symbolic link; plan files must be regular files, so it is not read", name)
	case escapes(name, target):
		return notAFile(name, "%s is a symbolic link to %s, outside the plan directory; it is not read", name, target)
	}
	return notAFile(name, "%s is a symbolic link to %s; plan files must be regular files, so it is not read (list the file itself instead)", name, target)
}

// Describer is what a file system's FileInfo.Sys may return for an entry
// that is not a regular file, to say what it is in a finding: "a
// submodule (a gitlink)".
type Describer interface{ Describe() string }

// admit decides whether the directory entry name, a .yaml or .yml file
// that is not a link, may be read as a plan file: only regular files may.
func admit(name string, e fs.DirEntry) (entry, *Diagnostic) {
	info, err := e.Info()
	if err != nil {
		return entry{}, notAFile(name, "%s cannot be read: %v", name, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		if d, ok := info.Sys().(Describer); ok {
			return entry{}, notAFile(name, "%s is %s, not a file; it is not read", name, d.Describe())
		}
		return entry{}, notAFile(name, "%s is not a regular file (%s); it is not read", name, info.Mode().Type())
	}
	return entry{name, info.Size()}, nil
}

// escapes reports whether a symbolic link at name with the given target
// leads outside the directory tree name is relative to.
func escapes(name, target string) bool {
	if path.IsAbs(target) || strings.HasPrefix(target, `\`) || (len(target) > 1 && target[1] == ':') {
		return true
	}
	j := path.Join(path.Dir(name), target)
	return j == ".." || strings.HasPrefix(j, "../")
}

// unwrapPath returns the cause of a *fs.PathError, whose path a message
// names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// tooLarge is the finding for a file beyond the size limit.
func tooLarge(name string, n int64, lim Limits) Diagnostic {
	got, most := sizes(n, lim.FileBytes)
	return Diagnostic{Rule: RuleLimit, Pos: Pos{name, 1, 1},
		Message: fmt.Sprintf("%s is %s; plan files may be at most %s, so it is not read: split it into smaller files", name, got, most)}
}

// readLimited reads name from fsys, refusing (with errTooLarge) to read
// more than max bytes, whatever its size said when it was listed.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrapPath(err)}
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

var errTooLarge = errors.New("too large")

// planEntry checks plan.yaml before it is read: it must be a regular file.
func planEntry(fsys fs.FS) (entry, error) {
	info, err := fs.Lstat(fsys, PlanFile)
	if err != nil {
		return entry{}, readError(PlanFile, err)
	}
	switch {
	case info.IsDir():
		return entry{}, fmt.Errorf("%s is a directory, %w; it must be a file holding the plan's title, themes and owners", PlanFile, ErrNotAFile)
	case info.Mode()&fs.ModeSymlink != 0:
		target, _ := fs.ReadLink(fsys, PlanFile)
		return entry{}, fmt.Errorf("%s is a symbolic link to %s, %w; plan files are never read through links", PlanFile, target, ErrNotAFile)
	case !info.Mode().IsRegular():
		return entry{}, fmt.Errorf("%s is %s, %w", PlanFile, info.Mode().Type(), ErrNotAFile)
	}
	return entry{PlanFile, info.Size()}, nil
}
