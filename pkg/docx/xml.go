package docx

import (
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/plan-tool/plan/internal/textsafe"
)

// The WordprocessingML is written as text, a small builder per kind of
// thing (run, paragraph, cell, row, table), every piece of text through
// esc: the XML of a part is only ever what these write.

// safe returns text from the plan as a document may hold it: control
// characters and the other characters textsafe makes visible as escapes
// ("\x1b"), and the characters XML 1.0 cannot hold at all (U+FFFE,
// U+FFFF, bytes that are not UTF-8) likewise.
func safe(s string) string {
	return textsafe.Escape(textsafe.Visible(s), notXML)
}

// cleanSVG returns a chart with the characters an XML document cannot
// hold, and those textsafe shows, written as escapes ("\x1b") as safe
// writes them; line breaks and tabs between its elements are kept.
func cleanSVG(svg []byte) []byte {
	s := string(svg)
	if !strings.ContainsFunc(s, func(r rune) bool { return notXML(r) || textsafe.Unsafe(r) && r != '\n' && r != '\r' && r != '\t' }) && utf8.ValidString(s) {
		return svg
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteRune(r)
		case notXML(r) || textsafe.Unsafe(r):
			b.WriteString(safe(string(r)))
		default:
			b.WriteRune(r)
		}
		s = s[n:]
	}
	return []byte(b.String())
}

// notXML reports whether r is not a character of XML 1.0.
func notXML(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20:
		return true
	case 0xd800 <= r && r <= 0xdfff, r == 0xfffe, r == 0xffff, r > utf8.MaxRune:
		return true
	}
	return false
}

// esc escapes text for an XML element or attribute.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(safe(s))) // a strings.Builder does not fail
	return b.String()
}

// runStyle is how a run of text looks.
type runStyle struct {
	bold, italic bool
	colour       string // hex, "" for the style's
	shade        string // hex background, "" for none
	size         int    // half-points, 0 for the style's
}

func (rs runStyle) xml() string {
	var b strings.Builder
	if rs.bold {
		b.WriteString("<w:b/><w:bCs/>")
	}
	if rs.italic {
		b.WriteString("<w:i/><w:iCs/>")
	}
	if rs.colour != "" {
		fmt.Fprintf(&b, `<w:color w:val="%s"/>`, rs.colour)
	}
	if rs.size > 0 {
		fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, rs.size, rs.size)
	}
	if rs.shade != "" {
		fmt.Fprintf(&b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, rs.shade)
	}
	if b.Len() == 0 {
		return ""
	}
	return "<w:rPr>" + b.String() + "</w:rPr>"
}

// run is a run of text.
func run(t string, rs runStyle) string {
	return `<w:r>` + rs.xml() + `<w:t xml:space="preserve">` + esc(t) + `</w:t></w:r>`
}

// plain is a run of text in the paragraph's style.
func plain(t string) string { return run(t, runStyle{}) }

// strong is a run of bold text.
func strong(t string) string { return run(t, runStyle{bold: true}) }

// para is a paragraph's properties and its runs.
type para struct {
	style     string // a style id, "" for Normal
	pageBreak bool   // start on a new page
	keepNext  bool
	align     string // left, center, right
	runs      []string
}

func (p para) xml() string {
	var pr strings.Builder
	if p.style != "" {
		fmt.Fprintf(&pr, `<w:pStyle w:val="%s"/>`, p.style)
	}
	if p.keepNext {
		pr.WriteString(`<w:keepNext/>`)
	}
	if p.pageBreak {
		pr.WriteString(`<w:pageBreakBefore/>`)
	}
	if p.align != "" {
		fmt.Fprintf(&pr, `<w:jc w:val="%s"/>`, p.align)
	}
	var b strings.Builder
	b.WriteString("<w:p>")
	if pr.Len() > 0 {
		b.WriteString("<w:pPr>" + pr.String() + "</w:pPr>")
	}
	for _, r := range p.runs {
		b.WriteString(r)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// cell is a table cell: paragraphs, and how it looks.
type cell struct {
	paras []para
	shade string // hex background, "" for none
	right bool   // numbers: aligned right
}

// textCell is a cell of one paragraph of runs.
func textCell(runs ...string) cell { return cell{paras: []para{{runs: runs}}} }

// column is a table's column: its heading and its share of the width.
type column struct {
	head  string
	width int // twentieths of a point
	right bool
}

// table writes a table in the Table Grid style whose first row, the
// headings, repeats at the top of each page it runs onto. bold rows (by
// index) are written bold, as a table's group and total rows are.
func table(cols []column, rows [][]cell, bold map[int]bool) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, c.width)
	}
	b.WriteString(`</w:tblGrid>`)
	head := make([]cell, len(cols))
	for i, c := range cols {
		head[i] = cell{paras: []para{{runs: []string{strong(c.head)}, keepNext: true}}, shade: "E7E6E6", right: c.right}
	}
	writeRow(&b, cols, head, true)
	for i, r := range rows {
		if bold[i] {
			r = boldRow(r)
		}
		writeRow(&b, cols, r, false)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// boldRow returns the row with its plain runs made bold.
func boldRow(r []cell) []cell {
	out := make([]cell, len(r))
	for i, c := range r {
		c.paras = append([]para(nil), c.paras...)
		for j, p := range c.paras {
			p.runs = append([]string(nil), p.runs...)
			for k, rn := range p.runs {
				if strings.HasPrefix(rn, `<w:r><w:t`) {
					p.runs[k] = `<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t` + strings.TrimPrefix(rn, `<w:r><w:t`)
				}
			}
			c.paras[j] = p
		}
		out[i] = c
	}
	return out
}

func writeRow(b *strings.Builder, cols []column, cells []cell, header bool) {
	// A row is kept on one page unless it is long (a long note): such a
	// row moved whole to the next page leaves a near-blank page behind.
	size := 0
	for _, c := range cells {
		for _, p := range c.paras {
			for _, rn := range p.runs {
				size += len(rn)
			}
		}
	}
	b.WriteString(`<w:tr><w:trPr>`)
	if header || size < 1200 {
		b.WriteString(`<w:cantSplit/>`)
	}
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
	for i, c := range cells {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, cols[i].width)
		if c.shade != "" {
			fmt.Fprintf(b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, c.shade)
		}
		b.WriteString(`</w:tcPr>`)
		if len(c.paras) == 0 {
			c.paras = []para{{}} // a cell must hold a paragraph
		}
		for _, p := range c.paras {
			if p.style == "" {
				p.style = "TableText"
			}
			if c.right || cols[i].right {
				p.align = "right"
			}
			b.WriteString(p.xml())
		}
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr>`)
}
