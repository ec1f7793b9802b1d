package gitrepo

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var (
	idA = strings.Repeat("a1", 20)
	idB = strings.Repeat("b2", 20)
)

// fakeObjects are what the fake git holds.
var fakeObjects = map[string]string{idA: "blob the contents of A\n", idB: "blob the contents of B\n"}

// TestCatFileStartsAfreshAfterABadAnswer: whatever goes wrong with an
// answer of the long-lived cat-file (a bad header, a failed or short
// read, git dying), the request fails and the next is answered rightly.
// cat-file used to be kept after such a failure with the rest of the
// answer unread, and the next request read that rest as its own answer:
// here a blob whose text looks like cat-file's answer for B, which B's
// request then returned.
func TestCatFileStartsAfreshAfterABadAnswer(t *testing.T) {
	// The body of A's bad answer: it looks like an answer for B.
	lookalike := idB + " blob 5\nWRONG"
	readErr := errors.New("read |0: input/output error")
	for _, tc := range []struct {
		name string
		max  int64 // the limit of the read that fails; -1 for none
		bad  func(out *fakeOut)
	}{
		{"bad size", -1, func(out *fakeOut) { out.write(idA + " blob x12\n" + lookalike + "\n") }},
		{"negative size", -1, func(out *fakeOut) { out.write(idA + " blob -5\n" + lookalike + "\n") }},
		{"header without a size", -1, func(out *fakeOut) { out.write(idA + " blob\n" + lookalike + "\n") }},
		{"read error in the body", -1, func(out *fakeOut) {
			out.write(fmt.Sprintf("%s blob %d\n", idA, len(lookalike)))
			out.failRead(readErr)
			out.write(lookalike + "\n")
		}},
		{"read error in a body skipped as too large", 4, func(out *fakeOut) {
			out.write(fmt.Sprintf("%s blob %d\n%s", idA, len(lookalike), lookalike[:3]))
			out.failRead(readErr)
			out.write(lookalike[3:] + "\n")
		}},
		{"read error in the header", -1, func(out *fakeOut) {
			out.write(idA + " bl")
			out.failRead(readErr)
			out.write(fmt.Sprintf("ob %d\n%s\n", len(lookalike), lookalike))
		}},
		{"git dies in the body", -1, func(out *fakeOut) { out.write(idA + " blob 100\nonly part"); out.exitNow() }},
		{"git dies in a body skipped as too large", 10, func(out *fakeOut) { out.write(idA + " blob 100\nonly part"); out.exitNow() }},
		{"git dies without answering", -1, func(out *fakeOut) { out.exitNow() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeGit{objects: fakeObjects, misbehave: func(n int, _ string, out *fakeOut) bool {
				if n != 1 {
					return false
				}
				tc.bad(out)
				return true
			}}
			r := fakeRepo(f)
			if data, _, err := r.BlobUpTo(t.Context(), idA, tc.max); err == nil {
				t.Errorf("the bad answer was taken: %q", data)
			} else if !strings.HasPrefix(err.Error(), "git cat-file: ") {
				t.Errorf("the bad answer: %v; want a git cat-file error", err)
			}
			for _, want := range []struct{ id, text string }{{idB, "the contents of B\n"}, {idA, "the contents of A\n"}, {idB, "the contents of B\n"}} {
				if data, err := r.Blob(t.Context(), want.id); err != nil || string(data) != want.text {
					t.Errorf("Blob(%.7s) after the bad answer = %q, %v; want %q", want.id, data, err, want.text)
				}
			}
			if err := r.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if started, running, _ := f.counts(); started != 2 || running != 0 {
				t.Errorf("%d cat-file started, %d left running; want 2 and 0", started, running)
			}
		})
	}
}

// TestCatFileStartFails: a cat-file that cannot be started fails the
// request; the next one starts it.
func TestCatFileStartFails(t *testing.T) {
	f := &fakeGit{objects: fakeObjects, startErr: errors.New("fork/exec git: resource temporarily unavailable")}
	r := fakeRepo(f)
	if _, err := r.Blob(t.Context(), idA); err == nil || errors.Is(err, ErrNoGit) {
		t.Errorf("Blob with git failing to start: %v", err)
	}
	if data, err := r.Blob(t.Context(), idA); err != nil || string(data) != "the contents of A\n" {
		t.Errorf("Blob after = %q, %v", data, err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, running, _ := f.counts(); running != 0 {
		t.Errorf("%d cat-file left running", running)
	}
}

// TestCatFileMissingStaysInStep: "missing" is a whole answer; the process
// is kept.
func TestCatFileMissingStaysInStep(t *testing.T) {
	f := &fakeGit{objects: fakeObjects}
	r := fakeRepo(f)
	none := strings.Repeat("c3", 20)
	if _, err := r.Blob(t.Context(), none); !errors.Is(err, ErrMissingObject) {
		t.Errorf("Blob of a missing object: %v", err)
	}
	if data, err := r.Blob(t.Context(), idA); err != nil || string(data) != "the contents of A\n" {
		t.Errorf("Blob after = %q, %v", data, err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if started, running, _ := f.counts(); started != 1 || running != 0 {
		t.Errorf("%d cat-file started, %d left running; want 1 and 0", started, running)
	}
}

// TestBlobsBadAnswer: a bad answer in a stream of blobs ends the stream
// with an error, and its cat-file with it.
func TestBlobsBadAnswer(t *testing.T) {
	f := &fakeGit{objects: fakeObjects, misbehave: func(n int, name string, out *fakeOut) bool {
		if n != 2 {
			return false
		}
		out.write(name + " blob x\nWRONG\n")
		return true
	}}
	r := fakeRepo(f)
	var got []string
	err := r.Blobs(t.Context(), []string{idA, idB, idA}, func(id string, data []byte) error {
		got = append(got, string(data))
		return nil
	})
	if err == nil || len(got) != 1 {
		t.Errorf("Blobs with a bad answer: %q, %v", got, err)
	}
	if _, running, _ := f.counts(); running != 0 {
		t.Errorf("%d cat-file left running", running)
	}
}

// TestBlobsGitFailsAtTheEnd: a cat-file that answers every request and
// then exits with an error is an error, not a success.
func TestBlobsGitFailsAtTheEnd(t *testing.T) {
	f := &fakeGit{objects: fakeObjects, endErr: errExit}
	r := fakeRepo(f)
	n := 0
	err := r.Blobs(t.Context(), []string{idA, idB}, func(string, []byte) error { n++; return nil })
	if n != 2 || err == nil || !strings.Contains(err.Error(), "exit status 128") {
		t.Errorf("Blobs from a git that fails at the end: %d blobs, %v; want 2 and exit status 128", n, err)
	}
	if _, running, _ := f.counts(); running != 0 {
		t.Errorf("%d cat-file left running", running)
	}
}
