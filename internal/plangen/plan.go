package plangen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// Plan describes a synthetic plan: a council's improvement plan of any
// size, shaped like the examples (twelve or so priorities across three
// themes, actions with owners, due dates, statuses and ratings, KPIs with
// quarterly actuals, findings and a glossary). Its dates are spread over a
// two-year plan period starting on Start, so that on any day in its first
// year some actions are done, some open, some overdue.
type Plan struct {
	Seed         uint64
	Actions      int // in all, spread over the priorities
	KPIs         int // in all
	Organisation string
	Start        time.Time // the plan period's first day
}

// Default sizes: one plan of a 150-plan portfolio of 45,000 actions and
// 7,000 KPIs.
const (
	DefaultActions = 300
	DefaultKPIs    = 47
)

var (
	verbs = []string{"Agree", "Audit", "Embed", "Launch", "Review", "Introduce", "Extend", "Train", "Publish", "Recruit to",
		"Commission", "Strengthen", "Redesign", "Evaluate", "Roll out", "Monitor", "Reduce", "Improve", "Standardise", "Complete"}
	objects = []string{"the front door triage model", "supervision of frontline practice", "return home interviews",
		"pathway plans for care leavers", "the quality assurance framework", "the multi-agency threshold guidance",
		"child protection conferences", "the practice model", "placement sufficiency", "the early help offer",
		"the recruitment campaign for social workers", "the performance scorecard", "chronologies in case records",
		"the voice of the child in plans", "the edge of care service", "management oversight of strategy meetings",
		"the foster carer offer", "the Public Law Outline tracker", "audits of assessments", "the IRO escalation process"}
	qualifiers = []string{"across all teams", "with partners", "in the MASH", "for children in care", "for care leavers",
		"with the Safeguarding Partnership", "in the locality hubs", "for children on child protection plans", "", "", ""}
	priorityTitles = []string{"A timely and proportionate front door", "Early help that prevents escalation",
		"Effective help and protection", "Support at the edge of care", "Stable homes for children in care",
		"Children's voices shape services", "Strong strategic leadership", "A sufficient and stable workforce",
		"A consistent practice model", "An effective safeguarding partnership", "Business support that works",
		"Data and insight that drive practice"}
	slugs = []string{"front-door", "early-help", "help-and-protection", "edge-of-care", "children-in-care", "voice-and-influence",
		"leadership", "workforce", "practice-model", "partnership", "business-support", "data-and-insight"}
	kpiTitles = []string{"Contacts with a decision within 24 hours", "Re-referrals within 12 months",
		"Assessments completed within 45 working days", "Children seen within timescale", "Agency social workers",
		"Social worker turnover", "Average caseload per social worker", "Care leavers in suitable accommodation",
		"Children with three or more placements in a year", "Audits rated good or better", "Child protection plans lasting two years or more",
		"Return home interviews offered within 72 hours", "Supervision within timescale", "Children placed within 20 miles"}
	owners = [][2]string{{"dcs", "Director of Children's Services"}, {"ad-front-door", "Assistant Director - Front Door"},
		{"ad-safeguarding", "Assistant Director - Safeguarding"}, {"ad-children-in-care", "Assistant Director - Children in Care"},
		{"head-workforce", "Head of Workforce"}, {"head-performance", "Head of Performance and Quality Assurance"},
		{"principal-sw", "Principal Social Worker"}, {"head-commissioning", "Head of Commissioning"}}
	places = []string{"North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "Old", "New"}
	towns  = []string{"Ashby", "Brackley", "Calder", "Dunmore", "Elmsworth", "Fenwick", "Galloway", "Harwood", "Ilford",
		"Kelsall", "Langley", "Marston", "Norbury", "Oakham", "Pendle", "Radford", "Selby", "Thornbury", "Walsden", "Yarrow"}
)

// CouncilName is the organisation of the i-th plan of a portfolio.
func CouncilName(i int) string {
	return fmt.Sprintf("%s %s Council", places[i/len(towns)%len(places)], towns[i%len(towns)])
}

// priorities is how many priorities a plan of n actions has: twelve, fewer
// for a small plan.
func priorities(actions int) int {
	return max(1, min(12, actions/3))
}

// Files returns the plan's files, keyed by slash-separated path relative
// to the plan directory.
func (p Plan) Files() map[string][]byte {
	rng := rand.New(rand.NewPCG(p.Seed, 17))
	start := p.Start
	if start.IsZero() {
		start = time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	}
	org := p.Organisation
	if org == "" {
		org = CouncilName(int(p.Seed % uint64(len(places)*len(towns))))
	}
	np := priorities(p.Actions)
	nFindings := 8

	files := map[string][]byte{}
	var b strings.Builder
	fmt.Fprintf(&b, "# Synthetic plan made by plangen (seed %d): not a real council's plan.\n", p.Seed)
	fmt.Fprintf(&b, "title: Children's Services Improvement Plan %d-%d\n", start.Year(), start.Year()+2)
	fmt.Fprintf(&b, "organisation: %s\n", org)
	fmt.Fprintf(&b, "period: {start: %s, end: %s}\n", isoDate(start), isoDate(start.AddDate(2, 0, -1)))
	b.WriteString("themes:\n  - id: A\n    title: Help and protection\n  - id: B\n    title: Children in care and care leavers\n  - id: C\n    title: Leadership and workforce\n")
	b.WriteString("owners:\n")
	for _, o := range owners {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n", o[0], o[1])
	}
	b.WriteString("findings:\n")
	for i := 1; i <= nFindings; i++ {
		fmt.Fprintf(&b, "  - id: F%d\n    source: Ofsted ILACS inspection, %s\n    text: %s is not consistently effective.\n",
			i, start.AddDate(0, -4, 0).Format("January 2006"), sentence(objects[rng.IntN(len(objects))]))
	}
	b.WriteString("glossary:\n  IRO: Independent Reviewing Officer\n  MASH: Multi-Agency Safeguarding Hub\n  ILACS: Inspection of Local Authority Children's Services\n")
	files["plan.yaml"] = []byte(b.String())

	for pi := 1; pi <= np; pi++ {
		b.Reset()
		title := priorityTitles[(pi-1)%len(priorityTitles)]
		fmt.Fprintf(&b, "id: P%d\ntheme: %s\ntitle: %s\nowner: %s\n", pi, string(rune('A'+(pi-1)*3/np)), title, owners[rng.IntN(len(owners))][0])
		actions := share(p.Actions, np, pi)
		if actions > 0 {
			b.WriteString("actions:\n")
		}
		for ai := 1; ai <= actions; ai++ {
			writeAction(&b, rng, fmt.Sprintf("P%d.%d", pi, ai), start, nFindings)
		}
		if kpis := share(p.KPIs, np, pi); kpis > 0 {
			b.WriteString("kpis:\n")
			for ki := 1; ki <= kpis; ki++ {
				writeKPI(&b, rng, fmt.Sprintf("P%d.K%d", pi, ki), start)
			}
		}
		files[fmt.Sprintf("priorities/%02d-%s.yaml", pi, slugs[(pi-1)%len(slugs)])] = []byte(b.String())
	}
	return files
}

// share is the part of n that the i-th of k groups gets (1-based).
func share(n, k, i int) int {
	return n*i/k - n*(i-1)/k
}

func writeAction(b *strings.Builder, rng *rand.Rand, id string, start time.Time, nFindings int) {
	title := verbs[rng.IntN(len(verbs))] + " " + objects[rng.IntN(len(objects))]
	if q := qualifiers[rng.IntN(len(qualifiers))]; q != "" {
		title += " " + q
	}
	due := start.AddDate(0, 0, 30+rng.IntN(660))
	fmt.Fprintf(b, "  - id: %s\n    title: %s\n", id, title)
	if rng.IntN(5) == 0 {
		fmt.Fprintf(b, "    owner: %s\n", owners[rng.IntN(len(owners))][0])
	}
	fmt.Fprintf(b, "    due: %s\n", isoDate(due))
	var evidence string
	// Early actions are mostly done; later ones in progress or planned.
	switch r := rng.IntN(100); {
	case due.Before(start.AddDate(0, 9, 0)) && r < 80:
		b.WriteString("    status: done\n")
		if r < 40 {
			evidence = fmt.Sprintf("    evidence: Audit of %s reported to the Improvement Board\n", objects[rng.IntN(len(objects))])
		}
	case r < 3:
		b.WriteString("    status: dropped\n")
	case due.Before(start.AddDate(1, 3, 0)):
		fmt.Fprintf(b, "    status: in-progress\n    rag: %s\n", []string{"green", "green", "amber", "amber", "red"}[rng.IntN(5)])
	default:
		fmt.Fprintf(b, "    status: planned\n    rag: green\n")
	}
	fmt.Fprintf(b, "    addresses: [F%d]\n", 1+rng.IntN(nFindings))
	if rng.IntN(3) > 0 {
		fmt.Fprintf(b, "    note: Progress reported to the Improvement Board on %s; evidence to follow at the next review.\n", start.AddDate(0, rng.IntN(12), 7).Format("2 January 2006"))
	}
	b.WriteString(evidence)
}

func writeKPI(b *strings.Builder, rng *rand.Rand, id string, start time.Time) {
	lower := rng.IntN(2) == 0
	target := 10 + rng.IntN(80)
	tolerance := 2 + rng.IntN(8)
	better := "higher"
	if lower {
		better = "lower"
	}
	fmt.Fprintf(b, "  - id: %s\n    title: %s\n    unit: \"%%\"\n    better: %s\n    target: %d\n    tolerance: %d\n    frequency: quarterly\n    actuals:\n",
		id, kpiTitles[rng.IntN(len(kpiTitles))], better, target, tolerance)
	// Quarterly actuals from the quarter before the plan to its first
	// anniversary, moving towards the target.
	v := float64(target - 3*tolerance)
	if lower {
		v = float64(target + 3*tolerance)
	}
	v = max(0, min(100, v))
	for q := range 5 {
		end := quarterEnd(start.AddDate(0, 3*q-3, 0))
		fmt.Fprintf(b, "      %s: %s\n", isoDate(end), number(v))
		step := float64(tolerance) * (0.3 + rng.Float64())
		if lower {
			v -= step
		} else {
			v += step
		}
		v = max(0, min(100, v))
	}
}

// quarterEnd is the last day of the quarter holding t.
func quarterEnd(t time.Time) time.Time {
	m := (int(t.Month())-1)/3*3 + 4
	return time.Date(t.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

func number(v float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
}

func isoDate(t time.Time) string { return t.Format(time.DateOnly) }

func sentence(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// WriteFiles writes files (as Files returns them) below dir.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Portfolio describes a portfolio: Plans plans, each in its own directory
// below the portfolio's, named after its council.
type Portfolio struct {
	Plans   int
	Actions int // per plan
	KPIs    int // per plan
	Seed    uint64
}

// Files returns the portfolio's files, keyed by slash-separated path
// relative to the portfolio directory.
func (p Portfolio) Files() map[string][]byte {
	files := map[string][]byte{}
	for i := range p.Plans {
		org := CouncilName(i)
		dir := strings.ToLower(strings.ReplaceAll(strings.TrimSuffix(org, " Council"), " ", "-"))
		if p.Plans > len(places)*len(towns) {
			dir = fmt.Sprintf("%s-%d", dir, i/(len(places)*len(towns)))
		}
		one := Plan{Seed: p.Seed*1000 + uint64(i), Actions: p.Actions, KPIs: p.KPIs, Organisation: org}
		for name, data := range one.Files() {
			files[path.Join(dir, name)] = data
		}
	}
	return files
}

// MapFS holds files (as Files returns them) in memory, for tests and
// benchmarks that load a generated plan without touching the disk.
func MapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}
