package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/internal/yamltext"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/pkg/workbook"
	"github.com/plan-tool/plan/plan"
)

type exportOptions struct {
	*globalOptions
	file     string // the file to write; "-" for standard output
	format   string // xlsx or csv, from the file's extension (csv for - with --sheet)
	sheet    string // the table a CSV holds: one of render.CSVSheets
	audience string
}

// newExportCmd builds the export command. runF, when not nil, replaces
// runExport, so tests can see the parsed options.
func newExportCmd(g *globalOptions, runF func(*exportOptions) error) *cobra.Command {
	o := &exportOptions{globalOptions: g}
	if runF == nil {
		runF = runExport
	}
	cmd := &cobra.Command{
		Use:   "export FILE",
		Short: "Write the plan as an Excel workbook, or one of its tables as CSV",
		Long: `Write the plan as tables: FILE.xlsx is a workbook with the sheets Summary
(the status table), Actions (one row per action), KPIs (one row per actual,
with the target in force on its date), Findings, Risks and Decisions (when
the plan has any) and Glossary; FILE.csv, with --sheet actions, kpis,
findings, risks or decisions, is that one table. The format comes from the
extension, in any case. FILE - writes to standard output: CSV with --sheet,
else the workbook (refused on a terminal).

Columns for what a plan may record appear only when it does: Confidence on
Actions; Baseline, Baseline date, Due on trajectory (the value the
trajectory requires on each actual's date) and Findings on KPIs.

Dates are real dates in the workbook and YYYY-MM-DD in CSV; a text cell a
spreadsheet would run as a formula is written with a ' before it.
--audience public leaves out notes, evidence, everything marked visibility:
internal, and the Visibility columns, as plan report does.`,
		Example: `  plan export plan.xlsx
  plan export actions.csv --sheet actions
  plan export - --sheet kpis
  plan export public.xlsx --audience public --as-of 2026-11-30`,
		Args: func(_ *cobra.Command, args []string) error {
			switch len(args) {
			case 1:
				return nil
			case 0:
				return withHint(errors.New("export needs a FILE to write"), "name a .xlsx or .csv file, such as plan export plan.xlsx")
			}
			return withHint(fmt.Errorf("export writes one plan to one FILE; got %d arguments", len(args)),
				"for a portfolio, export each plan with -C DIR")
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if g.portfolio != "" {
				return withHint(errors.New("export writes one plan; --portfolio names several"), "export each plan with -C DIR")
			}
			o.file = args[0]
			format, err := exportFormat(o.file, o.sheet)
			if err != nil {
				return err
			}
			o.format = format
			return runF(o)
		},
	}
	cmd.Flags().Var(newEnumFlag(&o.sheet, "", render.CSVSheets...), "sheet", "the table to write as CSV: "+joinOr(render.CSVSheets))
	cmd.Flags().Var(newEnumFlag(&o.audience, "internal", "internal", "public"), "audience", "who the export is for: internal, or public (no notes, nothing internal)")
	addRevFlags(cmd, g)
	// --portfolio is taken only to refuse it plainly.
	cmd.Flags().StringVar(&g.portfolio, "portfolio", "", "")
	_ = cmd.Flags().MarkHidden("portfolio") // the flag was just added
	return cmd
}

// exportFormat returns the format of the file to write, xlsx or csv, from
// its extension (or, for - , from whether a sheet is named), or the usage
// error.
func exportFormat(file, sheet string) (string, error) {
	if file == "-" {
		if sheet != "" {
			return "csv", nil
		}
		return "xlsx", nil
	}
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".xlsx":
		if sheet != "" {
			return "", withHint(fmt.Errorf("--sheet %s is for a .csv file; %s is a workbook of every sheet", sheet, file),
				"leave out --sheet, or name a .csv file")
		}
		return "xlsx", nil
	case ".csv":
		if sheet == "" {
			return "", withHint(fmt.Errorf("%s: a CSV file holds one table: say which with --sheet", file),
				"add --sheet %s", joinOr(render.CSVSheets))
		}
		return "csv", nil
	}
	return "", withHint(fmt.Errorf("%s: cannot tell the format from the extension: use .xlsx or .csv", file),
		"name a .xlsx file for the workbook, or a .csv file with --sheet for one table")
}

func runExport(o *exportOptions) error {
	if o.file == "-" && o.format == "xlsx" && o.deps.io.IsOutTTY() {
		return withHint(errors.New("a workbook is not for a terminal"),
			"name a file (plan export plan.xlsx), redirect standard output (plan export - > plan.xlsx), or add --sheet for CSV")
	}
	p, asOf, err := o.reportInput(plan.Filter{})
	if err != nil {
		return err
	}
	logs := o.itemLogs(actionAndKPIIDs(p))
	if err := o.ctx.Err(); err != nil {
		return err // the history read may have been cut short
	}
	audience := plan.Audience(o.audience)
	p = p.WithTargetHistory(targetChanges(logs))
	reg := p.ForAudience(audience).Register(asOf, audience, doneDates(logs))
	var buf bytes.Buffer
	if o.format == "xlsx" {
		err = workbook.Write(&buf, reg)
	} else {
		t, _ := render.RegisterSheet(reg, o.sheet) // --sheet is one of CSVSheets
		err = render.RegisterCSV(&buf, t)
	}
	if err != nil {
		return err
	}
	if o.file == "-" {
		out := o.deps.io.Out
		if o.format == "xlsx" {
			out = o.deps.io.RawOut() // a zip archive, byte for byte
		}
		_, err := out.Write(buf.Bytes())
		return err
	}
	data := buf.Bytes()
	if o.format == "csv" {
		// Excel opens a CSV file as UTF-8 only when it begins with a byte
		// order mark; without one, "£" and "—" arrive garbled. Power BI and
		// plan import read it either way. Standard output gets none.
		data = append([]byte(yamltext.BOM), data...)
	}
	if err := o.deps.writer.WriteFile(o.ctx, o.file, data); err != nil {
		return err
	}
	fmt.Fprintf(o.deps.io.ErrOut, "Wrote %s\n", textsafe.Visible(shownPath(o.file)))
	return nil
}

// actionAndKPIIDs returns the ids of the plan's KPIs and actions.
func actionAndKPIIDs(p *plan.Plan) []string {
	ids := kpiIDs(p)
	for _, pr := range p.Priorities {
		for _, a := range pr.Actions {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// doneDates returns, by action id, the day the logs show each action
// last became done: the newest commit that changed its status to done. An
// action added to the plan already done has none: when it was done is not
// known.
func doneDates(logs map[string][]history.LogEntry) map[string]plan.Date {
	out := map[string]plan.Date{}
	for id, entries := range logs {
		for _, e := range entries { // newest first
			if e.Change.Type != plan.Modified && e.Change.Type != plan.Moved {
				continue
			}
			if slices.ContainsFunc(e.Change.Fields, func(f plan.FieldChange) bool {
				return f.Field == "status" && f.New == string(plan.Done) && f.Old != string(plan.Done)
			}) {
				out[id] = e.Date
				break
			}
		}
	}
	return out
}
