package docx

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/plan"
)

// need returns the path of an installed program, or skips the test
// saying what to install.
func need(t *testing.T, program, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install %s): this test reads the Word pack as LibreOffice prints it", program, pkg)
	}
	return p
}

// printed writes the report as a Word pack, has LibreOffice (soffice)
// convert it to PDF, as a reader would print it, and returns the PDF's
// path, in a directory of the test's own.
func printed(t *testing.T, soffice string, r plan.Report) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "pack.docx")
	if err := os.WriteFile(file, write(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(dir, "pack.pdf")
}

// TestLibreOffice converts the Bradford pack to PDF with LibreOffice and
// reads the PDF back: a page per priority and more, A4, the title, the
// footer's page numbers worked out, and the charts there as pictures.
func TestLibreOffice(t *testing.T) {
	soffice := need(t, "soffice", "libreoffice-writer")
	pdfinfo := need(t, "pdfinfo", "poppler-utils")
	pdftotext := need(t, "pdftotext", "poppler-utils")
	pdfimages := need(t, "pdfimages", "poppler-utils")

	p, diags, err := plan.Load(os.DirFS(filepath.Join("..", "..", "testdata", "bradford")))
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	r := p.Report(plan.NewDate(2026, 11, 24), plan.ForInternal, nil, "")
	charts := 1
	for _, c := range r.Cards {
		for _, k := range c.KPIs {
			if len(k.Series) > 0 {
				charts++
			}
		}
	}
	pdf := printed(t, soffice, r)

	info, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo says no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < len(r.Cards)+3 {
		t.Errorf("%d pages, want at least %d (a card a priority, the summary, exceptions, findings)", pages, len(r.Cards)+3)
	}
	if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)`).Match(info) {
		t.Errorf("not A4:\n%s", info)
	}
	if !strings.Contains(string(info), "Title:           "+r.Title) {
		t.Errorf("the PDF's title is not the plan's:\n%s", info)
	}

	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, s := range []string{"Summary", "Exceptions", "Findings traceability", "Page 1 of " + strconv.Itoa(pages),
		"Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages)} {
		if !bytes.Contains(text, []byte(s)) {
			t.Errorf("the PDF does not say %q", s)
		}
	}
	for _, c := range r.Cards {
		if !bytes.Contains(text, []byte(c.Priority.ID+": ")) {
			t.Errorf("the PDF has no card for %s", c.Priority.ID)
		}
	}

	list, err := exec.Command(pdfimages, "-list", pdf).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	images := len(strings.Split(strings.TrimSpace(string(list)), "\n")) - 2 // two lines of headings
	if images < charts {
		t.Errorf("%d pictures in the PDF, want the %d charts", images, charts)
	}
}

// TestRasterize draws shapes whose pixels are known: a filled rectangle,
// a dashed line, a hatched rectangle, text, a group moved by translate.
func TestRasterize(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><title>t</title><desc>d</desc>` +
		`<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#00ff00"/><line x1="0" y1="0" x2="0" y2="4" stroke="#000" stroke-width="1"/></pattern></defs>` +
		`<rect x="10" y="10" width="20" height="10" fill="#ff0000"/>` +
		`<rect x="40" y="10" width="20" height="10" fill="url(#hatch)"/>` +
		`<line x1="0" y1="40" x2="100" y2="40" stroke="#0000ff" stroke-width="2" stroke-dasharray="10 10"/>` +
		`<g transform="translate(60 0)"><rect x="10" y="10" width="10" height="10" fill="#000"/></g>` +
		`<text x="5" y="32" font-size="10">Hi</text></svg>`
	b, err := rasterize([]byte(svg), f)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y float64) color.RGBA {
		c := color.RGBAModel.Convert(img.At(int(x*pxPerUnit), int(y*pxPerUnit))).(color.RGBA)
		return c
	}
	for _, tt := range []struct {
		x, y float64
		want color.RGBA
		what string
	}{
		{20, 15, color.RGBA{255, 0, 0, 255}, "inside the red rectangle"},
		{5, 5, color.RGBA{255, 255, 255, 255}, "the background"},
		{5, 40, color.RGBA{0, 0, 255, 255}, "a dash"},
		{15, 40, color.RGBA{255, 255, 255, 255}, "a gap between dashes"},
		{75, 15, color.RGBA{0, 0, 0, 255}, "the rectangle moved by translate"},
		{15, 15 + 20, color.RGBA{255, 255, 255, 255}, "below the red rectangle"},
		{42, 15, color.RGBA{0, 255, 0, 255}, "the hatch's ground"},
		{44.1, 15, color.RGBA{0, 0, 0, 255}, "the hatch's line"},
	} {
		if got := at(tt.x, tt.y); got != tt.want {
			t.Errorf("at (%g, %g), %s: %v, want %v", tt.x, tt.y, tt.what, got, tt.want)
		}
	}
	// The text is drawn: dark pixels where it stands, none beyond it.
	dark := func(r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 100 {
					n++
				}
			}
		}
		return n
	}
	if n := dark(image.Rect(5*pxPerUnit, 24*pxPerUnit, 20*pxPerUnit, 33*pxPerUnit)); n < 20 {
		t.Errorf("%d dark pixels where the text is, want many", n)
	}
	if n := dark(image.Rect(25*pxPerUnit, 24*pxPerUnit, 40*pxPerUnit, 33*pxPerUnit)); n != 0 {
		t.Errorf("%d dark pixels beyond the text", n)
	}
}
