package iostreams

import (
	"os"

	"golang.org/x/sys/windows"
)

// enableVirtualTerminal turns on f's console's virtual terminal
// processing, so that it shows colour escapes rather than printing them,
// and says whether it is on. It is not on when f is not a console, or
// the console is older than Windows 10's.
func enableVirtualTerminal(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
