package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// readCounter counts the times each plan file is read through the file
// systems it opens: opened and read from (a stat is not counted).
type readCounter struct {
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) openDir(dir string) (fs.FS, func(), error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return countingFS{root.FS(), c}, func() { _ = root.Close() }, nil // read only: the close cannot lose data
}

type countingFS struct {
	fs.FS
	c *readCounter
}

func (f countingFS) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".yaml") {
		return file, err
	}
	return &countingFile{File: file, count: func() {
		f.c.mu.Lock()
		f.c.reads[name]++
		f.c.mu.Unlock()
	}}, nil
}

// ReadFile is not offered: a read goes through Open.

type countingFile struct {
	fs.File
	count   func()
	counted bool
}

func (f *countingFile) Read(b []byte) (int, error) {
	if !f.counted {
		f.counted = true
		f.count()
	}
	return f.File.Read(b)
}

// TestEditReadsOnce: every edit command reads each file of the plan once:
// it loads the plan once, patches the target file's bytes as read, and
// checks the patched plan without reading any file again.
func TestEditReadsOnce(t *testing.T) {
	examples, _ := fixtures(t)
	for _, args := range [][]string{
		{"rate", "P8.1", "red", "--note", "Only 4 of 20 posts filled"},
		{"set", "P8.1", "due", "2027-03-31"},
		{"set", "P8.1", "note", ""},
		{"set", "OF25-2", "source", "Ofsted"},
		{"done", "P8.2", "--evidence", "Microsite live"},
		{"record", "P8.K1", "2026-09-30", "21"},
		{"add", "action", "P8", "--title", "Launch a scheme", "--due", "2027-04-30", "--rag", "green"},
		{"add", "kpi", "P8", "--title", "Leavers", "--better", "lower", "--target", "10"},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			dir := t.TempDir()
			if err := copyDir(filepath.Join(examples, "testdata", "bradford"), dir); err != nil {
				t.Fatal(err)
			}
			c := &readCounter{reads: map[string]int{}}
			d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
			d.getwd = func() (string, error) { return dir, nil }
			d.openDir = c.openDir
			if code := run(context.Background(), args, d); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "priorities", "*.yaml"))
			if len(c.reads) != len(files)+1 {
				t.Errorf("read %d files of the plan's %d", len(c.reads), len(files)+1)
			}
			for name, n := range c.reads {
				if n != 1 {
					t.Errorf("%s read %d times", name, n)
				}
			}
		})
	}
}
