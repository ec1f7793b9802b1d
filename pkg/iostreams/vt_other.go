//go:build !windows

package iostreams

import "os"

// enableVirtualTerminal says whether f's terminal shows colour escapes:
// outside Windows, terminals do.
func enableVirtualTerminal(*os.File) bool { return true }
