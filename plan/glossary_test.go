package plan

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAcronyms(t *testing.T) {
	for text, want := range map[string]string{
		"The ILACS and LGA findings":                       "ILACS LGA",
		"ASYE social workers, the DfE and the CiCC":        "ASYE DfE CiCC",
		"C&YP are consulted; KPIs are reported":            "C&YP KPI",
		"The Board met on SharePoint. Ofsted visited.":     "",
		"Actions P8.1 and OF25-1 are linked; a I":          "",
		"IT and HR support, and IT again":                  "IT HR",
		"Multi-Agency Safeguarding Hub (MASH), the MASH's": "MASH",
	} {
		if got := strings.Join(Acronyms(text), " "); got != want {
			t.Errorf("Acronyms(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestGlossaryRules(t *testing.T) {
	pri := "id: P1\ntheme: A\ntitle: Recruit ASYE social workers\nowner: alice\nactions:\n" +
		"  - {id: P1.1, title: Agree the HR offer, due: 2026-12-31, status: planned, rag: green, note: The HR team and the LGA agree, addresses: [F1]}\n"
	p, diags := load(t, map[string]string{"plan.yaml": strings.Replace(testPlanYAML, "glossary:\n", "glossary:\n  LGA: Local Government Association\n  DCS: Director of Children's Services\n", 1), "priorities/01.yaml": pri})
	if len(diags) != 0 {
		t.Fatalf("load: %s", formatDiags(diags))
	}
	got := p.Check(NewDate(2026, 6, 1))
	want := `plan.yaml:20:3: glossary term DCS is not used in any title, note or finding [unused-glossary-term]
priorities/01.yaml:3:8: ASYE, in the title of priority P1, is not in the glossary: add it to glossary in plan.yaml [undefined-acronym]
priorities/01.yaml:6:23: HR, in the title of action P1.1, is not in the glossary: add it to glossary in plan.yaml [undefined-acronym]
`
	if formatDiags(got) != want {
		t.Errorf("got:\n%swant:\n%s", formatDiags(got), want)
	}
	var terms []string
	for _, term := range p.UsedTerms() {
		terms = append(terms, term.Term)
	}
	if strings.Join(terms, " ") != "LGA MASH" {
		t.Errorf("UsedTerms = %v", terms)
	}
	got, _ = DefaultPolicy().Apply(got)
	if got[0].Severity != SeverityInfo || got[1].Severity != SeverityWarning {
		t.Errorf("severities = %s, %s", got[0].Severity, got[1].Severity)
	}
}

func TestMissingReturn(t *testing.T) {
	kpi := func(freq string, actuals string) string {
		return "id: P1\ntheme: A\ntitle: t\nowner: alice\nactions:\n  - {id: P1.1, title: t, due: 2027-01-01, status: planned, rag: green, addresses: [F1]}\n" +
			"kpis:\n  - {id: P1.K1, title: k, better: lower, target: 1, frequency: " + freq + ", actuals: {" + actuals + "}}\n"
	}
	for _, tt := range []struct {
		freq, actuals, asOf, want string
	}{
		{"quarterly", "2026-03-31: 1", "2026-07-30", ""},
		{"quarterly", "2026-03-31: 1", "2026-07-31", "kpi P1.K1 is reported quarterly but has no actual since 2026-03-31: the next was due by 2026-07-30"},
		{"monthly", "2026-01-31: 1, 2026-02-28: 2", "2026-04-28", ""},
		{"monthly", "2026-01-31: 1, 2026-02-28: 2", "2026-05-01", "kpi P1.K1 is reported monthly but has no actual since 2026-02-28: the next was due by 2026-04-30"},
		{"annual", "2025-03-31: 1", "2026-05-01", "kpi P1.K1 is reported annually but has no actual since 2025-03-31: the next was due by 2026-04-30"},
		{"quarterly", "", "2026-05-02", "kpi P1.K1 is reported quarterly but has no actuals yet: the next was due by 2026-05-01"},
	} {
		p, diags := load(t, map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": kpi(tt.freq, tt.actuals)})
		if len(diags) != 0 {
			t.Fatalf("load: %s", formatDiags(diags))
		}
		asOf, _ := ParseDate(tt.asOf)
		var got string
		for _, d := range p.Check(asOf) {
			if d.Rule == RuleMissingReturn {
				got = d.Message
			}
		}
		if got != tt.want {
			t.Errorf("%s %s on %s: %q, want %q", tt.freq, tt.actuals, tt.asOf, got, tt.want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	for in, want := range map[string]string{"2026-03-31": "2026-06-30", "2026-01-31": "2026-04-30", "2026-02-28": "2026-05-31", "2026-01-15": "2026-04-15", "2026-11-30": "2027-02-28"} {
		d, _ := ParseDate(in)
		if got := d.AddMonths(3).String(); got != want {
			t.Errorf("%s + 3 months = %s, want %s", in, got, want)
		}
	}
}

// TestUsedTermsAgreesWithSearch: terms of several words are found in the
// texts exactly where a search for each between word boundaries finds them.
func TestUsedTermsAgreesWithSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"Early", "Help", "Helps", "Q", "00001", "C&YP", "MASH", "Front", "Door", "Doors", "s"}
	seps := []string{" ", "-", " / ", "  ", ", "}
	phrase := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(vocab[rng.IntN(len(vocab))])
		}
		return b.String()
	}
	for round := range 300 {
		var glossary []*Term
		for range 6 {
			glossary = append(glossary, &Term{Term: phrase(1 + rng.IntN(3))})
		}
		glossary = append(glossary, &Term{Term: "(" + phrase(1) + ")"})
		var texts []string
		for range 4 {
			texts = append(texts, phrase(rng.IntN(12)))
		}
		got := termsIn(glossary, texts)
		var want []*Term
		for _, term := range glossary {
			re := regexp.MustCompile(`(^|[^\pL\pN&])` + regexp.QuoteMeta(term.Term) + `s?($|[^\pL\pN&])`)
			if slices.ContainsFunc(texts, re.MatchString) {
				want = append(want, term)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: terms %q in %q: got %v, want %v", round, termNames(glossary), texts, termNames(got), termNames(want))
		}
	}
}

func termNames(ts []*Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Term)
	}
	return out
}

// TestUsedTermsScale: 3,000 hyphenated terms and 40,000 texts (a searched
// regular expression for each term took minutes) take time in proportion
// to the texts.
func TestUsedTermsScale(t *testing.T) {
	var glossary []*Term
	for i := range 3000 {
		glossary = append(glossary, &Term{Term: fmt.Sprintf("Q-%05d", i)})
	}
	var texts []string
	for i := range 40_000 {
		texts = append(texts, fmt.Sprintf("Action %d of Q-%05d and the front door, which keeps on going for a while", i, i%5000))
	}
	start := time.Now()
	used := termsIn(glossary, texts)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("termsIn took %v", d)
	}
	if len(used) != 3000 {
		t.Errorf("%d terms used, want all 3,000", len(used))
	}
}
