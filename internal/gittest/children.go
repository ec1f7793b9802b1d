package gittest

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Children returns the processes the test process started that have not
// ended and been waited for (killed but not waited for counts), as
// "PID NAME", named like name ("" for any). It skips the test where it
// cannot tell: it reads /proc, which Linux has.
func Children(t testing.TB, name string) []string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("cannot list child processes here: /proc is Linux's")
	}
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		t.Skip("cannot list child processes: no /proc")
	}
	me := strconv.Itoa(os.Getpid())
	var found []string
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // ended meanwhile
		}
		// PID (COMM) STATE PPID ...; COMM may hold spaces and parentheses.
		s := string(data)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open {
			continue
		}
		f := strings.Fields(s[end+1:])
		if len(f) < 2 || f[1] != me {
			continue
		}
		comm := s[open+1 : end]
		if name == "" || comm == name {
			found = append(found, strings.TrimSpace(s[:open])+" "+comm)
		}
	}
	return found
}
