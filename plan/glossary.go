package plan

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
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
	for _, word := range strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	}) {
		if a, ok := acronym(strings.Trim(word, "&")); ok && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func acronym(word string) (string, bool) {
	r := []rune(word)
	if n := len(r); n > 2 && r[n-1] == 's' && unicode.IsUpper(r[n-2]) {
		r = r[:n-1]
	}
	capitals := 0
	for i, c := range r {
		switch {
		case unicode.IsDigit(c):
			return "", false
		case unicode.IsUpper(c):
			capitals++
		case unicode.IsLower(c) && i > 0 && unicode.IsLower(r[i-1]):
			return "", false
		}
	}
	return string(r), capitals >= 2
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
	add := func(text, field, what, id string, pos Pos) {
		if strings.TrimSpace(text) != "" {
			where := "the " + field + " of " + what
			if id != "" {
				where += " " + id
			}
			out = append(out, ReaderText{text, where, id, pos})
		}
	}
	add(p.Title, "title", "the plan", "", p.FieldPos("title"))
	add(p.Organisation, "organisation", "the plan", "", p.FieldPos("organisation"))
	for _, t := range p.Themes {
		add(t.Title, "title", "theme", t.ID, t.Pos)
	}
	for _, o := range p.Owners {
		add(o.Name, "name", "owner", o.ID, o.Pos)
	}
	for _, f := range p.Findings {
		add(f.Source, "source", "finding", f.ID, f.FieldPos("source"))
		add(f.Text, "text", "finding", f.ID, f.FieldPos("text"))
	}
	for _, pr := range p.Priorities {
		add(pr.Title, "title", "priority", pr.ID, pr.FieldPos("title"))
		for _, a := range pr.Actions {
			add(a.Title, "title", "action", a.ID, a.FieldPos("title"))
			add(a.Note, "note", "action", a.ID, a.FieldPos("note"))
			add(a.Evidence, "evidence", "action", a.ID, a.FieldPos("evidence"))
		}
		for _, k := range pr.KPIs {
			add(k.Title, "title", "kpi", k.ID, k.FieldPos("title"))
			add(k.Unit, "unit", "kpi", k.ID, k.FieldPos("unit"))
		}
	}
	return out
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

// checkGlossary reports acronyms readers see that the glossary does not
// explain (once each, where first used) and glossary terms nothing uses.
func (p *Plan) checkGlossary() []Diagnostic {
	var diags []Diagnostic
	defined := map[string]bool{}
	for _, t := range p.Glossary {
		defined[t.Term] = true
	}
	reported := map[string]bool{}
	for _, rt := range p.ReaderTexts() {
		for _, a := range Acronyms(rt.Text) {
			if defined[a] || reported[a] {
				continue
			}
			reported[a] = true
			diags = append(diags, Diagnostic{Rule: RuleUndefinedAcronym, Pos: rt.Pos, ID: rt.ID,
				Message: fmt.Sprintf("%s, in %s, is not in the glossary: add it to glossary in plan.yaml", a, rt.Where)})
		}
	}
	used := map[*Term]bool{}
	for _, t := range p.UsedTerms() {
		used[t] = true
	}
	for _, t := range p.Glossary {
		if !used[t] {
			diags = append(diags, Diagnostic{Rule: RuleUnusedGlossaryTerm, Pos: t.Pos,
				Message: fmt.Sprintf("glossary term %s is not used in any title, note or finding", t.Term)})
		}
	}
	return diags
}
