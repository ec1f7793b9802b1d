package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/plan-tool/plan/plan"
)

// TestOwnersNamedWhereRead renders everything a person reads about the
// example plan, and about a year of its history, and fails when an owner's
// id appears as a word where the plan has a name for it, or when the owner
// of an action shown is not named. The ids stay in JSON and CSV, and in
// the two places a reader needs them to type --owner: the OWNER column of
// status --by owner and "Name (id)" at the head of a text card.
func TestOwnersNamedWhereRead(t *testing.T) {
	t.Parallel()
	examples, hist := fixtures(t)
	for _, c := range []struct {
		name, dir string
	}{{"example", filepath.Join(examples, "testdata", "bradford")}, {"history", filepath.Join(hist, "plan")}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ownersNamedWhereRead(t, c.dir, c.name == "example")
		})
	}
}

// ownersNamedWhereRead is TestOwnersNamedWhereRead for the plan in dir,
// with a command a parallel subtest: the reports, the Word document above
// all, take seconds each.
func ownersNamedWhereRead(t *testing.T, dir string, examples bool) {
	p, _, err := plan.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	owning := map[string]bool{} // the owners of actions, who every pack names
	for _, o := range p.Owners {
		if o.Name != "" && o.Name != o.ID {
			ids = append(ids, regexp.QuoteMeta(o.ID))
		}
	}
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			owning[a.Owner] = true
		}
	}
	idWord := regexp.MustCompile(`(?:^|[^\w-])(` + strings.Join(ids, "|") + `)(?:$|[^\w-])`)

	argvs := [][]string{
		{"report", "-o", "html"}, {"report", "-o", "markdown"},
		{"report", "-o", "markdown", "--audience", "public"}, {"report", "-o", "docx"},
		{"overdue", "--within", "30"}, {"overdue", "--within", "30", "-o", "markdown"},
		{"exceptions"}, {"exceptions", "-o", "markdown"}, {"trace"}, {"trace", "-o", "markdown"},
		{"kpis"}, {"kpis", "-o", "markdown"}, {"status"}, {"status", "-o", "markdown"},
		{"status", "--by", "owner", "-o", "markdown"},
		{"digest"}, {"digest", "-o", "markdown"}, {"digest", "-o", "html"},
	}
	if !examples {
		// 31 weeks before the end P8.1 passes from head-workforce to ad-improvement.
		argvs = append(argvs, []string{"report", "-o", "markdown", "--since", "HEAD~40"},
			[]string{"report", "-o", "markdown", "--since", "HEAD~40", "--audience", "public"},
			[]string{"report", "-o", "html", "--since", "HEAD~40"})
	}
	for _, pr := range p.Priorities {
		argvs = append(argvs, []string{"card", pr.ID}, []string{"card", pr.ID, "-o", "markdown"})
	}
	for _, argv := range argvs {
		t.Run(strings.Join(argv, " "), func(t *testing.T) {
			t.Parallel()
			argv := append([]string{"-C", dir}, argv...)
			d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
			if code := run(context.Background(), argv, d); code != exitOK && code != exitFindings {
				t.Fatalf("plan %s: exit %d: %s", strings.Join(argv, " "), code, errOut)
			}
			text := out.String()
			switch {
			case slices.Contains(argv, "docx"):
				text = docxText(t, checkDocx(t, out.Bytes()))
			case slices.Contains(argv, "html"):
				text = html.UnescapeString(text)
			case argv[2] == "status":
				// The OWNER column is the id --owner takes; NAME names them.
				text = regexp.MustCompile(`(?m)^\| [\w-]+ +\|`).ReplaceAllString(text, "|")
			case argv[2] == "card" && len(argv) == 4:
				owner := p.Priority(argv[3]).Owner
				text = strings.Replace(text, " ("+owner+")\n", "\n", 1) // the id after the name, for --owner
			}
			if m := idWord.FindStringSubmatchIndex(text); m != nil {
				from, to := max(0, m[2]-60), min(len(text), m[3]+60)
				t.Errorf("plan %s shows owner id %q:\n...%s...", strings.Join(argv, " "), text[m[2]:m[3]], text[from:to])
			}
			if argv[2] == "report" {
				for _, o := range p.Owners {
					if owning[o.ID] && !strings.Contains(text, o.Name) {
						t.Errorf("plan %s does not name owner %s, %q", strings.Join(argv, " "), o.ID, o.Name)
					}
				}
			}
		})
	}
}

// docxText is the text of a Word document's body, a line per paragraph.
func docxText(t *testing.T, document string) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(document))
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("word/document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(bytes.Clone(tok))
			}
		}
	}
	return b.String()
}
