package history

import (
	"testing"
	"testing/fstest"
)

func TestTreeFS(t *testing.T) {
	fsys := newTreeFS()
	fsys.add("plan.yaml", []byte("title: x\n"))
	fsys.add("priorities/01.yaml", []byte("id: P1\n"))
	fsys.add("priorities/deep/02.yaml", []byte("id: P2\n"))
	fsys.add("README.md", nil)
	if err := fstest.TestFS(fsys, "plan.yaml", "priorities/01.yaml", "priorities/deep/02.yaml", "README.md"); err != nil {
		t.Fatal(err)
	}
}
