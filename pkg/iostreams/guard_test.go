package iostreams

import (
	"bytes"
	"testing"
)

// TestLineGuard: no line of Out or ErrOut begins with "::", however the
// text is split into writes; a line beginning with one colon (cobra's
// completion directive, ":4") is left alone; RawOut is left alone.
func TestLineGuard(t *testing.T) {
	io, out, errOut := Test()
	for _, chunk := range []string{"::error file=x::forged\n", "ok: fine\n", ":", ":add-mask::x\n", "a\n::", "warning::\n", ":4\n", ":", "x\n", "end\n", ":"} {
		if _, err := io.Out.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ErrOut.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	if err := io.Flush(); err != nil {
		t.Fatal(err)
	}
	want := " ::error file=x::forged\nok: fine\n ::add-mask::x\na\n ::warning::\n:4\n:x\nend\n:"
	if out.String() != want || errOut.String() != want {
		t.Errorf("got\n%q\n%q\nwant\n%q", out, errOut, want)
	}
	out.Reset()
	if _, err := io.RawOut().Write([]byte("::notice::meant\n")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "::notice::meant\n" {
		t.Errorf("RawOut changed %q", out)
	}
	var b bytes.Buffer
	g := &lineGuard{w: &b}
	if n, err := g.Write([]byte(":x\n")); n != 3 || err != nil {
		t.Errorf("Write = %d, %v; want the length of what was given", n, err)
	}
}
