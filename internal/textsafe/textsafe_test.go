package textsafe

import (
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, with a tab\tand café", "plain text, with a tab\tand café"},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"\x1b]52;c;aGVsbG8=\a", `\x1b]52;c;aGVsbG8=\x07`},
		{"two\nlines\r\n", `two\nlines\r\n`},
		{"::error file=x::forged\n::add-mask::secret", `::error file=x::forged\n::add-mask::secret`},
		{"a\u2028b\u2029c\u0085d", `a\u2028b\u2029c\x85d`},
		{"admin\u202egnp.exe", `admin\u202egnp.exe`},
		{"bad \xff byte", `bad \xff byte`},
		{"\u009b31m", `\x9b31m`},
		{"\x7f", `\x7f`},
	}
	for _, tt := range tests {
		got := Visible(tt.in)
		if got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if i, r := First(got); i >= 0 {
			t.Errorf("Visible(%q) still holds %s", tt.in, Name(r))
		}
	}
}

// TestUnsafe: every C0 and C1 control but tab is unsafe; ordinary
// letters, spaces and punctuation in any script are not.
func TestUnsafe(t *testing.T) {
	for r := rune(0); r < 0xa0; r++ {
		want := r < 0x20 && r != '\t' || r >= 0x7f
		if Unsafe(r) != want {
			t.Errorf("Unsafe(%U) = %v, want %v", r, !want, want)
		}
	}
	for _, r := range "aZ09 ,.;:-–—’“é中文العربيةעברית\u00a0\u200d€" {
		if Unsafe(r) {
			t.Errorf("Unsafe(%q) = true; it is ordinary text", r)
		}
	}
}

func TestVisibleExcept(t *testing.T) {
	red, reset := "\x1b[31m", "\x1b[0m"
	in := red + "red" + reset + " \x1b[8mhidden\x1b[2J\x1b]0;t\a\x1b[31"
	want := red + "red" + reset + ` \x1b[8mhidden\x1b[2J\x1b]0;t\x07\x1b[31`
	if got := VisibleExcept(in, red, reset); got != want {
		t.Errorf("VisibleExcept(%q) = %q, want %q", in, got, want)
	}
}

func TestJSON(t *testing.T) {
	in := []byte("{\n  \"a\": \"x\u009b\u202e\x7f\"\r\n}\n")
	want := "{\n  \"a\": \"x\\u009b\\u202e\\u007f\"\r\n}\n"
	if got := string(JSON(in)); got != want {
		t.Errorf("JSON(%q) = %s, want %s", in, got, want)
	}
}

func TestName(t *testing.T) {
	for r, want := range map[rune]string{0x1b: "ESC (U+001B)", '\u2028': "LINE SEPARATOR (U+2028)", 0x01: "control character U+0001"} {
		if got := Name(r); !strings.EqualFold(got, want) {
			t.Errorf("Name(%U) = %q, want %q", r, got, want)
		}
	}
}

func FuzzVisible(f *testing.F) {
	f.Add("\x1b[31mred\x1b[0m\n")
	f.Fuzz(func(t *testing.T, s string) {
		v := Visible(s)
		if i, r := First(v); i >= 0 {
			t.Fatalf("Visible(%q) = %q still holds %s", s, v, Name(r))
		}
		if i, _ := First(s); i >= 0 && v == s {
			t.Fatalf("Visible(%q) changed nothing", s)
		}
	})
}
