package eml

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	header      mail.Header
	text, html  string
	attachments map[string][]byte
	types       []string // media types of the parts, in order
}

// readBack parses raw as a mail client would, checking on the way that
// every line ends CRLF and none is longer than 998 bytes.
func readBack(t *testing.T, raw []byte) parsed {
	t.Helper()
	for i, line := range bytes.SplitAfter(raw, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if !bytes.HasSuffix(line, []byte("\r\n")) {
			t.Errorf("line %d does not end CRLF: %q", i+1, line)
		}
		if len(line)-2 > 998 {
			t.Errorf("line %d is %d bytes long", i+1, len(line)-2)
		}
		if bytes.Count(line, []byte("\r")) != 1 {
			t.Errorf("line %d holds a stray CR: %q", i+1, line)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	out := parsed{header: msg.Header, attachments: map[string][]byte{}}
	var walk func(r io.Reader, contentType string)
	walk = func(r io.Reader, contentType string) {
		mt, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatal(err)
		}
		out.types = append(out.types, mt)
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart() // decodes quoted-printable itself
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
			pmt, _, _ := mime.ParseMediaType(ct)
			out.types = append(out.types, pmt)
			data, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case p.FileName() != "":
				if enc := p.Header.Get("Content-Transfer-Encoding"); enc != "base64" {
					t.Errorf("attachment encoded %q", enc)
				}
				dec, err := io.ReadAll(base64Reader(data))
				if err != nil {
					t.Fatal(err)
				}
				out.attachments[p.FileName()] = dec
			case pmt == "text/plain":
				out.text = string(data)
			case pmt == "text/html":
				out.html = string(data)
			}
		}
	}
	walk(msg.Body, msg.Header.Get("Content-Type"))
	return out
}

func TestWriteReadsBack(t *testing.T) {
	workbook := bytes.Repeat([]byte("PK\x03\x04 binary \x00\xff workbook "), 40)
	m := &Message{
		To:        &mail.Address{Name: "Zoë Ćwik, Head of Performance", Address: "zoe@example.org"},
		Subject:   "Children’s Services Improvement Plan: your updates by 8 December 2026",
		Date:      time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC),
		MessageID: "digest.0123abcd@plan.invalid",
		Unsent:    true,
		Text:      "Hello Zoë\n\n" + strings.Repeat("a long line of words ", 30) + "\n= sign and trailing space \n",
		HTML:      "<p>Hello Zoë</p>\n",
		Attachments: []Attachment{{Name: "zoë-return.xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: workbook},
			{Name: "plain.xlsx", ContentType: "application/octet-stream", Data: []byte("x")}},
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, b.Bytes())
	to, err := got.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != m.To.Name || to[0].Address != m.To.Address {
		t.Errorf("To: %v, %v", to, err)
	}
	dec := new(mime.WordDecoder)
	if subject, err := dec.DecodeHeader(got.header.Get("Subject")); err != nil || subject != m.Subject {
		t.Errorf("Subject: %q, %v", subject, err)
	}
	if date, err := got.header.Date(); err != nil || !date.Equal(m.Date) {
		t.Errorf("Date: %v, %v", date, err)
	}
	if id := got.header.Get("Message-ID"); id != "<digest.0123abcd@plan.invalid>" {
		t.Errorf("Message-ID: %q", id)
	}
	if got.header.Get("X-Unsent") != "1" || got.header.Get("MIME-Version") != "1.0" {
		t.Errorf("headers %v", got.header)
	}
	// The body's line breaks are CRLF on the wire and in the decoded text.
	if want := strings.ReplaceAll(m.Text, "\n", "\r\n"); got.text != want {
		t.Errorf("text part:\n%q\nwant\n%q", got.text, want)
	}
	if want := strings.ReplaceAll(m.HTML, "\n", "\r\n"); got.html != want {
		t.Errorf("html part %q, want %q", got.html, want)
	}
	if want := "multipart/mixed multipart/alternative text/plain text/html application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/octet-stream"; strings.Join(got.types, " ") != want {
		t.Errorf("parts %v", got.types)
	}
	if !bytes.Equal(got.attachments["zoë-return.xlsx"], workbook) || string(got.attachments["plain.xlsx"]) != "x" {
		t.Errorf("attachments %v", got.attachments)
	}
	if !bytes.Contains(b.Bytes(), []byte("filename*=utf-8''zo%C3%AB-return.xlsx")) {
		t.Errorf("non-ASCII filename not written as RFC 2231:\n%s", b.String())
	}
	// The same message is written the same way twice.
	var again bytes.Buffer
	if err := m.Write(&again); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
		t.Errorf("a second write differs (%v)", err)
	}
}

// TestHeaderInjection: text with line breaks cannot add headers.
func TestHeaderInjection(t *testing.T) {
	m := &Message{
		To:        &mail.Address{Name: "Eve\r\nBcc: victim@example.com\r\n", Address: "eve@example.org\r\nCc: x@example.com"},
		Subject:   "Plan\nBcc: victim@example.com\r\n\r\nbody",
		Date:      time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		MessageID: "a@b\r\nX-Evil: 1",
		Text:      "t", HTML: "h",
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, b.Bytes())
	for _, h := range []string{"Bcc", "Cc", "X-Evil"} {
		if v := got.header.Get(h); v != "" {
			t.Errorf("header %s: %q was injected:\n%s", h, v, b.String())
		}
	}
	if got.text != "t" {
		t.Errorf("text %q", got.text)
	}
	if s := got.header.Get("Subject"); s != "Plan Bcc: victim@example.com body" {
		t.Errorf("Subject %q", s)
	}
}

// TestLongHeaders: a very long title is folded and cut short, never
// written as a line over 998 bytes.
func TestLongHeaders(t *testing.T) {
	for _, subject := range []string{strings.Repeat("word ", 500), strings.Repeat("x", 2000), strings.Repeat("ĉ", 2000)} {
		m := &Message{Subject: subject, Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), MessageID: "a@b", Text: "t", HTML: "h"}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		got := readBack(t, b.Bytes())
		dec := new(mime.WordDecoder)
		s, err := dec.DecodeHeader(got.header.Get("Subject"))
		if err != nil || !strings.HasSuffix(s, "…") || len([]rune(s)) != maxHeaderText {
			t.Errorf("subject read back as %q (%v)", s, err)
		}
	}
}

func base64Reader(data []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(bytes.ReplaceAll(data, []byte("\r\n"), nil)))
}
