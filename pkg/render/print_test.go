package render

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/plan-tool/plan/pkg/pdf"
	"github.com/plan-tool/plan/plan"
)

// pageRule is the pack's @page rule: the paper and its margins.
var pageRule = regexp.MustCompile(`@page \{ size: A4; margin: ([0-9.]+)mm ([0-9.]+)mm ([0-9.]+)mm ([0-9.]+)mm; \}`)

// printableWidth is the width, in CSS pixels, between the left and right
// margins of an A4 portrait page as the pack's own @page rule sets them.
func printableWidth(t *testing.T) float64 {
	t.Helper()
	m := pageRule.FindStringSubmatch(reportHTML)
	if m == nil {
		t.Fatalf("the template has no rule like %s: the print test cannot tell the printable width", pageRule)
	}
	right, _ := strconv.ParseFloat(m[2], 64)
	left, _ := strconv.ParseFloat(m[4], 64)
	return (210 - left - right) / 25.4 * 96
}

// clearance is how far, in CSS pixels, everything must keep inside the
// printable width when measured in print media at that width. Chromium's
// print layout differs from that measurement by about a pixel (text in a
// table's last column measured 1.6 px further right in the PDF), so a box
// flush with the margin is cut in print; 2 px is about half a millimetre.
const clearance = 2.0

// measureJS lists what a page, laid out in print media, draws outside
// [lo, hi] (its arguments, in CSS pixels): the edges of element boxes that
// show (a border, a background, a picture); lines of text; words broken
// across lines because a column was squeezed (only words too long for any
// column may break, such as paths, and compounds at their hyphens);
// collapsed table borders, half of which lie outside the cell's box; and
// the parts of a chart that fall outside the chart (which the browser
// clips); and text in a chart that lies on other text or across the edge
// of a bar. Each entry says what it is, where, and how far it reaches.
const measureJS = `((lo, hi) => {
  const out = [];
  const where = (el) => {
    const s = el.closest('section');
    const h = s && s.querySelector('h2');
    return h ? ' in "' + h.textContent.trim().slice(0, 40) + '"' : '';
  };
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    const c = el.getAttribute('class');
    if (c) s += '.' + c.trim().split(/\s+/).join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    if (text) s += ' "' + text + '"';
    return s + where(el);
  };
  const span = (l, r) => ' reaches ' + l.toFixed(1) + ' to ' + r.toFixed(1) + ' px, outside ' + lo + ' to ' + hi.toFixed(1);
  // An element's edge shows when it has a border or a background there,
  // or is a picture; a block that is only a container shows nothing.
  const shows = (el, cs, side) => {
    if (el instanceof SVGSVGElement) return true;
    const bw = parseFloat(cs['border' + side + 'Width']);
    if (bw > 0 && cs['border' + side + 'Style'] !== 'none' && cs['border' + side + 'Style'] !== 'hidden') return true;
    return cs.backgroundImage !== 'none' || !/^(transparent|rgba\(.*, 0\))$/.test(cs.backgroundColor);
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('defs, title, svg:not(.chart)') || (el.closest('svg') && !(el instanceof SVGSVGElement))) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const cs = getComputedStyle(el);
    let l = r.left, rt = r.right;
    // Half of a collapsed table border lies outside the cell's box.
    if (el.matches('td, th') && getComputedStyle(el.closest('table')).borderCollapse === 'collapse') {
      l -= parseFloat(cs.borderLeftWidth) / 2;
      rt += parseFloat(cs.borderRightWidth) / 2;
    }
    if ((l < lo && shows(el, cs, 'Left')) || (rt > hi && shows(el, cs, 'Right'))) out.push(name(el) + span(l, rt));
  }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walk.nextNode()) {
    const n = walk.currentNode;
    if (!n.textContent.trim() || n.parentElement.closest('defs, title, style')) continue;
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.left < lo || r.right > hi) {
        out.push('text "' + n.textContent.trim().slice(0, 30) + '"' + where(n.parentElement) + span(r.left, r.right));
        break;
      }
    }
    if (n.parentElement.closest('svg')) continue;
    const token = /\S+/g;
    for (let m; (m = token.exec(n.textContent)); ) {
      if (m[0].length > 24) continue;
      const piece = /[^-\/]+/g;
      for (let p; (p = piece.exec(m[0])); ) {
        range.setStart(n, m.index + p.index);
        range.setEnd(n, m.index + p.index + p[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push('word "' + p[0] + '"' + where(n.parentElement) + ' is broken across lines');
      }
    }
  }
  // Text in a chart must not lie on other text, nor across the edge of a
  // bar (a count lies inside its segment; a label ends before the bar).
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const within = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const b = svg.getBoundingClientRect();
    const chart = ' in chart "' + svg.getAttribute('aria-label').slice(0, 40) + '"';
    for (const el of svg.querySelectorAll('*')) {
      if (el.closest('title, desc')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) {
        out.push(name(el) + ' is cut off by its chart "' + svg.getAttribute('aria-label').slice(0, 40) + '"');
      }
    }
    const texts = [...svg.querySelectorAll('text')].map((el) => [el, el.getBoundingClientRect()]);
    texts.forEach(([el, r], i) => {
      for (const [other, o] of texts.slice(i + 1)) {
        if (meet(r, o)) out.push(name(el) + ' overlaps ' + name(other) + chart);
      }
      for (const bar of svg.querySelectorAll('rect:not(.band)')) {
        if (bar.closest('defs')) continue;
        const o = bar.getBoundingClientRect();
        if (meet(r, o) && !within(r, o)) out.push(name(el) + ' runs across the edge of a bar' + chart);
      }
    });
  }
  return out;
})`

// stressPlan is a plan whose every text is long, with words that cannot
// break, numbers with many figures and many actuals: what a real plan
// throws at the pack's layout.
func stressPlan(t *testing.T) *plan.Plan {
	t.Helper()
	long := "Children and young people who need help and protection receive timely, proportionate and effective support from practitioners who know them well and work together across the partnership"
	path := `SharePoint/ChildrensServices/Improvement/Evidence/2026/AuditOfSupervisionRecordsFinalVersion2.docx`
	var actions, actuals strings.Builder
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&actions, "  - {id: P1.%d, title: %q, owner: head-of-safeguarding-and-quality-assurance, due: 2026-0%d-28, status: in-progress, rag: %s, note: %q, evidence: %q, addresses: [F1]}\n",
			i, long, i, []string{"red", "amber", "green"}[i%3], "See "+path, path)
	}
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&actuals, "2025-%02d-28: %d, ", m, 123456+m*1379)
	}
	files := fstest.MapFS{
		"plan.yaml": {Data: []byte(`title: "` + long + `"
organisation: The Metropolitan Borough Council of a Very Long Place Name
themes:
  - {id: A, title: "` + long + `"}
owners:
  - {id: head-of-safeguarding-and-quality-assurance, name: "Head of Safeguarding, Quality Assurance and Partnership Development"}
findings:
  - {id: F1, source: "Ofsted inspection of local authority children's services, published after the monitoring visit", text: "` + long + ` ` + path + `"}
`)},
		"priorities/01.yaml": {Data: []byte(`id: P1
theme: A
title: "` + long + `"
owner: head-of-safeguarding-and-quality-assurance
actions:
` + actions.String() + `kpis:
  - {id: P1.K1, title: "` + long + `", unit: "referrals per 10,000 children", better: lower, target: 130000, tolerance: 2500, actuals: {` + strings.TrimSuffix(actuals.String(), ", ") + `}}
`)},
	}
	p, diags, err := plan.Load(files)
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	return p
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)

// a4 says whether a PDF page of width w by height h points is A4 portrait
// (Chromium rounds it to 594.96 by 841.92).
func a4(w, h []byte) bool {
	fw, _ := strconv.ParseFloat(string(w), 64)
	fh, _ := strconv.ParseFloat(string(h), 64)
	return math.Abs(fw-595.28) < 1 && math.Abs(fh-841.89) < 1
}

// TestReportInChromium lays out board packs for print in headless
// Chromium, when it is installed, and checks that nothing on any page
// reaches past the printable width of A4 portrait (the page less the
// margins of the pack's @page rule), that no chart clips its own
// contents, and that no text in a chart lies on other text or across the
// edge of a bar, in the fonts the browser really draws (the example pack
// also in DejaVu Sans). It also prints each pack to PDF and checks the
// pages. Set
// PLAN_KEEP_SCREENSHOTS to a directory to keep the PDFs and screenshots
// for a person to look at.
func TestReportInChromium(t *testing.T) {
	browser, err := pdf.Find(pdf.System(os.Getenv))
	if err != nil {
		t.Skipf("skipping the print-layout test (install Chromium, Debian package chromium; the structural tests still ran): %v", err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("PLAN_KEEP_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	example, err := os.ReadFile(filepath.Join("..", "..", "docs", "example-board-pack.html"))
	if err != nil {
		t.Fatal(err)
	}
	stress := stressPlan(t)
	packs := []struct {
		name     string
		page     []byte
		minPages int
	}{
		{"report", nil, 3},
		{"report-public", nil, 3},
		{"long-text", nil, 2},
		{"example-board-pack", example, 20},
		// The charts drawn in DejaVu Sans, the usual sans-serif on Linux
		// and wider than Arial, for which they are laid out.
		{"example-board-pack-dejavu", bytes.Replace(example, []byte("</head>"), []byte(`<style>svg.chart, svg.chart text { font-family: "DejaVu Sans" !important; }</style></head>`), 1), 20},
	}
	for i, r := range []plan.Report{boardReport(t, plan.ForInternal), boardReport(t, plan.ForPublic), stress.Report(boardAsOf, plan.ForInternal, nil, "")} {
		var b bytes.Buffer
		if err := Report(&b, r, HTML); err != nil {
			t.Fatal(err)
		}
		packs[i].page = b.Bytes()
	}

	width := printableWidth(t)
	var out bytes.Buffer
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(browser),
			chromedp.NoSandbox, // as root, in CI and containers, Chromium will not start without it
			chromedp.DisableGPU,
			chromedp.UserDataDir(t.TempDir()),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.CombinedOutput(&out),
		)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first call starts the browser and must not have a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v\n%s", browser, err, out.String())
	}
	for _, p := range packs {
		t.Run(p.name, func(t *testing.T) {
			file := filepath.Join(dir, p.name+".html")
			if err := os.WriteFile(file, p.page, 0o644); err != nil {
				t.Fatal(err)
			}
			step, cancel := context.WithTimeout(ctx, 90*time.Second)
			defer cancel()
			if err := chromedp.Do(step,
				chromedp.EmulateViewport(1000, 1400),
				chromedp.Navigate("file://"+file),
			); err != nil {
				t.Fatalf("open %s: %v", file, err)
			}
			shot, err := chromedp.Run(step, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			// Lay the page out as it prints: print media, one printable
			// width wide.
			if err := chromedp.Do(step,
				chromedp.EmulateViewport(int64(width), 1100, chromedp.EmulatePortrait),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return err
				}),
			); err != nil {
				t.Fatal(err)
			}
			problems, err := chromedp.Run(step, chromedp.Evaluate[[]string](fmt.Sprintf("%s(%g, %g)", measureJS, 0.0, float64(int64(width))-clearance)))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				const most = 15
				more := ""
				if len(problems) > most {
					problems, more = problems[:most], fmt.Sprintf("\n  and %d more", len(problems)-most)
				}
				t.Errorf("laid out for print, the page does not fit A4 (printable width %.1f px, less %g px of clearance) or cuts or breaks something:\n  %s%s",
					width, clearance, strings.Join(problems, "\n  "), more)
			}
			pdf, err := chromedp.Run(step, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p.name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			if len(shot) < 10_000 || len(pdf) < 10_000 {
				t.Errorf("screenshot %d bytes, PDF %d bytes: the page did not render", len(shot), len(pdf))
			}
			pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
			if pages < p.minPages {
				t.Errorf("the PDF has %d pages; want at least %d (a page per priority, the summary, exceptions and traceability)", pages, p.minPages)
			}
			if m := mediaBox.FindSubmatch(pdf); m == nil || !a4(m[1], m[2]) {
				t.Errorf("the PDF's pages are not A4 portrait (the pack's @page rule): %s", m)
			}
		})
	}
}
