package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestToSlash: paths of Windows (separator \) print with /; a \ in a
// name on a system whose separator is / is a character of the name, and
// stays.
func TestToSlash(t *testing.T) {
	for _, tt := range []struct {
		path string
		sep  byte
		want string
	}{
		{`digests\head-performance.eml`, '\\', "digests/head-performance.eml"},
		{`C:\plans\bradford\priorities\01-front-door.yaml`, '\\', "C:/plans/bradford/priorities/01-front-door.yaml"},
		{`..\returns`, '\\', "../returns"},
		{"digests/head.eml", '\\', "digests/head.eml"},
		{`odd\name/x.yaml`, '/', `odd\name/x.yaml`},
		{"", '\\', ""},
	} {
		if got := toSlash(tt.path, tt.sep); got != tt.want {
			t.Errorf("toSlash(%q, %q) = %q, want %q", tt.path, tt.sep, got, tt.want)
		}
	}
	if got := shownPath(filepath.Join("a", "b", "c.yaml")); got != "a/b/c.yaml" {
		t.Errorf("shownPath of a joined path: %q", got)
	}
}

// TestSlashErrorPaths: the paths in the file errors an error wraps, one
// or several deep, print with / on every system.
func TestSlashErrorPaths(t *testing.T) {
	name := filepath.Join(t.TempDir(), "missing", "plan.yaml")
	_, statErr := os.Stat(name)
	linkErr := &os.LinkError{Op: "rename", Old: filepath.Join("a", "x.tmp"), New: filepath.Join("a", "x.yaml"), Err: fs.ErrPermission}
	err := fmt.Errorf("read plan: %w", errors.Join(fmt.Errorf("one: %w", statErr), linkErr))
	slashErrorPaths(err)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.ToSlash(name) {
		t.Errorf("path error's path after: %v", err)
	}
	if linkErr.Old != "a/x.tmp" || linkErr.New != "a/x.yaml" {
		t.Errorf("link error after: %v", linkErr)
	}
}
