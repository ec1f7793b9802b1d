package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// writeFileAtomic writes data to name through a temporary file in the same
// directory, so that readers never see half a file. Once ctx is done it
// leaves name as it was.
func writeFileAtomic(ctx context.Context, name string, data []byte) error {
	return replaceFile(ctx, name, data, 0o644, nil)
}

// writeIfUnchanged replaces name, which held original when it was read,
// with data, atomically and keeping its mode; it refuses, writing nothing,
// if the file no longer holds original: someone else changed it meanwhile.
// Once ctx is done it leaves name as it was.
func writeIfUnchanged(ctx context.Context, name string, original, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	return replaceFile(ctx, name, data, fi.Mode().Perm(), func() error {
		now, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, original) {
			return withHint(fmt.Errorf("%s %w", name, errChangedOnDisk), "nothing was written; run the command again to apply it to the new contents")
		}
		return nil
	})
}

// fault, when not nil, is called at each step of replaceFile, which fails
// with its error: the tests' way of interrupting a write at every step.
var fault func(step string) error

// The steps of replaceFile, in order.
const (
	stepCreated = "temporary file created"
	stepWritten = "data written, before fsync"
	stepSynced  = "synced, before the mode is set"
	stepLocked  = "locked, before the check"
	stepChecked = "checked, before rename"
)

func at(step string) error {
	if fault != nil {
		return fault(step)
	}
	return nil
}

// replaceFile writes data to a temporary file beside name, syncs it, gives
// it perm and, holding name's lock, runs check (when not nil) and, if check
// allows and ctx is not done, renames it over name. The temporary file
// never outlives the call, whatever step fails; one left by a process that
// was killed is removed by a later write once it is an hour old.
func replaceFile(ctx context.Context, name string, data []byte, perm fs.FileMode, check func() error) error {
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
		if err := at(stepCreated); err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
		if err := at(stepWritten); err != nil {
			return err
		}
		return f.Sync()
	}
	if err := write(); err != nil {
		_ = f.Close() // the write failed: its error is the one to report
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := at(stepSynced); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
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
	if err := at(stepLocked); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := check(); err != nil {
		return err
	}
	if err := at(stepChecked); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return rename(ctx, tmp, name)
}

// rename renames tmp over name: the moment the write is made, which it is
// not once ctx is done (the run was interrupted).
func rename(ctx context.Context, tmp, name string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// tempSuffix ends the names of replaceFile's temporary files.
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

// errLocked is returned when another plan command holds a file's lock.
var errLocked = errors.New("is being written by another plan command")

// lockWait is how long lock waits for another command's write to end.
var lockWait = 2 * time.Second

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
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if fi, err := os.Stat(lockName); err == nil && time.Since(fi.ModTime()) > staleAfter {
			// Gone already means another command took it over: try again.
			if err := os.Remove(lockName); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, withHint(fmt.Errorf("lock %s: take over a stale lock: %w", name, err),
					"nothing was written; if no other plan command is running, delete %s", lockName)
			}
			continue
		}
		if time.Now().After(deadline) {
			return nil, withHint(fmt.Errorf("%s %w", name, errLocked),
				"nothing was written; try again, and if no other plan command is running, delete %s", lockName)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
