package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// fakeGit is a runner whose git knows only cat-file --batch, answering
// each request from objects unless misbehave answers it instead: the
// tests' way of making git give the answers real git seldom gives.
type fakeGit struct {
	objects map[string]string // name -> "TYPE CONTENTS"
	// misbehave, when not nil, may answer request n (counted from 1 over
	// all processes) for name in place of the true answer: it writes to
	// out and returns true, or returns false to let the true answer be
	// given.
	misbehave func(n int, name string, out *fakeOut) bool
	// startErr, when not nil, fails the next start.
	startErr error
	// endErr, when not nil, is how git ends when its input ends, in
	// place of success.
	endErr error

	mu       sync.Mutex
	requests int
	started  int // processes started
	running  int // processes started and not yet waited for
	killed   int // processes killed
}

// errExit is how a fake git that ended itself exits.
var errExit = errors.New("exit status 128")

func (f *fakeGit) start(ctx context.Context, c command) (process, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.startErr; err != nil {
		f.startErr = nil
		return nil, err
	}
	if len(c.args) == 0 || c.args[0] != "cat-file" || !c.stdin {
		return nil, fmt.Errorf("fake git cannot run %q", c.args)
	}
	f.started++
	f.running++
	p := &fakeProcess{
		git:      f,
		requests: make(chan string, 100),
		out:      &fakeOut{chunks: make(chan chunk, 100), done: make(chan struct{})},
		ended:    make(chan struct{}),
	}
	p.in = &fakeIn{p: p}
	go p.serve()
	if ctx.Done() != nil {
		context.AfterFunc(ctx, p.kill)
	}
	return p, nil
}

// request counts a request and returns its number.
func (f *fakeGit) request() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	return f.requests
}

// counts returns how many processes were started, are still running
// (not waited for) and were killed.
func (f *fakeGit) counts() (started, running, killed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.started, f.running, f.killed
}

type fakeProcess struct {
	git      *fakeGit
	in       *fakeIn
	requests chan string // lines written to stdin
	out      *fakeOut
	ended    chan struct{} // closed when serve returns

	once   sync.Once // ends the process
	mu     sync.Mutex
	exit   error
	waited bool
}

// serve answers the requests until stdin is closed, the process is
// killed, or misbehave ends it.
func (p *fakeProcess) serve() {
	defer close(p.ended)
	for {
		var name string
		var ok bool
		select {
		case name, ok = <-p.requests:
		case <-p.out.done:
			return
		}
		if !ok { // stdin closed: git ends as it does, successfully unless told
			p.end(p.git.endErr)
			return
		}
		n := p.git.request()
		if p.git.misbehave != nil && p.git.misbehave(n, name, p.out) {
			if p.out.exited {
				p.end(errExit)
				return
			}
			continue
		}
		obj, found := p.git.objects[name]
		if !found {
			p.out.write(name + " missing\n")
			continue
		}
		typ, body, _ := strings.Cut(obj, " ")
		p.out.write(fmt.Sprintf("%s %s %d\n%s\n", name, typ, len(body), body))
	}
}

// end ends the process with exit: its output ends, and writing to it
// fails.
func (p *fakeProcess) end(exit error) {
	p.once.Do(func() {
		p.mu.Lock()
		p.exit = exit
		p.mu.Unlock()
		close(p.out.done)
	})
}

func (p *fakeProcess) stdin() io.WriteCloser { return p.in }
func (p *fakeProcess) stdout() io.Reader     { return p.out }

func (p *fakeProcess) kill() {
	p.once.Do(func() {
		p.git.mu.Lock()
		p.git.killed++
		p.git.mu.Unlock()
		p.mu.Lock()
		p.exit = errors.New("signal: killed")
		p.mu.Unlock()
		close(p.out.done)
	})
}

func (p *fakeProcess) wait() error {
	<-p.ended
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.waited {
		return errors.New("exec: Wait was already called")
	}
	p.waited = true
	p.git.mu.Lock()
	p.git.running--
	p.git.mu.Unlock()
	return p.exit
}

// fakeIn is a fake git's standard input: it reads lines.
type fakeIn struct {
	p      *fakeProcess
	mu     sync.Mutex
	buf    []byte
	closed bool
}

func (w *fakeIn) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, errors.New("write to closed stdin")
	}
	w.buf = append(w.buf, b...)
	for {
		line, rest, ok := strings.Cut(string(w.buf), "\n")
		if !ok {
			return len(b), nil
		}
		select {
		case w.p.requests <- line:
		case <-w.p.out.done:
			return 0, errors.New("write |1: broken pipe")
		}
		w.buf = []byte(rest)
	}
}

func (w *fakeIn) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		close(w.p.requests)
	}
	return nil
}

// fakeOut is a fake git's standard output, written by misbehave or the
// true answers, read by the Repo.
type fakeOut struct {
	chunks chan chunk
	done   chan struct{} // closed when the process ends
	rest   []byte
	exited bool // set by exitNow
}

type chunk struct {
	data []byte
	err  error // the read of this chunk fails with err
}

// write writes s.
func (o *fakeOut) write(s string) { o.chunks <- chunk{data: []byte(s)} }

// failRead makes the read that would come next fail with err, although
// the process is still running and what it writes after is still there.
func (o *fakeOut) failRead(err error) { o.chunks <- chunk{err: err} }

// exitNow ends the process once what it wrote has been read.
func (o *fakeOut) exitNow() { o.exited = true }

// hang blocks until the process is killed: a git that never answers.
func (o *fakeOut) hang() { <-o.done }

func (o *fakeOut) Read(b []byte) (int, error) {
	if len(o.rest) == 0 {
		select {
		case c := <-o.chunks:
			if c.err != nil {
				return 0, c.err
			}
			o.rest = c.data
		default:
			select {
			case c := <-o.chunks:
				if c.err != nil {
					return 0, c.err
				}
				o.rest = c.data
			case <-o.done:
				// What was written before the end can still be read.
				select {
				case c := <-o.chunks:
					if c.err != nil {
						return 0, c.err
					}
					o.rest = c.data
				default:
					return 0, io.EOF
				}
			}
		}
	}
	n := copy(b, o.rest)
	o.rest = o.rest[n:]
	return n, nil
}

// fakeRepo returns a Repo whose git is f.
func fakeRepo(f *fakeGit) *Repo { return &Repo{git: f, top: "/fake"} }
