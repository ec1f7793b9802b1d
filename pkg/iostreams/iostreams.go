// Package iostreams owns the standard streams of one command run: where
// data and messages go, whether stdout is a terminal, and whether colour
// may be used.
package iostreams

import (
	"bytes"
	"io"
	"os"
)

// IOStreams is the I/O of one command run. Data goes to Out; warnings,
// progress and errors go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY  bool
	noColor bool
}

// System returns the process's own streams. getenv is consulted for
// NO_COLOR and TERM.
func System(getenv func(string) string) *IOStreams {
	return &IOStreams{
		In:      os.Stdin,
		Out:     os.Stdout,
		ErrOut:  os.Stderr,
		outTTY:  isTerminal(os.Stdout),
		noColor: getenv("NO_COLOR") != "" || getenv("TERM") == "dumb",
	}
}

// Test returns streams writing to buffers, for tests, and the buffers:
// stdout then stderr. Stdout is not a terminal until SetOutTTY(true).
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: &bytes.Buffer{}, Out: out, ErrOut: errOut}, out, errOut
}

// SetOutTTY says whether stdout is to be treated as a terminal.
func (s *IOStreams) SetOutTTY(tty bool) { s.outTTY = tty }

// SetNoColor turns colour off even on a terminal.
func (s *IOStreams) SetNoColor(off bool) { s.noColor = off }

// IsOutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsOutTTY() bool { return s.outTTY }

// ColorEnabled reports whether output to stdout may be coloured: only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or TERM
// is "dumb".
func (s *IOStreams) ColorEnabled() bool { return s.outTTY && !s.noColor }

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
