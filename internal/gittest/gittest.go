// Package gittest builds real git repositories in temporary directories
// for tests: commits with set dates and authors, tags, shallow clones.
package gittest

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Repo is a repository under construction.
type Repo struct {
	t   testing.TB
	Dir string
	env []string
}

// Env returns the environment git runs with in tests: no system or user
// configuration, a fixed identity, and a HOME of its own.
func Env(home string) []string {
	env := []string{
		"HOME=" + home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + filepath.Join(home, ".gitconfig"),
		"GIT_AUTHOR_NAME=Test Author",
		"GIT_AUTHOR_EMAIL=author@example.org",
		"GIT_COMMITTER_NAME=Test Committer",
		"GIT_COMMITTER_EMAIL=committer@example.org",
		"GIT_TERMINAL_PROMPT=0",
		"TZ=UTC",
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	return env
}

// New makes an empty repository with branch main in a temporary
// directory. It skips the test when git is not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	return NewAt(t, t.TempDir())
}

// NewAt makes an empty repository with branch main in dir, with a home
// directory for git beside it (dir + "-home"); the caller removes both. It
// skips the test when git is not installed.
func NewAt(t testing.TB, dir string) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: skipping a test that needs a real repository")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	home := dir + "-home" // beside the repository, so it is not part of it
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	r := &Repo{t: t, Dir: dir, env: Env(home)}
	r.Git("init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository and returns its output, failing the test
// on error.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	return r.GitEnv(nil, args...)
}

// GitEnv runs git with extra environment variables.
func (r *Repo) GitEnv(extra []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append(append([]string{}, r.env...), extra...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes files (path: contents) into the work tree; an empty
// contents removes the file.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files, stages everything and commits with the given date
// as both author and commit date. It returns the new commit's hash.
func (r *Repo) Commit(date time.Time, message string, files map[string]string) string {
	r.t.Helper()
	return r.CommitAs("Test Author", date, message, files)
}

// CommitAs is Commit with an author name of its own.
func (r *Repo) CommitAs(author string, date time.Time, message string, files map[string]string) string {
	r.t.Helper()
	r.Write(files)
	r.Git("add", "-A")
	d := date.Format(time.RFC3339)
	r.GitEnv([]string{"GIT_AUTHOR_DATE=" + d, "GIT_COMMITTER_DATE=" + d, "GIT_AUTHOR_NAME=" + author}, "commit", "-q", "--allow-empty", "-m", message)
	return strings.TrimSpace(r.Git("rev-parse", "HEAD"))
}

// Environ returns the environment to run git (or a program that runs
// git) against this repository with.
func (r *Repo) Environ() []string { return r.env }

// A Change is one commit for Commits.
type Change struct {
	Author  string    // the author's name; "" for Test Author, as Commit
	Date    time.Time // the author and commit date
	Message string
	Files   map[string]string // written as Write writes them: "" removes a file
}

// Commits makes a commit for each change in turn, on top of HEAD, as
// Commit would, and returns their hashes: the same commits, made by one git
// fast-import rather than three git commands each, for tests that build
// long histories. Only the files a change names change: as with Commit when
// nothing else in the work tree has changed since the last commit, the
// files are not ignored, and the repository's attributes and configuration
// convert nothing (no core.autocrlf). At the end the work tree and index
// hold the last commit, as after Commit.
func (r *Repo) Commits(changes []Change) []string {
	r.t.Helper()
	branch := strings.TrimSpace(r.Git("symbolic-ref", "HEAD"))
	var stream bytes.Buffer
	fmt.Fprintf(&stream, "reset %s\n", branch)
	if head, err := r.command("rev-parse", "-q", "--verify", "HEAD^{commit}").Output(); err == nil {
		fmt.Fprintf(&stream, "from %s\n\n", bytes.TrimSpace(head))
	}
	data := func(s string) { fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s) }
	final := map[string]string{}
	for i, c := range changes {
		author := c.Author
		if author == "" {
			author = "Test Author"
		}
		when := strconv.FormatInt(c.Date.Unix(), 10) + " " + c.Date.Format("-0700")
		fmt.Fprintf(&stream, "commit %s\nmark :%d\nauthor %s <%s> %s\ncommitter %s <%s> %s\n", branch, i+1,
			author, r.getenv("GIT_AUTHOR_EMAIL"), when, r.getenv("GIT_COMMITTER_NAME"), r.getenv("GIT_COMMITTER_EMAIL"), when)
		data(cleanMessage(c.Message))
		for _, name := range slices.Sorted(maps.Keys(c.Files)) {
			if name == "" || strings.ContainsAny(name, "\n\"") || strings.HasPrefix(name, "/") {
				r.t.Fatalf("gittest.Commits: %q is not a name it can give git fast-import", name)
			}
			final[name] = c.Files[name]
			if c.Files[name] == "" {
				fmt.Fprintf(&stream, "D %s\n", name)
				continue
			}
			fmt.Fprintf(&stream, "M 100644 inline %s\n", name)
			data(c.Files[name])
		}
		stream.WriteString("\n")
	}
	stream.WriteString("done\n")
	marks := filepath.Join(r.t.TempDir(), "marks")
	cmd := r.command("fast-import", "--quiet", "--done", "--export-marks="+marks)
	cmd.Stdin = &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	// The work tree as the last commit left it, and the index to match.
	for name, data := range final {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); data == "" && err != nil {
			delete(final, name) // made and removed again
		}
	}
	r.Write(final)
	r.Git("reset", "-q")
	text, err := os.ReadFile(marks)
	if err != nil {
		r.t.Fatal(err)
	}
	hashes := make([]string, len(changes))
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		mark, hash, _ := strings.Cut(line, " ")
		if n, err := strconv.Atoi(strings.TrimPrefix(mark, ":")); err == nil && n >= 1 && n <= len(changes) {
			hashes[n-1] = hash
		}
	}
	return hashes
}

// cleanMessage is a commit message as git commit -m tidies it: trailing
// spaces cut, blank lines at either end dropped and runs of them made one,
// and a newline at the end.
func cleanMessage(m string) string {
	var lines []string
	blank := false
	for _, l := range strings.Split(m, "\n") {
		l = strings.TrimRight(l, " \t\r\v\f")
		if l == "" {
			blank = len(lines) > 0
			continue
		}
		if blank {
			lines = append(lines, "")
			blank = false
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n") + "\n"
}

// command is git with args in the repository.
func (r *Repo) command(args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append([]string{}, r.env...)
	return cmd
}

// getenv is a variable of the environment git runs with.
func (r *Repo) getenv(key string) string {
	for _, kv := range r.env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
