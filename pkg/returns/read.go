package returns

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plan-tool/plan/pkg/tracker"
	"github.com/plan-tool/plan/plan"
)

// Returned is a return workbook read back: its stamp and the rows of its
// sheets, each cell where the owner left it.
type Returned struct {
	File  string // the workbook's name, for messages
	Stamp Stamp
	// Saved is the day the workbook was last saved, as its document
	// properties say; zero when they do not.
	Saved   plan.Date
	Actions []Row
	KPIs    []Row
	// Problems are what could not be read as a return's rows.
	Problems []Problem
}

// Row is one item's row of a return's sheet.
type Row struct {
	ID    string
	sheet *tracker.Sheet
	r     int
	cols  map[string]int // column of each key
	file  string
}

// cell returns the row's cell in the column of key.
func (w Row) cell(key string) tracker.Cell {
	c, ok := w.cols[key]
	if !ok {
		return tracker.Cell{}
	}
	return w.sheet.Cell(w.r, c)
}

// where names the row's cell in the column of key: "hr-lead.xlsx
// Actions!H7".
func (w Row) where(key string) string {
	return w.file + " " + w.sheet.Where(w.r, w.cols[key])
}

// Problem is a cell, or a whole return, not applied, and why.
type Problem struct {
	Where   string // workbook, sheet and cell: "hr-lead.xlsx Actions!H7"
	ID      string // the item, when the problem is about one
	Message string
	// Conflict marks a value the plan changed since the return was
	// issued: left for a person (or --theirs).
	Conflict bool
}

func (p Problem) String() string { return p.Where + ": " + p.Message }

// ErrNotAReturn is wrapped by the error Read returns for a workbook that
// plan returns did not make.
var ErrNotAReturn = errors.New("not a return made by plan returns")

// Read reads a return workbook. name is the file's name, for messages. It
// returns an error for a file that is not a readable workbook (a
// *tracker.ReadError) or not a return (wrapping ErrNotAReturn).
func Read(name string, data []byte) (*Returned, error) {
	book, err := tracker.ReadXLSX(name, data)
	if err != nil {
		return nil, err
	}
	var stampSheet *tracker.Sheet
	sheets := map[string]*tracker.Sheet{}
	for _, s := range book.Sheets {
		sheets[s.Name] = s
		if s.Name == StampSheet {
			stampSheet = s
		}
	}
	if stampSheet == nil {
		return nil, fmt.Errorf("%s: %w: it has no stamp (the hidden sheet %s that says which plan and revision it was made from); only workbooks made by plan returns can be applied", name, ErrNotAReturn, StampSheet)
	}
	st, err := readStamp(stampSheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := &Returned{File: name, Stamp: st}
	// The day the owner saved it, when their spreadsheet recorded one
	// later than the return was written.
	if at, err := time.Parse(time.RFC3339, st.IssuedAt); err == nil {
		if m, err := time.Parse(time.RFC3339, book.Modified); err == nil && m.After(at) {
			r.Saved = plan.DateOf(m)
		}
	}
	r.Actions = r.rows(sheets[ActionsSheet], ActionsSheet, actionColumns, len(st.Actions))
	r.KPIs = r.rows(sheets[KPIsSheet], KPIsSheet, kpiColumns, len(st.KPIs))
	return r, nil
}

// readStamp reads the stamp from its sheet, checking its hash.
func readStamp(s *tracker.Sheet) (Stamp, error) {
	var st Stamp
	cell := func(r int) string { return s.Cell(r, 0).Text }
	if !strings.HasPrefix(cell(0), stampMark) {
		return st, fmt.Errorf("%w: its sheet %s is not a return's stamp", ErrNotAReturn, StampSheet)
	}
	var data strings.Builder
	for r := 2; r < len(s.Rows); r++ {
		data.WriteString(cell(r))
	}
	sum := sha256.Sum256([]byte(data.String()))
	if hex.EncodeToString(sum[:]) != cell(1) {
		return st, errors.New("the return's stamp (its hidden sheet " + StampSheet + ") was changed after plan returns wrote it, so what was issued cannot be known; issue a new return")
	}
	if err := json.Unmarshal([]byte(data.String()), &st); err != nil {
		return st, fmt.Errorf("the return's stamp cannot be read: %w", err)
	}
	if st.Format > stampFormat {
		return st, fmt.Errorf("the return was made by a newer version of plan (stamp format %d); apply it with that version", st.Format)
	}
	return st, nil
}

// rows reads the item rows of a sheet: the rows below its headings with
// an id. want is how many items the stamp says the sheet was issued with.
func (r *Returned) rows(s *tracker.Sheet, name string, cols []column, want int) []Row {
	if s == nil {
		if want > 0 {
			r.Problems = append(r.Problems, Problem{Where: r.File + " " + name, Message: fmt.Sprintf("the sheet %s is missing, so its %s cannot be applied", name, plan.Plural(want, "item", "items"))})
		}
		return nil
	}
	header, at := -1, map[string]int{}
	for i := 0; i < len(s.Rows) && header < 0; i++ {
		if strings.TrimSpace(s.Cell(i, 0).Text) == cols[0].heading {
			header = i
		}
	}
	if header < 0 {
		r.Problems = append(r.Problems, Problem{Where: r.File + " " + name, Message: fmt.Sprintf("no row of headings (ID, %s, ...) on sheet %s: nothing on it is applied", cols[1].heading, name)})
		return nil
	}
	for c := range s.Rows[header] {
		h := strings.TrimSpace(s.Cell(header, c).Text)
		for _, col := range cols {
			if strings.EqualFold(h, col.heading) {
				if _, dup := at[col.key]; !dup {
					at[col.key] = c
				}
			}
		}
	}
	var missing []string
	for _, col := range cols {
		if _, ok := at[col.key]; !ok {
			missing = append(missing, col.heading)
		}
	}
	if len(missing) > 0 {
		r.Problems = append(r.Problems, Problem{Where: r.File + " " + s.Where(header, 0), Message: fmt.Sprintf("the heading %s is missing from sheet %s: nothing on it is applied; issue a new return rather than rearranging its columns", quoteList(missing), name)})
		return nil
	}
	var out []Row
	for i := header + 1; i < len(s.Rows); i++ {
		row := Row{sheet: s, r: i, cols: at, file: r.File}
		id := tracker.OneLine(row.cell("id").String())
		if id == "" {
			for _, col := range cols {
				if col.fill && col.key != newDate && tracker.OneLine(row.cell(col.key).String()) != "" {
					r.Problems = append(r.Problems, Problem{Where: row.where(col.key), Message: "a value in a row with no ID: it is not applied (rows cannot be added to a return)"})
					break
				}
			}
			continue
		}
		row.ID = id
		out = append(out, row)
	}
	return out
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
