//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
)

// slowGit is a git for TestSignal: "git log", which walks history, never
// ends, as on a very long history, and says it has begun by writing its
// process id to $PLAN_TEST_GIT_PID; everything else is real git.
const slowGit = `#!/bin/sh
for a in "$@"; do
	if [ "$a" = log ]; then
		echo $$ > "$PLAN_TEST_GIT_PID.tmp" && mv "$PLAN_TEST_GIT_PID.tmp" "$PLAN_TEST_GIT_PID"
		exec sleep 120
	fi
done
exec "$PLAN_TEST_REAL_GIT" "$@"
`

// TestSignal sends Ctrl-C (SIGINT) or SIGTERM to the plan program while
// it waits on git walking history: plan exits 130 within two seconds,
// having printed only "plan: interrupted", and the git it was waiting on
// has been killed.
func TestSignal(t *testing.T) {
	examples, hist := fixtures(t)
	planExe, err := exec.LookPath("plan") // the test binary, as testscript installs it
	if err != nil {
		t.Skipf("no plan program: %v", err)
	}
	realGit, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(slowGit), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		signal os.Signal
		args   []string
	}{
		{"log, Ctrl-C", os.Interrupt, []string{"log", "P1.1", "-C", filepath.Join(hist, "plan")}},
		{"log, SIGTERM", syscall.SIGTERM, []string{"log", "P1.1", "-C", filepath.Join(hist, "plan")}},
		{"portfolio check, Ctrl-C", os.Interrupt, []string{"check", "--portfolio", filepath.Join(examples, "testdata")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "git.pid")
			cmd := exec.Command(planExe, tc.args...)
			cmd.Env = append(gittest.Env(t.TempDir()),
				"PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"),
				"PLAN_TEST_REAL_GIT="+realGit, "PLAN_TEST_GIT_PID="+pidFile, "PLAN_AS_OF=2026-11-24")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// exited is closed when plan has ended, how being waitErr.
			exited := make(chan struct{})
			var waitErr error
			go func() { waitErr = cmd.Wait(); close(exited) }()
			defer func() {
				_ = cmd.Process.Kill() // fails when plan has ended, as it should have
				<-exited
			}()

			// Wait for plan to be waiting on git log.
			var gitPID int
			for deadline := time.Now().Add(30 * time.Second); gitPID == 0; {
				if data, err := os.ReadFile(pidFile); err == nil {
					gitPID, _ = strconv.Atoi(strings.TrimSpace(string(data)))
					continue
				}
				select {
				case <-exited:
					t.Fatalf("plan ended before git log began: %v\nstdout %s\nstderr %s", waitErr, &stdout, &stderr)
				case <-time.After(20 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatal("git log did not begin within 30 s")
				}
			}
			defer func() { _ = syscall.Kill(gitPID, syscall.SIGKILL) }() // should the test fail; gone already if not

			sent := time.Now()
			if err := cmd.Process.Signal(tc.signal); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				t.Fatalf("plan still running 10 s after %v", tc.signal)
			}
			if took := time.Since(sent); took > 2*time.Second {
				t.Errorf("plan took %v to exit after %v", took, tc.signal)
			}
			var exit *exec.ExitError
			code := 0
			if errors.As(waitErr, &exit) {
				code = exit.ExitCode()
			}
			if code != exitInterrupted || stdout.String() != "" || stderr.String() != "plan: interrupted\n" {
				t.Errorf("after %v: exit %d (%v)\nstdout %q\nstderr %q\nwant exit %d and only \"plan: interrupted\"", tc.signal, code, waitErr, &stdout, &stderr, exitInterrupted)
			}
			if alive(gitPID) {
				t.Errorf("the git plan waited on (pid %d) is still running", gitPID)
			}
		})
	}
}

// alive reports whether the process pid is running: it exists, and is
// not a zombie waiting to be reaped.
func alive(pid int) bool {
	if data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		s := string(data)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		return len(f) > 0 && f[0] != "Z" && f[0] != "X"
	}
	return syscall.Kill(pid, 0) == nil
}
