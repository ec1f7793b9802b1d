package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The pack's charts are SVG, drawn by pkg/render for the HTML pack. Word
// 2016 and later show SVG, but only beside a PNG, which older Word,
// LibreOffice and most viewers show instead. rasterize draws the PNG from
// the same SVG: it knows the few things the charts use (rect, line,
// polyline, circle, text, groups moved by translate, and the hatched and
// dotted patterns that tell ratings apart in greyscale), and nothing more.

// pxPerUnit is how many pixels of the PNG a unit of the chart's viewBox
// takes: enough for print at the size the pack shows the charts.
const pxPerUnit = 3

// pattern is an SVG pattern: a tile of size w by h, turned by angle
// degrees, whose shapes fill what refers to it.
type pattern struct {
	w, h, angle float64
	shapes      []tileShape
}

// tileShape is a shape in a pattern's tile: a rectangle, a line (a
// segment of width sw) or a dot.
type tileShape struct {
	kind           string // rect, line, dot
	x0, y0, x1, y1 float64
	r, sw          float64
	c              color.RGBA
}

// at returns the pattern's colour at the point (x, y) of the chart.
func (p *pattern) at(x, y float64) color.RGBA {
	a := -p.angle * math.Pi / 180
	u := x*math.Cos(a) - y*math.Sin(a)
	v := x*math.Sin(a) + y*math.Cos(a)
	u -= math.Floor(u/p.w) * p.w
	v -= math.Floor(v/p.h) * p.h
	c := color.RGBA{}
	for _, s := range p.shapes {
		in := false
		switch s.kind {
		case "rect":
			in = u >= s.x0 && u <= s.x0+s.x1 && v >= s.y0 && v <= s.y0+s.y1
		case "dot":
			in = math.Hypot(u-s.x0, v-s.y0) <= s.r
		case "line":
			// A line across the whole tile, as the hatches are, is a line
			// repeated every tile; any other repeats with the tile, so look
			// at the copies either side.
			if s.x0 == s.x1 && math.Abs(s.y1-s.y0) >= p.h {
				d := math.Abs(u - s.x0)
				in = math.Min(d, p.w-d) <= s.sw/2
				break
			}
			if s.y0 == s.y1 && math.Abs(s.x1-s.x0) >= p.w {
				d := math.Abs(v - s.y0)
				in = math.Min(d, p.h-d) <= s.sw/2
				break
			}
			for _, du := range []float64{-p.w, 0, p.w} {
				for _, dv := range []float64{-p.h, 0, p.h} {
					if segmentDistance(u+du, v+dv, s.x0, s.y0, s.x1, s.y1) <= s.sw/2 {
						in = true
					}
				}
			}
		}
		if in {
			c = s.c
		}
	}
	return c
}

func segmentDistance(px, py, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((px-x0)*dx+(py-y0)*dy)/l))
	}
	return math.Hypot(px-(x0+t*dx), py-(y0+t*dy))
}

// patternImage is a pattern as an image.Image in the PNG's pixels, with
// an opacity.
type patternImage struct {
	p       *pattern
	opacity float64
}

func (pi patternImage) ColorModel() color.Model { return color.RGBAModel }
func (pi patternImage) Bounds() image.Rectangle {
	return image.Rect(-1e9, -1e9, 1e9, 1e9)
}
func (pi patternImage) At(x, y int) color.Color {
	c := pi.p.at((float64(x)+0.5)/pxPerUnit, (float64(y)+0.5)/pxPerUnit)
	return fade(c, pi.opacity)
}

// fade returns c (not premultiplied, alpha 0 or 255) at an opacity, as a
// premultiplied colour.
func fade(c color.RGBA, opacity float64) color.RGBA {
	if c.A == 0 {
		return color.RGBA{}
	}
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * opacity)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), m(255)}
}

// paint is a fill or a stroke: a colour, a pattern, or nothing.
type paint struct {
	none bool
	c    color.RGBA
	p    *pattern
}

// canvas draws a chart's shapes into an image.
type canvas struct {
	img      *image.RGBA
	patterns map[string]*pattern
	regular  font.Face
	bold     font.Face
	dx, dy   []float64 // the translations of the groups open
	fontOf   func(font.Face) *opentype.Font
}

// parseColour reads "#rgb" or "#rrggbb"; "none" and anything else it does
// not know is no paint.
func parseColour(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		switch s {
		case "black":
			return color.RGBA{0, 0, 0, 255}, true
		case "white":
			return color.RGBA{255, 255, 255, 255}, true
		}
		return color.RGBA{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
}

func (cv *canvas) paintOf(s string, dflt paint) paint {
	switch {
	case s == "":
		return dflt
	case strings.HasPrefix(s, "url(#"):
		if p := cv.patterns[strings.TrimSuffix(strings.TrimPrefix(s, "url(#"), ")")]; p != nil {
			return paint{p: p}
		}
		return paint{none: true}
	}
	c, ok := parseColour(s)
	if !ok {
		return paint{none: true}
	}
	return paint{c: c}
}

// fill fills the polygons (in chart units, each closed) with a paint.
func (cv *canvas) fill(polys [][][2]float64, pt paint, opacity float64) {
	if pt.none || len(polys) == 0 {
		return
	}
	ox, oy := cv.offset()
	var px [][][2]float32
	for _, poly := range polys {
		if len(poly) < 3 {
			continue
		}
		q := make([][2]float32, len(poly))
		for i, p := range poly {
			q[i] = [2]float32{float32((p[0] + ox) * pxPerUnit), float32((p[1] + oy) * pxPerUnit)}
		}
		px = append(px, q)
	}
	var src image.Image = image.NewUniform(fade(pt.c, opacity))
	if pt.p != nil {
		src = patternImage{pt.p, opacity}
	}
	cv.draw(px, src)
}

// draw fills polygons, in the image's pixels, with src. The rasterizer
// covers only the polygons' bounds: drawing is in proportion to them, not
// to the picture.
func (cv *canvas) draw(polys [][][2]float32, src image.Image) {
	var bx image.Rectangle
	for _, poly := range polys {
		for _, p := range poly {
			pr := image.Rect(int(math.Floor(float64(p[0]))), int(math.Floor(float64(p[1]))), int(math.Ceil(float64(p[0])))+1, int(math.Ceil(float64(p[1])))+1)
			bx = bx.Union(pr)
		}
	}
	bx = bx.Intersect(cv.img.Bounds())
	if bx.Empty() {
		return
	}
	r := vector.NewRasterizer(bx.Dx(), bx.Dy())
	ox, oy := float32(bx.Min.X), float32(bx.Min.Y)
	for _, poly := range polys {
		for i, p := range poly {
			if i == 0 {
				r.MoveTo(p[0]-ox, p[1]-oy)
			} else {
				r.LineTo(p[0]-ox, p[1]-oy)
			}
		}
		r.ClosePath()
	}
	r.DrawOp = draw.Over
	r.Draw(cv.img, bx, src, bx.Min)
}

func (cv *canvas) offset() (x, y float64) {
	for i := range cv.dx {
		x, y = x+cv.dx[i], y+cv.dy[i]
	}
	return x, y
}

// strokePolys returns the outline of a stroke along points, of width sw,
// with dashes, as polygons: a quadrilateral for each piece, and a disc at
// each inner corner of a line that turns.
func strokePolys(pts [][2]float64, sw float64, dashes []float64) [][][2]float64 {
	var out [][][2]float64
	quad := func(a, b [2]float64) {
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			return
		}
		nx, ny := -dy/l*sw/2, dx/l*sw/2
		out = append(out, [][2]float64{{a[0] + nx, a[1] + ny}, {b[0] + nx, b[1] + ny}, {b[0] - nx, b[1] - ny}, {a[0] - nx, a[1] - ny}})
	}
	dashI, left, on := 0, 0.0, true
	if len(dashes) > 0 {
		left = dashes[0]
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if len(dashes) == 0 {
			quad(a, b)
			if i < len(pts)-1 {
				out = append(out, disc(b[0], b[1], sw/2))
			}
			continue
		}
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		for done := 0.0; done < l; {
			step := math.Min(left, l-done)
			p0 := lerp(a, b, done/l)
			p1 := lerp(a, b, (done+step)/l)
			if on {
				quad(p0, p1)
			}
			done += step
			left -= step
			if left <= 1e-9 {
				dashI = (dashI + 1) % len(dashes)
				left, on = dashes[dashI], !on
			}
		}
	}
	return out
}

func lerp(a, b [2]float64, t float64) [2]float64 {
	return [2]float64{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// disc is a circle as a polygon, anticlockwise when r is negative.
func disc(cx, cy, r float64) [][2]float64 {
	const n = 40
	pts := make([][2]float64, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = [2]float64{cx + r*math.Cos(a), cy + math.Abs(r)*math.Sin(a)}
	}
	return pts
}

// ring is the outline of a circle's stroke.
func ring(cx, cy, r, sw float64) [][][2]float64 {
	outer := disc(cx, cy, r+sw/2)
	inner := disc(cx, cy, -(r - sw/2)) // the other way round: a hole
	return [][][2]float64{outer, inner}
}

func num(attrs map[string]string, name string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(attrs[name]), 64)
	return v
}

func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// stroke draws the stroke an element's attributes ask for along pts.
func (cv *canvas) stroke(attrs map[string]string, pts [][2]float64) {
	pt := cv.paintOf(attrs["stroke"], paint{none: true})
	sw := 1.0
	if attrs["stroke-width"] != "" {
		sw = num(attrs, "stroke-width")
	}
	cv.fill(strokePolys(pts, sw, numbers(attrs["stroke-dasharray"])), pt, opacityOf(attrs))
}

func opacityOf(attrs map[string]string) float64 {
	if attrs["opacity"] == "" {
		return 1
	}
	return math.Max(0, math.Min(1, num(attrs, "opacity")))
}

// text draws an SVG text element's text.
func (cv *canvas) text(attrs map[string]string, t string) {
	if t == "" {
		return
	}
	face := cv.regular
	if attrs["font-weight"] == "bold" {
		face = cv.bold
	}
	size := num(attrs, "font-size")
	if size <= 0 {
		size = 10
	}
	// The chart laid its text out for a wide font (pkg/render's textWidth
	// allows at least 0.6em a character); the Go fonts are narrower, so
	// they are drawn at the size asked for.
	scale := size * pxPerUnit / 100
	ox, oy := cv.offset()
	x, y := (num(attrs, "x")+ox)*pxPerUnit, (num(attrs, "y")+oy)*pxPerUnit
	width := float64(font.MeasureString(face, t)) / 64 * scale
	switch attrs["text-anchor"] {
	case "middle":
		x -= width / 2
	case "end":
		x -= width
	}
	fillPaint := cv.paintOf(attrs["fill"], paint{c: color.RGBA{0, 0, 0, 255}})
	if h := cv.paintOf(attrs["stroke"], paint{none: true}); !h.none {
		// A halo: the text in the stroke's colour around it, under it.
		r := num(attrs, "stroke-width") / 2 * pxPerUnit
		for i := 0; i < 16; i++ {
			a := 2 * math.Pi * float64(i) / 16
			cv.glyphs(face, t, x+r*math.Cos(a), y+r*math.Sin(a), scale, h.c)
		}
	}
	if !fillPaint.none {
		cv.glyphs(face, t, x, y, scale, fillPaint.c)
	}
}

// glyphs draws t with its baseline's left end at (x, y) pixels, the face
// (of size 100 pixels) scaled by scale.
func (cv *canvas) glyphs(face font.Face, t string, x, y, scale float64, c color.RGBA) {
	em := 100 * scale
	width := float64(font.MeasureString(face, t)) / 64 * scale
	b := image.Rect(int(x-em), int(y-1.3*em), int(x+width+em)+1, int(y+0.5*em)+1).Intersect(cv.img.Bounds())
	if b.Empty() {
		return
	}
	r := vector.NewRasterizer(b.Dx(), b.Dy())
	x, y = x-float64(b.Min.X), y-float64(b.Min.Y)
	pen := x
	prev := rune(-1)
	for _, ch := range t {
		if prev >= 0 {
			pen += float64(face.Kern(prev, ch)) / 64 * scale
		}
		prev = ch
		if err := cv.outline(r, ch, pen, y, scale, face); err != nil {
			continue // a character the font lacks is left out of the picture
		}
		adv, _ := face.GlyphAdvance(ch)
		pen += float64(adv) / 64 * scale
	}
	r.DrawOp = draw.Over
	r.Draw(cv.img, b, image.NewUniform(c), image.Point{})
}

// outline adds a character's outline to r.
func (cv *canvas) outline(r *vector.Rasterizer, ch rune, x, y, scale float64, face font.Face) error {
	f := cv.fontOf(face)
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, ch)
	if err != nil || idx == 0 {
		return errors.New("no glyph")
	}
	segs, err := f.LoadGlyph(&buf, idx, fixed.I(100), nil)
	if err != nil {
		return err
	}
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(x + float64(p.X)/64*scale), float32(y + float64(p.Y)/64*scale)
	}
	for i, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				r.ClosePath()
			}
			r.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			r.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			r.QuadTo(x1, y1, x2, y2)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			r.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	r.ClosePath()
	return nil
}

// readPatterns reads the patterns in an SVG's defs.
func readPatterns(svg []byte) (map[string]*pattern, error) {
	out := map[string]*pattern{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	var cur *pattern
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrMap(t)
			if t.Name.Local == "pattern" {
				cur = &pattern{w: num(a, "width"), h: num(a, "height")}
				if tr := a["patternTransform"]; strings.HasPrefix(tr, "rotate(") {
					cur.angle, _ = strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(tr, "rotate("), ")"), 64)
				}
				if cur.w <= 0 || cur.h <= 0 {
					cur = nil
					continue
				}
				out[a["id"]] = cur
				continue
			}
			if cur == nil {
				continue
			}
			switch t.Name.Local {
			case "rect":
				if c, ok := parseColour(a["fill"]); ok {
					cur.shapes = append(cur.shapes, tileShape{kind: "rect", x0: num(a, "x"), y0: num(a, "y"), x1: num(a, "width"), y1: num(a, "height"), c: c})
				}
			case "circle":
				if c, ok := parseColour(a["fill"]); ok {
					cur.shapes = append(cur.shapes, tileShape{kind: "dot", x0: num(a, "cx"), y0: num(a, "cy"), r: num(a, "r"), c: c})
				}
			case "line":
				if c, ok := parseColour(a["stroke"]); ok {
					cur.shapes = append(cur.shapes, tileShape{kind: "line", x0: num(a, "x1"), y0: num(a, "y1"), x1: num(a, "x2"), y1: num(a, "y2"), sw: num(a, "stroke-width"), c: c})
				}
			case "path":
				c, ok := parseColour(a["stroke"])
				if !ok {
					continue
				}
				for _, s := range pathSegments(a["d"]) {
					cur.shapes = append(cur.shapes, tileShape{kind: "line", x0: s[0], y0: s[1], x1: s[2], y1: s[3], sw: num(a, "stroke-width"), c: c})
				}
			}
		case xml.EndElement:
			if t.Name.Local == "pattern" {
				cur = nil
			}
		}
	}
}

// pathSegments reads the straight segments of a path made of M, L, H and
// V commands (absolute), as the patterns use.
func pathSegments(d string) [][4]float64 {
	var out [][4]float64
	x, y := 0.0, 0.0
	var cmd byte
	var args []float64
	flush := func() {
		switch cmd {
		case 'M':
			if len(args) >= 2 {
				x, y = args[0], args[1]
			}
		case 'L':
			if len(args) >= 2 {
				out = append(out, [4]float64{x, y, args[0], args[1]})
				x, y = args[0], args[1]
			}
		case 'H':
			if len(args) >= 1 {
				out = append(out, [4]float64{x, y, args[0], y})
				x = args[0]
			}
		case 'V':
			if len(args) >= 1 {
				out = append(out, [4]float64{x, y, x, args[0]})
				y = args[0]
			}
		}
		args = nil
	}
	for _, f := range strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' }) {
		for f != "" {
			if c := f[0]; strings.IndexByte("MLHV", c) >= 0 {
				flush()
				cmd, f = c, f[1:]
				continue
			}
			end := strings.IndexAny(f, "MLHV")
			if end < 0 {
				end = len(f)
			}
			if v, err := strconv.ParseFloat(f[:end], 64); err == nil {
				args = append(args, v)
			}
			f = f[end:]
		}
	}
	flush()
	return out
}

func attrMap(e xml.StartElement) map[string]string {
	m := make(map[string]string, len(e.Attr))
	for _, a := range e.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

// size reads an SVG's width and height, in its units.
func svgSize(svg []byte) (w, h float64, err error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, fmt.Errorf("read chart: %w", err)
		}
		if e, ok := tok.(xml.StartElement); ok {
			if e.Name.Local != "svg" {
				return 0, 0, errors.New("read chart: not an SVG")
			}
			a := attrMap(e)
			w, h = num(a, "width"), num(a, "height")
			if vb := numbers(a["viewBox"]); len(vb) == 4 && (w <= 0 || h <= 0) {
				w, h = vb[2], vb[3]
			}
			if w <= 0 || h <= 0 || w > 5000 || h > 5000 {
				return 0, 0, errors.New("read chart: no size")
			}
			return w, h, nil
		}
	}
}

// rasterize draws an SVG chart (as pkg/render draws them) as a PNG, on
// white, pxPerUnit pixels to its unit.
func rasterize(svg []byte, fonts *fonts) ([]byte, error) {
	w, h, err := svgSize(svg)
	if err != nil {
		return nil, err
	}
	patterns, err := readPatterns(svg)
	if err != nil {
		return nil, fmt.Errorf("read chart: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(w*pxPerUnit)), int(math.Ceil(h*pxPerUnit))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	cv := &canvas{img: img, patterns: patterns, regular: fonts.regular, bold: fonts.bold}
	cv.fontOf = fonts.fontOf

	d := xml.NewDecoder(bytes.NewReader(svg))
	skip := 0 // inside defs, title or desc
	var textAttrs map[string]string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read chart: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			a := attrMap(t)
			if skip > 0 || name == "defs" || name == "title" || name == "desc" {
				skip++
				continue
			}
			switch name {
			case "g":
				var dx, dy float64
				if tr := a["transform"]; strings.HasPrefix(tr, "translate(") {
					if v := numbers(strings.TrimSuffix(strings.TrimPrefix(tr, "translate("), ")")); len(v) >= 1 {
						dx = v[0]
						if len(v) >= 2 {
							dy = v[1]
						}
					}
				}
				cv.dx, cv.dy = append(cv.dx, dx), append(cv.dy, dy)
			case "rect":
				x, y, rw, rh := num(a, "x"), num(a, "y"), num(a, "width"), num(a, "height")
				cv.fill([][][2]float64{{{x, y}, {x + rw, y}, {x + rw, y + rh}, {x, y + rh}}}, cv.paintOf(a["fill"], paint{c: color.RGBA{0, 0, 0, 255}}), opacityOf(a))
				cv.stroke(a, [][2]float64{{x, y}, {x + rw, y}, {x + rw, y + rh}, {x, y + rh}, {x, y}, {x + rw, y}})
			case "line":
				cv.stroke(a, [][2]float64{{num(a, "x1"), num(a, "y1")}, {num(a, "x2"), num(a, "y2")}})
			case "polyline":
				v := numbers(a["points"])
				var pts [][2]float64
				for i := 0; i+1 < len(v); i += 2 {
					pts = append(pts, [2]float64{v[i], v[i+1]})
				}
				if f := cv.paintOf(a["fill"], paint{c: color.RGBA{0, 0, 0, 255}}); !f.none {
					cv.fill([][][2]float64{pts}, f, opacityOf(a))
				}
				cv.stroke(a, pts)
			case "circle":
				cx, cy, r := num(a, "cx"), num(a, "cy"), num(a, "r")
				cv.fill([][][2]float64{disc(cx, cy, r)}, cv.paintOf(a["fill"], paint{c: color.RGBA{0, 0, 0, 255}}), opacityOf(a))
				if s := cv.paintOf(a["stroke"], paint{none: true}); !s.none {
					sw := 1.0
					if a["stroke-width"] != "" {
						sw = num(a, "stroke-width")
					}
					cv.fill(ring(cx, cy, r, sw), s, opacityOf(a))
				}
			case "text":
				textAttrs = a
				text.Reset()
			}
		case xml.CharData:
			if skip == 0 && textAttrs != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "g":
				if n := len(cv.dx); n > 0 {
					cv.dx, cv.dy = cv.dx[:n-1], cv.dy[:n-1]
				}
			case "text":
				cv.text(textAttrs, text.String())
				textAttrs = nil
			}
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fonts are the faces the pictures' text is drawn in: the Go fonts, which
// are compiled in, so that a chart looks the same on every machine.
type fonts struct {
	regular, bold         font.Face
	regularSFNT, boldSFNT *opentype.Font
}

func loadFonts() (*fonts, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	face := func(f *opentype.Font) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: 100, DPI: 72, Hinting: font.HintingNone})
	}
	fr, err := face(reg)
	if err != nil {
		return nil, err
	}
	fb, err := face(bold)
	if err != nil {
		return nil, err
	}
	return &fonts{regular: fr, bold: fb, regularSFNT: reg, boldSFNT: bold}, nil
}

func (f *fonts) fontOf(face font.Face) *opentype.Font {
	if face == f.bold {
		return f.boldSFNT
	}
	return f.regularSFNT
}
