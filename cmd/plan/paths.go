package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// shownPath returns a path of this system as plan prints it: with / on
// every system (Windows takes it too), so that messages, findings and
// reports read the same on Windows as elsewhere, and match the paths plan
// prints from git.
func shownPath(p string) string { return toSlash(p, filepath.Separator) }

// toSlash returns p, a path whose separator is sep, with / for each sep.
func toSlash(p string, sep byte) string {
	if sep == '/' {
		return p
	}
	return strings.ReplaceAll(p, string(sep), "/")
}

// slashErrorPaths rewrites, in place, the paths held by the file errors
// err wraps (fs.PathError, os.LinkError) with shownPath, before err is
// printed.
func slashErrorPaths(err error) {
	for e := err; e != nil; {
		switch pe := e.(type) {
		case *fs.PathError:
			pe.Path = shownPath(pe.Path)
		case *os.LinkError:
			pe.Old, pe.New = shownPath(pe.Old), shownPath(pe.New)
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				slashErrorPaths(x)
			}
			return
		default:
			e = errors.Unwrap(e)
		}
	}
}
