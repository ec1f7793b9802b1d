package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plan-tool/plan/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The small plan of pkg/render's board tests: two themes, two priorities,
// an internal action, finding and note, KPIs with and without actuals, and
// changes since the last board.
const planYAML = `title: Test Improvement Plan
organisation: Test Council
themes:
  - {id: A, title: Leadership}
  - {id: B, title: Workforce}
owners:
  - {id: alice, name: Alice Adams}
  - {id: bob, name: Bob Brown}
findings:
  - {id: F1, source: Ofsted ILACS inspection, text: The MASH is slow.}
  - {id: F2, source: LGA peer review, text: Supervision is patchy., visibility: internal}
  - {id: F3, text: Nobody answers this.}
glossary:
  ILACS: Inspection of Local Authority Children's Services
  LGA: Local Government Association
  MASH: Multi-Agency Safeguarding Hub
  ASYE: Assessed and Supported Year in Employment
`

const p1 = `id: P1
theme: A
title: Leaders know the quality of practice
owner: alice
actions:
  - {id: P1.1, title: Speed up the MASH, due: 2026-03-31, status: done, completed: 2026-04-10, evidence: "Audit, April 2026", addresses: [F1],
     rebaselined: [{date: 2026-01-15, field: due, from: 2026-02-28, reason: Vacancies, approved: Improvement Board}]}
  - {id: P1.2, title: Review supervision, due: 2026-05-15, status: in-progress, rag: red, note: The LGA will help <soon>, addresses: [F2]}
  - {id: P1.3, title: Brief members, due: 2026-05-20, status: in-progress, rag: green, visibility: internal}
kpis:
  - {id: P1.K1, title: Audits good or better, unit: "%", better: higher, target: 80, tolerance: 5, frequency: quarterly, actuals: {2025-12-31: 90, 2026-03-31: 85, 2026-05-31: 74.9}}
`

const p2 = `id: P2
theme: B
title: A stable workforce
owner: bob
actions:
  - {id: P2.1, title: Recruit ASYE social workers, due: 2026-09-30, status: planned, rag: amber}
kpis:
  - {id: P2.K1, title: Agency staff, unit: "%", better: lower, target: 20, tolerance: 5, actuals: {2026-03-31: 30, 2026-05-31: 24}}
  - {id: P2.K2, title: Caseload, better: lower, target: 18}
`

func load(t *testing.T, files map[string]string) *plan.Plan {
	t.Helper()
	fs := fstest.MapFS{}
	for name, data := range files {
		fs[name] = &fstest.MapFile{Data: []byte(data)}
	}
	p, diags, err := plan.Load(fs)
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	return p
}

// testReport is the pack of the small plan on 1 June 2026 for an
// audience, with what changed since an older version.
func testReport(t *testing.T, a plan.Audience) plan.Report {
	t.Helper()
	p := load(t, map[string]string{"plan.yaml": planYAML, "priorities/01.yaml": p1, "priorities/02.yaml": p2})
	older := load(t, map[string]string{"plan.yaml": planYAML, "priorities/02.yaml": p2,
		"priorities/01.yaml": strings.Replace(p1, "due: 2026-05-15, status: in-progress, rag: red", "due: 2026-04-30, status: in-progress, rag: amber", 1)})
	d := plan.Diff(older.ForAudience(a).Items(), p.ForAudience(a).Items())
	return p.ForAudience(a).Report(plan.NewDate(2026, 6, 1), a, &d, "plan/board/2026-05-01 (2026-05-01)")
}

func write(t *testing.T, r plan.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parts reads a .docx's parts by name.
func parts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := out[f.Name]; dup {
			t.Errorf("part %s twice", f.Name)
		}
		out[f.Name] = data
	}
	return out
}

// wellFormed decodes an XML part to its end.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// checkPackage checks what every .docx must be: each XML part well-formed,
// each part with a content type, each relationship's target there.
func checkPackage(t *testing.T, ps map[string][]byte) {
	t.Helper()
	for name, data := range ps {
		if ext := path.Ext(name); ext == ".xml" || ext == ".rels" || ext == ".svg" {
			if err := wellFormed(data); err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
		}
	}
	var types struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		}
		Override []struct {
			PartName string `xml:"PartName,attr"`
		}
	}
	if err := xml.Unmarshal(ps["[Content_Types].xml"], &types); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	for name := range ps {
		if name == "[Content_Types].xml" {
			continue
		}
		covered := slices.ContainsFunc(types.Override, func(o struct {
			PartName string `xml:"PartName,attr"`
		}) bool {
			return o.PartName == "/"+name
		}) || slices.ContainsFunc(types.Default, func(d struct {
			Extension string `xml:"Extension,attr"`
		}) bool {
			return "."+d.Extension == path.Ext(name)
		})
		if !covered {
			t.Errorf("part %s has no content type", name)
		}
	}
	for _, o := range types.Override {
		if _, ok := ps[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not there", o.PartName)
		}
	}
	for name, data := range ps {
		if path.Ext(name) != ".rels" {
			continue
		}
		var rels struct {
			Relationship []struct {
				ID         string `xml:"Id,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			}
		}
		if err := xml.Unmarshal(data, &rels); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// _rels/.rels is about the package; word/_rels/document.xml.rels
		// about word/document.xml, its targets relative to word/.
		base := path.Dir(path.Dir(name))
		ids := map[string]bool{}
		for _, r := range rels.Relationship {
			if ids[r.ID] {
				t.Errorf("%s: id %s twice", name, r.ID)
			}
			ids[r.ID] = true
			if r.TargetMode == "External" {
				t.Errorf("%s: %s points outside the document: %s", name, r.ID, r.Target)
				continue
			}
			if _, ok := ps[path.Join(base, r.Target)]; !ok {
				t.Errorf("%s: %s's target %s is not there", name, r.ID, path.Join(base, r.Target))
			}
		}
	}
}

// node is an element of a part, read whole.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func readNode(t *testing.T, data []byte) node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (n node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// all returns every element under n (n too) with the local name.
func (n node) all(local string) []node {
	var out []node
	if n.XMLName.Local == local {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(local)...)
	}
	return out
}

// text is the text of n's w:t elements.
func (n node) text() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.Text)
	}
	return b.String()
}

// style is a paragraph's style id, "" for Normal.
func (n node) style() string {
	for _, s := range n.all("pStyle") {
		return s.attr("val")
	}
	return ""
}

func (n node) has(local string) bool { return len(n.all(local)) > 0 }

func TestPackageIsWhole(t *testing.T) {
	for _, a := range []plan.Audience{plan.ForInternal, plan.ForPublic} {
		t.Run(string(a), func(t *testing.T) {
			checkPackage(t, parts(t, write(t, testReport(t, a))))
		})
	}
}

func TestDocument(t *testing.T) {
	r := testReport(t, plan.ForInternal)
	ps := parts(t, write(t, r))
	doc := readNode(t, ps["word/document.xml"])
	paras := doc.all("p")

	// The sections, in order, each priority's card and the later sections
	// from a new page.
	var headings []string
	for _, p := range paras {
		if s := p.style(); s == "Heading1" {
			h := p.text()
			if h != "Summary" && !p.has("pageBreakBefore") {
				t.Errorf("%q does not start a new page", h)
			}
			headings = append(headings, h)
		}
	}
	want := []string{"Summary", "Exceptions", "P1: Leaders know the quality of practice", "P2: A stable workforce", "Findings traceability", "Glossary"}
	if !slices.Equal(headings, want) {
		t.Errorf("headings:\n got %q\nwant %q", headings, want)
	}
	if paras[0].style() != "Title" || paras[0].text() != "Test Improvement Plan" {
		t.Errorf("first paragraph: %s %q, want the title", paras[0].style(), paras[0].text())
	}
	all := doc.text()
	for _, s := range []string{"Test Council. Board pack as of 2026-06-01. Changes are since plan/board/2026-05-01 (2026-05-01).",
		"Internal: not for publication", "P1.1", "P1.2", "P1.3", "P2.1", "P1.K1", "P2.K1", "P2.K2", "F1", "F2", "F3",
		"Note: The LGA will help <soon>", "Evidence: Audit, April 2026", "Changes since plan/board/2026-05-01 (2026-05-01)",
		"due 2026-04-30 -> 2026-05-15",
		"was 2026-02-28", "completed late", "MASH: Multi-Agency Safeguarding Hub"} {
		if !strings.Contains(all, s) {
			t.Errorf("the document does not say %q", s)
		}
	}

	// Tables: in Table Grid, the first row a heading row repeated on each
	// page; the ratings words in cells shaded in their colour.
	tables := doc.all("tbl")
	if len(tables) != 7 { // status, exceptions, actions and KPIs of each card, trace
		t.Errorf("%d tables, want 7", len(tables))
	}
	for i, tbl := range tables {
		if s := tbl.all("tblStyle"); len(s) != 1 || s[0].attr("val") != "TableGrid" {
			t.Errorf("table %d is not in Table Grid", i)
		}
		rows := tbl.all("tr")
		if len(rows) < 2 || !rows[0].has("tblHeader") || slices.ContainsFunc(rows[1:], func(r node) bool { return r.has("tblHeader") }) {
			t.Errorf("table %d: the first row, and only it, must be a heading row", i)
		}
	}
	shaded := map[string]string{}
	for _, tc := range doc.all("tc") {
		word := tc.text()
		for _, shd := range tc.all("shd") {
			if fill := shd.attr("fill"); fill != "E7E6E6" {
				shaded[word] = fill
			}
		}
	}
	for word, fill := range map[string]string{"Red": "C0392B", "Amber": "F5C542", "Green": "2E8B57"} {
		if shaded[word] != fill {
			t.Errorf("a cell saying %s is shaded %q, want %s", word, shaded[word], fill)
		}
	}
	for word := range shaded {
		if !slices.Contains([]string{"Red", "Amber", "Green", "Complete", "Unrated"}, word) {
			t.Errorf("a shaded cell says %q, not a rating", word)
		}
	}
	// P1.2 is red: its row says so in a red cell.
	for _, tr := range doc.all("tr") {
		cells := tr.all("tc")
		if len(cells) == 7 && cells[0].text() == "P1.2" {
			if cells[5].text() != "Red" || cells[5].all("shd")[0].attr("fill") != "C0392B" {
				t.Errorf("P1.2's rating cell: %q", cells[5].text())
			}
		}
	}

	// A4 portrait, with margins, and the footer's page numbers.
	sz := doc.all("pgSz")
	if len(sz) != 1 || sz[0].attr("w") != "11906" || sz[0].attr("h") != "16838" {
		t.Errorf("page size: %v", sz)
	}
	if m := doc.all("pgMar"); len(m) != 1 || m[0].attr("top") == "" || m[0].attr("left") == "" {
		t.Errorf("page margins: %v", m)
	}
	footer := readNode(t, ps["word/footer1.xml"])
	var instr []string
	for _, n := range footer.all("instrText") {
		instr = append(instr, strings.TrimSpace(n.Text))
	}
	if !slices.Equal(instr, []string{"PAGE", "NUMPAGES"}) || !strings.Contains(footer.text(), "Page 1 of 1") {
		t.Errorf("footer: fields %q, text %q", instr, footer.text())
	}

	// The styles are Word's own names, and each style used is defined.
	styles := readNode(t, ps["word/styles.xml"])
	names := map[string]string{}
	for _, s := range styles.all("style") {
		names[s.attr("styleId")] = s.all("name")[0].attr("val")
	}
	for id, name := range map[string]string{"Normal": "Normal", "Title": "Title", "Heading1": "heading 1", "Heading2": "heading 2",
		"Caption": "caption", "TableGrid": "Table Grid", "ListBullet": "List Bullet", "Footer": "footer"} {
		if names[id] != name {
			t.Errorf("style %s is named %q, want Word's %q", id, names[id], name)
		}
	}
	for _, n := range append(doc.all("pStyle"), doc.all("tblStyle")...) {
		if _, ok := names[n.attr("val")]; !ok {
			t.Errorf("style %s is used but not defined", n.attr("val"))
		}
	}

	var core struct {
		Title string `xml:"title"`
	}
	if err := xml.Unmarshal(ps["docProps/core.xml"], &core); err != nil || core.Title != "Test Improvement Plan" {
		t.Errorf("core.xml title %q (%v)", core.Title, err)
	}
}

// TestCharts: a picture for the summary's bars and for each KPI with
// actuals, each a PNG with the SVG beside it, the PNG a real picture of
// the chart's size.
func TestCharts(t *testing.T) {
	ps := parts(t, write(t, testReport(t, plan.ForInternal)))
	doc := readNode(t, ps["word/document.xml"])
	rels := map[string]string{}
	var rs struct {
		Relationship []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		}
	}
	if err := xml.Unmarshal(ps["word/_rels/document.xml.rels"], &rs); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs.Relationship {
		rels[r.ID] = r.Target
	}
	blips := doc.all("blip")
	if len(blips) != 3 { // the bars, P1.K1, P2.K1 (P2.K2 has no actuals)
		t.Fatalf("%d pictures, want 3", len(blips))
	}
	for _, b := range blips {
		pngPart := "word/" + rels[b.attr("embed")]
		img, err := png.Decode(bytes.NewReader(ps[pngPart]))
		if err != nil {
			t.Fatalf("%s: %v", pngPart, err)
		}
		svgs := b.all("svgBlip")
		if len(svgs) != 1 {
			t.Fatalf("%s has no SVG beside it", pngPart)
		}
		svg := ps["word/"+rels[svgs[0].attr("embed")]]
		w, h, err := svgSize(svg)
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got.X != int(w*pxPerUnit) || got.Y != int(h*pxPerUnit) {
			t.Errorf("%s is %v, want the SVG's %gx%g at %d pixels a unit", pngPart, got, w, h, pxPerUnit)
		}
		if !bytes.Contains(svg, []byte(`xmlns="http://www.w3.org/2000/svg"`)) || !bytes.Contains(svg, []byte(`<pattern id="hatch-wide"`)) {
			t.Errorf("%s is not an SVG document of its own", rels[svgs[0].attr("embed")])
		}
	}
}

// TestPublic: the public pack says what the public HTML pack says, in its
// plain words, with nothing internal.
func TestPublic(t *testing.T) {
	ps := parts(t, write(t, testReport(t, plan.ForPublic)))
	all := readNode(t, ps["word/document.xml"]).text()
	for _, s := range []string{"Test Council. Progress report as of 1 June 2026.", "P1.1", "P1.2", "F1",
		"due date moved back 15 days, to 15 May 2026"} {
		if !strings.Contains(all, s) {
			t.Errorf("the public pack does not say %q", s)
		}
	}
	for _, s := range []string{"Internal", "LGA will help", "P1.3", "Brief members", "Supervision is patchy", "Evidence:", "Audit, April 2026", "->"} {
		if strings.Contains(all, s) {
			t.Errorf("the public pack says %q", s)
		}
	}
}

// TestHostileText: text with control characters, markup and characters
// XML cannot hold leaves every part well-formed, shows the control
// characters as escapes, and the markup as text.
func TestHostileText(t *testing.T) {
	bad := "a\x1b[31m<b>&amp;]]></w:t>\"'\ufffe\uffff\x00\x07\u202e z"
	r := testReport(t, plan.ForInternal)
	r.Title = bad
	r.Organisation = bad
	r.NoChanges, r.Changes = bad, nil
	r.Status.Totals.Why = bad
	r.Exceptions = append(r.Exceptions, plan.Exception{Kind: "action", ID: bad, Title: bad, Reasons: []string{bad}})
	r.Cards[0].Actions[0].Title = bad
	r.Cards[0].Actions[0].Note = bad
	r.Cards[0].KPIs[0].Title = bad
	r.Cards[0].KPIs[0].Unit = bad
	r.Trace[0].Text = bad
	r.Glossary = append(r.Glossary, &plan.Term{Term: bad, Meaning: bad})
	ps := parts(t, write(t, r))
	checkPackage(t, ps)
	all := readNode(t, ps["word/document.xml"]).text()
	shown := `a\x1b[31m<b>&amp;]]></w:t>"'\ufffe\uffff\x00\x07\u202e z`
	if n := strings.Count(all, shown); n < 8 {
		t.Errorf("the hostile text is shown %d times as %q, want at least 8:\n%s", n, shown, all)
	}
	var core struct {
		Title string `xml:"title"`
	}
	if err := xml.Unmarshal(ps["docProps/core.xml"], &core); err != nil || core.Title != shown {
		t.Errorf("core.xml title %q (%v)", core.Title, err)
	}
}

// TestSafe pins what safe makes of the characters XML 1.0 cannot hold.
func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"tab\there":         "tab\there",
		"nul\x00":           `nul\x00`,
		"nonchar\ufffe":     `nonchar\ufffe`,
		"nonchar\uffff":     `nonchar\uffff`,
		"bad byte \xff":     `bad byte \xff`,
		"line\nbreak":       `line\nbreak`,
		"replacement\ufffd": "replacement\ufffd",
	} {
		if got := safe(in); got != want {
			t.Errorf("safe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDocumentGolden pins word/document.xml of the small plan's pack, a
// paragraph, row or table a line. Run go test ./pkg/docx -update to
// rewrite it, and read the diff.
func TestDocumentGolden(t *testing.T) {
	ps := parts(t, write(t, testReport(t, plan.ForInternal)))
	got := ps["word/document.xml"]
	for _, tag := range []string{"<w:p>", "<w:tbl>", "<w:tr>", "<w:sectPr>", "</w:body>"} {
		got = bytes.ReplaceAll(got, []byte(tag), []byte("\n"+tag))
	}
	file := filepath.Join("testdata", "document.xml.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/docx -update)", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(g), len(w)); i++ {
			var gl, wl string
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s", file, i+1, gl, wl)
			}
		}
	}
}

// TestSameBytes: the same pack makes the same document.
func TestSameBytes(t *testing.T) {
	r := testReport(t, plan.ForInternal)
	if !bytes.Equal(write(t, r), write(t, r)) {
		t.Error("two writes of the same pack differ")
	}
}
