package gitrepo

import (
	"context"
	"io"
	"os/exec"
	"slices"
)

// runner starts git. Every git command a Repo runs goes through its
// runner: execRunner, which runs the git program, or in tests a fake that
// gives the answers real git seldom gives (a bad header, a short read, a
// process that dies), so that the paths reading them are tested.
type runner interface {
	// start starts git as c says. The process is killed when ctx is done.
	start(ctx context.Context, c command) (process, error)
}

// command is one run of git.
type command struct {
	dir    string    // the directory git runs in
	args   []string  // its arguments, after git's own options
	stdin  bool      // whether it reads from process.stdin; else it reads nothing
	stderr io.Writer // where its standard error goes; nil for nowhere
	env    []string  // variables added to git's environment
}

// process is a running git.
type process interface {
	// stdin is what git reads, when command.stdin asked for it: closing
	// it ends git's input.
	stdin() io.WriteCloser
	// stdout is what git writes.
	stdout() io.Reader
	// wait waits for git to exit, once its output has been read, and
	// says how it ended.
	wait() error
	// kill ends git at once; wait must still be called.
	kill()
}

// execRunner runs the git program.
type execRunner struct {
	git string   // the program
	env []string // its whole environment
}

func (e execRunner) start(ctx context.Context, c command) (process, error) {
	// Paths in git's answers are written as they are, not quoted.
	args := append([]string{"-c", "core.quotePath=false", "-C", c.dir}, c.args...)
	cmd := exec.CommandContext(ctx, e.git, args...)
	cmd.Env = append(slices.Clip(e.env), c.env...)
	cmd.Stderr = c.stderr
	p := &execProcess{cmd: cmd}
	var err error
	if c.stdin {
		if p.in, err = cmd.StdinPipe(); err != nil {
			return nil, err
		}
	}
	if p.out, err = cmd.StdoutPipe(); err != nil {
		if p.in != nil {
			_ = p.in.Close() // never started: nothing to lose
		}
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return p, nil
}

type execProcess struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out io.Reader
}

func (p *execProcess) stdin() io.WriteCloser { return p.in }
func (p *execProcess) stdout() io.Reader     { return p.out }
func (p *execProcess) wait() error           { return p.cmd.Wait() }
func (p *execProcess) kill()                 { _ = p.cmd.Process.Kill() } // an error means it has ended already
