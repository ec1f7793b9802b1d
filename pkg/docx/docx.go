// Package docx writes the board pack as a Word document (.docx): the
// sections of the HTML pack, built from Word's own parts so that a clerk
// can edit it and paste it into a committee template. It uses Word's
// built-in style names (Title, Heading 1, Heading 2, Normal, Caption,
// List Bullet, Table Grid), real tables whose heading row repeats on each
// page, ratings as words in cells shaded in the rating's colour, A4
// portrait pages with "Page X of Y" in the footer, and each priority's
// card on a new page. The charts are the HTML pack's SVG, with a PNG drawn
// from the same SVG for Word before 2016, LibreOffice and other readers.
//
// The WordprocessingML is written directly (archive/zip and escaped text):
// the pack needs a handful of parts, and writing them keeps every style
// name, field and picture as Word itself writes them.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

// Page size and margins, in twentieths of a point: A4 portrait, 2 cm
// margins.
const (
	pageW, pageH = 11906, 16838
	margin       = 1134
	textW        = pageW - 2*margin // 9638
	emuPerTwip   = 635
)

// picture is a chart: its PNG and SVG and the size it is shown at.
type picture struct {
	png, svg    []byte
	cx, cy      int64 // EMU
	name, descr string
}

// doc is a document being written: its body, and its pictures.
type doc struct {
	body     strings.Builder
	pictures []picture
	err      error
}

func (d *doc) p(p para) { d.body.WriteString(p.xml()) }

func (d *doc) heading(level int, text string, pageBreak bool) {
	d.p(para{style: fmt.Sprintf("Heading%d", level), pageBreak: pageBreak, runs: []string{plain(text)}})
}

func (d *doc) text(runs ...string) { d.p(para{runs: runs}) }

func (d *doc) bullets(items []string) {
	for _, it := range items {
		d.p(para{style: "ListBullet", runs: []string{plain(it)}})
	}
}

// ratingWord is how a rating is written in the pack: a word, whatever the
// colour.
func ratingWord(r plan.RAG) string {
	s := r.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// ratingColours are a rating's background and text colours.
var ratingColours = map[plan.RAG][2]string{
	plan.Red:      {"C0392B", "FFFFFF"},
	plan.Amber:    {"F5C542", "000000"},
	plan.Green:    {"2E8B57", "FFFFFF"},
	plan.Complete: {"D6E4F5", "1F3864"},
	plan.Unrated:  {"E0E0E0", "000000"},
}

// ratingRun is a rating as a run of bold text, shaded in its colour.
func ratingRun(r plan.RAG) string {
	c := ratingColours[r]
	return run(" "+ratingWord(r)+" ", runStyle{bold: true, colour: c[1], shade: c[0]})
}

// ratingCell is a cell shaded in the rating's colour that says it.
func ratingCell(r plan.RAG) cell {
	c := ratingColours[r]
	return cell{shade: c[0], paras: []para{{runs: []string{run(ratingWord(r), runStyle{bold: true, colour: c[1]})}}}}
}

// chart adds a chart drawn as SVG as a picture widthTwips wide.
func (d *doc) chart(svg []byte, widthTwips int) {
	if d.err != nil || len(svg) == 0 {
		return
	}
	svg = cleanSVG(svg)
	w, h, err := svgSize(svg)
	if err != nil {
		d.err = err
		return
	}
	n := len(d.pictures) + 1
	cx := int64(widthTwips) * emuPerTwip
	cy := int64(float64(cx) * h / w)
	title, descr := svgTitle(svg)
	d.pictures = append(d.pictures, picture{svg: svg, cx: cx, cy: cy, name: title, descr: descr})
	png1, svg1 := pictureRels(n)
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:pStyle w:val="Figure"/><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Chart %d" descr="%s" title="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="%d" name="chart%d.png" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="%s"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="%s"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, n, n, esc(descr), esc(title), n, n, esc(descr), png1, svg1, cx, cy)
}

// pictureRels are the relationship ids of picture n's PNG and SVG.
func pictureRels(n int) (png, svg string) {
	return fmt.Sprintf("rIdChart%dPNG", n), fmt.Sprintf("rIdChart%dSVG", n)
}

// svgTitle reads a chart's title and description (its alternative text).
func svgTitle(svg []byte) (title, desc string) {
	var v struct {
		Title string `xml:"title"`
		Desc  string `xml:"desc"`
	}
	_ = xml.Unmarshal(svg, &v) // the chart was read already; a chart without them has none
	return v.Title, v.Desc
}

// Write writes the board pack r as a .docx document. It returns an error
// when w does, or when a chart cannot be drawn.
func Write(w io.Writer, r plan.Report) error {
	d := &doc{}
	d.pack(r)
	if d.err == nil {
		d.err = d.drawPNGs()
	}
	if d.err != nil {
		return fmt.Errorf("draw the charts: %w", d.err)
	}
	return d.write(w, r)
}

// drawPNGs draws the PNG of each picture from its SVG, on as many cores as
// there are, each worker with fonts of its own (a font face is not safe
// for concurrent use).
func (d *doc) drawPNGs() error {
	workers := min(runtime.GOMAXPROCS(0), len(d.pictures))
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, fontErr := loadFonts()
			for i := range next {
				if fontErr != nil {
					errs[w] = fmt.Errorf("load the fonts: %w", fontErr)
					continue
				}
				png, err := rasterize(d.pictures[i].svg, f)
				if err != nil {
					errs[w] = err
				}
				d.pictures[i].png = png
			}
		}()
	}
	for i := range d.pictures {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

func (d *doc) pack(r plan.Report) {
	public := r.Audience == plan.ForPublic
	d.p(para{style: "Title", runs: []string{plain(r.Title)}})
	sub := r.Organisation + ". Board pack as of " + r.AsOf.String() + "."
	if public {
		sub = r.Organisation + ". Progress report as of " + render.LongDate(r.AsOf) + "."
	}
	if r.Since != "" {
		sub += " Changes are since " + r.Since + "."
	}
	d.p(para{style: "Subtitle", runs: []string{plain(sub)}})
	if !public {
		d.text(run("Internal: not for publication", runStyle{bold: true}))
	}

	d.heading(1, "Summary", false)
	d.text(plain("The plan is rated "), ratingRun(r.Status.Totals.RAG), plain(" ("+r.Status.Totals.Why+"). Each rating is the worst of its open actions; an overdue action counts as red; complete when every action is done."))
	d.chart(render.RatingBarsSVG(r.Status), textW)
	d.p(para{style: "Caption", runs: []string{plain("In the bars each open action is counted once: as overdue if it is past its due date, whatever its rating, else by its rating.")}})
	d.statusTable(r.Status)
	d.p(para{style: "Caption", runs: []string{plain(render.CountsKey() + ".")}})
	if r.Changes != nil {
		d.heading(2, "Changes since "+r.Since, false)
		d.text(strong(render.PackSummary(r.Audience, r.Changes.Summary) + "."))
		var items []string
		for _, c := range render.Notable(r.Changes) {
			items = append(items, string(c.Kind)+" "+c.ID+": "+render.PackChange(r.Audience, c))
		}
		d.bullets(items)
	} else if r.NoChanges != "" {
		d.heading(2, "What changed", false)
		d.text(plain(r.NoChanges))
	}

	d.heading(1, "Exceptions", true)
	if len(r.Exceptions) == 0 {
		d.text(plain("No exceptions."))
	} else {
		d.text(plain(render.AttentionLine(len(r.Exceptions))))
		var rows [][]cell
		for _, e := range r.Exceptions {
			why := cell{}
			for _, reason := range e.Reasons {
				why.paras = append(why.paras, para{runs: []string{plain(reason)}})
			}
			rows = append(rows, []cell{textCell(plain(string(e.Kind) + " " + e.ID)), textCell(plain(e.Title)), why})
		}
		d.body.WriteString(table([]column{{"Item", 1500, false}, {"Title", 3600, false}, {"Why it is here", 4538, false}}, rows, nil))
	}

	for _, c := range r.Cards {
		d.card(c, r)
	}
	if r.Risks != nil {
		d.risks(*r.Risks)
	}

	d.heading(1, "Findings traceability", true)
	impact := render.HasImpact(r.Trace)
	intro := "Each finding against the actions that answer it. A finding is met only when every action addressing it is done and evidenced."
	if impact {
		intro += " Where KPIs measure a finding's impact (delivery is not enough), it is met only when they are green too."
	}
	d.text(plain(intro))
	var rows [][]cell
	for _, tf := range r.Trace {
		row := []cell{textCell(plain(tf.ID)), textCell(plain(tf.Source)), textCell(plain(tf.Text)), textCell(plain(render.TraceActions(tf)))}
		if impact {
			row = append(row, textCell(plain(render.TraceImpact(tf))))
		}
		rows = append(rows, append(row, textCell(plain(render.StateWord(tf.State)))))
	}
	cols := []column{{"Finding", 900, false}, {"Source", 1300, false}, {"Finding text", 3838, false}, {"Actions", 2300, false}}
	if impact {
		cols[2].width, cols[3].width = 2238, 1900
		cols = append(cols, column{"Impact (KPIs)", 2000, false})
	}
	d.body.WriteString(table(append(cols, column{"State", 1300, false}), rows, nil))

	if len(r.Glossary) > 0 {
		d.heading(1, "Glossary", true)
		d.text(plain("Every acronym this report uses."))
		for _, t := range r.Glossary {
			d.text(strong(t.Term), plain(": "+t.Meaning))
		}
	}
	end := "Made by plan from the plan's files"
	if r.Since != "" {
		end += ", compared with " + r.Since
	}
	d.p(para{style: "Caption", runs: []string{plain(end + ".")}})
}

// statusTable writes the summary's table: each theme, its priorities, and
// the whole plan.
func (d *doc) statusTable(s plan.StatusReport) {
	counts := func(lead string, sum plan.Summary) []cell {
		a, k := sum.Actions, sum.KPIs
		n := func(v int) cell { return cell{paras: []para{{runs: []string{plain(fmt.Sprint(v))}}}, right: true} }
		return []cell{textCell(plain(lead)), ratingCell(sum.RAG), n(a.Red), n(a.Amber), n(a.Green), n(a.Complete), n(a.Unrated), n(a.Overdue),
			{paras: []para{{runs: []string{plain(fmt.Sprintf("%d / %d / %d", k.Red, k.Amber, k.Green))}}}, right: true}}
	}
	var rows [][]cell
	bold := map[int]bool{}
	for _, t := range s.Themes {
		bold[len(rows)] = true
		rows = append(rows, counts(t.ID+" "+t.Title, t.Summary))
		for _, p := range s.Priorities {
			if p.Theme == t.ID {
				rows = append(rows, counts(p.ID+" "+p.Title, p.Summary))
			}
		}
	}
	bold[len(rows)] = true
	rows = append(rows, counts("Whole plan", s.Totals))
	num := func(h string) column { return column{h, 900, true} }
	d.body.WriteString(table([]column{{"Theme / priority", 1900, false}, {"Rating", 850, false},
		num("Red"), num("Amber"), num("Green"), num("Done"), num("Unrated"), num("Overdue"), {"KPIs red / amber / green", 1488, true}}, rows, bold))
}

// card writes a priority's report card, from a new page.
func (d *doc) card(c plan.Card, r plan.Report) {
	p := c.Priority
	d.heading(1, p.ID+": "+p.Title, true)
	d.text(plain("Theme " + p.Theme + ": " + c.ThemeTitle + ". Owner: " + c.OwnerName + "."))
	d.text(plain("Rating: "), ratingRun(p.RAG), plain(" ("+p.Why+")."))
	for _, dec := range c.Decisions {
		d.text(plain(render.DecisionLine(dec)))
	}

	d.heading(2, "Actions", false)
	var rows [][]cell
	for _, a := range c.Actions {
		title := cell{paras: []para{{runs: []string{plain(a.Title)}}}}
		if a.Note != "" {
			title.paras = append(title.paras, para{style: "TableNote", runs: []string{plain("Note: " + a.Note)}})
		}
		if a.Evidence != "" {
			title.paras = append(title.paras, para{style: "TableNote", runs: []string{plain("Evidence: " + a.Evidence)}})
		}
		rating := cell{}
		if a.Status.Open() {
			rating = ratingCell(a.RAG)
			if a.Confidence != "" {
				rating.paras = append(rating.paras, para{style: "TableNote", runs: []string{plain(string(a.Confidence) + " confidence")}})
			}
		}
		// The narrow columns take a second, smaller line rather than one
		// long phrase broken mid-word: due, then "was" the first due
		// date; status, then the day it was done; days, then "completed
		// late".
		late := textCell(strong(""))
		switch {
		case a.Overdue:
			late = textCell(strong(plan.Plural(a.DaysLate, "day", "days")))
		case a.CompletedLate > 0:
			late = textCell(plain(plan.Plural(a.CompletedLate, "day", "days")))
			late.paras = append(late.paras, para{style: "TableNote", runs: []string{plain("completed late")}})
		}
		due := textCell(plain(a.Due.String()))
		if !a.OriginalDue.IsZero() {
			due.paras = append(due.paras, para{style: "TableNote", runs: []string{plain("was " + a.OriginalDue.String())}})
		}
		status := textCell(plain(string(a.Status)))
		if !a.Completed.IsZero() {
			status.paras = append(status.paras, para{style: "TableNote", runs: []string{plain(a.Completed.String())}})
		}
		rows = append(rows, []cell{textCell(plain(a.ID)), title, textCell(plain(a.OwnerName)), due, status, rating, late})
	}
	d.body.WriteString(table([]column{{"Action", 800, false}, {"Title", 2638, false}, {"Owner", 1800, false}, {"Due", 1100, false},
		{"Status", 1100, false}, {"Rating", 1100, false}, {"Late", 1100, false}}, rows, nil))

	if len(c.KPIs) > 0 {
		d.heading(2, "KPIs", false)
		for _, k := range c.KPIs {
			if len(k.Series) == 0 {
				continue
			}
			d.p(para{keepNext: true, runs: []string{strong(k.ID), plain(" " + k.Title + ": "), ratingRun(k.Rating.RAG), plain(" " + render.TrendWord(k.Trend))}})
			d.chart(render.KPIChartSVG(k), textW*6/10)
			d.p(para{style: "Caption", runs: []string{plain(k.Rating.Why)}})
		}
		var rows [][]cell
		for _, k := range c.KPIs {
			val, date := render.KPILatest(k)
			rows = append(rows, []cell{textCell(plain(k.ID)), textCell(plain(k.Title)), {paras: []para{{runs: []string{plain(val)}}}, right: true},
				textCell(plain(date)), {paras: []para{{runs: []string{plain(render.KPITarget(k))}}}, right: true}, ratingCell(k.Rating.RAG), textCell(plain(render.TrendWord(k.Trend)))})
		}
		d.body.WriteString(table([]column{{"KPI", 800, false}, {"Title", 3338, false}, {"Latest", 1000, true}, {"Date", 1100, false},
			{"Target", 1100, true}, {"Rating", 1100, false}, {"Trend", 1200, false}}, rows, nil))
	}
	if len(c.Findings) > 0 {
		d.heading(2, "Findings addressed", false)
		var items []string
		for _, f := range c.Findings {
			items = append(items, f.ID+" ("+render.StateWord(f.State)+"): "+f.Text)
		}
		d.bullets(items)
	}
	if c.Changes != nil {
		d.heading(2, "Changes since "+r.Since, false)
		d.text(plain(render.PackSummary(r.Audience, c.Changes.Summary) + "."))
		var items []string
		for _, ch := range c.Changes.Changes {
			items = append(items, string(ch.Kind)+" "+ch.ID+": "+render.PackChange(r.Audience, ch))
		}
		d.bullets(items)
	}
}

// heatColours are the heat map's shading by a score's level, as the HTML
// pack shades it.
var heatColours = map[string]string{"high": "F4B6B6", "medium": "FBE3A6", "low": "CFE8CF"}

// risks writes the risk page, from a new page: the register as a table,
// then the 5x5 heat map as a table of cells shaded by score.
func (d *doc) risks(rr plan.RiskReport) {
	d.heading(1, "Risks", true)
	d.text(plain("Each risk to delivering the plan, scored likelihood x impact (1-25) now and aimed for. Risks are reviewed at least every " +
		fmt.Sprint(plan.RiskReviewDays) + " days."))
	num := func(n int) cell {
		return cell{paras: []para{{runs: []string{plain(render.RiskScore(n))}}}, right: true}
	}
	var rows [][]cell
	for _, k := range rr.Risks {
		title := textCell(plain(k.Title))
		if s := render.RiskState(k); s != "" {
			title.paras = append(title.paras, para{runs: []string{strong(s)}})
		}
		controls := cell{}
		if k.Controls != "" {
			controls.paras = append(controls.paras, para{runs: []string{plain(k.Controls)}})
		}
		if len(k.Mitigations) > 0 {
			controls.paras = append(controls.paras, para{style: "TableNote", runs: []string{plain("Actions: " + strings.Join(k.Mitigations, ", "))}})
		}
		rows = append(rows, []cell{textCell(plain(k.ID)), title, textCell(plain(k.OwnerName)), num(k.Likelihood), num(k.Impact),
			num(k.Score), num(k.Target), textCell(plain(render.RiskReviewed(k))), controls})
	}
	d.body.WriteString(table([]column{{"Risk", 800, false}, {"Title", 1800, false}, {"Owner", 1200, false}, {"Likelihood", 1150, true},
		{"Impact", 800, true}, {"Score", 700, true}, {"Target", 700, true}, {"Reviewed", 1100, false}, {"Controls and mitigating actions", 1388, false}}, rows, nil))

	d.heading(2, "Heat map", false)
	d.text(plain("The number of risks at each likelihood (rows) and impact (columns); cells are shaded by score: high (15-25), medium (8-14), low (1-7)."))
	cols := []column{{"Likelihood \\ impact", 1888, false}}
	for i := 1; i <= 5; i++ {
		cols = append(cols, column{fmt.Sprint(i), 1550, true})
	}
	rows = nil
	for _, row := range rr.Heat.Rows() {
		cells := []cell{textCell(strong(fmt.Sprint(row[0].Likelihood)))}
		for _, c := range row {
			count := plain("\u00b7")
			if c.Count > 0 {
				count = strong(fmt.Sprint(c.Count))
			}
			cells = append(cells, cell{shade: heatColours[c.Level], paras: []para{{runs: []string{count}}}})
		}
		rows = append(rows, cells)
	}
	d.body.WriteString(table(cols, rows, nil))
}

// The namespaces of the parts.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
	relT  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// write writes the document's parts as a zip, in a fixed order with fixed
// times, so that the same pack makes the same bytes.
func (d *doc) write(w io.Writer, r plan.Report) error {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name string, data []byte) error {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	type part struct {
		name string
		data string
	}
	title := r.Title
	subject := "Board pack as of " + r.AsOf.String()
	if r.Audience == plan.ForPublic {
		subject = "Progress report as of " + render.LongDate(r.AsOf)
	}
	created := r.AsOf.String() + "T00:00:00Z"
	parts := []part{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="` + nsRel + `">` +
			`<Relationship Id="rId1" Type="` + relT + `officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + relT + `extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + esc(title) + `</dc:title><dc:subject>` + esc(subject) + `</dc:subject><dc:creator>` + esc(r.Organisation) + `</dc:creator>` +
			`<cp:lastModifiedBy>plan</cp:lastModifiedBy>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + created + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + created + `</dcterms:modified>` +
			`</cp:coreProperties>`},
		{"docProps/app.xml", xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>plan</Application></Properties>`},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/document.xml", d.document()},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/numbering.xml", numberingXML},
		{"word/footer1.xml", footerXML(title)},
	}
	for _, p := range parts {
		if err := put(p.name, []byte(p.data)); err != nil {
			return err
		}
	}
	for i, pic := range d.pictures {
		if err := put(fmt.Sprintf("word/media/chart%d.png", i+1), pic.png); err != nil {
			return err
		}
		if err := put(fmt.Sprintf("word/media/chart%d.svg", i+1), pic.svg); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func (d *doc) contentTypes() string {
	return xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="png" ContentType="image/png"/>` +
		`<Default Extension="svg" ContentType="image/svg+xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`
}

func (d *doc) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsRel + `">`)
	b.WriteString(`<Relationship Id="rIdStyles" Type="` + relT + `styles" Target="styles.xml"/>`)
	b.WriteString(`<Relationship Id="rIdSettings" Type="` + relT + `settings" Target="settings.xml"/>`)
	b.WriteString(`<Relationship Id="rIdNumbering" Type="` + relT + `numbering" Target="numbering.xml"/>`)
	b.WriteString(`<Relationship Id="rIdFooter1" Type="` + relT + `footer" Target="footer1.xml"/>`)
	for i := range d.pictures {
		png, svg := pictureRels(i + 1)
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%simage" Target="media/chart%d.png"/>`, png, relT, i+1)
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%simage" Target="media/chart%d.svg"/>`, svg, relT, i+1)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func (d *doc) document() string {
	return xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `"><w:body>` +
		d.body.String() +
		fmt.Sprintf(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="%d" w:h="%d" w:orient="portrait"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
			pageW, pageH, margin, margin, margin, margin) +
		`</w:body></w:document>`
}

// field is a Word field (PAGE, NUMPAGES) with the text it shows until
// Word updates it.
func field(instr, shown string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + shown + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// footerXML is the footer: the plan's title, and "Page X of Y" at the
// right.
func footerXML(title string) string {
	return xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		plain(title) + `<w:r><w:tab/></w:r>` + plain("Page ") + field("PAGE", "1") + plain(" of ") + field("NUMPAGES", "1") +
		`</w:p></w:ftr>`
}
