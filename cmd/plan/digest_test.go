package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// digestPlanYAML is a plan outside git with one owner whose name tries to
// add recipients, one with a name in Polish and no email, and work for
// both. (Line breaks cannot reach a header: the plan refuses them, and
// package eml's tests try them.)
const digestPlanYAML = `title: "Plan for Łódź, Bcc: victim@example.com"
organisation: Test Council
period: {start: 2026-01-01, end: 2027-12-31}
themes:
  - {id: A, title: Theme A}
owners:
  - id: eve
    name: 'Eve "The Boss" <boss@evil.example>, Mallory'
    email: eve@example.org
  - id: lech
    name: Lech Wałęsa
  - id: idle
    name: Nobody
    email: idle@example.org
`

const digestPriorityYAML = `id: P1
theme: A
title: A priority
owner: eve
actions:
  - {id: P1.1, title: Late, due: 2026-10-31, status: in-progress, rag: amber}
  - {id: P1.2, title: Soon, owner: lech, due: 2026-12-01, status: planned, rag: green}
kpis:
  - {id: P1.K1, title: Monthly, better: lower, target: 10, frequency: monthly, actuals: {2026-10-31: 12}}
`

// emlMessage is a message read back with net/mail and mime/multipart.
type emlMessage struct {
	header      mail.Header
	text, html  string
	attachments map[string][]byte
}

// readEML parses a message as a mail client would, checking that every
// line ends CRLF and none is longer than 998 bytes.
func readEML(t *testing.T, raw []byte) emlMessage {
	t.Helper()
	for i, line := range bytes.SplitAfter(raw, []byte("\n")) {
		if len(line) > 0 && (!bytes.HasSuffix(line, []byte("\r\n")) || bytes.Count(line, []byte("\r")) != 1 || len(line) > 1000) {
			t.Errorf("line %d is not a message line: %q", i+1, line)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	out := emlMessage{header: msg.Header, attachments: map[string][]byte{}}
	var walk func(r io.Reader, contentType string)
	walk = func(r io.Reader, contentType string) {
		_, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatal(err)
		}
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ct := p.Header.Get("Content-Type")
			if strings.HasPrefix(ct, "multipart/") {
				walk(p, ct)
				continue
			}
			data, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case p.FileName() != "":
				dec, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(data), "\r\n", ""))
				if err != nil {
					t.Fatal(err)
				}
				out.attachments[p.FileName()] = dec
			case strings.HasPrefix(ct, "text/plain; charset=utf-8"):
				out.text = string(data)
			case strings.HasPrefix(ct, "text/html; charset=utf-8"):
				out.html = string(data)
			default:
				t.Errorf("unexpected part %s", ct)
			}
		}
	}
	if msg.Header.Get("Content-Type") == "" || !strings.HasPrefix(msg.Header.Get("Content-Type"), "multipart/mixed;") {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	walk(msg.Body, msg.Header.Get("Content-Type"))
	return out
}

// writeDigestPlan writes the plan above into a new directory outside git.
func writeDigestPlan(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "priorities"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"plan.yaml": digestPlanYAML, "priorities/01.yaml": digestPriorityYAML} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDigestEML writes the messages and reads them back: headers, both
// versions of the body, the attached workbook, no injected header.
func TestDigestEML(t *testing.T) {
	dir := writeDigestPlan(t)
	outbox, returns := t.TempDir(), t.TempDir()
	workbook, err := os.ReadFile("../../testdata/trackers/council-tracker.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(returns, "eve.xlsx"), workbook, 0o644); err != nil {
		t.Fatal(err)
	}
	d, stdout, stderr := testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"digest", "-C", dir, "--as-of", "2026-11-24", "-o", "eml", "--out", outbox, "--returns", returns}, d); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantErr := "plan: warning: staleness is unknown, so no rating is listed as not updated: the plan is not in a git repository\n" +
		"Wrote " + filepath.Join(outbox, "eve.eml") + ": Eve \"The Boss\" <boss@evil.example>, Mallory, to eve@example.org, with eve.xlsx\n" +
		"plan: warning: no return workbook " + filepath.Join(returns, "lech.xlsx") + " for owner lech: the message has no attachment\n" +
		"plan: warning: owner lech has no email address: the message has no To: line\n" +
		"hint: plan set lech email ADDRESS\n" +
		"Wrote " + filepath.Join(outbox, "lech.eml") + ": Lech Wałęsa\n"
	if stdout.Len() != 0 || stderr.String() != wantErr {
		t.Errorf("stdout %q\nstderr:\n%s\nwant:\n%s", stdout, stderr, wantErr)
	}
	if _, err := os.Stat(filepath.Join(outbox, "idle.eml")); err == nil {
		t.Error("a message for an owner nothing needs")
	}

	raw, err := os.ReadFile(filepath.Join(outbox, "eve.eml"))
	if err != nil {
		t.Fatal(err)
	}
	m := readEML(t, raw)
	for _, h := range []string{"Bcc", "Cc"} {
		if v := m.header.Get(h); v != "" {
			t.Errorf("%s: %q injected", h, v)
		}
	}
	to, err := m.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "eve@example.org" || to[0].Name != `Eve "The Boss" <boss@evil.example>, Mallory` {
		t.Errorf("To: %v (%v)", to, err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.header.Get("Subject"))
	if want := "Plan for Łódź, Bcc: victim@example.com: your updates by 8 December 2026"; err != nil || subject != want {
		t.Errorf("Subject %q (%v), want %q", subject, err, want)
	}
	if !strings.Contains(m.header.Get("Subject"), "=?utf-8?q?") {
		t.Errorf("Subject not written as encoded words: %q", m.header.Get("Subject"))
	}
	if date, err := m.header.Date(); err != nil || !date.Equal(fixedNow) {
		t.Errorf("Date %v (%v), want %v", date, err, fixedNow)
	}
	if m.header.Get("X-Unsent") != "1" || !strings.HasPrefix(m.header.Get("Message-ID"), "<digest.2026-11-24.") {
		t.Errorf("headers %v", m.header)
	}
	for _, want := range []string{"Please send your updates by 8 December 2026.", "Your return workbook, eve.xlsx, is attached",
		"- P1.1 Late\r\n  was due 31 October 2026, 24 days late; rated amber", "- P1.K1 Monthly\r\n  the monthly figure for the period ending 30 November 2026"} {
		if !strings.Contains(m.text, want) {
			t.Errorf("the text part lacks %q:\n%s", want, m.text)
		}
	}
	if strings.Contains(m.text, "P1.2") || !strings.Contains(m.html, "<strong>P1.1</strong> Late") || !strings.Contains(m.html, "<title>Plan for Łódź") {
		t.Errorf("html part:\n%s", m.html)
	}
	if !bytes.Equal(m.attachments["eve.xlsx"], workbook) {
		t.Errorf("the attachment is not the workbook: %d bytes, want %d", len(m.attachments["eve.xlsx"]), len(workbook))
	}

	raw, err = os.ReadFile(filepath.Join(outbox, "lech.eml"))
	if err != nil {
		t.Fatal(err)
	}
	m = readEML(t, raw)
	if m.header.Get("To") != "" || len(m.attachments) != 0 || !strings.Contains(m.text, "Lech Wałęsa") {
		t.Errorf("lech's message: To %q, %d attachments, text:\n%s", m.header.Get("To"), len(m.attachments), m.text)
	}

	// The same run writes the same bytes.
	d, _, _ = testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"digest", "-C", dir, "--as-of", "2026-11-24", "-o", "eml", "--out", outbox, "--owner", "lech"}, d); code != 0 {
		t.Fatal(code)
	}
	again, err := os.ReadFile(filepath.Join(outbox, "lech.eml"))
	if err != nil || !bytes.Equal(again, raw) {
		t.Errorf("a second run wrote different bytes (%v)", err)
	}
}

// TestDigestEMLPython reads a message with Python's email package, the
// parser many mail tools share.
func TestDigestEMLPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: install it to read the message with Python's email package")
	}
	dir := writeDigestPlan(t)
	outbox := t.TempDir()
	d, _, stderr := testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"digest", "-C", dir, "--as-of", "2026-11-24", "-o", "eml", "--out", outbox}, d); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	script := `import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m["To"]); print(m["Subject"]); print(m.get_content_type())
print(m.get_body(("plain",)).get_content().splitlines()[0])
print(len(m.defects), [p.get_content_type() for p in m.walk()])`
	out, err := exec.Command(python, "-c", script, filepath.Join(outbox, "eve.eml")).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	want := "\"Eve \\\"The Boss\\\" <boss@evil.example>, Mallory\" <eve@example.org>\nPlan for Łódź, Bcc: victim@example.com: your updates by 8 December 2026\nmultipart/mixed\n" +
		"Plan for Łódź, Bcc: victim@example.com\n0 ['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/html']\n"
	if string(out) != want {
		t.Errorf("python read:\n%s\nwant:\n%s", out, want)
	}
}

// TestDigestOwners: an unknown owner is a usage error naming the owners;
// a named owner nothing needs gets a short message.
func TestDigestOwners(t *testing.T) {
	dir := writeDigestPlan(t)
	d, stdout, stderr := testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"digest", "-C", dir, "--as-of", "2026-11-24", "--owner", "nobody"}, d); code != exitError {
		t.Errorf("exit %d", code)
	}
	if want := "plan: no owner \"nobody\" in the plan (owners: eve, lech, idle)\nhint: give an owner's id as plan.yaml writes it\n"; stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	d, stdout, _ = testDeps(nil, fixedNow)
	if code := run(context.Background(), []string{"digest", "-C", dir, "--as-of", "2026-11-24", "--owner", "idle", "-o", "markdown"}, d); code != 0 {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stdout.String(), "## Nobody\n\nNothing needs you as of 24 November 2026") {
		t.Errorf("stdout:\n%s", stdout)
	}
}
