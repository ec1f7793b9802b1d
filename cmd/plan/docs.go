package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type docsOptions struct {
	*globalOptions
	man, markdown string // the directories to write into
	// root is the command tree to document: this run's own, so the run
	// may change it.
	root *cobra.Command
}

// newDocsCmd builds the docs command. runF, when not nil, replaces
// runDocs, so tests can see the parsed options.
func newDocsCmd(g *globalOptions, runF func(*docsOptions) error) *cobra.Command {
	o := &docsOptions{globalOptions: g}
	if runF == nil {
		runF = runDocs
	}
	cmd := &cobra.Command{
		Use:   "docs --man DIR | --markdown DIR",
		Short: "Write the manual: man pages or a Markdown reference",
		Long: `Write a page for every command, generated from the same text as --help: man
pages (section 1) into --man DIR, Markdown into --markdown DIR. The Markdown
reference in this repository's docs/reference is written this way.`,
		Example: `  plan docs --man /usr/local/share/man/man1
  plan docs --markdown docs/reference`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if o.man == "" && o.markdown == "" {
				return withHint(fmt.Errorf("say where: --man DIR or --markdown DIR"), "run 'plan docs --help'")
			}
			o.root = c.Root()
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.man, "man", "", "write man pages into `DIR`")
	cmd.Flags().StringVar(&o.markdown, "markdown", "", "write Markdown pages into `DIR`")
	return cmd
}

func runDocs(o *docsOptions) error {
	root := o.root
	root.DisableAutoGenTag = true // no date in the pages, so they only change when the text does
	// The help's tables (check's rules, diff's gate) are indented
	// lines, which Markdown and man would run together: make them
	// preformatted blocks that fit a page. The tree is this run's
	// own, so changing it changes nothing else.
	visitCommands(root, func(c *cobra.Command) { c.Long = docText(c.Long, manTextWidth) })
	if o.markdown != "" {
		if err := os.MkdirAll(o.markdown, 0o755); err != nil {
			return err
		}
		if err := doc.GenMarkdownTree(root, o.markdown); err != nil {
			return fmt.Errorf("write the Markdown reference: %w", err)
		}
	}
	if o.man != "" {
		if err := os.MkdirAll(o.man, 0o755); err != nil {
			return err
		}
		now := o.deps.now().In(london())
		if epoch := o.deps.getenv("SOURCE_DATE_EPOCH"); epoch != "" { // reproducible builds
			secs, err := strconv.ParseInt(epoch, 10, 64)
			if err != nil {
				return fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", epoch)
			}
			now = time.Unix(secs, 0).UTC()
		}
		header := doc.GenManHeader{Section: "1", Source: "plan " + o.deps.version(), Manual: "plan manual", Date: &now}
		if err := genManTree(root, header, o.man); err != nil {
			return fmt.Errorf("write the man pages: %w", err)
		}
	}
	return nil
}

// manTextWidth is the widest a preformatted line of a man page can be and
// still fit an 80-column terminal, where man indents it by 7.
const manTextWidth = 71

// visitCommands calls f on c and every command below it.
func visitCommands(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		visitCommands(sub, f)
	}
}

// genManTree writes a man page for c and every available command below
// it, as cobra's doc.GenManTree does, but titles each page after its own
// command (plan-check(1)) rather than giving every page the same title.
func genManTree(c *cobra.Command, header doc.GenManHeader, dir string) error {
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := genManTree(sub, header, dir); err != nil {
			return err
		}
	}
	name := strings.ReplaceAll(c.CommandPath(), " ", "-")
	header.Title = strings.ReplaceAll(name, "-", `\-`)
	f, err := os.Create(filepath.Join(dir, name+"."+header.Section))
	if err != nil {
		return err
	}
	if err := doc.GenMan(c, &header, f); err != nil {
		_ = f.Close() // the write failed: its error is the one to report
		return err
	}
	return f.Close()
}

// docText rewrites a command's long help for Markdown and man pages: each
// run of indented lines (a table) becomes a preformatted block, set apart
// by blank lines, its rows wrapped within their columns to width.
func docText(long string, width int) string {
	lines := strings.Split(long, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !strings.HasPrefix(lines[i], " ") {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.HasPrefix(lines[j], " ") {
			j++
		}
		block := lines[i:j]
		indent := len(block[0])
		for _, l := range block {
			indent = min(indent, len(l)-len(strings.TrimLeft(l, " ")))
		}
		for k := range block {
			block[k] = block[k][indent:]
		}
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
		for _, l := range wrapColumns(block, width) {
			out = append(out, "    "+l)
		}
		if j < len(lines) && lines[j] != "" {
			out = append(out, "")
		}
		i = j
	}
	return strings.Join(out, "\n")
}

// wrapColumns lays out the rows of a two-column table, "NAME   TEXT" with
// the text aligned after a gap of two or more spaces, so that no line is
// longer than width: the text is wrapped within its column. A line
// indented to the text column continues the row above it; a line with no
// gap is kept as it is.
func wrapColumns(lines []string, width int) []string {
	type row struct {
		head  string // up to the text column
		words []string
	}
	var rows []row
	for _, l := range lines {
		body := strings.TrimLeft(l, " ")
		lead := len(l) - len(body)
		if n := len(rows); n > 0 && len(rows[n-1].words) > 0 && lead == utf8.RuneCountInString(rows[n-1].head) {
			rows[n-1].words = append(rows[n-1].words, strings.Fields(body)...)
			continue
		}
		gap := strings.Index(body, "  ")
		if gap <= 0 {
			rows = append(rows, row{head: l})
			continue
		}
		col := lead + gap + len(body[gap:]) - len(strings.TrimLeft(body[gap:], " "))
		rows = append(rows, row{head: l[:col], words: strings.Fields(l[col:])})
	}
	var out []string
	for _, r := range rows {
		line, n := r.head, 0
		for _, w := range r.words {
			if n > 0 && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
				out = append(out, line)
				line, n = strings.Repeat(" ", utf8.RuneCountInString(r.head)), 0
			}
			if n > 0 {
				line += " "
			}
			line += w
			n++
		}
		out = append(out, line)
	}
	return out
}
