package plan

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Acronyms returns the acronyms in text, each once, in order of first use.
//
// The rule: a word (a run of letters, digits and '&') with no digits, at
// least two capital letters and never two lower-case letters in a row is
// an acronym; a final lower-case s after a capital is a plural and is
// dropped. So ILACS, LGA, ASYE, DfE, CiCC, C&YP and KPIs (KPI) are
// acronyms; Board, SharePoint, Ofsted and ids such as P8 or OF25 are not.
func Acronyms(text string) []string {
	var out []string
	for word := range words(text) {
		if a, ok := acronym(strings.Trim(word, "&")); ok && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// words yields the words of text as the glossary sees them: runs of
// letters, digits and '&'.
func words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for start, end := range wordSpans(text) {
			if !yield(text[start:end]) {
				return
			}
		}
	}
}

// wordSpans yields where each word of text starts and ends: runs of
// letters, digits and &.
func wordSpans(text string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		start := -1
		for i, r := range text {
			inWord := r == '&' || unicode.IsLetter(r) || unicode.IsDigit(r)
			switch {
			case inWord && start < 0:
				start = i
			case !inWord && start >= 0:
				if !yield(start, i) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(start, len(text))
		}
	}
}

func acronym(word string) (string, bool) {
	if n := len(word); n > 2 && word[n-1] == 's' && utf8.RuneCountInString(word) > 2 {
		if r, _ := utf8.DecodeLastRuneInString(word[:n-1]); unicode.IsUpper(r) {
			word = word[:n-1]
		}
	}
	capitals := 0
	prevLower := false
	for _, c := range word {
		lower := false
		switch {
		case unicode.IsDigit(c):
			return "", false
		case unicode.IsUpper(c):
			capitals++
		case unicode.IsLower(c):
			if prevLower {
				return "", false
			}
			lower = true
		}
		prevLower = lower
	}
	return word, capitals >= 2
}

// ReaderText is a text a reader of the plan sees, and where it was written.
type ReaderText struct {
	Text  string
	Where string // "the title of action P8.1"
	ID    string // the item it belongs to, if any
	Pos   Pos
}

// ReaderTexts returns every text of the plan a reader sees: titles, names,
// notes, evidence, units, and finding texts and sources, in plan order.
func (p *Plan) ReaderTexts() []ReaderText {
	var out []ReaderText
	p.eachReaderText(func(text, field, what, id string, pos Pos) {
		out = append(out, ReaderText{text, where(field, what, id), id, pos})
	})
	return out
}

// where says where a text was written: "the title of action P8.1".
func where(field, what, id string) string {
	w := "the " + field + " of " + what
	if id != "" {
		w += " " + id
	}
	return w
}

// eachReaderText calls fn with each text of the plan a reader sees, in
// plan order, and where it was written, without building descriptions
// that may not be needed.
func (p *Plan) eachReaderText(fn func(text, field, what, id string, pos Pos)) {
	add := func(text, field, what, id string, pos func() Pos) {
		if strings.TrimSpace(text) != "" {
			fn(text, field, what, id, pos())
		}
	}
	add(p.Title, "title", "the plan", "", func() Pos { return p.FieldPos("title") })
	add(p.Organisation, "organisation", "the plan", "", func() Pos { return p.FieldPos("organisation") })
	for _, t := range p.Themes {
		add(t.Title, "title", "theme", t.ID, func() Pos { return t.Pos })
	}
	for _, o := range p.Owners {
		add(o.Name, "name", "owner", o.ID, func() Pos { return o.Pos })
	}
	for _, f := range p.Findings {
		add(f.Source, "source", "finding", f.ID, func() Pos { return f.FieldPos("source") })
		add(f.Text, "text", "finding", f.ID, func() Pos { return f.FieldPos("text") })
	}
	for _, pr := range p.Priorities {
		add(pr.Title, "title", "priority", pr.ID, func() Pos { return pr.FieldPos("title") })
		for _, a := range pr.Actions {
			add(a.Title, "title", "action", a.ID, func() Pos { return a.FieldPos("title") })
			add(a.Note, "note", "action", a.ID, func() Pos { return a.FieldPos("note") })
			add(a.Evidence, "evidence", "action", a.ID, func() Pos { return a.FieldPos("evidence") })
		}
		for _, k := range pr.KPIs {
			add(k.Title, "title", "kpi", k.ID, func() Pos { return k.FieldPos("title") })
			add(k.Unit, "unit", "kpi", k.ID, func() Pos { return k.FieldPos("unit") })
		}
		for _, r := range pr.Risks {
			add(r.Title, "title", "risk", r.ID, func() Pos { return r.FieldPos("title") })
			add(r.Controls, "controls", "risk", r.ID, func() Pos { return r.FieldPos("controls") })
		}
	}
}

// UsedTerms returns the glossary terms that the plan's reader texts use,
// in glossary order.
func (p *Plan) UsedTerms() []*Term {
	var texts []string
	for _, rt := range p.ReaderTexts() {
		texts = append(texts, rt.Text)
	}
	return termsIn(p.Glossary, texts)
}

// termsIn returns the glossary terms that appear as words in texts (a
// final s allowed), in glossary order.
func termsIn(glossary []*Term, texts []string) []*Term {
	if len(glossary) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, text := range texts {
		for w := range words(text) {
			seen[w] = true
		}
	}
	return usedTerms(glossary, seen, texts)
}

// usedTerms returns the glossary terms that are among the words seen in
// texts, in glossary order. A term of one word is looked up among the
// words; a term of several words (Early Help, Q-00001) among the runs of
// words of the texts that begin with a term's first word, text between
// them as written. Both take time in proportion to the texts, whatever
// the glossary holds. Only a term that begins or ends with punctuation is
// searched for, and after maxTermSearches of those the rest are taken as
// used (so none is wrongly said to be unused).
func usedTerms(glossary []*Term, seen map[string]bool, texts []string) []*Term {
	var used []*Term
	var runs map[string]bool // made when first needed
	searches := 0
	for _, t := range glossary {
		w := slices.Collect(words(t.Term))
		switch {
		case len(w) == 1 && w[0] == t.Term:
			if seen[t.Term] || seen[t.Term+"s"] {
				used = append(used, t)
			}
		case len(w) > 1 && len(w) <= maxTermWords && strings.HasPrefix(t.Term, w[0]) && strings.HasSuffix(t.Term, w[len(w)-1]):
			if runs == nil {
				runs = wordRuns(glossary, texts)
			}
			if runs[t.Term] || runs[t.Term+"s"] {
				used = append(used, t)
			}
		default:
			if searches++; searches > maxTermSearches {
				used = append(used, t)
				continue
			}
			re := regexp.MustCompile(`(^|[^\pL\pN&])` + regexp.QuoteMeta(t.Term) + `s?($|[^\pL\pN&])`)
			if slices.ContainsFunc(texts, re.MatchString) {
				used = append(used, t)
			}
		}
	}
	return used
}

// Bounds on the glossary's terms that are not single words.
const (
	maxTermWords    = 8  // a term of more words is searched for
	maxTermSearches = 50 // terms searched for in every text, at most
)

// wordRuns returns the runs of 2 to maxTermWords words in texts that begin
// with the first word of a glossary term, each with the text between its
// words as written.
func wordRuns(glossary []*Term, texts []string) map[string]bool {
	firsts := map[string]bool{}
	for _, t := range glossary {
		for w := range words(t.Term) {
			firsts[w] = true
			break
		}
	}
	runs := map[string]bool{}
	type span struct{ start, end int }
	var spans []span
	for _, text := range texts {
		spans = spans[:0]
		for start, end := range wordSpans(text) {
			spans = append(spans, span{start, end})
		}
		for i, sp := range spans {
			if !firsts[text[sp.start:sp.end]] {
				continue
			}
			for j := i + 1; j < len(spans) && j < i+maxTermWords; j++ {
				runs[text[sp.start:spans[j].end]] = true
			}
		}
	}
	return runs
}

// checkGlossary reports acronyms readers see that the glossary does not
// explain (once each, where first used) and glossary terms nothing uses.
func (p *Plan) checkGlossary() []Diagnostic {
	var diags []Diagnostic
	defined := map[string]bool{}
	for _, t := range p.Glossary {
		defined[t.Term] = true
	}
	reported := map[string]bool{}
	seen := map[string]bool{}
	var texts []string
	p.eachReaderText(func(text, field, what, id string, pos Pos) {
		texts = append(texts, text)
		var found []string
		for word := range words(text) {
			seen[word] = true
			if a, ok := acronym(strings.Trim(word, "&")); ok && !defined[a] && !reported[a] && !slices.Contains(found, a) {
				found = append(found, a)
			}
		}
		for _, a := range found {
			reported[a] = true
			diags = append(diags, Diagnostic{Rule: RuleUndefinedAcronym, Pos: pos, ID: id,
				Message: fmt.Sprintf("%s, in %s, is not in the glossary: add it to glossary in plan.yaml", a, where(field, what, id))})
		}
	})
	used := map[*Term]bool{}
	for _, t := range usedTerms(p.Glossary, seen, texts) {
		used[t] = true
	}
	for _, t := range p.Glossary {
		if !used[t] && !p.partial { // a file that could not be read may use it
			diags = append(diags, Diagnostic{Rule: RuleUnusedGlossaryTerm, Pos: t.Pos,
				Message: fmt.Sprintf("glossary term %s is not used in any title, note or finding", t.Term)})
		}
	}
	return diags
}

// TermUses returns the reader texts that use the glossary term, in plan
// order: where removing the term would leave an acronym unexplained.
func (p *Plan) TermUses(term string) []ReaderText {
	var t *Term
	for _, g := range p.Glossary {
		if g.Term == term {
			t = g
		}
	}
	if t == nil {
		return nil
	}
	var out []ReaderText
	for _, rt := range p.ReaderTexts() {
		if len(termsIn([]*Term{t}, []string{rt.Text})) > 0 {
			out = append(out, rt)
		}
	}
	return out
}
