// Package reportcheck checks a board pack page as every test that makes
// one must: well-formed, self-contained, a card per priority and the
// right number of charts. It is for tests only.
package reportcheck

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Page checks what must hold of every board pack page: it is
// well-formed, fetches nothing from anywhere (no scripts, links, images,
// or external URLs in attributes or CSS), has a card for each of the
// priorities and exactly charts KPI charts. It returns the problems found.
// Tests use it on every pack they make.
func Page(page []byte, priorities []string, charts int) []string {
	var problems []string
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	found, cards := 0, map[string]bool{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			problems = append(problems, "not well-formed: "+err.Error())
			break
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if slices.Contains([]string{"script", "link", "img", "iframe", "object", "embed", "base"}, el.Name.Local) {
			problems = append(problems, "has a <"+el.Name.Local+"> element")
		}
		for _, a := range el.Attr {
			switch {
			case a.Name.Local == "src", a.Name.Local == "href" && !strings.HasPrefix(a.Value, "#"):
				problems = append(problems, "refers outside the page: "+a.Name.Local+"="+a.Value)
			case a.Name.Local == "class" && el.Name.Local == "svg" && strings.Contains(a.Value, "kpi"):
				found++
			case a.Name.Local == "id" && strings.HasPrefix(a.Value, "priority-"):
				cards[strings.TrimPrefix(a.Value, "priority-")] = true
			}
		}
	}
	if regexp.MustCompile(`url\((?:['"])?[^#'")]`).Match(page) || bytes.Contains(page, []byte("@import")) ||
		bytes.Contains(page, []byte("http://")) || bytes.Contains(page, []byte("https://")) {
		problems = append(problems, "refers to something outside the page in its CSS or text")
	}
	for _, id := range priorities {
		if !cards[id] {
			problems = append(problems, "no card for "+id)
		}
	}
	if found != charts {
		problems = append(problems, "KPI charts: "+strconv.Itoa(found)+", want one per KPI with actuals: "+strconv.Itoa(charts))
	}
	return problems
}
