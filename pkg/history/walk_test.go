package history

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plan-tool/plan/internal/gittest"
	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

// The reference: history walked as it was before walks were made to
// cost what the commits changed, parsing every version of every changed
// file whole. The walks must give the same answers.

type reference struct {
	repo  *gitrepo.Repo
	dir   string
	items map[string][]plan.Item
}

func (r *reference) itemsOf(p, blob, needle string) []plan.Item {
	if blob == "" || !isPlanFile(p) {
		return nil
	}
	key := blob + " " + strconv.FormatBool(p == plan.PlanFile)
	if items, ok := r.items[key]; ok {
		return items
	}
	data, err := r.repo.Blob(context.Background(), blob)
	if err != nil {
		panic(err)
	}
	if needle != "" && !bytes.Contains(data, []byte(needle)) {
		return nil
	}
	pl, _ := plan.LoadFile(p, data, p == plan.PlanFile)
	r.items[key] = pl.Items()
	return r.items[key]
}

func (r *reference) itemVersions(c gitrepo.LogCommit, needle string, match func(plan.Item) bool) (before, after map[string]*plan.Item) {
	before, after = map[string]*plan.Item{}, map[string]*plan.Item{}
	for _, ch := range c.Changes {
		for _, side := range []struct {
			blob string
			into map[string]*plan.Item
		}{{ch.Old, before}, {ch.New, after}} {
			items := r.itemsOf(ch.Path, side.blob, needle)
			for i := range items {
				if k := string(items[i].Kind) + " " + items[i].ID; match(items[i]) && side.into[k] == nil {
					side.into[k] = &items[i]
				}
			}
		}
	}
	return before, after
}

func (r *reference) log(id string) []string {
	var out []string
	err := r.repo.Log(context.Background(), "HEAD", r.dir, func(c gitrepo.LogCommit) error {
		var changes []gitrepo.Change
		for _, ch := range c.Changes {
			if ch.Old != "" && ch.New != "" && isPlanFile(ch.Path) {
				old, _ := r.repo.Blob(context.Background(), ch.Old)
				new, _ := r.repo.Blob(context.Background(), ch.New)
				oix, _ := newIndex(string(old), nil)
				nix, _ := newIndex(string(new), nil)
				if sameText(oix, nix, string(old), string(new), id) {
					continue
				}
			}
			changes = append(changes, ch)
		}
		c.Changes = changes
		before, after := r.itemVersions(c, id, func(it plan.Item) bool { return it.ID == id })
		for _, k := range kindsOf(before, after) {
			if change, ok := plan.DiffItem(before[k], after[k]); ok {
				out = append(out, describeChange(c.Hash, change))
			}
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

func (r *reference) lastChanged(rev string, ids []string) map[string]string {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	found := map[string]string{}
	err := r.repo.Log(context.Background(), rev, r.dir, func(c gitrepo.LogCommit) error {
		before, after := r.itemVersions(c, "", func(it plan.Item) bool { return it.Kind == plan.KindAction && want[it.ID] })
		for _, k := range kindsOf(before, after) {
			if _, ok := plan.DiffItem(before[k], after[k]); ok {
				id := strings.TrimPrefix(k, string(plan.KindAction)+" ")
				found[id] = plan.DateOf(c.AuthorDate.In(time.UTC)).String()
				delete(want, id)
			}
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return found
}

func describeChange(hash string, c plan.Change) string {
	s := hash[:7] + " " + string(c.Kind) + " " + c.ID + " " + string(c.Type)
	for _, f := range c.Fields {
		s += fmt.Sprintf(" %s:%q->%q", f.Field, f.Old, f.New)
	}
	return s
}

// A random plan history: a few priority files whose actions and KPIs are
// edited, added, removed, moved, reordered, restyled and renamed, with
// comments, owners inherited, ids held twice, and items written in ways
// the text index must read as YAML does or leave to the parser: quoted
// scalars over lines (one swallowing the next item), flow collections over
// lines, block scalars with and without indentation indicators, plain
// scalars over lines, comments holding quotes, '#' in quotes, tabs in
// text, quoted keys, anchors, tags, document markers, a byte order mark,
// and CR LF and CR line breaks. Every file is valid YAML or one the index
// refuses: a file plan cannot read is read as text (see TestOtherItemBroken),
// which the reference does not do.

type genAction struct {
	id, title, owner, due, status, rag, note string
	flow, titleFirst                         bool
	// How the title, note and rebaselined entry are written: 0 plainly,
	// else one of the ways in genAction.text.
	titleStyle, noteStyle, rebased int
	swallow                        bool // the title's quote closes in the next action's title
	flowBreak                      bool // a flow action runs on over lines, the next at column 0
}

// titleStyles and the others count the ways of writing each.
const titleStyles, noteStyles, rebaseStyles = 8, 4, 3

// text writes the action. When swallow, its title opens a quote the next
// action's title closes; when swallowed, the action before did so.
func (a *genAction) text(b *strings.Builder, swallow, swallowed bool) {
	if a.flow && !swallowed && !swallow {
		sep := ", "
		if a.flowBreak {
			sep = ", # a comment's \"quotes\"\n" // the rest at column 0
		}
		fmt.Fprintf(b, "  - {id: %s, title: %s%sdue: %s, status: %s, rag: %s", a.id, a.title, sep, a.due, a.status, a.rag)
		if a.owner != "" {
			b.WriteString(", owner: " + a.owner)
		}
		note := a.note
		if a.noteStyle == 3 {
			note = "\"" + a.note + "\n- id: " + a.id + "9\n  }\""
		}
		b.WriteString(", note: " + note + "}\n")
		return
	}
	title := "    title: " + a.title + "\n"
	switch {
	case swallowed:
		title = "    title: ghost of " + a.title + "\"\n"
	case swallow:
		title = "    title: \"" + a.title + "\n"
	case a.titleStyle == 1:
		title = "    title: \"" + a.title + " # not a comment\"\n"
	case a.titleStyle == 2:
		title = "    title: \"" + a.title + "\n  - id: " + a.id + "9\n# not a comment 'q'\n   end\"\n"
	case a.titleStyle == 3:
		title = "    title: '" + a.title + "''s\n  - id: " + a.id + "8\n  \"half'\n"
	case a.titleStyle == 4:
		title = "    title: >\n      " + a.title + "\n      - id: " + a.id + "7\n      # not a comment \"q\n\n"
	case a.titleStyle == 5:
		title = "    title: " + a.title + "\n      - \"y\" 'w\n\n      {z} #end\n"
	case a.titleStyle == 6:
		title = "    title: >2-\n      " + a.title + "\n        - id: " + a.id + "6\n      tail\n"
	case a.titleStyle == 7:
		title = "    title:\n      \"" + a.title + "\n    id: " + a.id + "5\"\n"
	}
	if a.titleFirst && !swallowed {
		b.WriteString("  - " + strings.TrimPrefix(title, "    ") + "    id: " + a.id + "\n")
	} else {
		b.WriteString("  - id: " + a.id + "\n" + title)
	}
	if a.owner != "" {
		b.WriteString("    owner: " + a.owner + "\n")
	}
	b.WriteString("    due: " + a.due + "\n    status: " + a.status + "\n    rag: " + a.rag + "\n")
	switch {
	case swallow || a.noteStyle == 0:
		b.WriteString("    note: " + a.note + "\n")
	case a.noteStyle == 1:
		b.WriteString("    note: " + a.note + " # it's a \"comment\"\n")
	case a.noteStyle == 2:
		b.WriteString("    note: " + a.note + "\tafter a tab\n")
	case a.noteStyle == 3:
		b.WriteString("    note: " + a.note + "\n      runs on\n\n      - [id] " + a.id + "4\n")
	}
	switch {
	case swallow:
	case a.rebased == 1:
		b.WriteString("    rebaselined:\n      - {date: 2026-01-06, field: due, from: 2026-03-31, reason: \"held up\n  by\n- id: " + a.id + "3\", approved: board}\n")
	case a.rebased == 2:
		b.WriteString("    rebaselined:\n      - {date: 2026-02-02, field: due, # it's \"q\n  reason: 'late\n- id: " + a.id + "2', approved: board}\n")
	}
}

type genFile struct {
	name, id, owner, title string
	actions                []*genAction
	kpis                   []string // KPI ids
	kpiTitleFirst          map[string]bool
	actuals                map[string][]string
	comments               map[int]string // a comment line before the action at that index
	kpisFirst              bool
	titleStyle             int    // the priority's title: 0 plain, 1 quoted over lines, 2 a block, 3 plain over lines
	eol                    string // "\n", "\r\n" or "\r"
	bom, docStart, docEnd  bool
	odd                    int // 0, or a construct the index refuses: 1 an anchor, 2 a quoted key, 3 a tag, 4 a tab in indentation
}

func (f *genFile) text() string {
	var b strings.Builder
	if f.bom {
		b.WriteString("\ufeff")
	}
	if f.docStart {
		b.WriteString("--- # the priority\n")
	}
	b.WriteString("# priority " + f.id + "\nid: " + f.id + "\ntheme: A\n")
	switch f.titleStyle {
	case 0:
		b.WriteString("title: " + f.title + "\n")
	case 1:
		b.WriteString("title: \"" + f.title + "\n  - id: " + f.id + ".99\n  end\"\n")
	case 2:
		b.WriteString("title: >\n  " + f.title + "\n  - id: " + f.id + ".98\n")
	case 3:
		b.WriteString("title: " + f.title + "\n  - {id " + f.id + ".97}\n")
	}
	switch f.odd {
	case 1:
		b.WriteString("owner: &who " + f.owner + "\n")
	case 2:
		b.WriteString("\"owner\": " + f.owner + "\n")
	case 3:
		b.WriteString("owner: !!str " + f.owner + "\n")
	default:
		b.WriteString("owner: " + f.owner + "\n")
	}
	kpis := func() {
		if len(f.kpis) == 0 {
			return
		}
		b.WriteString("kpis:\n")
		for _, k := range f.kpis {
			if f.kpiTitleFirst[k] {
				b.WriteString("  - title: KPI " + k + "\n    id: " + k + "\n")
			} else {
				b.WriteString("  - id: " + k + "\n    title: KPI " + k + "\n")
			}
			b.WriteString("    unit: count\n    better: higher\n    target: 10\n")
			if a := f.actuals[k]; len(a) > 0 {
				b.WriteString("    actuals:\n")
				for i, v := range a {
					fmt.Fprintf(&b, "      2026-%02d-01: %s\n", i%12+1, v)
				}
			}
		}
	}
	if f.kpisFirst {
		kpis()
	}
	b.WriteString("actions:\n")
	swallowed := false
	for i, a := range f.actions {
		if c, ok := f.comments[i]; ok && !swallowed {
			b.WriteString("  # " + c + "\n")
		}
		if f.odd == 4 && i == 0 {
			b.WriteString("\t# a tab\n")
		}
		swallow := !swallowed && a.swallow && i+1 < len(f.actions)
		a.text(&b, swallow, swallowed)
		swallowed = swallow
	}
	if !f.kpisFirst {
		kpis()
	}
	if f.docEnd {
		b.WriteString("...\n")
	}
	if f.eol != "" && f.eol != "\n" {
		return strings.ReplaceAll(b.String(), "\n", f.eol)
	}
	return b.String()
}

type genPlan struct {
	r      *rand.Rand
	files  []*genFile
	owners []string
	next   int
}

func (g *genPlan) pick(n int) int { return g.r.IntN(n) }

func (g *genPlan) newAction(f *genFile) *genAction {
	g.next++
	id := f.id + "." + strconv.Itoa(g.next)
	if g.pick(12) == 0 && len(g.files) > 0 && len(g.files[0].actions) > 0 { // an id another file holds too
		id = g.files[0].actions[g.pick(len(g.files[0].actions))].id
	}
	return &genAction{id: id, title: "Action " + id, due: "2026-06-30", status: "in-progress", rag: "green", note: "new", flow: g.pick(4) == 0}
}

func (g *genPlan) planYAML() string {
	s := "title: Plan\norganisation: Council\nthemes:\n  - {id: A, title: Theme A}\nowners:\n"
	for _, o := range g.owners {
		s += "  - {id: " + o + ", name: Owner " + o + "}\n"
	}
	return s
}

// step edits the plan at random, returning the files to write ("" deletes).
func (g *genPlan) step() map[string]string {
	out := map[string]string{}
	added := map[string]bool{} // files this step makes
	touch := func(f *genFile) { out["plan/priorities/"+f.name] = f.text() }
	for _, f := range g.files {
		if f.odd != 0 || f.docEnd { // for one commit
			f.odd, f.docEnd = 0, false
			touch(f)
		}
	}
	for range 1 + g.pick(3) {
		f := g.files[g.pick(len(g.files))]
		var a *genAction
		if len(f.actions) > 0 {
			a = f.actions[g.pick(len(f.actions))]
		}
		switch op := g.pick(24); {
		case op < 5 && a != nil:
			switch g.pick(5) {
			case 0:
				a.note = "note " + strconv.Itoa(g.pick(1000))
			case 1:
				a.rag = []string{"green", "amber", "red"}[g.pick(3)]
			case 2:
				a.status = []string{"in-progress", "not-started", "done"}[g.pick(3)]
			case 3:
				a.due = fmt.Sprintf("2026-%02d-28", 1+g.pick(12))
			case 4:
				a.owner = []string{"", "o1", "o2"}[g.pick(3)]
			}
			touch(f)
		case op == 5:
			f.actions = slices.Insert(f.actions, g.pick(len(f.actions)+1), g.newAction(f))
			touch(f)
		case op == 6 && a != nil:
			f.actions = slices.DeleteFunc(f.actions, func(x *genAction) bool { return x == a })
			touch(f)
		case op == 7 && a != nil: // move to another file
			to := g.files[g.pick(len(g.files))]
			f.actions = slices.DeleteFunc(f.actions, func(x *genAction) bool { return x == a })
			to.actions = append(to.actions, a)
			touch(f)
			touch(to)
		case op == 8:
			f.owner = []string{"o1", "o2", "o3"}[g.pick(3)]
			touch(f)
		case op == 9:
			if f.comments == nil {
				f.comments = map[int]string{}
			}
			f.comments[g.pick(len(f.actions)+1)] = "comment " + strconv.Itoa(g.pick(100)) + []string{"", " it's \"quoted\"", " - id: " + f.id + ".96"}[g.pick(3)]
			touch(f)
		case op == 10 && a != nil:
			a.flow = !a.flow
			touch(f)
		case op == 11 && len(f.actions) > 1:
			i, j := g.pick(len(f.actions)), g.pick(len(f.actions))
			f.actions[i], f.actions[j] = f.actions[j], f.actions[i]
			touch(f)
		case op == 12: // rename the file
			old := "plan/priorities/" + f.name
			f.name = "p" + strconv.Itoa(g.pick(1000)) + ".yaml"
			if old == "plan/priorities/"+f.name || slices.ContainsFunc(g.files, func(o *genFile) bool { return o != f && o.name == f.name }) {
				f.name = strings.TrimPrefix(old, "plan/priorities/")
				break
			}
			if added[old] {
				delete(out, old) // written since the last commit: never committed
			} else {
				out[old] = ""
			}
			added["plan/priorities/"+f.name] = true
			touch(f)
		case op == 13:
			if len(f.kpis) == 0 || g.pick(2) == 0 {
				id := f.id + ".K" + strconv.Itoa(g.pick(3))
				if g.pick(5) == 0 && a != nil {
					id = a.id // a KPI with an action's id
				}
				if !slices.Contains(f.kpis, id) {
					f.kpis = append(f.kpis, id)
				}
			} else {
				k := f.kpis[g.pick(len(f.kpis))]
				if f.actuals == nil {
					f.actuals = map[string][]string{}
				}
				f.actuals[k] = append(f.actuals[k], strconv.Itoa(g.pick(20)))
			}
			touch(f)
		case op == 14 && a != nil:
			a.titleFirst, a.swallow = !a.titleFirst, false
			touch(f)
		case op == 15:
			f.kpisFirst = !f.kpisFirst
			touch(f)
		case op == 16:
			g.owners = append(g.owners, "o"+strconv.Itoa(len(g.owners)+1))
			out["plan/plan.yaml"] = g.planYAML()
		case op == 17 && a != nil:
			a.titleStyle = g.pick(titleStyles)
			touch(f)
		case op == 18 && a != nil:
			a.noteStyle, a.rebased = g.pick(noteStyles), g.pick(rebaseStyles)
			touch(f)
		case op == 19 && a != nil:
			a.swallow = !a.swallow && !a.titleFirst // (an id after the title would be in the quote)
			touch(f)
		case op == 20 && a != nil:
			a.flowBreak = !a.flowBreak
			touch(f)
		case op == 21:
			f.eol = []string{"\n", "\r\n", "\r"}[g.pick(3)]
			f.bom, f.docStart = g.pick(3) == 0, g.pick(3) == 0
			touch(f)
		case op == 22:
			f.titleStyle = g.pick(4)
			if f.kpiTitleFirst == nil {
				f.kpiTitleFirst = map[string]bool{}
			}
			if len(f.kpis) > 0 {
				k := f.kpis[g.pick(len(f.kpis))]
				f.kpiTitleFirst[k] = !f.kpiTitleFirst[k]
			}
			touch(f)
		case op == 23:
			f.odd, f.docEnd = 0, false
			switch g.pick(6) {
			case 0:
				f.odd = 1 + g.pick(4)
			case 1:
				f.docEnd = true
			}
			touch(f)
		default:
			out["README.md"] = "edit " + strconv.Itoa(g.pick(1000)) + "\n"
		}
	}
	return out
}

// randomHistory commits a random plan history and returns its commits,
// oldest first, and every id it ever held.
func randomHistory(t *testing.T, seed uint64, commits int) (*gittest.Repo, []string, []string) {
	g := &genPlan{r: rand.New(rand.NewPCG(seed, seed+1)), owners: []string{"o1", "o2", "o3"}}
	repo := gittest.New(t)
	files := map[string]string{"plan/plan.yaml": g.planYAML()}
	for i := range 3 {
		f := &genFile{name: "p" + strconv.Itoa(i+1) + ".yaml", id: "P" + strconv.Itoa(i+1), owner: "o1", title: "Priority"}
		for range 4 {
			f.actions = append(f.actions, g.newAction(f))
		}
		g.files = append(g.files, f)
		files["plan/priorities/"+f.name] = f.text()
	}
	ids := map[string]bool{}
	var hashes []string
	day := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	// The first commit as Commit makes it, the rest at once with one git
	// fast-import: the same commits, without three git commands each.
	var changes []gittest.Change
	for i := range commits {
		if i == 0 {
			hashes = append(hashes, repo.Commit(day, "commit 0", files))
		} else {
			changes = append(changes, gittest.Change{Date: day.AddDate(0, 0, i), Message: "commit " + strconv.Itoa(i), Files: files})
		}
		for _, f := range g.files {
			ids[f.id] = true
			for _, a := range f.actions {
				ids[a.id] = true
			}
			for _, k := range f.kpis {
				ids[k] = true
			}
		}
		files = g.step()
	}
	hashes = append(hashes, repo.Commits(changes)...)
	return repo, hashes, slices.Sorted(maps.Keys(ids))
}

// TestWalksAgreeWithParsingEverything compares Log, Logs and LastChanged with the
// reference on random histories.
func TestWalksAgreeWithParsingEverything(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
			g, hashes, ids := randomHistory(t, seed, 40)
			s := openSource(t, g, g.Dir+"/plan")
			ref := &reference{repo: s.repo, dir: s.dir, items: map[string][]plan.Item{}}
			for _, id := range append(ids, "A", "o1", "P9.9") {
				reads := s.stats.reads
				entries, err := s.Log(context.Background(), id, plan.Date{})
				if err != nil {
					t.Fatal(err)
				}
				if s.stats.reads != reads {
					t.Errorf("Log(%s) read %d blobs one at a time, not with the others", id, s.stats.reads-reads)
				}
				if s.noIndex {
					t.Fatalf("Log(%s): a file was split into items otherwise than the parser reads it", id)
				}
				var got []string
				for _, e := range entries {
					got = append(got, describeChange(e.Commit.Hash, e.Change))
				}
				if want := ref.log(id); !slices.Equal(got, want) {
					t.Errorf("Log(%s):\n%s\nreference:\n%s", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			// Logs of them all at once.
			items := append(ids, "A", "o1", "P9.9")
			logs, err := s.Logs(context.Background(), items, plan.Date{})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range items {
				var got []string
				for _, e := range logs[id] {
					got = append(got, describeChange(e.Commit.Hash, e.Change))
				}
				if want := ref.log(id); !slices.Equal(got, want) {
					t.Errorf("Logs: %s:\n%s\nreference:\n%s", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			for _, rev := range []string{hashes[len(hashes)-1], hashes[len(hashes)/2]} {
				reads := s.stats.reads
				last, err := s.LastChanged(context.Background(), rev, ids)
				if err != nil {
					t.Fatal(err)
				}
				if s.stats.reads != reads {
					t.Errorf("LastChanged(%s) read %d blobs one at a time, not with the others", rev[:7], s.stats.reads-reads)
				}
				if s.noIndex {
					t.Fatalf("LastChanged(%s): a file was split into items otherwise than the parser reads it", rev[:7])
				}
				got := map[string]string{}
				for id, d := range last {
					got[id] = d.String()
				}
				want := ref.lastChanged(rev, ids)
				if !maps.Equal(got, want) {
					for _, id := range ids {
						if got[id] != want[id] {
							t.Errorf("LastChanged(%s) of %s = %q, reference %q", rev[:7], id, got[id], want[id])
						}
					}
				}
			}
		})
	}
}

// TestWalkCost guards the cost of walking history: on a file of 600
// actions with 30 one-line commits, in every layout of bigLayouts, the
// walks parse the file whole once at most (where it was added), parse the
// changed items alone, and hold the two versions a commit compares.
// Parsing every version whole, or keeping every version, grows with the
// product of the file's size and the history's length.
func TestWalkCost(t *testing.T) {
	const actions, commits = 600, 30
	for _, layout := range bigLayouts {
		t.Run(layout.name, func(t *testing.T) {
			dir := bigHistory(t, actions, commits, layout.name)
			var ids []string
			for i := range actions {
				ids = append(ids, "P1."+strconv.Itoa(i+1))
			}
			for _, walk := range []struct {
				name      string
				run       func(*Source) error
				partsUpTo int
			}{
				{"last-changed", func(s *Source) error { _, err := s.LastChanged(context.Background(), "HEAD", ids); return err }, 2 * commits},
				{"log of an action", func(s *Source) error { _, err := s.Log(context.Background(), "P1.5", plan.Date{}); return err }, 1},
				{"log of a changed action", func(s *Source) error { _, err := s.Log(context.Background(), "P1.301", plan.Date{}); return err }, 3},
				{"log of the priority", func(s *Source) error { _, err := s.Log(context.Background(), "P1", plan.Date{}); return err }, 0},
			} {
				s, err := Open(context.Background(), dir, time.UTC)
				if err != nil {
					t.Fatal(err)
				}
				if err := walk.run(s); err != nil {
					t.Fatal(err)
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if s.stats.whole > 1 || s.stats.parts > walk.partsUpTo {
					t.Errorf("%s: parsed %d versions whole and %d in part; want at most 1 and %d", walk.name, s.stats.whole, s.stats.parts, walk.partsUpTo)
				}
				if s.versions.most > 3 {
					t.Errorf("%s: held %d file versions at once; one file changing, a commit holds 2 and keeps 1 of them", walk.name, s.versions.most)
				}
			}
		})
	}
}

// TestItemMovedBetweenLists: the same text under another list is another
// item (an action that became a KPI) to the stale rule.
func TestItemMovedBetweenLists(t *testing.T) {
	g := gittest.New(t)
	x := "  - id: P1.1\n    title: X\n    status: in-progress\n"
	y := "  - id: P1.2\n    title: Y\n    status: in-progress\n"
	k := "  - id: P1.K1\n    title: K\n    better: higher\n"
	head := "id: P1\ntheme: A\ntitle: T\nowner: o1\nactions:\n"
	g.Commit(day("2026-01-05"), "start", map[string]string{
		"plan/plan.yaml": "title: Plan\norganisation: C\nthemes:\n  - {id: A, title: A}\nowners:\n  - {id: o1, name: O}\n",
		"plan/p1.yaml":   head + x + y + "kpis:\n" + k,
	})
	g.Commit(day("2026-02-02"), "Y becomes a KPI", map[string]string{"plan/p1.yaml": head + x + "kpis:\n" + y + k})
	s := openSource(t, g, g.Dir+"/plan")
	got, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1", "P1.2"})
	if err != nil {
		t.Fatal(err)
	}
	if got["P1.1"].String() != "2026-01-05" || got["P1.2"].String() != "2026-02-02" {
		t.Errorf("LastChanged = %v", got)
	}
	ref := &reference{repo: s.repo, dir: s.dir, items: map[string][]plan.Item{}}
	if want := ref.lastChanged("HEAD", []string{"P1.1", "P1.2"}); want["P1.2"] != got["P1.2"].String() {
		t.Errorf("the reference says %v", want)
	}
	// Log skips a change that leaves an item's text and its file's header
	// as they were, as it always has.
	entries, err := s.Log(context.Background(), "P1.2", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, e := range entries {
		log = append(log, describeChange(e.Commit.Hash, e.Change))
	}
	if want := ref.log("P1.2"); !slices.Equal(log, want) {
		t.Errorf("log of P1.2:\n%s\nthe reference:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
	}
}

// TestOtherItemBroken: a commit that breaks one item so that its file
// cannot be read, and the commit that mends it, change that item only.
// (Parsing every version whole, they seemed to remove and add them all.)
func TestOtherItemBroken(t *testing.T) {
	g := gittest.New(t)
	file := func(note string) string {
		return priority("P1", "alice", action("P1.1", "2026-03-31", "amber", "started"), action("P1.2", "2026-03-31", "amber", note))
	}
	g.Commit(day("2026-01-05"), "start", map[string]string{"plan/plan.yaml": planYAML, "plan/priorities/01.yaml": file("fine")})
	g.Commit(day("2026-02-02"), "break P1.2", map[string]string{"plan/priorities/01.yaml": file(`"unterminated`)})
	g.Commit(day("2026-03-02"), "mend P1.2", map[string]string{"plan/priorities/01.yaml": file("mended")})
	s := openSource(t, g, g.Dir+"/plan")
	got, err := s.LastChanged(context.Background(), "HEAD", []string{"P1.1", "P1.2"})
	if err != nil {
		t.Fatal(err)
	}
	if got["P1.1"].String() != "2026-01-05" || got["P1.2"].String() != "2026-03-02" {
		t.Errorf("LastChanged = %v", got)
	}
	entries, err := s.Log(context.Background(), "P1.1", plan.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if got := describe(entries); got != "2026-01-05 Test Author added:\n" {
		t.Errorf("log of P1.1:\n%s", got)
	}
}

// TestEditedActions: actions edited in the work tree since a commit are
// found, and files as they were at the commit are not parsed.
func TestEditedActions(t *testing.T) {
	g, c := testRepo(t)
	// At c[4]: 01-first.yaml holds P1.1; 02.yaml holds P1.2.
	g.Git("checkout", "-q", c[4])
	s := openSource(t, g, g.Dir+"/plan")
	load := func() *plan.Plan {
		p, _, err := plan.Load(os.DirFS(g.Dir + "/plan"))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	check := func(what string, want ...string) {
		t.Helper()
		before, reads := s.stats.whole, s.stats.reads
		got, err := s.EditedActions(context.Background(), c[4], os.DirFS(g.Dir+"/plan"), load())
		if err != nil {
			t.Fatal(err)
		}
		if ids := slices.Sorted(maps.Keys(got)); !slices.Equal(ids, want) {
			t.Errorf("%s: edited %v, want %v", what, ids, want)
		}
		if parsed := s.stats.whole - before; parsed > max(len(want), 1) || what == "a clean work tree" && parsed > 0 {
			t.Errorf("%s: parsed %d files as they were", what, parsed)
		}
		if read := s.stats.reads - reads; what == "a clean work tree" && read > 0 {
			t.Errorf("%s: read %d blobs; a file that is its blob (the same id) need not be read", what, read)
		}
	}
	check("a clean work tree")
	// Line endings alone changed (as git's autocrlf leaves a checkout on
	// Windows): the file is not its blob, but its actions are as they were.
	lf := g.Git("show", c[4]+":plan/priorities/02.yaml")
	g.Write(map[string]string{"plan/priorities/02.yaml": strings.ReplaceAll(lf, "\n", "\r\n")})
	check("line endings changed")
	g.Write(map[string]string{"plan/priorities/02.yaml": lf})
	g.Write(map[string]string{
		"plan/priorities/02.yaml":         "",
		"plan/priorities/02-renamed.yaml": priority("P2", "bob", action("P1.2", "2026-09-30", "green", "new")),
	})
	check("a file renamed")
	g.Write(map[string]string{
		"plan/priorities/02-renamed.yaml": "",
		"plan/priorities/02.yaml":         priority("P2", "bob", action("P1.2", "2026-09-30", "green", "new")),
	})
	g.Write(map[string]string{"plan/priorities/02.yaml": priority("P2", "bob", action("P1.2", "2026-09-30", "amber", "new"))})
	check("a re-rating", "P1.2")
	g.Write(map[string]string{"plan/priorities/02.yaml": priority("P2", "alice", action("P1.2", "2026-09-30", "green", "new"))})
	check("a new owner inherited", "P1.2")
	g.Write(map[string]string{
		"plan/priorities/02.yaml":       priority("P2", "bob", action("P1.2", "2026-09-30", "green", "new"), action("P1.1", "2026-06-30", "red", "agency staff left")),
		"plan/priorities/01-first.yaml": priority("P1", "alice", action("P1.3", "2026-06-30", "red", "added")),
	})
	check("a move and a new action", "P1.1", "P1.3")
}

// A walk in chunks of a few commits finds what one chunk finds: the
// versions a commit needs, kept from the last chunk or read in this one.
func TestWalkInChunks(t *testing.T) {
	dir := benchRepo(t, 30)
	s, err := Open(context.Background(), filepath.Join(dir, "plan"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	fsys, err := s.FS(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := plan.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ids := p.OpenActions()
	run := func(chunk int) (map[string]plan.Date, map[string][]LogEntry) {
		old := chunkCommits
		chunkCommits = chunk
		defer func() { chunkCommits = old }()
		s.versions = versionCache{}
		last, err := s.LastChanged(context.Background(), "HEAD", ids)
		if err != nil {
			t.Fatal(err)
		}
		s.versions = versionCache{}
		logs, err := s.Logs(context.Background(), ids[:3], plan.Date{})
		if err != nil {
			t.Fatal(err)
		}
		return last, logs
	}
	wantLast, wantLogs := run(1000)
	if len(wantLast) == 0 || len(wantLogs) == 0 {
		t.Fatalf("nothing found: %v %v", wantLast, wantLogs)
	}
	for _, chunk := range []int{1, 2, 7} {
		last, logs := run(chunk)
		if !reflect.DeepEqual(last, wantLast) || !reflect.DeepEqual(logs, wantLogs) {
			t.Errorf("in chunks of %d: last changed %v, logs %d; want %v, %d", chunk, last, len(logs), wantLast, len(wantLogs))
		}
	}
}
