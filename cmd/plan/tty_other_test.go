//go:build !linux

package main

import (
	"fmt"
	"os"
)

// onTTY needs Linux's pseudo-terminals: scripts that use it begin
// "[!linux] skip".
func onTTY(args []string) int {
	fmt.Fprintln(os.Stderr, "ontty: pseudo-terminals are only opened on Linux")
	return 2
}
