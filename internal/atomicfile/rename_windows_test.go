package atomicfile

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// TestReplaceWhileAnotherProgramHoldsTheFile: a file held open without
// delete sharing (as some editors do) cannot be renamed over; the write
// waits for it to be let go, then replaces it.
func TestReplaceWhileAnotherProgramHoldsTheFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "01.yaml")
	original := []byte("id: P1\r\nrag: amber\r\n")
	if err := os.WriteFile(name, original, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		t.Fatal(err)
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(name, name+".x"); err == nil || !transientRenameError(err) {
		_ = windows.CloseHandle(h)
		t.Skipf("renaming a file held open without delete sharing gave %v, not a sharing violation: nothing to wait for here", err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		_ = windows.CloseHandle(h)
		close(released)
	}()
	var w Writer
	if err := w.WriteIfUnchanged(context.Background(), name, original, []byte("id: P1\r\nrag: red\r\n")); err != nil {
		t.Fatalf("write while held for 300ms: %v", err)
	}
	<-released
	if got, _ := os.ReadFile(name); string(got) != "id: P1\r\nrag: red\r\n" {
		t.Errorf("file after the write: %q", got)
	}
}
