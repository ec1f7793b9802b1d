package render

import (
	"encoding/csv"
	"io"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// csvWriter writes CSV that is safe to open in a spreadsheet. A text cell
// beginning with =, +, -, @, a tab or a carriage return would be run as a
// formula by Excel, LibreOffice and Google Sheets (a title such as
// =HYPERLINK("http://...") becomes a link that sends data away): such a
// cell is written with a ' before it, which spreadsheets show as text and
// do not display. So is one beginning with a colon, which could begin a
// line that a CI log reads as a command. Numbers, negative ones included, are written as they
// are. Control characters are made visible, as everywhere.
type csvWriter struct{ w *csv.Writer }

func newCSV(w io.Writer) *csvWriter { return &csvWriter{csv.NewWriter(w)} }

// csvCell returns s as a cell that a spreadsheet shows as written.
func csvCell(s string) string {
	s = textsafe.Visible(s)
	if s == "" || plan.IsDecimal(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	case ':': // GitHub Actions reads a line of a log that begins "::" as a command
		return "'" + s
	}
	return s
}

// Write writes one record.
func (c *csvWriter) Write(record []string) {
	cells := make([]string, len(record))
	for i, s := range record {
		cells[i] = csvCell(s)
	}
	_ = c.w.Write(cells) // an error is kept by the csv.Writer, for Error
}

// WriteAll writes the records, flushes and returns any error.
func (c *csvWriter) WriteAll(records [][]string) error {
	for _, r := range records {
		c.Write(r)
	}
	c.Flush()
	return c.Error()
}

// Flush writes what is buffered.
func (c *csvWriter) Flush() { c.w.Flush() }

// Error returns the first error met writing or flushing.
func (c *csvWriter) Error() error { return c.w.Error() }
