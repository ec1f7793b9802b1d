// Package hint gives an error a line telling the user how to fix it; plan's
// main prints that line under the error.
package hint

import "fmt"

// Error is an error with a hint.
type Error struct {
	err  error
	hint string
}

func (e *Error) Error() string { return e.err.Error() }
func (e *Error) Unwrap() error { return e.err }

// Hint is the line telling the user how to fix the error; run prints the
// hint of any error in the chain that has one.
func (e *Error) Hint() string { return e.hint }

// Wrap returns err with the hint format makes.
func Wrap(err error, format string, args ...any) error {
	return &Error{err, fmt.Sprintf(format, args...)}
}
