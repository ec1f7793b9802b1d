package history

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/plan"
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

// TestTreeFSLinksAndLargeFiles: links and files too large to read are
// listed, with their kind and size, but never opened; Load reports them.
func TestTreeFSLinksAndLargeFiles(t *testing.T) {
	fsys := newTreeFS()
	fsys.add("plan.yaml", []byte("title: x\n"))
	fsys.addLink("priorities/01.yaml", "../../../etc/passwd")
	fsys.addTooLarge("priorities/02.yaml", 10<<20)
	if _, err := fsys.ReadFile("priorities/01.yaml"); !errors.Is(err, errLinkNotFollowed) {
		t.Errorf("ReadFile of a link: %v", err)
	}
	if _, err := fsys.Open("priorities/02.yaml"); !errors.Is(err, errTooLarge) {
		t.Errorf("Open of a file too large: %v", err)
	}
	if target, err := fs.ReadLink(fsys, "priorities/01.yaml"); err != nil || target != "../../../etc/passwd" {
		t.Errorf("ReadLink = %q, %v", target, err)
	}
	_, diags, err := plan.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		if d.Rule == plan.RuleNotAFile || d.Rule == plan.RuleLimit {
			got = append(got, d.Pos.String()+" "+d.Message)
		}
	}
	want := []string{
		"priorities/01.yaml:1:1 priorities/01.yaml is a symbolic link to ../../../etc/passwd, outside the plan directory; it is not read",
		"priorities/02.yaml:1:1 priorities/02.yaml is 10.0 MB; plan files may be at most 4.0 MB, so it is not read: split it into smaller files",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
