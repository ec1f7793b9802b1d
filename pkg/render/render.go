// Package render writes the values computed by package plan in the output
// formats users ask for: tables for a terminal, Markdown for board papers
// and pull requests, CSV for spreadsheets, JSON for scripts and text lines
// for CI logs.
//
// Renderers never sort, filter or rate: they write what they are given, in
// the order given.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// Format is an output format.
type Format string

// The formats.
const (
	Table    Format = "table"
	JSON     Format = "json"
	Markdown Format = "markdown"
	CSV      Format = "csv"
	Text     Format = "text"
)

// Options are the choices common to every renderer.
type Options struct {
	// Color allows ANSI colours in table and text output.
	Color bool
	// Explain adds, in tables and Markdown, the rule behind each computed
	// rating. JSON always has it, as "why".
	Explain bool
	// Terminal allows what only a terminal shows well, such as sparklines.
	Terminal bool
	// Width is the width in columns of the terminal that tables and the
	// lines around them must fit; 0 (output that is not a terminal) leaves
	// them whole, however wide.
	Width int
}

// ansi codes for the few colours used.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	blue   = "\x1b[34m"
)

func (o Options) paint(code, s string) string {
	if !o.Color || s == "" {
		return s
	}
	return code + s + reset
}

// rag writes a rating as a word, coloured when allowed: ratings are never
// shown by colour alone.
func (o Options) rag(r plan.RAG) string {
	switch r {
	case plan.Red:
		return o.paint(red, r.String())
	case plan.Amber:
		return o.paint(yellow, r.String())
	case plan.Green:
		return o.paint(green, r.String())
	case plan.Complete:
		return o.paint(blue, r.String())
	default:
		return o.paint(dim, r.String())
	}
}

// count writes n, coloured with code when it is not zero.
func (o Options) count(code string, n int) string {
	s := fmt.Sprint(n)
	if n == 0 {
		return s
	}
	return o.paint(code, s)
}

// writeJSON writes v as indented JSON. Text in it that could act on a
// terminal (a commit author's escape sequence, say) is written as \u
// escapes, which read back as the same value.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(textsafe.JSON(buf.Bytes()))
	return err
}

// column describes one column of a table.
type column struct {
	header string
	right  bool // numbers are right-aligned
}

// writeTable writes a plain, borderless table for a terminal, fitted to
// width (see tableCol; 0 writes it whole). A footer row is written below a
// rule when given. Control characters in cells are made visible; the
// colours renderers add are kept.
func writeTable(w io.Writer, cols []tableCol, rows [][]string, footer []string, width int) error {
	visible := func(c string) string { return textsafe.VisibleExcept(c, reset, bold, dim, red, green, yellow, blue) }
	rows = safeCells(rows, visible)
	if footer != nil {
		footer = safeCells([][]string{footer}, visible)[0]
	}
	nat := make([]int, len(cols))
	for i, c := range cols {
		nat[i] = twwidth.Width(c.header)
		for _, r := range append(slices.Clone(rows), footer) {
			if i < len(r) {
				nat[i] = max(nat[i], twwidth.Width(r[i]))
			}
		}
	}
	l := layoutTable(cols, nat, width, footer != nil)
	pick := func(r []string) []string {
		out := make([]string, len(l.grid))
		for j, i := range l.grid {
			out[j] = r[i]
		}
		return out
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header
	}
	grid := make([][]string, len(rows))
	for i, r := range rows {
		grid[i] = pick(l.fitCells(cols, r))
	}
	var gridFooter []string
	if footer != nil {
		gridFooter = pick(l.fitCells(cols, footer))
	}
	var buf bytes.Buffer
	if err := renderGrid(&buf, l.gridCols(cols), pick(headers), grid, gridFooter); err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if want := 1 + len(rows) + 2*boolInt(footer != nil); len(lines) != want {
		return fmt.Errorf("table of %d rows written as %d lines", len(rows), len(lines))
	}
	var out []string
	add := func(line string, row []string) {
		own := l.ownLines(cols, row, len(out) == 0)
		if len(own) == 0 || strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
		out = append(out, own...)
	}
	add(lines[0], headers)
	for i, r := range rows {
		add(lines[1+i], r)
	}
	if footer != nil {
		out = append(out, lines[len(lines)-2])
		add(lines[len(lines)-1], footer)
	}
	_, err := io.WriteString(w, strings.Join(out, "\n")+"\n")
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// gridCols returns the columns shown in each row.
func (l tableLayout) gridCols(cols []tableCol) []tableCol {
	out := make([]tableCol, len(l.grid))
	for j, i := range l.grid {
		out[j] = cols[i]
	}
	return out
}

// renderGrid writes rows as a plain, borderless table, one line a row,
// with no space at the end of a line.
func renderGrid(w io.Writer, cols []tableCol, headers []string, rows [][]string, footer []string) error {
	aligns := make([]tw.Align, len(cols))
	for i, c := range cols {
		aligns[i] = tw.AlignLeft
		if c.right {
			aligns[i] = tw.AlignRight
		}
	}
	plain := tw.Rendition{
		Borders: tw.BorderNone,
		Symbols: tw.NewSymbols(tw.StyleASCII),
		Settings: tw.Settings{
			Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off},
			Lines:      tw.Lines{ShowHeaderLine: tw.Off, ShowFooterLine: tw.On},
		},
	}
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(plain)),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
	)
	t.Header(headers)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	if footer != nil {
		t.Footer(footer)
	}
	if err := t.Render(); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

// writeMarkdownTable writes a GitHub-flavoured Markdown table. Cells must
// already be escaped with mdEscape: the table writer does not escape them.
func writeMarkdownTable(w io.Writer, cols []column, rows [][]string) error {
	rows = safeCells(rows, textsafe.Visible)
	headers := make([]string, len(cols))
	aligns := make(tw.Alignment, len(cols))
	for i, c := range cols {
		headers[i] = c.header
		aligns[i] = tw.AlignLeft
		if c.right {
			aligns[i] = tw.AlignRight
		}
	}
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithAlignment(aligns),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(headers)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

// mdEscape escapes text for a Markdown table cell.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `|`, `\|`, `*`, `\*`, "`", "\\`", "\n", " ")
	s = mdUnderscores(r.Replace(s))
	// < and & are text ("<= 25%", "R&D") unless they would start HTML or
	// an autolink (<b, </, <!, <?, <a@b>) or an entity (&lt;): only those get a
	// backslash, so that a pasted paper reads as the plan does.
	s = mdTagStart().ReplaceAllString(s, `\$0`)
	s = mdEntity().ReplaceAllString(s, `\$0`)
	// "[text](url)" would be a link; "~~" (and GitHub's "~") strikes
	// through: escaped only then, so "[draft]" and "~25%" stay as written.
	s = strings.ReplaceAll(s, "](", `]\(`)
	if strings.Count(s, "~") > 1 {
		s = strings.ReplaceAll(s, "~", `\~`)
	}
	return textsafe.Visible(s)
}

// mdUnderscores escapes each "_" that could emphasise: one between two
// letters or digits (snake_case, a URL's path) never can, and is left.
func mdUnderscores(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	rs := []rune(s)
	alnum := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	var b strings.Builder
	for i, r := range rs {
		if r == '_' && !(alnum(i-1) && alnum(i+1)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	mdTagStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<([A-Za-z/!?]|[^\s<>]*@)`) }) // HTML, a link, a mail link
	mdEntity   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	})
)

// safeCells returns rows with each cell passed through visible, leaving
// rows as they were.
func safeCells(rows [][]string, visible func(string) string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = visible(c)
		}
	}
	return out
}

// writeTrimmed writes b with trailing spaces removed from every line, also
// where colour codes follow them.
func writeTrimmed(w io.Writer, b []byte) error {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	var out bytes.Buffer
	for _, l := range lines {
		pre, body, post := splitPaint(l)
		out.WriteString(pre + strings.TrimRight(body, " ") + post)
		out.WriteByte('\n')
	}
	_, err := w.Write(out.Bytes())
	return err
}

// truncate shortens s to at most n columns of a terminal, ending with "…"
// when cut, at a word boundary when there is one near the end.
func truncate(s string, n int) string {
	if twwidth.Width(s) <= n {
		return s
	}
	cut := prefix(s, n-twwidth.Width(ellipsis))
	if i := strings.LastIndexByte(cut, ' '); i >= 0 && utf8.RuneCountInString(cut[i:]) <= 12 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + ellipsis
}

// planColumn puts first a column naming each row's plan, when the rows
// come from several plans: when any of plans (one per row) is set.
func planColumn(header string, cols []column, rows [][]string, plans []string) ([]column, [][]string) {
	return withPlanColumn(column{header, false}, cols, rows, plans)
}

// withPlanColumn is planColumn for columns of any kind: c is the plan's.
func withPlanColumn[C any](c C, cols []C, rows [][]string, plans []string) ([]C, [][]string) {
	if !slices.ContainsFunc(plans, func(p string) bool { return p != "" }) {
		return cols, rows
	}
	cols = append([]C{c}, cols...)
	for i := range rows {
		rows[i] = append([]string{textsafe.Visible(plans[i])}, rows[i]...)
	}
	return cols, rows
}

// csvPlan puts a plan column first in CSV records when several plans are
// reported: record 0 is the header.
func csvPlan(records [][]string, plans []string) [][]string {
	if !slices.ContainsFunc(plans, func(p string) bool { return p != "" }) {
		return records
	}
	records[0] = append([]string{"plan"}, records[0]...)
	for i := 1; i < len(records); i++ {
		records[i] = append([]string{plans[i-1]}, records[i]...)
	}
	return records
}
