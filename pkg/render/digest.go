package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// DigestOptions are the choices for writing owners' digests.
type DigestOptions struct {
	// Workbook, when not "", names the return workbook sent with a
	// digest, which its text then mentions.
	Workbook string
}

// Digests writes owners' digests as one document, in plain words for
// people who do not know the tool: as text, Markdown or an HTML page.
// Every digest is the plan's, on the same date.
func Digests(w io.Writer, ds []plan.Digest, f Format, o DigestOptions) error {
	doc := digestDocument(ds, o)
	switch f {
	case Text:
		return digestText(w, doc)
	case Markdown:
		return digestMarkdown(w, doc)
	case HTML:
		return digestHTMLTemplate().Execute(w, doc)
	}
	return fmt.Errorf("owners' digests cannot be written as %q", f)
}

// DigestSubject is the subject of a message carrying an owner's digest:
// the plan and the date updates are asked for by.
func DigestSubject(d plan.Digest) string {
	return fmt.Sprintf("%s: your updates by %s", d.Title, longDate(d.By))
}

// digestDoc is the document the renderers write: a heading, then each
// owner's part.
type digestDoc struct {
	Title, Subtitle string
	Owners          []digestOwner
}

type digestOwner struct {
	Heading  string
	Intro    []string // paragraphs
	Sections []digestSection
}

type digestSection struct {
	Heading string
	Items   []digestItem
}

type digestItem struct {
	ID, Title, Detail string
}

func digestDocument(ds []plan.Digest, o DigestOptions) digestDoc {
	var doc digestDoc
	if len(ds) == 0 {
		return doc
	}
	doc.Title = ds[0].Title
	who := "each owner"
	if len(ds) == 1 {
		who = "you"
	}
	doc.Subtitle = fmt.Sprintf("What needs %s, as of %s", who, longDate(ds[0].AsOf))
	for _, d := range ds {
		doc.Owners = append(doc.Owners, digestPart(d, o))
	}
	return doc
}

// digestPart words one owner's digest.
func digestPart(d plan.Digest, o DigestOptions) digestOwner {
	heading := d.Owner.Label()
	if d.Owner.Role != "" && d.Owner.Role != d.Owner.Name {
		heading += ", " + d.Owner.Role
	}
	part := digestOwner{Heading: heading}
	if d.Empty() {
		part.Intro = append(part.Intro, fmt.Sprintf("Nothing needs you as of %s: none of your actions is overdue or due by %s, "+
			"and no rating, figure or approval is waiting on you.", longDate(d.AsOf), longDate(d.By)))
	} else {
		part.Intro = append(part.Intro, fmt.Sprintf("Please send your updates by %s.", longDate(d.By)))
	}
	if o.Workbook != "" {
		part.Intro = append(part.Intro, fmt.Sprintf("Your return workbook, %s, is attached: fill it in and send it back by %s.", o.Workbook, longDate(d.By)))
	}
	add := func(heading string, items []digestItem) {
		if len(items) > 0 {
			part.Sections = append(part.Sections, digestSection{heading, items})
		}
	}
	var items []digestItem
	for _, a := range d.Overdue {
		items = append(items, digestItem{a.ID, a.Title, fmt.Sprintf("was due %s, %s late; %s",
			longDate(a.Due), plan.Plural(a.DaysLate, "day", "days"), ratedWord(a.RAG))})
	}
	add("Overdue actions", items)
	items = nil
	for _, a := range d.DueSoon {
		items = append(items, digestItem{a.ID, a.Title, fmt.Sprintf("due %s (%s); %s", longDate(a.Due), dueIn(-a.DaysLate), ratedWord(a.RAG))})
	}
	add("Actions due by "+longDate(d.By), items)
	items = nil
	for _, a := range d.Stale {
		items = append(items, digestItem{a.ID, a.Title, fmt.Sprintf("%s, %s: please confirm the rating and the note, or update them",
			ratedWord(a.RAG), strings.ReplaceAll(string(a.Status), "-", " "))})
	}
	add(fmt.Sprintf("Ratings not updated for over %s", plan.Plural(d.StaleAfter, "day", "days")), items)
	items = nil
	for _, r := range d.Returns {
		items = append(items, digestItem{r.ID, r.Title, returnDetail(r)})
	}
	add("Figures to send", items)
	items = nil
	for _, p := range d.Proposals {
		items = append(items, digestItem{p.ID, p.Title, proposalDetail(p)})
	}
	add("Changes awaiting approval", items)
	return part
}

// ratedWord says how an action is rated: "rated amber", "not yet rated".
func ratedWord(r plan.RAG) string {
	if r == plan.Unrated {
		return "not yet rated"
	}
	return "rated " + string(r)
}

// dueIn says when something not yet late is due: "today", "in 3 days".
func dueIn(days int) string {
	if days <= 0 {
		return "today"
	}
	return "in " + plan.Plural(days, "day", "days")
}

// returnDetail says which figure is wanted and what the last one was.
func returnDetail(r plan.DigestReturn) string {
	s := fmt.Sprintf("the %s figure for the period ending %s", periodWord(r.Frequency), longDate(r.PeriodEnd))
	if r.Missing {
		s = fmt.Sprintf("overdue: %s was due by %s", s, longDate(r.DueBy))
	}
	if r.HasLatest {
		s += fmt.Sprintf("; the last figure was %s, for %s", value(r.Latest.Value, r.Unit), longDate(r.Latest.Date))
	} else {
		s += "; no figure has been sent yet"
	}
	return s
}

// periodWord names a KPI's frequency as an adjective: "monthly", "annual".
func periodWord(f plan.Frequency) string { return string(f) }

// proposalDetail says what change is proposed and that it waits.
func proposalDetail(p plan.DigestProposal) string {
	what, from, to := p.Field, p.From, p.To
	if p.Field == "due" {
		what, from, to = "due date", longDateOf(from), longDateOf(to)
	}
	change := fmt.Sprintf("%s changed to %s", what, to)
	if from != "" {
		change = fmt.Sprintf("%s changed from %s to %s", what, from, to)
	}
	s := fmt.Sprintf("%s, proposed on %s", change, longDate(p.Proposed))
	if p.Reason != "" {
		s += " (" + p.Reason + ")"
	}
	return s + "; it still needs approval"
}

func digestText(w io.Writer, doc digestDoc) error {
	var b bytes.Buffer
	v := textsafe.Visible
	fmt.Fprintf(&b, "%s\n%s\n", v(doc.Title), doc.Subtitle)
	for _, o := range doc.Owners {
		fmt.Fprintf(&b, "\n%s\n%s\n", v(o.Heading), strings.Repeat("=", max(len([]rune(o.Heading)), 3)))
		for _, p := range o.Intro {
			fmt.Fprintf(&b, "\n%s\n", v(p))
		}
		for _, s := range o.Sections {
			fmt.Fprintf(&b, "\n%s\n", s.Heading)
			for _, it := range s.Items {
				fmt.Fprintf(&b, "- %s %s\n  %s\n", v(it.ID), v(it.Title), v(it.Detail))
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func digestMarkdown(w io.Writer, doc digestDoc) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n%s.\n", mdEscape(doc.Title), doc.Subtitle)
	for _, o := range doc.Owners {
		fmt.Fprintf(&b, "\n## %s\n", mdEscape(o.Heading))
		for _, p := range o.Intro {
			fmt.Fprintf(&b, "\n%s\n", mdEscape(p))
		}
		for _, s := range o.Sections {
			fmt.Fprintf(&b, "\n### %s\n\n", mdEscape(s.Heading))
			for _, it := range s.Items {
				fmt.Fprintf(&b, "- **%s** %s: %s\n", mdEscape(it.ID), mdEscape(it.Title), mdEscape(it.Detail))
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// digestHTMLTemplate is parsed when first used, not at start-up.
var digestHTMLTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("digest").Parse(digestHTML))
})

const digestHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #1a1a1a; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 1.6em; }
h3 { font-size: 1em; margin-bottom: 0.3em; }
.sub { color: #444; margin-top: 0; }
ul { padding-left: 1.2em; }
li { margin-bottom: 0.4em; }
.detail { color: #444; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{range .Owners}}<h2>{{.Heading}}</h2>
{{range .Intro}}<p>{{.}}</p>
{{end}}{{range .Sections}}<h3>{{.Heading}}</h3>
<ul>
{{range .Items}}<li><strong>{{.ID}}</strong> {{.Title}}<br><span class="detail">{{.Detail}}</span></li>
{{end}}</ul>
{{end}}{{end}}</body>
</html>
`
