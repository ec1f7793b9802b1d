package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// onTTY runs a program with its stdout on a new pseudo-terminal COLUMNS
// wide, as a user's terminal is, and copies what the program writes there
// to its own stdout:
//
//	ontty COLUMNS PROGRAM [ARGS...]
//
// The program's stdin and stderr, environment and exit code are ontty's.
// The terminal does not turn "\n" into "\r\n", so that the output can be
// compared as it was written.
func onTTY(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ontty COLUMNS PROGRAM [ARGS...]")
		return 2
	}
	cols, err := strconv.Atoi(args[0])
	if err != nil || cols <= 0 || cols > 0xffff {
		fmt.Fprintf(os.Stderr, "ontty: bad width %q\n", args[0])
		return 2
	}
	master, slave, err := openPTY(cols)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ontty: %v\n", err)
		return 2
	}
	defer func() { _ = master.Close() }() // read from only
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, slave, os.Stderr
	if err := cmd.Start(); err != nil {
		_ = slave.Close() // not used: nothing to lose
		fmt.Fprintf(os.Stderr, "ontty: %v\n", err)
		return 2
	}
	_ = slave.Close() // the program holds the terminal now: when it exits, reading ends
	var out bytes.Buffer
	copied := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, master)
		copied <- err
	}()
	err = cmd.Wait()
	if err := <-copied; err != nil && !errors.Is(err, syscall.EIO) { // EIO: no one has the terminal open
		fmt.Fprintf(os.Stderr, "ontty: read the terminal: %v\n", err)
		return 2
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(os.Stderr, "ontty: %v\n", err)
		return 2
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ontty: %v\n", err)
		return 2
	}
	return 0
}

// openPTY opens a new pseudo-terminal cols wide and 24 lines high, whose
// output is not processed (no "\r" before "\n").
func openPTY(cols int) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*os.File, *os.File, error) {
		_ = master.Close() // it failed already: that error is the one to report
		if slave != nil {
			_ = slave.Close()
		}
		return nil, nil, err
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		return fail(fmt.Errorf("unlock the terminal: %w", err))
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		return fail(fmt.Errorf("name the terminal: %w", err))
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return fail(err)
	}
	sfd := int(slave.Fd())
	if err := unix.IoctlSetWinsize(sfd, unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: uint16(cols)}); err != nil {
		return fail(fmt.Errorf("size the terminal: %w", err))
	}
	t, err := unix.IoctlGetTermios(sfd, unix.TCGETS)
	if err != nil {
		return fail(fmt.Errorf("read the terminal's settings: %w", err))
	}
	t.Oflag &^= unix.OPOST
	if err := unix.IoctlSetTermios(sfd, unix.TCSETS, t); err != nil {
		return fail(fmt.Errorf("set the terminal's output: %w", err))
	}
	return master, slave, nil
}
