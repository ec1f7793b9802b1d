package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/pkg/history"
	"github.com/plan-tool/plan/pkg/render"
	"github.com/plan-tool/plan/plan"
)

type reportCmdOptions struct {
	reportOptions
	since    string
	audience string
	out      string
}

// newReportCmd builds the report command. runF, when not nil, replaces
// runReport, so tests can see the parsed options.
func newReportCmd(g *globalOptions, runF func(*reportCmdOptions) error) *cobra.Command {
	o := &reportCmdOptions{reportOptions: reportOptions{globalOptions: g}}
	if runF == nil {
		runF = runReport
	}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Make the board pack: summary, exceptions, report cards, findings, glossary",
		Long: `Make the board pack: a summary (rating counts by theme as a chart, the status
table, what changed since last time), the exceptions, a report card for
each priority with a chart for each KPI (actuals, target, tolerance band),
the findings traceability matrix, and a glossary of exactly the acronyms
the report uses.

-o html writes one self-contained page (no scripts, fonts or images
fetched from anywhere) that prints on A4 with a page per priority and reads
in greyscale: every rating is a word as well as a colour. -o markdown is for
pasting into a committee paper. -o docx writes a Word document with the
same sections in Word's own styles, for a clerk to edit or paste into a
committee template. -o pdf prints the HTML page to an A4 PDF, with the
plan's title and date at the head of each page and "Page N of M" at the
foot, through an installed Chrome, Chromium or Edge ($PLAN_BROWSER, else
the first found on PATH or where they usually install). A Word document
or PDF is written with --out, or to standard output only when that is not
a terminal.

Changes are compared with --since (a date, revision, or board, dfe, ofsted
or a body declared in plan.yaml); by default with the last board snapshot,
when there is one.
--audience public leaves out notes and everything marked visibility:
internal, for a version to publish.`,
		Example: `  plan report --out board-pack.html
  plan report -o markdown --since 2026-10-01
  plan report --audience public --out public.html
  plan report -o docx --out board-pack.docx
  plan report -o pdf --out board-pack.pdf`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	o.addFlags(cmd, "html", "markdown", "docx", "pdf")
	cmd.Flags().StringVar(&o.since, "since", "", "compare with the plan at `DATE` (or a revision, or board, dfe, ofsted or a body declared in plan.yaml; default: the last board snapshot)")
	cmd.Flags().Var(newEnumFlag(&o.audience, "internal", "internal", "public"), "audience", "who the report is for: internal, or public (no notes, nothing internal)")
	cmd.Flags().StringVar(&o.out, "out", "", "write the report to `FILE` instead of standard output")
	return cmd
}

func runReport(o *reportCmdOptions) error {
	if err := o.binaryOut(); err != nil {
		return err
	}
	pdf, err := o.pdfPrinter() // nil unless -o pdf
	if err != nil {
		return err
	}
	p, asOf, err := o.reportInput(plan.Filter{})
	if err != nil {
		return err
	}
	audience := plan.Audience(o.audience)
	spec, noChanges := o.since, ""
	if spec == "" {
		spec, noChanges = o.lastBoard()
	}
	changes, since, err := o.changesSince(spec, p, audience)
	if err != nil {
		return err
	}
	p = p.WithTargetHistory(o.targetHistory(p))
	if err := o.ctx.Err(); err != nil {
		return err // the history read for the report may have been cut short
	}
	report := p.ForAudience(audience).Report(asOf, audience, changes, since)
	report.NoChanges = noChanges
	var buf bytes.Buffer
	if err := writeReport(&buf, report, string(pdf.htmlFormat(render.Format(o.output)))); err != nil {
		return err
	}
	data := buf.Bytes()
	if pdf != nil {
		if data, err = pdf.print(o.ctx, report, data); err != nil {
			return err
		}
	}
	if o.out == "" {
		out := o.stdout()
		if pdf != nil {
			out = pdf.stdout(o.deps.io)
		}
		_, err := out.Write(data)
		return err
	}
	if err := o.deps.writer.WriteFile(o.ctx, o.out, data); err != nil {
		return err
	}
	fmt.Fprintf(o.deps.io.ErrOut, "Wrote %s\n", textsafe.Visible(shownPath(o.out)))
	return nil
}

// targetHistory returns, by KPI id, the changes to targets and
// tolerances the plan's history shows that no re-baselining records, so
// that charts draw each target where it stood. Without history (or for a
// past version of the plan) it returns none: the charts then draw what the
// re-baselinings record.
func (o *reportCmdOptions) targetHistory(p *plan.Plan) map[string][]plan.TargetChange {
	return targetChanges(o.itemLogs(kpiIDs(p)))
}

// kpiIDs returns the ids of the plan's KPIs.
func kpiIDs(p *plan.Plan) []string {
	var ids []string
	for _, pr := range p.Priorities {
		for _, k := range pr.KPIs {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

// itemLogs returns the history of the items with the given ids, read in
// one walk, by id. Without history, or for a past version of the plan
// (--rev, --at), it returns none.
func (g *globalOptions) itemLogs(ids []string) map[string][]history.LogEntry {
	if g.rev != "" || g.at != "" || len(ids) == 0 {
		return nil
	}
	dir, src, err := g.planHistory()
	if err != nil || dir == "" {
		return nil
	}
	logs, err := src.Logs(g.ctx, ids, plan.Date{})
	if err != nil {
		return nil
	}
	return logs
}

// targetChanges returns, by KPI id, the changes to targets and tolerances
// the logs show that no re-baselining records.
func targetChanges(logs map[string][]history.LogEntry) map[string][]plan.TargetChange {
	out := map[string][]plan.TargetChange{}
	for id, entries := range logs {
		for _, e := range entries {
			if e.Change.Type != plan.Modified && e.Change.Type != plan.Moved {
				continue
			}
			for _, f := range e.Change.Fields {
				if (f.Field == "target" || f.Field == "tolerance") && f.Rebaselined == nil && f.Old != "" {
					out[id] = append(out[id], plan.TargetChange{Date: e.Date, Field: f.Field, From: f.Old})
				}
			}
		}
	}
	return out
}

// lastBoard returns "board" when the plan's history has a board snapshot
// to compare with; else "" and why there is nothing to compare with, which
// the report says where the changes would be.
func (o *reportCmdOptions) lastBoard() (spec, why string) {
	dir, src, err := o.planHistory()
	if err == nil && dir != "" {
		var snaps []history.Snapshot
		if snaps, err = src.Snapshots(o.ctx); err == nil {
			for _, s := range snaps {
				if s.Kind == "board" {
					return "board", ""
				}
			}
			if plan.Audience(o.audience) == plan.ForPublic {
				return "", "There is no earlier board report to compare with."
			}
			return "", "There is no board snapshot to compare with. After each board meeting, " +
				"plan snapshot board records the plan as the board saw it; or give --since DATE."
		}
	}
	switch {
	case plan.Audience(o.audience) == plan.ForPublic:
		// A published report says what there is, not how the tool works.
		return "", "There is no earlier version of the plan to compare with."
	case err == nil || errors.Is(err, gitrepo.ErrNotRepository) || errors.Is(err, gitrepo.ErrNoGit):
		return "", "The plan is not in a git repository, so there is no earlier version to compare with."
	}
	return "", "The plan's history cannot be read: " + textsafe.Visible(err.Error()) + "."
}
