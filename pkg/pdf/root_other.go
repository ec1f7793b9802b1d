//go:build !unix

package pdf

// runningAsRoot is false where there is no root.
func runningAsRoot() bool { return false }
