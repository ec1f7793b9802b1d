package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to name through a temporary file in the same
// directory, so that readers never see half a file.
func writeFileAtomic(name string, data []byte) error {
	return replaceFile(name, data, 0o644, nil)
}

// writeIfUnchanged replaces name, which held original when it was read,
// with data, atomically and keeping its mode; it refuses, writing nothing,
// if the file no longer holds original: someone else changed it meanwhile.
func writeIfUnchanged(name string, original, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	return replaceFile(name, data, fi.Mode().Perm(), func() error {
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

// replaceFile writes data to a temporary file beside name, syncs it, gives
// it perm, runs check (when not nil) and, if check allows, renames it over
// name. The temporary file never outlives the call.
func replaceFile(name string, data []byte, perm fs.FileMode, check func() error) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // gone after a successful rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
