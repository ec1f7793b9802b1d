// Package iostreams owns the standard streams of one command run: where
// data and messages go, whether stdout is a terminal, how wide that
// terminal is, and whether colour may be used.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"sync"

	"golang.org/x/term"
)

// IOStreams is the I/O of one command run. Data goes to Out; warnings,
// progress and errors go to ErrOut.
//
// Out and ErrOut never begin a line with "::": GitHub Actions reads a line
// of a job's log that begins "::" as a workflow command (::error,
// ::add-mask::, ::stop-commands::), and a plan title or a directory name
// that begins a line of a report could forge one. Such a line is written
// with a space before it. (Flush when a run ends.) What must reach its reader byte for byte (the
// workflow commands of check -o github, a file laid out by fmt -, textconv
// for git) is written to RawOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	rawOut  io.Writer
	outTTY  bool
	noColor bool
	width   int // the terminal's columns, when stdout is one
	// vt, when not nil, says whether the terminal shows colour escapes
	// (asked once, and only when colour is otherwise allowed): on
	// Windows, whether the console's virtual terminal processing could be
	// turned on; nil means it does.
	vt func() bool
}

// defaultWidth is the width of a terminal whose size cannot be read.
const defaultWidth = 80

// RawOut returns stdout without the guard on lines beginning "::".
func (s *IOStreams) RawOut() io.Writer { return s.rawOut }

// lineGuard writes to w, putting a space before "::" at the start of a
// line. A single colon that ends a write at the start of a line is held
// until the next write, or Flush, says what follows it.
type lineGuard struct {
	w       io.Writer
	midLine bool
	colon   bool // a colon held back at the start of a line
}

func (g *lineGuard) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+2)
	rest := p
	if g.colon {
		g.colon = false
		if len(rest) > 0 && rest[0] == ':' {
			out = append(out, ' ')
		}
		out = append(out, ':')
		g.midLine = true
	}
	for len(rest) > 0 {
		if !g.midLine && rest[0] == ':' {
			if len(rest) == 1 {
				g.colon = true
				break
			}
			if rest[1] == ':' {
				out = append(out, ' ')
			}
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			out = append(out, rest...)
			g.midLine = true
			break
		}
		out = append(out, rest[:i+1]...)
		rest = rest[i+1:]
		g.midLine = false
	}
	if _, err := g.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a colon held back.
func (g *lineGuard) flush() error {
	if !g.colon {
		return nil
	}
	g.colon = false
	_, err := g.w.Write([]byte(":"))
	return err
}

// Flush writes what Out and ErrOut hold back: call it when a run ends.
func (s *IOStreams) Flush() error {
	for _, w := range []io.Writer{s.Out, s.ErrOut} {
		if g, ok := w.(*lineGuard); ok {
			if err := g.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// System returns the process's own streams. getenv is consulted for
// NO_COLOR, TERM and COLUMNS.
func System(getenv func(string) string) *IOStreams {
	return system(os.Stdin, os.Stdout, os.Stderr, getenv)
}

// system is System for the streams given. Whether stdout is a terminal
// is asked of the terminal driver (isatty), not read from the file's
// mode: /dev/null, where '>/dev/null' sends output, is a character
// device too, and not a terminal.
func system(stdin, stdout, stderr *os.File, getenv func(string) string) *IOStreams {
	tty := term.IsTerminal(int(stdout.Fd()))
	width := 0
	if tty {
		width = defaultWidth
		if w, _, err := term.GetSize(int(stdout.Fd())); err == nil && w > 0 {
			width = w
		}
	}
	return &IOStreams{
		In:      stdin,
		Out:     &lineGuard{w: stdout},
		ErrOut:  &lineGuard{w: stderr},
		rawOut:  stdout,
		outTTY:  tty,
		noColor: getenv("NO_COLOR") != "" || getenv("TERM") == "dumb",
		width:   columns(getenv, width),
		vt: sync.OnceValue(func() bool {
			// Windows Terminal sets WT_SESSION and shows escapes whatever
			// the console mode says.
			return enableVirtualTerminal(stdout) || getenv("WT_SESSION") != ""
		}),
	}
}

// columns returns $COLUMNS when it is a positive number, else detected.
func columns(getenv func(string) string, detected int) int {
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return detected
}

// Test returns streams writing to buffers, for tests, and the buffers:
// stdout then stderr. Stdout is not a terminal until SetOutTTY(true); as
// one, it is 80 columns wide until SetTerminalWidth says otherwise.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: &bytes.Buffer{}, Out: &lineGuard{w: out}, ErrOut: &lineGuard{w: errOut}, rawOut: out, width: defaultWidth}, out, errOut
}

// SetOutTTY says whether stdout is to be treated as a terminal.
func (s *IOStreams) SetOutTTY(tty bool) { s.outTTY = tty }

// SetTerminalWidth sets the width, in columns, of the terminal stdout is
// treated as (when it is one).
func (s *IOStreams) SetTerminalWidth(columns int) { s.width = columns }

// TerminalWidth returns the width in columns that output to stdout must
// fit: the terminal's, or $COLUMNS when that is set to a positive number;
// 0 when stdout is not a terminal, where there is no width to fit.
func (s *IOStreams) TerminalWidth() int {
	if !s.outTTY {
		return 0
	}
	if s.width <= 0 {
		return defaultWidth
	}
	return s.width
}

// SetNoColor turns colour off even on a terminal.
func (s *IOStreams) SetNoColor(off bool) { s.noColor = off }

// IsOutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsOutTTY() bool { return s.outTTY }

// ColorEnabled reports whether output to stdout may be coloured: only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or TERM
// is "dumb". On Windows the console must also take colour escapes: plan
// turns on its virtual terminal processing, which consoles before
// Windows 10 do not have (no colour there).
func (s *IOStreams) ColorEnabled() bool { return colorEnabled(s.outTTY, s.noColor, s.vt) }

// colorEnabled is the decision of ColorEnabled: tty, whether stdout is a
// terminal; noColor, whether NO_COLOR or TERM=dumb asks for none; vt (nil
// for yes) whether the terminal shows colour escapes, asked last.
func colorEnabled(tty, noColor bool, vt func() bool) bool {
	return tty && !noColor && (vt == nil || vt())
}
