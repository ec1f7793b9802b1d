//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// rssMeasured says whether peakRSS can read a process's peak memory here.
const rssMeasured = true

// peakRSS returns the peak resident memory, in bytes, of the finished
// process ps, read from the kernel's rusage: ru_maxrss is in bytes on
// macOS and in kilobytes on Linux and the BSDs.
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
