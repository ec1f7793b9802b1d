package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// gfm reads Markdown as GitHub does (tables, strikethrough, bare links),
// the way a committee paper's Markdown is read.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

var (
	htmlTag = regexp.MustCompile(`<[^>]*>`)
	tagName = regexp.MustCompile(`</?([a-zA-Z0-9]+)`)
	anchor  = regexp.MustCompile(`<a href="[^"]*">([^<]*)</a>`)
	// structural are the elements the documents above make themselves.
	structural = map[string]bool{"p": true, "ul": true, "li": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true}
)

// readBack renders md as GitHub would and returns the HTML and its text.
func readBack(t testing.TB, md string) (page, text string) {
	t.Helper()
	var b bytes.Buffer
	if err := gfm.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String(), html.UnescapeString(htmlTag.ReplaceAllString(b.String(), ""))
}

// mdReadsAsWritten checks that plan text s, escaped, reads back as s in a
// paragraph, a list item and a table cell, and starts no HTML element.
func mdReadsAsWritten(t testing.TB, s string) {
	t.Helper()
	want := strings.Join(strings.Fields(textsafe.Visible(strings.ReplaceAll(s, "\n", " "))), " ")
	if want == "" {
		return
	}
	for _, doc := range []string{
		"Note: " + mdEscape(s) + "\n",
		"- P1.1: " + mdEscape(s) + "\n",
		"| a |\n|---|\n| " + mdEscape(s) + " |\n",
	} {
		page, text := readBack(t, doc)
		got := strings.Join(strings.Fields(text), " ")
		got = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(got, "a "), "Note: "), "P1.1: ")
		if got != want {
			t.Errorf("%q written as %q reads back as %q", s, doc, got)
		}
		// GitHub links a bare web or mail address, whose text is as written.
		for _, m := range anchor.FindAllStringSubmatch(page, -1) {
			if text := html.UnescapeString(m[1]); !strings.Contains(s, text) {
				t.Errorf("%q written as %q makes a link of %q: %s", s, doc, text, page)
			}
		}
		for _, m := range tagName.FindAllStringSubmatch(page, -1) {
			if !structural[m[1]] && m[1] != "a" {
				t.Errorf("%q written as %q makes a <%s> element: %s", s, doc, m[1], page)
			}
		}
	}
}

// TestMarkdownReadsAsWritten: a lower-is-better target, hostile HTML,
// entities, links and emphasis all read back as the plan wrote them.
func TestMarkdownReadsAsWritten(t *testing.T) {
	for _, s := range markdownSeeds {
		mdReadsAsWritten(t, s)
	}
}

var markdownSeeds = []string{
	"<= 25%", ">= 80%", "a < b and c > d", "R&D", "&lt; &amp; &#60; &#x3c;",
	"<script>alert(1)</script>", "</td></tr></table>", "<!-- x -->", "<?php ?>", "<https://example.com>",
	"*not bold* **nor this** _nor_ __this__", "`code`", "[draft]", "[a](http://x) ![i](y.png)",
	"~25%", "~~struck~~", "a|b", `back\slash \*`, "# heading", "1. first", "- item", "> quote",
	"www.example.com", "https://example.com/x_y_z", "trailing  ", "x\\", "tab\there",
}

func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 || !utf8.ValidString(s) {
			return
		}
		mdReadsAsWritten(t, s)
	})
}

// TestMarkdownPackCarriesWhatHTMLDoes: every note, evidence, KPI reason and
// finding the HTML pack shows, the Markdown pack shows too, reading the
// same once rendered.
func TestMarkdownPackCarriesWhatHTMLDoes(t *testing.T) {
	for _, a := range []plan.Audience{plan.ForInternal, plan.ForPublic} {
		r := boardReport(t, a)
		var h, m bytes.Buffer
		if err := Report(&h, r, HTML); err != nil {
			t.Fatal(err)
		}
		if err := Report(&m, r, Markdown); err != nil {
			t.Fatal(err)
		}
		_, mdText := readBack(t, m.String())
		htmlText := html.UnescapeString(htmlTag.ReplaceAllString(h.String(), ""))
		var facts []string
		for _, c := range r.Cards {
			for _, ac := range c.Actions {
				facts = append(facts, ac.Note, ac.Evidence)
			}
			for _, k := range c.KPIs {
				facts = append(facts, k.Rating.Why, target(k))
			}
			for _, f := range c.Findings {
				facts = append(facts, f.Text)
			}
		}
		n := 0
		for _, f := range facts {
			if f = strings.TrimSpace(f); f == "" || !strings.Contains(htmlText, f) {
				continue
			}
			n++
			if !strings.Contains(mdText, f) {
				t.Errorf("%s: the HTML pack shows %q, the Markdown pack does not", a, f)
			}
		}
		if n < 5 {
			t.Fatalf("%s: only %d facts compared: the fixture has too few", a, n)
		}
	}
}
