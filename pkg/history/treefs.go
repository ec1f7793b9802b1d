package history

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// treeFS is a read-only in-memory file system: a plan directory as it
// stood at a commit. It holds symbolic links, as git records them, but
// never follows them: Open and ReadFile refuse them, and ReadLink and
// Lstat describe them.
type treeFS struct {
	files map[string]treeFile
	dirs  map[string][]string // directory -> names of its entries
}

// treeFile is a file in a treeFS: its contents, or only its size when
// the contents were too large to read, or the target of a link.
type treeFile struct {
	data      []byte
	size      int64
	link      string
	isLink    bool
	tooLarge  bool
	isGitlink bool // a submodule: git records a commit of another repository
}

func newTreeFS() *treeFS {
	return &treeFS{files: map[string]treeFile{}, dirs: map[string][]string{".": nil}}
}

// add puts a file at name (slash-separated, relative), creating its
// directories.
func (t *treeFS) add(name string, data []byte) {
	t.put(name, treeFile{data: data, size: int64(len(data))})
}

// addLink puts a symbolic link to target at name.
func (t *treeFS) addLink(name, target string) {
	t.put(name, treeFile{link: target, isLink: true, size: int64(len(target))})
}

// addGitlink puts a submodule at name: an entry that is not a file.
func (t *treeFS) addGitlink(name string) {
	t.put(name, treeFile{isGitlink: true})
}

// addTooLarge puts a file of the given size whose contents were not read.
func (t *treeFS) addTooLarge(name string, size int64) {
	t.put(name, treeFile{size: size, tooLarge: true})
}

func (t *treeFS) put(name string, f treeFile) {
	t.files[name] = f
	for child := name; child != "."; {
		dir := path.Dir(child)
		_, seen := t.dirs[dir]
		base := path.Base(child)
		if !slices.Contains(t.dirs[dir], base) {
			t.dirs[dir] = append(t.dirs[dir], base)
		}
		if seen && dir != "." {
			break
		}
		child = dir
	}
}

func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok := t.files[name]; ok {
		if err := f.unreadable(); err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &memFile{info: f.info(path.Base(name)), r: bytes.NewReader(f.data)}, nil
	}
	if _, ok := t.dirs[name]; ok {
		entries, _ := t.ReadDir(name)
		return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// unreadable says why f cannot be opened, or returns nil.
func (f treeFile) unreadable() error {
	switch {
	case f.isLink:
		return errLinkNotFollowed
	case f.tooLarge:
		return errTooLarge
	case f.isGitlink:
		return errGitlink
	}
	return nil
}

func (f treeFile) info(name string) memInfo {
	return memInfo{name: name, size: f.size, link: f.isLink, gitlink: f.isGitlink}
}

var (
	errLinkNotFollowed = errors.New("is a symbolic link, which plan does not follow")
	errTooLarge        = errors.New("too large to read")
	errGitlink         = errors.New("is a submodule (a gitlink), not a file")
)

func (t *treeFS) ReadFile(name string) ([]byte, error) {
	if f, ok := t.files[name]; ok {
		if err := f.unreadable(); err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		return slices.Clone(f.data), nil
	}
	if _, ok := t.dirs[name]; ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errIsDir}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

var errIsDir = errors.New("is a directory")

func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := t.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var entries []fs.DirEntry
	for _, n := range names {
		full := path.Join(name, n)
		info := t.files[full].info(n)
		if _, ok := t.dirs[full]; ok {
			info.dir = true
		}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	return f.Stat()
}

// ReadLink returns the target of the link at name.
func (t *treeFS) ReadLink(name string) (string, error) {
	f, ok := t.files[name]
	switch {
	case !fs.ValidPath(name):
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	case !ok:
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist}
	case !f.isLink:
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return f.link, nil
}

// Lstat describes name without following a link.
func (t *treeFS) Lstat(name string) (fs.FileInfo, error) {
	if f, ok := t.files[name]; ok {
		return f.info(path.Base(name)), nil
	}
	if _, ok := t.dirs[name]; ok && fs.ValidPath(name) {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
}

type memInfo struct {
	name    string
	size    int64
	dir     bool
	link    bool
	gitlink bool
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Mode() fs.FileMode {
	switch {
	case i.dir:
		return fs.ModeDir | 0o555
	case i.link:
		return fs.ModeSymlink | 0o777
	case i.gitlink:
		return fs.ModeIrregular
	}
	return 0o444
}

// Sys says what an entry that is not a file is, in the words Load's
// finding uses (see plan.Describer).
func (i memInfo) Sys() any {
	if i.gitlink {
		return notAFile("a submodule (a gitlink)")
	}
	return nil
}

// notAFile describes an entry that is not a file.
type notAFile string

func (n notAFile) Describe() string { return string(n) }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
