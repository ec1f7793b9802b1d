package iostreams

import (
	"os"
	"syscall"
	"testing"
)

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"TERM": "xterm-256color"}, true},
	}
	for _, tt := range tests {
		// As in Windows Terminal, so that on Windows the answer does not
		// hang on whether the test's stdout is a console (TestColorDecision
		// covers one that is not).
		s := System(func(k string) string {
			if k == "WT_SESSION" {
				return "1"
			}
			return tt.env[k]
		})
		s.SetOutTTY(tt.tty)
		if got := s.ColorEnabled(); got != tt.want {
			t.Errorf("tty %v env %v: ColorEnabled = %v, want %v", tt.tty, tt.env, got, tt.want)
		}
	}
}

func TestTestStreams(t *testing.T) {
	s, out, errOut := Test()
	if s.IsOutTTY() || s.ColorEnabled() {
		t.Error("test streams start as a terminal")
	}
	if _, err := s.Out.Write([]byte("data")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ErrOut.Write([]byte("message")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "data" || errOut.String() != "message" {
		t.Errorf("out %q, err %q", out, errOut)
	}
}

// TestTerminalWidth: tables fit the terminal's width, which COLUMNS
// overrides; piped output has no width to fit, whatever COLUMNS says.
func TestTerminalWidth(t *testing.T) {
	s := System(func(k string) string { return map[string]string{"COLUMNS": "132"}[k] })
	s.SetOutTTY(true)
	if got := s.TerminalWidth(); got != 132 {
		t.Errorf("COLUMNS=132 on a terminal: width %d", got)
	}
	s.SetOutTTY(false)
	if got := s.TerminalWidth(); got != 0 {
		t.Errorf("COLUMNS=132 piped: width %d, want 0", got)
	}
	for _, env := range []string{"", "wide", "0", "-3", "80x"} {
		if got := columns(func(string) string { return env }, 97); got != 97 {
			t.Errorf("COLUMNS=%q: width %d, want the detected 97", env, got)
		}
	}
	ts, _, _ := Test()
	if ts.TerminalWidth() != 0 {
		t.Error("test streams have a width before they are a terminal")
	}
	ts.SetOutTTY(true)
	if ts.TerminalWidth() != 80 {
		t.Errorf("test terminal is %d wide, want 80", ts.TerminalWidth())
	}
	ts.SetTerminalWidth(61)
	if ts.TerminalWidth() != 61 {
		t.Errorf("SetTerminalWidth(61): %d", ts.TerminalWidth())
	}
}

// TestDevNullIsNotATerminal: with stdout sent to /dev/null (a character
// device, as a terminal is) plan is not on a terminal: no colour, no
// width; a terminal is one.
func TestDevNullIsNotATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer func() { _ = null.Close() }() // written to by no one
	if fi, err := null.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is not a character device (%v): the test shows nothing", os.DevNull, err)
	}
	getenv := func(k string) string { return map[string]string{"COLUMNS": "100"}[k] }
	s := system(os.Stdin, null, null, getenv)
	if s.IsOutTTY() || s.ColorEnabled() || s.TerminalWidth() != 0 {
		t.Errorf("stdout to %s: terminal %v, colour %v, width %d; want false, false, 0", os.DevNull, s.IsOutTTY(), s.ColorEnabled(), s.TerminalWidth())
	}

	// The master side of a new pseudo-terminal is a terminal.
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to compare with: %v", err)
	}
	defer func() { _ = pty.Close() }() // written to by no one
	if s := system(os.Stdin, pty, null, getenv); !s.IsOutTTY() || !s.ColorEnabled() || s.TerminalWidth() != 100 {
		t.Errorf("stdout to a terminal: terminal %v, colour %v, width %d; want true, true, 100", s.IsOutTTY(), s.ColorEnabled(), s.TerminalWidth())
	}
}

// TestColorDecision: colour needs a terminal, no NO_COLOR (or TERM=dumb),
// and a terminal that shows escapes (on Windows, a console whose virtual
// terminal processing could be turned on); the last is asked only when
// the rest allow colour, since asking changes the console's mode.
func TestColorDecision(t *testing.T) {
	tests := []struct {
		tty, noColor bool
		vt           *bool // nil: not asked
		want, asked  bool
	}{
		{tty: true, vt: ptr(true), want: true, asked: true},
		{tty: true, vt: ptr(false), want: false, asked: true}, // an old console
		{tty: true, want: true},                               // nothing to ask
		{tty: false, vt: ptr(true), want: false},
		{tty: true, noColor: true, vt: ptr(true), want: false},
	}
	for _, tt := range tests {
		asked := false
		var vt func() bool
		if tt.vt != nil {
			vt = func() bool { asked = true; return *tt.vt }
		}
		if got := colorEnabled(tt.tty, tt.noColor, vt); got != tt.want {
			t.Errorf("tty %v, no colour %v, vt %v: %v, want %v", tt.tty, tt.noColor, tt.vt != nil && *tt.vt, got, tt.want)
		}
		if tt.vt != nil && asked != tt.asked {
			t.Errorf("tty %v, no colour %v: asked the console %v, want %v", tt.tty, tt.noColor, asked, tt.asked)
		}
	}
}

func ptr[T any](v T) *T { return &v }
