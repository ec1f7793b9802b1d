// Package eml writes email messages (RFC 5322, MIME) as .eml files for a
// person to open in their mail client and send: a plain-text and an HTML
// version of one text, and attachments. It sends nothing.
//
// Every line ends CRLF and none is longer than 998 bytes. Text put into
// headers loses its line breaks and control characters, so no value can
// add a header of its own; non-ASCII words are written as RFC 2047
// encoded words.
package eml

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Message is one message to write.
type Message struct {
	// To is the recipient; nil writes no To header, for the sender to
	// fill in.
	To *mail.Address
	// Subject is the subject line.
	Subject string
	// Date is when the message was written.
	Date time.Time
	// MessageID is the message's unique id, without angle brackets:
	// "left@right".
	MessageID string
	// Unsent marks the message as a draft to send (X-Unsent: 1), which
	// Outlook opens ready to send rather than as a received message.
	Unsent bool
	// Text and HTML are the two versions of the body.
	Text, HTML string
	// Attachments are attached after the body, in order.
	Attachments []Attachment
}

// Attachment is a file attached to a message.
type Attachment struct {
	Name        string // the file's name, as the recipient sees it
	ContentType string // its media type
	Data        []byte
}

// maxHeaderText is how many characters of text a header keeps: enough
// for any real subject or name; longer text is cut short.
const maxHeaderText = 300

// Write writes the message: multipart/mixed holding a
// multipart/alternative (the text as text/plain, then the HTML, both
// UTF-8 and quoted-printable) and then the attachments, base64-encoded.
// Its MIME boundaries come from the message id, so the same message is
// written the same way each time.
func (m *Message) Write(w io.Writer) error {
	var b bytes.Buffer
	h := func(name, value string) { writeHeader(&b, name, value) }
	h("MIME-Version", "1.0")
	h("Date", m.Date.Format(time.RFC1123Z))
	h("Message-ID", "<"+HeaderText(m.MessageID)+">")
	if m.To != nil {
		h("To", formatAddress(m.To))
	}
	h("Subject", mime.QEncoding.Encode("utf-8", HeaderText(m.Subject)))
	if m.Unsent {
		h("X-Unsent", "1")
	}
	mixed := multipart.NewWriter(&b)
	if err := mixed.SetBoundary(boundary("mixed", m.MessageID)); err != nil {
		return err
	}
	h("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed.Boundary()}))
	b.WriteString("\r\n")

	altBoundary := boundary("alt", m.MessageID)
	part, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": altBoundary})}})
	if err != nil {
		return err
	}
	alt := multipart.NewWriter(part)
	if err := alt.SetBoundary(altBoundary); err != nil {
		return err
	}
	for _, body := range []struct{ kind, text string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		p, err := alt.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {body.kind + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		qp := quotedprintable.NewWriter(p)
		if _, err := io.WriteString(qp, body.text); err != nil {
			return err
		}
		if err := qp.Close(); err != nil {
			return err
		}
	}
	if err := alt.Close(); err != nil {
		return err
	}
	for _, a := range m.Attachments {
		name := HeaderText(a.Name)
		p, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(a.ContentType, map[string]string{"name": name})},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return err
		}
		if _, err := p.Write(base64Lines(a.Data)); err != nil {
			return err
		}
	}
	if err := mixed.Close(); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// HeaderText returns s fit to go into a header: each run of line breaks,
// tabs and other control characters becomes one space, spaces at either
// end go, and text beyond 300 characters is cut short.
func HeaderText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxHeaderText {
		s = string([]rune(s)[:maxHeaderText-1]) + "…"
	}
	return s
}

// formatAddress writes an address for a header, its name encoded as
// RFC 2047 words when it is not ASCII.
func formatAddress(a *mail.Address) string {
	clean := &mail.Address{Name: HeaderText(a.Name), Address: HeaderText(a.Address)}
	return clean.String()
}

// writeHeader writes one header, folded at spaces so that its lines stay
// under 78 characters where the words allow.
func writeHeader(b *bytes.Buffer, name, value string) {
	line := name + ":"
	for _, word := range strings.Split(value, " ") {
		if len(line)+1+len(word) > 76 && strings.TrimSpace(line) != "" && !strings.HasSuffix(line, ":") {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line + "\r\n")
}

// boundary is a MIME boundary made from the message id, the same each
// time the message is written.
func boundary(kind, id string) string {
	h := fnv.New64a()
	_, _ = io.WriteString(h, id) // a hash never fails to write
	return fmt.Sprintf("plan-%s-%016x", kind, h.Sum64())
}

// base64Lines encodes data as base64 in lines of 76 characters, each
// ending CRLF.
func base64Lines(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	if enc != "" {
		b.WriteString(enc + "\r\n")
	}
	return b.Bytes()
}
