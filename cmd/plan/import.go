package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/tracker"
	"github.com/plan-tool/plan/plan"
)

// maxTracker is the largest tracker import reads: far above any council's
// (a few hundred rows), well below what would exhaust memory.
const maxTracker = 64 << 20

type importOptions struct {
	*globalOptions
	file         string
	to           string
	sheets       []string
	maps         []string
	title        string
	organisation string
}

// newImportCmd builds the import command. runF, when not nil, replaces
// runImport, so tests can see the parsed options.
func newImportCmd(g *globalOptions, runF func(*importOptions) error) *cobra.Command {
	o := &importOptions{globalOptions: g}
	if runF == nil {
		runF = runImport
	}
	cmd := &cobra.Command{
		Use:   "import FILE --to DIR",
		Short: "Make a plan from an Excel or CSV tracker",
		Long: `Make a new plan in DIR from the council's existing tracker: an Excel
workbook (.xlsx) or a CSV file saved from one.

Each sheet's header is the first row naming three or more columns import
knows (Ref, Action, Lead, Due, RAG, Update, Evidence, Ofsted recommendation,
Theme, Priority, and the other words councils use: the README lists them).
Title rows above it give the plan's title and council; a row holding only a
theme or priority heading (often merged across the sheet) starts a group.
A sheet with a Measure or KPI column and a column per month or quarter
becomes KPIs with their values; a sheet of references and recommendation
texts becomes findings; Term and Meaning columns become the glossary.

Nothing is dropped: a value import cannot read (a rating it does not know,
a date it cannot read, a column that is not a plan field) is kept in the
item's note (for a KPI, in a comment above it) with the cell it came from,
and listed at the end. DIR must be empty or not exist; it gets what
plan init sets up (schemas, .gitattributes, the CI workflow).

Exit status: 0 when every value was read, 1 when some need a person's eye
(the plan is written), 2 when the file cannot be read.`,
		Example: `  plan import "Improvement Plan Tracker.xlsx" --to plan
  plan import tracker.xlsx --to plan --sheet "Action Plan" --sheet KPIs
  plan import tracker.csv --to plan --map due="Revised date" --organisation "Bury Council"`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.file = args[0]
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.to, "to", "", "make the plan in `DIR` (empty or new)")
	cmd.Flags().StringArrayVar(&o.sheets, "sheet", nil, "read only the sheet `NAME` (repeatable; default: every sheet with a header)")
	cmd.Flags().StringArrayVar(&o.maps, "map", nil, "read the column headed `FIELD=HEADING` as FIELD, such as due=\"Revised date\" (repeatable)")
	cmd.Flags().StringVar(&o.title, "title", "", "the plan's `TITLE` (default: the title row above the header)")
	cmd.Flags().StringVar(&o.organisation, "organisation", "", "the council or organisation, as `NAME` (default: a title row naming it)")
	_ = cmd.MarkFlagRequired("to") // the flag exists
	return cmd
}

func runImport(o *importOptions) error {
	maps := map[string]string{}
	for _, m := range o.maps {
		field, heading, ok := strings.Cut(m, "=")
		if !ok || strings.TrimSpace(field) == "" || strings.TrimSpace(heading) == "" {
			return withHint(fmt.Errorf("--map %q is not FIELD=HEADING", m), "such as --map due=\"Revised date\"; fields: %s", strings.Join(tracker.Columns(), ", "))
		}
		maps[strings.TrimSpace(field)] = strings.TrimSpace(heading)
	}
	if err := tracker.CheckMap(maps); err != nil {
		return err
	}
	if err := emptyDir(o.to); err != nil {
		return err
	}
	today, err := o.date(nil)
	if err != nil {
		return err
	}
	book, err := readTracker(o.file)
	if err != nil {
		return err
	}
	res, err := tracker.Import(book, tracker.Options{Sheets: o.sheets, Map: maps, Title: o.title, Organisation: o.organisation, Name: o.file})
	var noHeader *tracker.NoHeaderError
	if errors.As(err, &noHeader) {
		return withHint(fmt.Errorf("%s: %w", shownPath(o.file), err), "what it saw: %s. Give --map FIELD=HEADING for a heading it does not know (README: Coming from Excel)", strings.Join(noHeader.Seen, " | "))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", shownPath(o.file), err)
	}
	files := make([]initFile, len(res.Files))
	for i, f := range res.Files {
		what := ""
		switch {
		case i == 0:
			what = "the plan: title, themes, owners, findings, glossary"
		case i == 1:
			what = fmt.Sprintf("the priorities, one file each (%d)", len(res.Files)-1)
		}
		files[i] = initFile{path: f.Path, data: f.Data, what: what}
	}
	if _, err := o.initPlan(o.to, today, files); err != nil {
		return err
	}
	// The commands to run next name the new plan from here, where the
	// user is: the plan is below, not around, the current directory.
	dirFlag := " -C " + shellQuote(filepath.ToSlash(o.to))
	printImportReport(o.deps.io.Out, o.file, res, dirFlag)
	if len(res.Unmapped) > 0 {
		return errFindings
	}
	return nil
}

// emptyDir checks that dir does not exist or is an empty directory.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		return withHint(fmt.Errorf("%s is not empty", shownPath(dir)), "plan import makes a new plan: give --to a new or empty directory")
	}
	return nil
}

// readTracker reads a workbook or CSV file into sheets.
func readTracker(name string) (*tracker.Book, error) {
	data, err := readLimited(name, maxTracker, "a tracker import can read")
	if err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		return tracker.ReadCSV(name, data)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || bytes.HasPrefix(data, []byte("PK")):
		return tracker.ReadXLSX(name, data)
	}
	return nil, withHint(fmt.Errorf("%s: not a workbook (.xlsx) or CSV file", shownPath(name)), "save the tracker from Excel as an Excel Workbook (.xlsx) or CSV, and import that")
}

// printImportReport says what was imported, which values need a person's
// eye and where they were kept, and what the import made up.
func printImportReport(w io.Writer, file string, res *tracker.Result, dirFlag string) {
	fmt.Fprintf(w, "\nImported %s: %s, %s, %s, %s (%s), %s, %s.\n", textsafe.Visible(shownPath(file)),
		plan.Plural(res.Themes, "theme", "themes"), plan.Plural(res.Priorities, "priority", "priorities"), plan.Plural(res.Actions, "action", "actions"),
		plan.Plural(res.KPIs, "KPI", "KPIs"), plan.Plural(res.Actuals, "value", "values"), plan.Plural(res.Findings, "finding", "findings"), plan.Plural(res.Terms, "glossary term", "glossary terms"))
	if len(res.Unmapped) > 0 {
		fmt.Fprintf(w, "\n%s a person's eye; each is kept where it belongs (an action's note, a comment above a KPI):\n", needEye(len(res.Unmapped)))
		for _, e := range res.Unmapped {
			fmt.Fprintf(w, "  %s\n", textsafe.Visible(e.String()))
		}
	} else {
		fmt.Fprintln(w, "\nEvery value was read.")
	}
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nWhat import did that you should know:")
		for _, e := range res.Notes {
			fmt.Fprintf(w, "  %s\n", textsafe.Visible(e.String()))
		}
	}
	fmt.Fprintf(w, "\nNext: check the values above, owners and ids (plan check%s; plan status%s), then commit:\nthe first commit is the plan as imported.\n", dirFlag, dirFlag)
}

func needEye(n int) string {
	return plan.Plural(n, "value needs", "values need")
}

// readLimited reads the file name whole, refusing one larger than limit
// bytes as not what, such as "a tracker import can read".
func readLimited(name string, limit int, what string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shownPath(name), err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB: not %s", shownPath(name), limit>>20, what)
	}
	return data, nil
}
