package gitrepo

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// BlobID gives the id git hash-object gives, in a SHA-1 repository and in
// a SHA-256 one; any other id says nothing.
func TestBlobID(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: cannot compare with git hash-object")
	}
	samples := [][]byte{nil, []byte("id: P1\n"), []byte("title: x\r\nnote: \"a\"\r\n"), bytes.Repeat([]byte("actuals:\n  2026-03-31: 43\n"), 5000)}
	for _, format := range []string{"sha1", "sha256"} {
		dir := t.TempDir()
		if out, err := exec.Command("git", "init", "-q", "--object-format="+format, dir).CombinedOutput(); err != nil {
			if format == "sha256" {
				t.Logf("this git cannot make a SHA-256 repository (%s): only SHA-1 is compared", strings.TrimSpace(string(out)))
				continue
			}
			t.Fatalf("git init: %v\n%s", err, out)
		}
		for _, data := range samples {
			cmd := exec.Command("git", "-C", dir, "hash-object", "--stdin")
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("git hash-object: %v", err)
			}
			want := strings.TrimSpace(string(out))
			got, ok := BlobID(data, want)
			if !ok || got != want {
				t.Errorf("%s: BlobID of %d bytes = %q, %v; git hash-object says %s", format, len(data), got, ok, want)
			}
		}
	}
	if _, ok := BlobID([]byte("x"), "abc"); ok {
		t.Error("BlobID with an id of neither length: want false")
	}
}
