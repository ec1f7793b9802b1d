package main

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/eml"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/pkg/returns"
	"github.com/plan-tool/plan/plan"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type digestOptions struct {
	*globalOptions
	owners  []string
	within  int // days
	output  string
	out     string // directory for one file per owner; "" for stdout
	returns string // directory of return workbooks to attach
}

// newDigestCmd builds the digest command. runF, when not nil, replaces
// runDigest, so tests can see the parsed options.
func newDigestCmd(g *globalOptions, runF func(*digestOptions) error) *cobra.Command {
	o := &digestOptions{globalOptions: g}
	if runF == nil {
		runF = runDigest
	}
	within := "14d"
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "Tell each owner what needs them: late and due actions, ratings, figures, approvals",
		Long: `Write, for each owner, what needs them as of the as-of date, in plain words
for people who do not use plan: their overdue actions (days late), their
actions due within --within, ratings unchanged for longer than the stale rule
allows (in git only), the KPI figures they are to send (the next period
ending by the reply date, or missing), and proposed changes of date or target
on their items that still await approval.

Every owner with something to report gets a digest; --owner (repeatable)
names the owners, who then get one even when nothing needs them.

Without --out the digests are written to standard output as one document.
With --out DIR each owner's is written to DIR/OWNER.txt, .md, .html or .eml.
-o eml writes one email message per owner, addressed to the owner's email in
plan.yaml, for you to open in your mail client, check and send: plan sends
nothing. --returns DIR attaches each owner's return workbook, DIR/OWNER.xlsx,
where there is one.`,
		Example: `  plan digest
  plan digest --owner head-performance -o markdown
  plan digest --within 2w -o html --out digests/
  plan digest -o eml --out outbox/ --returns returns/`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			days, err := parseDays(within)
			if err != nil {
				return withHint(fmt.Errorf("--within: %w", err), "write a number of days or weeks, such as 14d or 2w")
			}
			o.within = days
			if o.output == "eml" && o.out == "" {
				return withHint(errors.New("-o eml writes one message per owner: give --out DIR"), "plan digest -o eml --out outbox/")
			}
			if o.returns != "" && o.output != "eml" {
				return withHint(errors.New("--returns attaches workbooks to messages: it needs -o eml"), "plan digest -o eml --out outbox/ --returns %s", o.returns)
			}
			return runF(o)
		},
	}
	cmd.Flags().StringArrayVar(&o.owners, "owner", nil, "only the digest of owner `ID`, even when nothing needs them (repeatable)")
	cmd.Flags().StringVar(&within, "within", within, "list actions and figures due within `DURATION` of the as-of date (e.g. 14d, 2w, 10)")
	cmd.Flags().VarP(newEnumFlag(&o.output, "text", "text", "markdown", "html", "eml"), "output", "o", "output `format`: text, markdown, html or eml (email messages; needs --out)")
	cmd.Flags().StringVar(&o.out, "out", "", "write one file per owner into `DIR`")
	cmd.Flags().StringVar(&o.returns, "returns", "", "attach each owner's return workbook from `DIR` (with -o eml)")
	return cmd
}

// digestExt is the file extension of each format.
var digestExt = map[string]string{"text": ".txt", "markdown": ".md", "html": ".html", "eml": ".eml"}

func runDigest(o *digestOptions) error {
	asOf, err := o.date(nil) // a bad date is a usage error: say so first
	if err != nil {
		return err
	}
	l, err := o.loadValidPlan()
	if err != nil {
		return err
	}
	if err := l.plan.KnownOwners(o.owners); err != nil {
		return withHint(err, "give an owner's id as plan.yaml writes it")
	}
	stale, err := o.staleActions(l, asOf)
	if err != nil {
		return err
	}
	digests, err := l.plan.Digests(asOf, plan.DigestOptions{Within: o.within, Owners: o.owners, Stale: stale, StaleAfter: defaultStaleAfter})
	if err != nil {
		return err
	}
	if len(digests) == 0 {
		fmt.Fprintf(o.deps.io.ErrOut, "nothing needs any owner as of %s (looking %s ahead)\n", asOf, plan.Plural(o.within, "day", "days"))
		return nil
	}
	if o.out == "" {
		return render.Digests(o.deps.io.Out, digests, render.Format(o.output), render.DigestOptions{})
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fmt.Errorf("make %s: %w", shownPath(o.out), err)
	}
	for _, d := range digests {
		if err := o.writeDigest(d); err != nil {
			return err
		}
	}
	return nil
}

// staleActions applies check's stale rule and returns the actions it
// reports. When the rule cannot run it says why on stderr, once, and
// returns nil.
func (o *digestOptions) staleActions(l *loaded, asOf plan.Date) (map[string]bool, error) {
	c := &checkOptions{globalOptions: o.globalOptions, staleAfter: defaultStaleAfter}
	diags, err := c.stale(l.dir, l.rev, l.plan, asOf)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, d := range diags {
		if plan.IsStaleUnavailable(d) {
			fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: staleness is unknown, so no rating is listed as not updated: %s\n",
				strings.TrimPrefix(d.Message, "the stale rule cannot run: "))
			return nil, nil
		}
		out[d.ID] = true
	}
	return out, nil
}

// writeDigest writes one owner's digest into the --out directory and says
// so on stderr.
func (o *digestOptions) writeDigest(d plan.Digest) error {
	id := d.Owner.ID
	if id == "" || filepath.Base(id) != id || strings.HasPrefix(id, ".") {
		return fmt.Errorf("owner id %q cannot name a file", id)
	}
	name := filepath.Join(o.out, id+digestExt[o.output])
	var buf bytes.Buffer
	var note string
	if o.output == "eml" {
		var err error
		if note, err = o.message(&buf, d); err != nil {
			return err
		}
	} else if err := render.Digests(&buf, []plan.Digest{d}, render.Format(o.output), render.DigestOptions{}); err != nil {
		return err
	}
	if err := o.deps.writer.WriteFile(o.ctx, name, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(o.deps.io.ErrOut, "Wrote %s: %s%s\n", textsafe.Visible(shownPath(name)), textsafe.Visible(d.Owner.Label()), textsafe.Visible(note))
	return nil
}

// message writes an owner's digest as an email message, and returns what
// the line saying it was written adds: whom it is to, what is attached.
func (o *digestOptions) message(w io.Writer, d plan.Digest) (string, error) {
	var opts render.DigestOptions
	var attach *eml.Attachment
	if o.returns != "" {
		book := d.Owner.ID + ".xlsx"
		data, err := os.ReadFile(filepath.Join(o.returns, book))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: no return workbook %s for owner %s: the message has no attachment\n",
				textsafe.Visible(shownPath(filepath.Join(o.returns, book))), textsafe.Visible(d.Owner.ID))
		case err != nil:
			return "", fmt.Errorf("read return workbook: %w", err)
		default:
			attach = &eml.Attachment{Name: book, ContentType: xlsxType, Data: data}
			opts.Workbook = book
			// The reply date is the one the workbook asks for.
			if r, err := returns.Read(book, data); err == nil && r.Stamp.Owner == d.Owner.ID {
				if due, err := plan.ParseDate(r.Stamp.Due); err == nil {
					d.By = due
				}
			}
		}
	}
	m := &eml.Message{
		Subject:   render.DigestSubject(d),
		Date:      o.deps.now().In(london()),
		MessageID: messageID(d),
		Unsent:    true,
	}
	var note string
	switch addr, err := mail.ParseAddress(d.Owner.Email); {
	case d.Owner.Email == "":
		fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: owner %s has no email address: the message has no To: line\n", textsafe.Visible(d.Owner.ID))
		fmt.Fprintf(o.deps.io.ErrOut, "hint: plan set %s email ADDRESS\n", textsafe.Visible(d.Owner.ID))
	case err != nil || addr.Name != "":
		fmt.Fprintf(o.deps.io.ErrOut, "plan: warning: owner %s's email %q is not an address: the message has no To: line\n", textsafe.Visible(d.Owner.ID), textsafe.Visible(d.Owner.Email))
		fmt.Fprintf(o.deps.io.ErrOut, "hint: plan set %s email ADDRESS\n", textsafe.Visible(d.Owner.ID))
	default:
		m.To = &mail.Address{Name: d.Owner.Name, Address: addr.Address}
		note = ", to " + addr.Address
	}
	if attach != nil {
		m.Attachments = append(m.Attachments, *attach)
		note += ", with " + attach.Name
	}
	var text, html bytes.Buffer
	if err := render.Digests(&text, []plan.Digest{d}, render.Text, opts); err != nil {
		return "", err
	}
	if err := render.Digests(&html, []plan.Digest{d}, render.HTML, opts); err != nil {
		return "", err
	}
	m.Text, m.HTML = text.String(), html.String()
	return note, m.Write(w)
}

// messageID is a digest message's id: the same for the same plan, owner
// and date, and different for any other.
func messageID(d plan.Digest) string {
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", d.Title, d.Owner.ID, d.AsOf, d.Within) // a hash never fails to write
	return fmt.Sprintf("digest.%s.%016x@plan.invalid", d.AsOf, h.Sum64())
}
