// Package atomicfile replaces files so that readers never see half of
// one: data goes to a temporary file beside the target, is synced, and is
// renamed over it. WriteIfUnchanged also refuses, writing nothing, when
// the file changed since it was read, holding a lock beside it meanwhile.
package atomicfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/plan-tool/plan/internal/hint"
)

// Writer writes files atomically. The zero Writer is ready to use.
type Writer struct {
	// Fault, when not nil, is called at each step of a write, which fails
	// with its error: the tests' way of interrupting a write at every step.
	Fault func(Step) error
}

// WriteFile writes data to name, with mode 0644 if it creates it, through
// a temporary file in the same directory, so that readers never see half
// a file. Once ctx is done it leaves name as it was and returns an error
// wrapping ctx's.
func (w *Writer) WriteFile(ctx context.Context, name string, data []byte) error {
	return w.replace(ctx, name, data, 0o644, nil)
}

// WriteIfUnchanged replaces name, which held original when it was read,
// with data, atomically and keeping its mode. It refuses, writing nothing,
// with an error wrapping ErrChanged if the file no longer holds original
// (someone else changed it meanwhile), and with one wrapping ErrLocked if
// another writer holds its lock for longer than two seconds. Once ctx is
// done it leaves name as it was and returns an error wrapping ctx's.
// Errors meant for a user carry a Hint method saying what to do.
func (w *Writer) WriteIfUnchanged(ctx context.Context, name string, original, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	return w.replace(ctx, name, data, fi.Mode().Perm(), func() error {
		now, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, original) {
			return withHint(fmt.Errorf("%s %w", filepath.ToSlash(name), ErrChanged), "nothing was written; run the command again to apply it to the new contents")
		}
		return nil
	})
}

// RemoveIfUnchanged removes name, which held original when it was read,
// holding its lock. It refuses, removing nothing, with an error wrapping
// ErrChanged if the file no longer holds original, and with one wrapping
// ErrLocked as WriteIfUnchanged does. Once ctx is done it leaves name as
// it was and returns ctx's error.
func (w *Writer) RemoveIfUnchanged(ctx context.Context, name string, original []byte) error {
	unlock, err := lock(name)
	if err != nil {
		return err
	}
	defer unlock()
	if err := w.at(StepLocked); err != nil {
		return fmt.Errorf("remove %s: %w", filepath.ToSlash(name), err)
	}
	now, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, original) {
		return withHint(fmt.Errorf("%s %w", filepath.ToSlash(name), ErrChanged), "nothing was removed; run the command again")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Remove(name)
}

// Step is a step of a write, where Writer.Fault is called.
type Step string

// The steps of a write, in order; WriteFile takes no lock and makes no
// check, so it has only the first three.
const (
	StepCreated Step = "temporary file created"
	StepWritten Step = "data written, before fsync"
	StepSynced  Step = "synced, before the mode is set"
	StepLocked  Step = "locked, before the check"
	StepChecked Step = "checked, before rename"
)

func (w *Writer) at(step Step) error {
	if w != nil && w.Fault != nil {
		return w.Fault(step)
	}
	return nil
}

// ErrChanged is returned when a file changed between reading and writing.
var ErrChanged = errors.New("changed on disk while plan was editing it")

// withHint returns err with a line telling the user how to fix it.
func withHint(err error, format string, args ...any) error { return hint.Wrap(err, format, args...) }

// replace writes data to a temporary file beside name, syncs it, gives
// it perm and, holding name's lock, runs check (when not nil) and, if check
// allows and ctx is not done, renames it over name. The temporary file
// never outlives the call, whatever step fails; one left by a process that
// was killed is removed by a later write once it is an hour old.
func (w *Writer) replace(ctx context.Context, name string, data []byte, perm fs.FileMode, check func() error) error {
	dir, base := filepath.Dir(name), filepath.Base(name)
	removeStale(dir, base)
	f, err := os.CreateTemp(dir, "."+base+".*"+tempSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	// After a successful rename tmp is gone and Remove fails: nothing to
	// report. After a failure, one that cannot be removed now is removed
	// by a later write once stale.
	defer func() { _ = os.Remove(tmp) }()
	write := func() error {
		if err := w.at(StepCreated); err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
		if err := w.at(StepWritten); err != nil {
			return err
		}
		return f.Sync()
	}
	if err := write(); err != nil {
		_ = f.Close() // the write failed: its error is the one to report
		return fmt.Errorf("write %s: %w", filepath.ToSlash(name), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", filepath.ToSlash(name), err)
	}
	if err := w.at(StepSynced); err != nil {
		return fmt.Errorf("write %s: %w", filepath.ToSlash(name), err)
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if check == nil {
		return rename(ctx, tmp, name)
	}
	unlock, err := lock(name)
	if err != nil {
		return err
	}
	defer unlock()
	if err := w.at(StepLocked); err != nil {
		return fmt.Errorf("write %s: %w", filepath.ToSlash(name), err)
	}
	if err := check(); err != nil {
		return err
	}
	if err := w.at(StepChecked); err != nil {
		return fmt.Errorf("write %s: %w", filepath.ToSlash(name), err)
	}
	return rename(ctx, tmp, name)
}

// tempSuffix ends the names of replace's temporary files.
const tempSuffix = ".plan-tmp"

// staleAfter is how old a temporary file or lock must be to be taken for
// the leftover of a process that was killed: a write takes milliseconds.
const staleAfter = time.Hour

// removeStale removes the temporary files of base in dir that a killed
// process left behind.
func removeStale(dir, base string) {
	old, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".*"+tempSuffix))
	for _, p := range old {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > staleAfter {
			_ = os.Remove(p) // best effort: one left is tried again by the next write
		}
	}
}

func globEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if bytes.IndexByte([]byte(`*?[\`), s[i]) >= 0 {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// ErrLocked is returned when another plan command holds a file's lock.
var ErrLocked = errors.New("is being written by another plan command")

// lockWait is how long lock waits for another command's write to end.
const lockWait = 2 * time.Second

// lock takes name's lock, a file beside it created exclusively, so that
// of two commands checking and replacing name at once, one waits for the
// other (and then finds the file changed). It waits up to lockWait; a lock
// older than staleAfter was left by a killed process and is taken over.
func lock(name string) (unlock func(), err error) {
	lockName := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".plan-lock")
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(lockName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_ = f.Close() // the lock is the file's existence: it holds no data
			// The write is made by the time of unlock; a lock that cannot
			// be removed is taken over once stale.
			return func() { _ = os.Remove(lockName) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", filepath.ToSlash(name), err)
		}
		if fi, err := os.Stat(lockName); err == nil && time.Since(fi.ModTime()) > staleAfter {
			// Gone already means another command took it over: try again.
			if err := os.Remove(lockName); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, withHint(fmt.Errorf("lock %s: take over a stale lock: %w", filepath.ToSlash(name), err),
					"nothing was written; if no other plan command is running, delete %s", filepath.ToSlash(lockName))
			}
			continue
		}
		if time.Now().After(deadline) {
			return nil, withHint(fmt.Errorf("%s %w", filepath.ToSlash(name), ErrLocked),
				"nothing was written; try again, and if no other plan command is running, delete %s", filepath.ToSlash(lockName))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
