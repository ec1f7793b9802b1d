// Package gittest builds real git repositories in temporary directories
// for tests: commits with set dates and authors, tags, shallow clones.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
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
