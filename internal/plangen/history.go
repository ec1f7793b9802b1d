// Package plangen generates plans and plan histories for tests,
// benchmarks and demonstrations. The same inputs always give the same
// bytes, and the same git object ids.
package plangen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plan-tool/plan/plan"
)

// History generates a plan repository with a history of weekly edits:
// re-ratings with notes, slipped dates (some re-baselined with approval),
// actions done, KPI actuals each quarter, an action moved, a file renamed,
// a new action; with snapshots for the Improvement Board every four weeks,
// the DfE advisor every six and Ofsted every thirteen.
type History struct {
	From  string            // the plan to start from
	Files map[string][]byte // or its files, keyed by slash-separated path
	Dir   string            // the repository to make; the plan goes in DIR/plan
	Weeks int
	Seed  uint64

	rng      *rand.Rand
	files    map[string][]string // plan-relative path -> lines
	final    map[string]string   // action id -> status in the plan started from
	due      map[string]time.Time
	evidence map[string]string      // action id -> its evidence, written when it is done
	actuals  map[string][][2]string // KPI id -> the actuals held back, in date order
	Commits  int                    // made by Generate

	imp     *exec.Cmd      // git fast-import, which makes every commit and tag
	stream  *bufio.Writer  // its standard input
	closer  io.WriteCloser // the pipe under stream
	impErr  bytes.Buffer   // its standard error
	lastRev int            // the mark of the last commit
}

// Start is the Monday of the first commit.
var Start = time.Date(2025, 11, 24, 9, 30, 0, 0, time.UTC)

var authors = []string{"Priya Shah", "Tom Okafor", "Helen Wright"}

// Generate writes the repository.
func (h *History) Generate() error {
	h.rng = rand.New(rand.NewPCG(h.Seed, 2026))
	if err := h.read(); err != nil {
		return err
	}
	if err := os.MkdirAll(h.Dir, 0o755); err != nil {
		return err
	}
	if entries, _ := os.ReadDir(h.Dir); len(entries) > 0 {
		return fmt.Errorf("%s is not empty", h.Dir)
	}
	if err := h.git(Start, "", "init", "-q", "-b", "main"); err != nil {
		return err
	}
	// One git fast-import makes the whole history, rather than git add and
	// git commit for each week: the same objects, in a fraction of the
	// time, which matters to the tests that build histories.
	if err := h.startImport(); err != nil {
		return err
	}
	if err := h.generate(); err != nil {
		_ = h.closer.Close() // the error above is the one to report
		_ = h.imp.Wait()
		return err
	}
	if err := h.finishImport(); err != nil {
		return err
	}
	// The work tree holds the last week's plan already; the index is made
	// to match it, as git commit would have left it.
	return h.git(Start, "", "reset", "-q")
}

// generate writes the weeks.
func (h *History) generate() error {
	h.rewind()
	h.set(scriptedAction, "note", "Campaign launched with a video and a simpler application form.")
	if err := h.commit(Start, authors[0], "Agree the improvement plan with the Improvement Board"); err != nil {
		return err
	}
	for w := 1; w <= h.Weeks; w++ {
		day := Start.AddDate(0, 0, 7*w)
		author := authors[w%len(authors)]
		msg := h.week(w, day)
		if err := h.commit(day, author, msg); err != nil {
			return err
		}
		if err := h.snapshots(w, day); err != nil {
			return err
		}
	}
	return nil
}

// read loads the plan to start from as lines per file.
func (h *History) read() error {
	h.files = map[string][]string{}
	h.final = map[string]string{}
	h.due = map[string]time.Time{}
	h.evidence = map[string]string{}
	h.actuals = map[string][][2]string{}
	if h.Files != nil {
		for name, data := range h.Files {
			h.files[name] = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		}
		return nil
	}
	return filepath.WalkDir(h.From, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(h.From, p)
		h.files[filepath.ToSlash(rel)] = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		return nil
	})
}

// names returns the files in order.
func (h *History) names() []string {
	var names []string
	for n := range h.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// rewind turns the plan back to how it stood at the start: actions since
// done are in progress, and KPI actuals after the start are held back to be
// recorded as the year goes on.
func (h *History) rewind() {
	for _, name := range h.names() {
		lines := h.files[name]
		var out []string
		var id, kpi string
		for _, l := range lines {
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(l, "  - id: "):
				id = strings.TrimPrefix(l, "  - id: ")
				kpi = ""
				if strings.Contains(id, ".K") {
					kpi, id = id, ""
				}
			case id != "" && strings.HasPrefix(t, "due: "):
				d, _ := time.Parse(time.DateOnly, strings.TrimPrefix(t, "due: "))
				h.due[id] = d
			case id != "" && strings.HasPrefix(t, "evidence: "):
				h.evidence[id] = strings.TrimPrefix(t, "evidence: ")
				continue
			case id != "" && strings.HasPrefix(t, "status: "):
				h.final[id] = strings.TrimPrefix(t, "status: ")
				if h.final[id] == "done" {
					out = append(out, "    status: in-progress", "    rag: green")
					continue
				}
			case kpi != "" && len(l) > 6 && strings.HasPrefix(l, "      2"):
				date, value, _ := strings.Cut(t, ": ")
				if date > Start.Format(time.DateOnly) {
					h.actuals[kpi] = append(h.actuals[kpi], [2]string{date, value})
					continue
				}
			}
			out = append(out, l)
		}
		h.files[name] = out
	}
}

// openActions lists the ids of actions in progress or planned, in order.
func (h *History) openActions() []string {
	var ids []string
	for _, name := range h.names() {
		var id string
		for _, l := range h.files[name] {
			if strings.HasPrefix(l, "  - id: ") {
				id = strings.TrimPrefix(l, "  - id: ")
			}
			if t := strings.TrimSpace(l); id != "" && !strings.Contains(id, ".K") &&
				(t == "status: in-progress" || t == "status: planned") {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// block finds the lines of an item: the file and the range [start, end).
func (h *History) block(id string) (string, int, int) {
	for _, name := range h.names() {
		lines := h.files[name]
		for i, l := range lines {
			if l != "  - id: "+id {
				continue
			}
			end := i + 1
			for end < len(lines) && strings.HasPrefix(lines[end], "    ") {
				end++
			}
			return name, i, end
		}
	}
	return "", -1, -1
}

// get returns a field of an item.
func (h *History) get(id, field string) string {
	name, start, end := h.block(id)
	if name == "" {
		return ""
	}
	for _, l := range h.files[name][start:end] {
		if v, ok := strings.CutPrefix(l, "    "+field+": "); ok {
			return v
		}
	}
	return ""
}

// fieldOrder is where fields go in an action block.
var fieldOrder = []string{"title", "owner", "due", "status", "rag", "addresses", "note", "evidence", "visibility", "rebaselined"}

// quote writes text as a YAML scalar, in double quotes when it would not
// read back as the same text.
func quote(s string) string {
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") {
		return strconv.Quote(s)
	}
	return s
}

// set sets a field of an item, adding it in its place when absent.
func (h *History) set(id, field, value string) {
	if field == "note" || field == "title" {
		value = quote(value)
	}
	name, start, end := h.block(id)
	if name == "" {
		return
	}
	lines := h.files[name]
	at := end
	for i := start + 1; i < end; i++ {
		l := lines[i]
		if strings.HasPrefix(l, "    "+field+": ") {
			lines[i] = "    " + field + ": " + value
			return
		}
		if k, _, ok := strings.Cut(strings.TrimSpace(l), ":"); ok && strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "      ") &&
			slices.Index(fieldOrder, k) > slices.Index(fieldOrder, field) && at == end {
			at = i
		}
	}
	h.files[name] = slices.Insert(lines, at, "    "+field+": "+value)
}

// week makes one week's edits and returns the commit message.
func (h *History) week(w int, day time.Time) string {
	var done []string
	var msgs []string
	review := day.Format("2 January")

	// Actions past their due date are reported done, if they ended up done.
	for _, id := range h.openActions() {
		if id != scriptedAction && h.final[id] == "done" && day.After(h.due[id].AddDate(0, 0, 7+h.rng.IntN(21))) {
			h.set(id, "status", "done")
			if e := h.evidence[id]; e != "" {
				h.set(id, "evidence", e)
			}
			done = append(done, id)
		}
	}
	if len(done) > 0 {
		msgs = append(msgs, "Mark done: "+strings.Join(done, ", "))
	}

	if h.Files == nil {
		msgs = append(msgs, h.scripted(w, day)...)
	}
	open := slices.DeleteFunc(h.openActions(), func(id string) bool { return id == scriptedAction })
	// Review four to eight actions: most keep their rating with a dated
	// note, some are re-rated, saying why.
	var reviewed []string
	for range 4 + h.rng.IntN(5) {
		if len(open) == 0 {
			break
		}
		i := h.rng.IntN(len(open))
		id := open[i]
		open = slices.Delete(open, i, i+1)
		old := h.get(id, "rag")
		if h.rng.IntN(10) >= 3 {
			h.set(id, "note", fmt.Sprintf("Reviewed on %s: rating unchanged.", review))
			reviewed = append(reviewed, id)
			continue
		}
		next := map[string][]string{"green": {"amber"}, "amber": {"green", "red"}, "red": {"amber"}, "": {"amber"}}[old]
		rag := next[h.rng.IntN(len(next))]
		h.set(id, "rag", rag)
		h.set(id, "note", fmt.Sprintf("Re-rated %s at the review on %s.", rag, review))
		msgs = append(msgs, fmt.Sprintf("Re-rate %s %s", id, rag))
	}
	if len(reviewed) > 0 {
		msgs = append(msgs, "Reviewed, no change: "+strings.Join(reviewed, ", "))
	}
	open = slices.DeleteFunc(h.openActions(), func(id string) bool { return id == scriptedAction })
	// Now and then a date slips; half the time with the board's approval.
	if h.rng.IntN(10) < 3 && len(open) > 0 {
		id := open[h.rng.IntN(len(open))]
		if old, err := time.Parse(time.DateOnly, h.get(id, "due")); err == nil {
			due := old.AddDate(0, 0, 28+7*h.rng.IntN(9))
			h.set(id, "due", due.Format(time.DateOnly))
			h.due[id] = due
			if h.rng.IntN(2) == 0 {
				board := lastBoard(day)
				h.addRebaseline(id, board, old.Format(time.DateOnly), "Improvement Board "+board)
				msgs = append(msgs, fmt.Sprintf("Re-baseline %s to %s (approved by the board)", id, due.Format(time.DateOnly)))
			} else {
				msgs = append(msgs, fmt.Sprintf("Move %s to %s", id, due.Format(time.DateOnly)))
			}
		}
	}
	// KPI actuals arrive three weeks after each quarter ends.
	for _, kpi := range h.kpis() {
		held := h.actuals[kpi]
		if len(held) == 0 {
			continue
		}
		quarterEnd, _ := time.Parse(time.DateOnly, held[0][0])
		if day.After(quarterEnd.AddDate(0, 0, 21)) {
			h.addActual(kpi, held[0][0], held[0][1])
			h.actuals[kpi] = held[1:]
			if !slices.Contains(msgs, "Record KPI actuals for the quarter to "+held[0][0]) {
				msgs = append(msgs, "Record KPI actuals for the quarter to "+held[0][0])
			}
		}
	}
	if h.Files != nil || w > 52 {
		msgs = append(msgs, h.newActuals(day)...)
	}
	if h.Files == nil && w <= 52 {
		msgs = append(msgs, h.firstYear(w, day)...)
	} else {
		msgs = append(msgs, h.yearly(w, day)...)
	}
	if len(msgs) == 0 {
		return "Weekly review: no changes"
	}
	return "Weekly review " + day.Format(time.DateOnly) + "\n\n" + strings.Join(msgs, "\n")
}

// firstYear makes the first year's one-off edits to the example plans: an
// action added, one moved, a file renamed.
func (h *History) firstYear(w int, day time.Time) []string {
	switch w {
	case 10:
		if name, _, _ := h.block("P8.14"); name == "" {
			h.addAction("P8", "P8.14", "Launch a refer-a-friend scheme for social workers", day.AddDate(0, 14, 0))
			return []string{"Add P8.14"}
		}
	case 20:
		if _, ok := h.files["priorities/12-data-and-insight.yaml"]; ok {
			h.moveAction("P9.8", "12-data-and-insight.yaml")
			return []string{"Move P9.8 to P12"}
		}
	case 30:
		if lines, ok := h.files["priorities/01-front-door.yaml"]; ok {
			h.files["priorities/01-the-front-door.yaml"] = lines
			delete(h.files, "priorities/01-front-door.yaml")
			return []string{"Rename the front door file"}
		}
	}
	return nil
}

// yearly makes the one-off edits of every year of a long history, and of
// every year of a synthetic plan's: an action added, one moved to another
// priority, a file renamed.
func (h *History) yearly(w int, day time.Time) []string {
	var priorities []string
	for _, name := range h.names() {
		if strings.HasPrefix(name, "priorities/") {
			priorities = append(priorities, name)
		}
	}
	if len(priorities) == 0 {
		return nil
	}
	switch w % 52 {
	case 10:
		name := priorities[h.rng.IntN(len(priorities))]
		pid := strings.TrimPrefix(h.files[name][0], "id: ")
		n := 1
		for {
			if f, _, _ := h.block(fmt.Sprintf("%s.%d", pid, n)); f == "" {
				break
			}
			n++
		}
		id := fmt.Sprintf("%s.%d", pid, n)
		h.addAction(pid, id, verbs[h.rng.IntN(len(verbs))]+" "+objects[h.rng.IntN(len(objects))], day.AddDate(0, 6+h.rng.IntN(12), 0))
		return []string{"Add " + id}
	case 20:
		open := h.openActions()
		if len(open) == 0 || len(priorities) < 2 {
			return nil
		}
		id := open[h.rng.IntN(len(open))]
		from, _, _ := h.block(id)
		to := priorities[h.rng.IntN(len(priorities))]
		if to == from {
			return nil
		}
		h.moveAction(id, strings.TrimPrefix(to, "priorities/"))
		return []string{fmt.Sprintf("Move %s to %s", id, strings.TrimPrefix(h.files[to][0], "id: "))}
	case 30:
		old := priorities[h.rng.IntN(len(priorities))]
		dir, base := path.Split(old)
		num, rest, ok := strings.Cut(base, "-")
		if !ok {
			return nil
		}
		renamed := dir + num + "-the-" + rest
		if after, ok := strings.CutPrefix(rest, "the-"); ok {
			renamed = dir + num + "-" + after
		}
		h.files[renamed] = h.files[old]
		delete(h.files, old)
		return []string{"Rename " + old + " to " + renamed}
	}
	return nil
}

// newActuals records, once the figures the plan started with have all been
// recorded, a new quarterly actual for each KPI three weeks after each
// quarter ends: near the last one, drifting towards the target.
func (h *History) newActuals(day time.Time) []string {
	var msgs []string
	for _, name := range h.names() {
		lines := h.files[name]
		var kpi string
		for i := 0; i < len(lines); i++ {
			l := lines[i]
			if id, ok := strings.CutPrefix(l, "  - id: "); ok {
				kpi = ""
				if strings.Contains(id, ".K") && len(h.actuals[id]) == 0 {
					kpi = id
				}
				continue
			}
			if kpi == "" || !strings.HasPrefix(l, "      2") || (i+1 < len(lines) && strings.HasPrefix(lines[i+1], "      2")) {
				continue
			}
			// l is the KPI's last actual.
			date, value, _ := strings.Cut(strings.TrimSpace(l), ": ")
			last, err := time.Parse(time.DateOnly, date)
			v, err2 := strconv.ParseFloat(value, 64)
			if err != nil || err2 != nil {
				continue
			}
			next := quarterEnd(last.AddDate(0, 0, 1))
			if !day.After(next.AddDate(0, 0, 21)) {
				continue
			}
			v = max(0, v+float64(h.rng.IntN(5)-2)*0.5)
			lines = slices.Insert(lines, i+1, "      "+isoDate(next)+": "+number(v))
			i++
			msg := "Record KPI actuals for the quarter to " + isoDate(next)
			if !slices.Contains(msgs, msg) {
				msgs = append(msgs, msg)
			}
		}
		h.files[name] = lines
	}
	return msgs
}

// scriptedAction has a history written out week by week, rather than drawn
// at random, so that its log shows every kind of change.
const scriptedAction = "P8.1"

// scripted makes the week's edits to scriptedAction.
func (h *History) scripted(w int, day time.Time) []string {
	id := scriptedAction
	if h.get(id, "status") == "" {
		return nil
	}
	review := day.Format("2 January")
	switch w {
	case 3:
		h.set(id, "rag", "amber")
		h.set(id, "note", "Agency staff leaving faster than we recruit; campaign video delayed.")
	case 9:
		h.set(id, "due", "2026-06-30")
		h.addRebaseline(id, lastBoard(day), "2026-03-31", "Improvement Board "+lastBoard(day))
		h.set(id, "note", "Campaign extended to June with the board's approval.")
	case 15:
		h.set(id, "rag", "red")
		h.set(id, "note", "Only 4 of 20 posts filled; market supplement agreed (P8.9).")
	case 21:
		h.set(id, "owner", "ad-improvement")
		h.set(id, "rag", "amber")
		h.set(id, "note", fmt.Sprintf("Handed to the improvement team on %s; 11 of 20 posts filled.", review))
	case 29:
		h.set(id, "status", "done")
		h.set(id, "rag", "green")
		h.set(id, "note", "14 ASYE and 6 experienced practitioners recruited since January.")
	default:
		return nil
	}
	return []string{"Update " + id}
}

// boardWeek is the week of the four-week cycle the Improvement Board meets.
const boardWeek = 2

// lastBoard is the date of the last board meeting on or before day: the
// Tuesday of every fourth week.
func lastBoard(day time.Time) string {
	w := int(day.Sub(Start).Hours()/24) / 7
	w -= (w - boardWeek + 4) % 4
	return Start.AddDate(0, 0, 7*w+1).Format(time.DateOnly)
}

func (h *History) addRebaseline(id, date, from, approved string) {
	name, start, end := h.block(id)
	lines := h.files[name]
	entry := fmt.Sprintf("      - {date: %s, field: due, from: %s, reason: Recruitment and capacity, approved: %s}", date, from, approved)
	if !slices.Contains(lines[start:end], "    rebaselined:") {
		lines = slices.Insert(lines, end, "    rebaselined:", entry)
	} else {
		lines = slices.Insert(lines, end, entry)
	}
	h.files[name] = lines
}

func (h *History) kpis() []string {
	var ids []string
	for id := range h.actuals {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (h *History) addActual(kpi, date, value string) {
	name, _, end := h.block(kpi)
	h.files[name] = slices.Insert(h.files[name], end, "      "+date+": "+value)
}

func (h *History) addAction(priority, id, title string, due time.Time) {
	for _, name := range h.names() {
		lines := h.files[name]
		if len(lines) == 0 || lines[0] != "id: "+priority {
			continue
		}
		at := slices.Index(lines, "kpis:")
		if at < 0 {
			at = len(lines)
		}
		h.files[name] = slices.Insert(lines, at, "  - id: "+id, "    title: "+quote(title), "    due: "+due.Format(time.DateOnly),
			"    status: planned", "    rag: green")
		h.final[id] = "planned"
		h.due[id] = due
		return
	}
}

func (h *History) moveAction(id, toFile string) {
	name, start, end := h.block(id)
	if name == "" {
		return
	}
	block := slices.Clone(h.files[name][start:end])
	h.files[name] = slices.Delete(h.files[name], start, end)
	lines := h.files["priorities/"+toFile]
	at := slices.Index(lines, "kpis:")
	if at < 0 {
		at = len(lines)
	}
	h.files["priorities/"+toFile] = slices.Insert(lines, at, block...)
}

// snapshots tags the week's reporting: the board every four weeks (the
// Tuesday), the DfE advisor every six (Wednesday), Ofsted every thirteen
// (Thursday), none of them after the last commit.
func (h *History) snapshots(w int, day time.Time) error {
	for _, s := range []struct {
		kind, body string
		every, day int
		offset     int
	}{{"board", "Improvement Board", 4, 1, boardWeek}, {"dfe", "DfE advisor", 6, 2, 0}, {"ofsted", "Ofsted monitoring visit", 13, 3, 11}} {
		if w%s.every != s.offset {
			continue
		}
		d := day.AddDate(0, 0, s.day)
		tag := "plan/" + s.kind + "/" + d.Format(time.DateOnly)
		// As git tag -a -m MESSAGE makes it: the message ends in a newline.
		fmt.Fprintf(h.stream, "tag %s\nfrom :%d\ntagger %s %s\n", tag, h.lastRev, ident("Priya Shah"), stamp(d))
		h.data([]byte(s.body + " snapshot " + d.Format(time.DateOnly) + "\n"))
	}
	return nil
}

// commit writes the files and commits them all.
func (h *History) commit(day time.Time, author, message string) error {
	planDir := filepath.Join(h.Dir, "plan")
	if err := os.RemoveAll(planDir); err != nil {
		return err
	}
	for _, name := range h.names() {
		p := filepath.Join(planDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(strings.Join(h.files[name], "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	// A generator of test data must not make plans that are wrong.
	_, diags, err := plan.Load(os.DirFS(planDir))
	if err != nil {
		return err
	}
	if plan.HasStructural(diags) {
		return fmt.Errorf("the plan of %s (%s) is invalid: %s: %s", day.Format(time.DateOnly), message, diags[0].Pos, diags[0].Message)
	}
	// The commit git add -A and git commit -m MESSAGE would make: the tree
	// of the files in plan/, the message ending in a newline.
	h.Commits++
	h.lastRev = h.Commits
	if author == "" {
		author = authors[0]
	}
	fmt.Fprintf(h.stream, "commit refs/heads/main\nmark :%d\nauthor %s %s\ncommitter %s %s\n", h.lastRev, ident(author), stamp(day), ident(author), stamp(day))
	h.data([]byte(message + "\n"))
	fmt.Fprintf(h.stream, "deleteall\n")
	for _, name := range h.names() {
		fmt.Fprintf(h.stream, "M 100644 inline plan/%s\n", name)
		h.data([]byte(strings.Join(h.files[name], "\n") + "\n"))
	}
	return nil
}

// data writes a fast-import data command holding b.
func (h *History) data(b []byte) {
	fmt.Fprintf(h.stream, "data %d\n", len(b))
	_, _ = h.stream.Write(b) // an error is kept for Flush, checked in finishImport
	_ = h.stream.WriteByte('\n')
}

// ident is an author's name and address as git writes them.
func ident(author string) string {
	return author + " <" + strings.ToLower(strings.ReplaceAll(author, " ", ".")) + "@example.gov.uk>"
}

// stamp is a time as git stores it: seconds since 1970, and the offset,
// UTC's, as git reads the RFC 3339 dates h.git gives it.
func stamp(at time.Time) string {
	return strconv.FormatInt(at.Unix(), 10) + " +0000"
}

// startImport starts git fast-import in the repository.
func (h *History) startImport() error {
	h.imp = h.command(Start, "", "fast-import", "--quiet", "--done")
	h.imp.Stderr = &h.impErr
	w, err := h.imp.StdinPipe()
	if err != nil {
		return err
	}
	h.closer, h.stream = w, bufio.NewWriterSize(w, 1<<20)
	if err := h.imp.Start(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	return nil
}

// finishImport ends the stream and waits for git fast-import.
func (h *History) finishImport() error {
	_, _ = h.stream.WriteString("done\n")
	err := h.stream.Flush()
	if cerr := h.closer.Close(); err == nil {
		err = cerr
	}
	if werr := h.imp.Wait(); werr != nil || err != nil {
		return fmt.Errorf("git fast-import: %v: %s", errors.Join(werr, err), strings.TrimSpace(h.impErr.String()))
	}
	return nil
}

// git runs git in the repository as author at the given time, with no
// configuration from the machine, so the object ids are the same anywhere.
func (h *History) git(at time.Time, author string, args ...string) error {
	cmd := h.command(at, author, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// command is git with args in the repository, as author at the given time.
func (h *History) command(at time.Time, author string, args ...string) *exec.Cmd {
	if author == "" {
		author = authors[0]
	}
	email := strings.ToLower(strings.ReplaceAll(author, " ", ".")) + "@example.gov.uk"
	cmd := exec.Command("git", args...)
	cmd.Dir = h.Dir
	date := at.Format(time.RFC3339)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + h.Dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=" + author, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + date,
		"GIT_COMMITTER_NAME=" + author, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + date,
		"TZ=UTC",
	}
	return cmd
}
