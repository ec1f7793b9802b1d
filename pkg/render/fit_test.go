package render

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/plan-tool/plan/plan"
)

// loadExample reads one of the example plans in the repository's testdata.
func loadExample(t *testing.T, name string) *plan.Plan {
	t.Helper()
	p, _, err := plan.Load(os.DirFS("../../testdata/" + name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// retitled is a log whose newest entry changes a title after its first 40
// characters, where tables used to cut both ends to the same text.
func retitled() []plan.LogEntry {
	old := "Run a continuous social worker recruitment campaign with a video"
	return append([]plan.LogEntry{logEntry("5d0c2a1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Priya Shah", plan.NewDate(2026, 4, 20),
		plan.Change{Kind: plan.KindAction, ID: "P8.1", Title: "Run a continuous social worker recruitment campaign with a radio advert", Type: plan.Modified,
			Fields: []plan.FieldChange{
				{Field: "title", Old: old, New: "Run a continuous social worker recruitment campaign with a radio advert"},
				{Field: "owner", Old: "head-workforce", New: "ad-improvement"},
				{Field: "note", Old: "Only 4 of 20 posts filled; market supplement agreed in March", New: "Only 4 of 20 posts filled; market supplement agreed in April"},
			}})}, logEntries()...)
}

// retitledDiff is retitled's newest change, and a slip, as plan diff
// reports them.
func retitledDiff() plan.DiffReport {
	c := retitled()[0].Change
	return plan.DiffReport{Summary: plan.DiffSummary{Slipped: 1, Other: 1}, Changes: []plan.Change{c, {Kind: plan.KindAction, ID: "P8.7", Title: "Reduce reliance on agency social workers with a conversion offer", Type: plan.Modified,
		Fields: []plan.FieldChange{{Field: "due", Old: "2026-03-31", New: "2026-06-30", Meaning: plan.Slipped, Days: 91}}}}}
}

// table is one table renderer with the text its rows must show whole
// when piped, and the text it must never cut, even on a terminal (it may
// be wrapped onto more lines).
type table struct {
	name   string
	render func(io.Writer, Options) error
	whole  []string
	never  []string
}

// tables returns every table renderer with real plans' data: the
// examples in testdata, whose titles are as long as councils write them.
func tables(t *testing.T) []table {
	t.Helper()
	bradford, bury := loadExample(t, "bradford"), loadExample(t, "bury")
	asOf := plan.NewDate(2026, 11, 24)
	status := bradford.Status(asOf)
	var titles []string
	for _, p := range status.Priorities {
		titles = append(titles, p.Title)
	}
	overdue := bradford.Overdue(asOf, 14)
	var overdueTitles []string
	for _, it := range overdue {
		overdueTitles = append(overdueTitles, it.Title, it.OwnerName)
	}
	rows := bradford.Scorecard(asOf)
	var kpiTitles []string
	for _, r := range rows {
		kpiTitles = append(kpiTitles, r.Title, r.Rating.Why)
	}
	trace := bradford.Trace()
	var traceTexts, openLists []string
	for _, tf := range trace {
		traceTexts = append(traceTexts, tf.Text)
		openLists = append(openLists, traceOpen(tf))
	}
	exceptions := bradford.Exceptions(asOf, &plan.DiffReport{Changes: []plan.Change{{Kind: plan.KindAction, ID: "P2.2", Type: plan.Modified,
		Fields: []plan.FieldChange{{Field: "due", Old: "2026-08-31", New: "2026-09-30", Meaning: plan.Slipped, Days: 30}}}}})
	var exceptionTexts, reasons []string
	for _, e := range exceptions {
		exceptionTexts = append(exceptionTexts, e.Title)
		reasons = append(reasons, e.Reasons...)
	}
	card, err := bradford.Card("P8", asOf)
	if err != nil {
		t.Fatal(err)
	}
	card.Changes = &plan.DiffReport{Summary: plan.DiffSummary{Other: 1}, Changes: []plan.Change{{Kind: plan.KindAction, ID: "P8.13", Type: plan.Modified,
		Fields: []plan.FieldChange{{Field: "note", Old: "Reviewed on 15 June: rating unchanged.", New: "Reviewed on 23 November: rating unchanged."}}}}}
	var cardTexts []string
	for _, a := range card.Actions {
		cardTexts = append(cardTexts, a.Title, a.OwnerName)
	}
	for _, f := range card.Findings {
		cardTexts = append(cardTexts, f.Text)
	}
	used := map[*plan.Term]bool{}
	var meanings []string
	for _, term := range bury.UsedTerms() {
		used[term] = true
	}
	for _, term := range bury.Glossary {
		meanings = append(meanings, term.Meaning)
	}
	bradford.Name, bury.Name = "bradford", "bury"
	portfolio := plan.Portfolio([]*plan.Plan{bradford, bury}, asOf)
	return []table{
		{"status", func(w io.Writer, o Options) error { return Status(w, status, Table, ByTheme, o) }, titles, nil},
		{"status-explain", func(w io.Writer, o Options) error {
			o.Explain = true
			return Status(w, status, Table, ByTheme, o)
		}, append([]string{status.Totals.Why}, titles...), nil},
		{"status-by-owner", func(w io.Writer, o Options) error { return Status(w, status, Table, ByOwner, o) }, nil, nil},
		{"overdue", func(w io.Writer, o Options) error { return Overdue(w, asOf, 14, overdue, Table, o) }, overdueTitles, nil},
		{"kpis", func(w io.Writer, o Options) error {
			o.Explain, o.Terminal = true, o.Width > 0
			return KPIs(w, asOf, rows, Table, o)
		}, kpiTitles, nil},
		{"trace", func(w io.Writer, o Options) error { return Trace(w, trace, Table, o) }, traceTexts, openLists},
		{"exceptions", func(w io.Writer, o Options) error {
			return Exceptions(w, asOf, "plan/board/2026-11-10 (2026-11-10)", exceptions, Table, o)
		}, append(exceptionTexts, reasons...), reasons},
		{"card", func(w io.Writer, o Options) error {
			return Card(w, card, "plan/board/2026-11-10 (2026-11-10)", Text, o)
		}, cardTexts,
			[]string{"~ action P8.13: note Reviewed on 15 June: rating unchanged. -> Reviewed on 23 November: rating unchanged."}},
		{"glossary", func(w io.Writer, o Options) error { return Glossary(w, bury.Glossary, used, Table, o) }, meanings, nil},
		{"log", func(w io.Writer, o Options) error { return Log(w, "P8.1", retitled(), Table, o) }, []string{
			"Run a continuous social worker recruitment campaign with a video", "Run a continuous social worker recruitment campaign with a radio advert",
			"Only 4 of 20 posts filled; market supplement agreed in March", "slipped 91 days, re-baselined with approval (Improvement Board 2026-01-06)"}, nil},
		{"diff", func(w io.Writer, o Options) error {
			return Diff(w, retitledDiff(), End{Rev: "board", Commit: "5d0c2a1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Short: "5d0c2a1", Date: "2026-03-09"}, End{Rev: "working tree"}, Text, o)
		}, nil, []string{
			"Run a continuous social worker recruitment campaign with a video -> Run a continuous social worker recruitment campaign with a radio advert",
			"Only 4 of 20 posts filled; market supplement agreed in March -> Only 4 of 20 posts filled; market supplement agreed in April",
			"2026-03-31 -> 2026-06-30  (slipped 91 days)"}},
		{"snapshots", func(w io.Writer, o Options) error { return Snapshots(w, snapshots(), Table, o) }, []string{"Ofsted monitoring visit snapshot 2026-11-12"}, nil},
		{"portfolio", func(w io.Writer, o Options) error { return Portfolio(w, portfolio, Table, o) }, []string{bradford.Organisation}, nil},
	}
}

// words is s as a list of words, so that text wrapped onto several lines
// can be found.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestTablesFitTheTerminal: on a terminal of any width from 30 to 200
// columns, no line of any table renderer's output is wider than the
// terminal.
func TestTablesFitTheTerminal(t *testing.T) {
	for _, tt := range tables(t) {
		for width := 30; width <= 200; width++ {
			for _, color := range []bool{false, true} {
				var b bytes.Buffer
				if err := tt.render(&b, Options{Width: width, Color: color}); err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
					if got := twwidth.Width(line); got > width {
						t.Fatalf("%s at %d columns (colour %v): line %d is %d wide:\n%s", tt.name, width, color, i+1, got, line)
					}
				}
			}
		}
	}
}

// TestPipedTablesAreWhole: with no terminal there is no width to fit, so
// nothing is cut: every title and text is there in full. On a terminal,
// text may be cut, but never text that must be read whole.
func TestPipedTablesAreWhole(t *testing.T) {
	for _, tt := range tables(t) {
		var b bytes.Buffer
		if err := tt.render(&b, Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "…") {
			t.Errorf("%s piped: something is cut:\n%s", tt.name, b.String())
		}
		for _, s := range append(tt.whole, tt.never...) {
			if !strings.Contains(b.String(), s) {
				t.Errorf("%s piped: %q is not there whole", tt.name, s)
			}
		}
	}
}

// TestTableGoldens pins the widest tables piped, and on terminals 80 and
// 120 columns wide.
func TestTableGoldens(t *testing.T) {
	var cases []goldenCase
	for _, tt := range tables(t) {
		switch tt.name {
		case "status", "trace", "kpis", "exceptions", "overdue", "log", "card", "diff":
		default:
			continue
		}
		for _, width := range []int{0, 80, 120} {
			name := fmt.Sprintf("fit-%s-%d.table", tt.name, width)
			if width == 0 {
				name = fmt.Sprintf("fit-%s-piped.table", tt.name)
			}
			cases = append(cases, goldenCase{name, func(b *bytes.Buffer) error { return tt.render(b, Options{Width: width}) }})
		}
	}
	runGoldens(t, cases)
}

// TestLogNeverHidesAChange: a title changed after its first 40
// characters used to show as the same cut text on both sides. At any
// width, and piped, the log shows where old and new differ.
func TestLogNeverHidesAChange(t *testing.T) {
	for width := 0; width <= 200; width++ {
		if width > 0 && width < 60 {
			continue
		}
		var b bytes.Buffer
		if err := Log(&b, "P8.1", retitled(), Table, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"video", "radio", "March", "April"} {
			if !strings.Contains(b.String(), s) {
				t.Fatalf("at %d columns (0: piped) the log does not show %q, where old and new differ:\n%s", width, s, b.String())
			}
		}
	}
}

// TestWholeTextIsNeverCut: what must be read whole (a finding's open
// actions, an exception's reasons, which hold old -> new, a card's
// changes) is never cut on a terminal of any width: it is wrapped instead.
func TestWholeTextIsNeverCut(t *testing.T) {
	for _, tt := range tables(t) {
		for width := 60; width <= 200; width++ {
			var b bytes.Buffer
			if err := tt.render(&b, Options{Width: width}); err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.never {
				if !strings.Contains(words(b.String()), words(s)) {
					t.Fatalf("%s at %d columns: %q is cut:\n%s", tt.name, width, s, b.String())
				}
			}
		}
	}
}

// TestCutPairShowsTheDifference: an old and a new value cut to any widths
// are no wider than those widths, are left whole when they fit, and still
// differ when they differ.
func TestCutPairShowsTheDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 7))
	word := func() string {
		w := []string{"campaign", "a", "video", "radio", "advert", "in", "March", "April", "2026-03-31", "Bradford", "…", "é", "20"}
		return w[r.IntN(len(w))]
	}
	text := func(n int) string {
		var ws []string
		for range n {
			ws = append(ws, word())
		}
		return strings.Join(ws, " ")
	}
	for range 3000 {
		common, tail := text(r.IntN(12)), text(r.IntN(4))
		a, b := strings.TrimSpace(common+" "+text(r.IntN(3))+" "+tail), strings.TrimSpace(common+" "+text(r.IntN(3))+" "+tail)
		for _, w := range [][2]int{{3 + r.IntN(60), 3 + r.IntN(60)}, {12, 12}, {3, 3}} {
			ga, gb := cutPair(a, b, w[0], w[1])
			if twwidth.Width(ga) > w[0] || twwidth.Width(gb) > w[1] {
				t.Fatalf("cutPair(%q, %q, %d, %d) = %q, %q: too wide", a, b, w[0], w[1], ga, gb)
			}
			if a != b && ga == gb {
				t.Fatalf("cutPair(%q, %q, %d, %d) = %q twice: the change is hidden", a, b, w[0], w[1], ga)
			}
			if twwidth.Width(a) <= w[0] && twwidth.Width(b) <= w[1] && (ga != a || gb != b) {
				t.Fatalf("cutPair(%q, %q, %d, %d) = %q, %q: cut what fits", a, b, w[0], w[1], ga, gb)
			}
		}
	}
	if a, b := cutPair("Only 4 of 20 posts filled; market supplement agreed in March", "Only 4 of 20 posts filled; market supplement agreed in April", 20, 20); a != "…agreed in March" || b != "…agreed in April" {
		t.Errorf("cutPair kept %q, %q; want the words before the difference", a, b)
	}
}

// TestWrapKeepsEveryWord: wrapped text fits its width and loses nothing.
func TestWrapKeepsEveryWord(t *testing.T) {
	s := "P1.5 (green), P2.5 (amber), P3.6 (amber), P4.8 (green), P6.8 (red), P12.11 (green); 9 done, 8 without evidence https://example.org/a-very-long-address-indeed"
	for w := 1; w <= 80; w++ {
		lines := wrap(s, w)
		for _, l := range lines {
			if twwidth.Width(l) > w {
				t.Fatalf("wrap at %d: %q is wider", w, l)
			}
		}
		if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Fatalf("wrap at %d lost text: %q", w, lines)
		}
	}
	if got := wrap(red+"worsening two periods running"+reset, 12); got[0] != red+"worsening"+reset || len(got) != 3 {
		t.Errorf("wrap lost the colour: %q", got)
	}
}

// TestTableRecordLayout: a table too wide for the terminal even without
// its text and optional columns becomes a record per row, each value
// after its column's name; an id wider than the terminal is shown whole
// all the same; a table that fits is never changed.
func TestTableRecordLayout(t *testing.T) {
	cols := []tableCol{keepCol("ID"), textCol("TITLE"), asideCol("OWNER"), keepCol("DUE"), numCol("DAYS LATE"), keepCol("RAG").optional(1)}
	rows := [][]string{{"P10.1", "Review the safeguarding partnership arrangements", "partnership-manager", "2026-01-31", "297", "red"}}
	var b bytes.Buffer
	if err := writeTable(&b, cols, rows, nil, 26); err != nil {
		t.Fatal(err)
	}
	want := `ID     DUE
       TITLE
P10.1  2026-01-31
       Review the
       safeguarding
       partnership
       arrangements
       owner:
       partnership-manager
       days late: 297
`
	if b.String() != want {
		t.Errorf("at 26 columns:\n%s\nwant:\n%s", b.String(), want)
	}
	long := strings.Repeat("P", 90)
	b.Reset()
	if err := writeTable(&b, cols, [][]string{{long, "A title", "x", "2026-11-30", "1", "red"}}, nil, 60); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n"+long+"\n") {
		t.Errorf("an id wider than the terminal was cut:\n%s", b.String())
	}
	b.Reset()
	if err := writeTable(&b, cols, [][]string{{"P1", "", "x", "2026-11-30", "1", "red"}}, nil, 50); err != nil {
		t.Fatal(err)
	}
	if b.String() != "ID  TITLE  OWNER  DUE         DAYS LATE  RAG\nP1         x      2026-11-30          1  red\n" {
		t.Errorf("a table that fits was changed:\n%s", b.String())
	}
}

// TestOnlyTextIsCut: whatever the widths of a table's cells (wide
// characters, combining marks, emoji, colour) and of the terminal, its
// ids, dates, numbers, ratings and names are all there whole; text is
// either whole or cut with an ellipsis, to a start of itself; and from 30
// columns every line fits.
func TestOnlyTextIsCut(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 7))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	word := func() string {
		return pick("plan", "a", "review", "children's", "care", "漢字", "테스트", "café", "cafe\u0301", "👩‍👩‍👧", "ｆｕｌｌ", "…", "Bradford", "2026")
	}
	phrase := func(n int) string {
		var ws []string
		for range n {
			ws = append(ws, word())
		}
		return strings.Join(ws, " ")
	}
	kinds := []tableCol{keepCol("ID"), numCol("DAYS"), keepCol("RAG"), asideCol("OWNER"), textCol("TITLE"), wholeCol("REASONS"), keepCol("KPIS R/A/G/U").optional(1), keepCol("PRIORITY").repeats()}
	for range 1000 {
		cols := []tableCol{keepCol("ID")}
		for range 1 + r.IntN(6) {
			cols = append(cols, kinds[1+r.IntN(len(kinds)-1)])
		}
		var rows [][]string
		for range 1 + r.IntN(4) {
			row := []string{pick("P1", "P12.11", "OF25-10", "漢1")}
			for _, c := range cols[1:] {
				switch c.fit {
				case text, whole:
					row = append(row, phrase(r.IntN(12)))
				case aside:
					row = append(row, pick("head-business-support", "dcs", "Zoë Tremaine", "佐藤"))
				default:
					row = append(row, pick("297", "2026-11-30", "red", "amber", "1/10/4/0", ""))
				}
			}
			if r.IntN(3) == 0 {
				for i, c := range cols {
					if c.fit == keep && c.right {
						row[i] = red + row[i] + reset
					}
				}
			}
			rows = append(rows, row)
		}
		width := 30 + r.IntN(120)
		var b bytes.Buffer
		if err := writeTable(&b, cols, rows, nil, width); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if twwidth.Width(line) > width {
				t.Fatalf("at %d columns a line is %d wide:\n%s", width, twwidth.Width(line), out)
			}
		}
		for _, row := range rows {
			for i, c := range cols {
				cell := row[i]
				switch {
				case c.repeat || c.drop > 0 || cell == "":
				case c.fit == text:
					if !strings.Contains(words(out), words(cell)) && !containsCut(out, cell) {
						t.Fatalf("at %d columns %q is neither whole nor cut to a start of itself:\n%s", width, cell, out)
					}
				case c.fit == whole:
					if !strings.Contains(words(out), words(cell)) {
						t.Fatalf("at %d columns %q is not whole:\n%s", width, cell, out)
					}
				default:
					if !strings.Contains(out, cell) {
						t.Fatalf("at %d columns %q (%s) is not whole:\n%s", width, cell, c.header, out)
					}
				}
			}
		}
	}
}

// containsCut says whether out holds a start of s followed by an ellipsis.
func containsCut(out, s string) bool {
	for _, line := range strings.Split(out, "\n") {
		for _, field := range strings.Split(line, "  ") {
			field = strings.TrimSpace(field)
			if body, ok := strings.CutSuffix(field, ellipsis); ok && strings.HasPrefix(s, body) {
				return true
			}
		}
	}
	return false
}

// TestCutMeasuresCells: text is cut to a terminal's cells, not to bytes or
// runes: wide characters take two cells, combining marks none, and a
// cluster (a letter and its accent, an emoji sequence) is never split.
func TestCutMeasuresCells(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want string
	}{
		{"Children in care", 40, "Children in care"},
		{"Children in care and care leavers", 20, "Children in care…"},
		{"漢字漢字漢字", 7, "漢字漢…"},
		{"漢字漢字漢字", 8, "漢字漢…"},
		{"cafe\u0301 cafe\u0301 cafe\u0301", 9, "cafe\u0301…"},
		{"caféx", 4, "caf…"},
		{"cafe\u0301x", 4, "caf…"},
		{"cafe\u0301x", 5, "cafe\u0301x"},
		{"ab👩‍👩‍👧cd", 4, "ab…"},
		{red + "worsening two periods running" + reset, 12, red + "worsening…" + reset},
	} {
		got := cut(tt.s, tt.w)
		if got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
		if twwidth.Width(got) > tt.w {
			t.Errorf("cut(%q, %d) = %q is %d wide", tt.s, tt.w, got, twwidth.Width(got))
		}
	}
	for _, tt := range []struct {
		s    string
		w    int
		want []string
	}{
		{"漢字 漢字漢字", 5, []string{"漢字", "漢字", "漢字"}},
		{"cafe\u0301 cafe\u0301", 4, []string{"cafe\u0301", "cafe\u0301"}},
		{"abcdef", 4, []string{"abcd", "ef"}},
	} {
		if got := wrap(tt.s, tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
}
