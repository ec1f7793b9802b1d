//go:build unix

package pdf

import "os"

// runningAsRoot says whether the browser would run as root, where Chromium
// refuses to start with its sandbox.
func runningAsRoot() bool { return os.Geteuid() == 0 }
