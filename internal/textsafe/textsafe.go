// Package textsafe keeps text that others wrote from acting on the
// terminals, logs and files it is shown in. A control character (an
// escape, a bell, a carriage return, a line break), a line or paragraph
// separator, or a character that reorders text (the bidirectional
// overrides of "Trojan Source") can clear a screen, write the clipboard,
// forge a line of a CI log or hide part of a line from a reviewer. Plan
// files may not hold them at all; text from git (authors, commit
// subjects, tag messages, paths) is shown with them made visible.
package textsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r must not reach a terminal or log as it is: a
// C0 control character other than tab, DEL, a C1 control character, LINE
// SEPARATOR, PARAGRAPH SEPARATOR, or a bidirectional embedding, override
// or isolate.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t'
	case r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case r == '\u2028', r == '\u2029':
		return true
	case '\u202a' <= r && r <= '\u202e', '\u2066' <= r && r <= '\u2069':
		return true
	}
	return false
}

// First returns the byte index and the first unsafe character in s, or
// -1 when there is none.
func First(s string) (int, rune) {
	for i, r := range s {
		if Unsafe(r) {
			return i, r
		}
	}
	return -1, 0
}

// Visible returns s with every unsafe character, and every byte that is
// not UTF-8, written as an escape a reader can see: \n, \r, \x1b, \u2028.
// Text with none is returned as it is.
func Visible(s string) string {
	clean := true
	for i, r := range s {
		if Unsafe(r) || r == utf8.RuneError && isBadByte(s, i) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isBadByte(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !Unsafe(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// VisibleExcept is Visible for text that may hold the escape sequences
// a program added itself (its colours): each of keep is left as it is,
// every other unsafe character is made visible. Text from elsewhere must
// be made visible before it is put beside them, or a sequence of its own
// that happens to be one of keep would pass.
func VisibleExcept(s string, keep ...string) string {
	if !strings.Contains(s, "\x1b") {
		return Visible(s)
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, 0x1b)
		if i < 0 {
			b.WriteString(Visible(s))
			break
		}
		b.WriteString(Visible(s[:i]))
		s = s[i:]
		kept := false
		for _, k := range keep {
			if strings.HasPrefix(s, k) {
				b.WriteString(k)
				s, kept = s[len(k):], true
				break
			}
		}
		if !kept {
			b.WriteString(Visible(s[:1]))
			s = s[1:]
		}
	}
	return b.String()
}

// JSON returns JSON text with every unsafe character inside its strings
// written as a \u escape: the same JSON value, safe to print. (The
// encoding/json package escapes C0 controls and U+2028/9 but not DEL, C1
// controls or bidi overrides.)
func JSON(b []byte) []byte {
	if !strings.ContainsFunc(string(b), jsonUnsafe) {
		return b
	}
	return []byte(Escape(string(b), jsonUnsafe))
}

// Escape returns s with each character for which escape reports true
// written as a \u escape (\u001b).
func Escape(s string, escape func(rune) bool) string {
	if !strings.ContainsFunc(s, escape) {
		return s
	}
	var out strings.Builder
	for _, r := range s {
		if escape(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return out.String()
}

// jsonUnsafe is Unsafe but for the line feeds and carriage returns that
// lay JSON out: inside its strings they are escaped already.
func jsonUnsafe(r rune) bool { return Unsafe(r) && r != '\n' && r != '\r' }

// isBadByte reports whether the byte at i of s is not the start of a
// UTF-8 character (as opposed to an encoded U+FFFD).
func isBadByte(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n == 1
}

// Name describes an unsafe character for a message: "ESC (U+001B)",
// "LINE SEPARATOR (U+2028)".
func Name(r rune) string {
	if n, ok := names[r]; ok {
		return fmt.Sprintf("%s (%U)", n, r)
	}
	if r < 0xa0 {
		return fmt.Sprintf("control character %U", r)
	}
	return fmt.Sprintf("%U", r)
}

// names are the unsafe characters with names readers know.
var names = map[rune]string{
	0: "NUL", 7: "BEL", 8: "BACKSPACE", '\n': "LINE FEED", 0x0b: "VERTICAL TAB", 0x0c: "FORM FEED",
	'\r': "CARRIAGE RETURN", 0x1b: "ESC", 0x7f: "DEL", 0x85: "NEL", 0x9b: "CSI",
	'\u2028': "LINE SEPARATOR", '\u2029': "PARAGRAPH SEPARATOR",
	'\u202a': "LEFT-TO-RIGHT EMBEDDING", '\u202b': "RIGHT-TO-LEFT EMBEDDING", '\u202c': "POP DIRECTIONAL FORMATTING",
	'\u202d': "LEFT-TO-RIGHT OVERRIDE", '\u202e': "RIGHT-TO-LEFT OVERRIDE",
	'\u2066': "LEFT-TO-RIGHT ISOLATE", '\u2067': "RIGHT-TO-LEFT ISOLATE", '\u2068': "FIRST STRONG ISOLATE", '\u2069': "POP DIRECTIONAL ISOLATE",
}
