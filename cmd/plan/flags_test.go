package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/plan"
)

// The flag-parsing tests: for each command, command lines in, and out the
// options its run function would be handed, or the exact error, the run
// function not called. Nothing is read or written.

// flagCase is one command line and what parsing it must give.
type flagCase[O any] struct {
	argv    string      // split on spaces
	want    O           // the options, without the global ones
	global  globalFlags // the global ones
	wantErr string      // the exact error, if parsing fails
}

// chdirPlans makes the current directory, for the rest of the test, one
// holding a plan directory, one, and a portfolio of two plans, councils,
// for the commands that read several plans.
func chdirPlans(t *testing.T) {
	t.Helper()
	base := t.TempDir()
	for _, d := range []string{"one", filepath.Join("councils", "a"), filepath.Join("councils", "b")} {
		if err := os.MkdirAll(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(base, d, plan.PlanFile), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(base)
}

// testFlags parses each case's command line with the command build makes,
// its run function replaced, and compares what the run function is handed
// (with strip removing the global options) with the case.
func testFlags[O any](t *testing.T, build func(*globalOptions, func(*O) error) *cobra.Command, strip func(O) O, tests []flagCase[O]) {
	t.Helper()
	chdirPlans(t)
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			d, _, _ := testDeps(nil, fixedNow)
			root, g := newBareRootCmd(d)
			var got *O
			root.AddCommand(build(g, func(o *O) error { got = o; return nil }))
			root.SetArgs(strings.Fields(tt.argv))
			err := root.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("run with %+v despite the error", *got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("run not called")
			}
			if o := strip(*got); !reflect.DeepEqual(o, tt.want) {
				t.Errorf("options\n%+v, want\n%+v", o, tt.want)
			}
			if g.globalFlags != tt.global {
				t.Errorf("global flags %+v, want %+v", g.globalFlags, tt.global)
			}
		})
	}
}

func TestStatusFlags(t *testing.T) {
	strip := func(o statusOptions) statusOptions { o.globalOptions = nil; return o }
	testFlags(t, newStatusCmd, strip, []flagCase[statusOptions]{
		{argv: "status", want: statusOptions{output: "table", by: "theme"}},
		{argv: "status -o json --by owner --theme A --owner dcs --explain", want: statusOptions{output: "json", by: "owner", explain: true, filter: plan.Filter{Theme: "A", Owner: "dcs"}}},
		{argv: "status -C some/dir --as-of 2026-01-01 -o csv", want: statusOptions{output: "csv", by: "theme"}, global: globalFlags{dir: "some/dir", asOf: "2026-01-01"}},
		{argv: "status --at 2026-10-01 -o markdown", want: statusOptions{output: "markdown", by: "theme"}, global: globalFlags{at: "2026-10-01"}},
		{argv: "status one councils/a", want: statusOptions{output: "table", by: "theme", dirs: []string{"one", "councils/a"}}},
		{argv: "status --portfolio councils", want: statusOptions{output: "table", by: "theme", dirs: []string{"councils/a", "councils/b"}}, global: globalFlags{portfolio: "councils"}},
		{argv: "status -o text", wantErr: `invalid argument "text" for "-o, --output" flag: must be one of table, json, markdown, csv`},
		{argv: "status --by priority", wantErr: `invalid argument "priority" for "--by" flag: must be one of theme, owner`},
		{argv: "status P1", wantErr: `plan directory P1: no such file or directory`},
		{argv: "status councils", wantErr: `no plan.yaml in councils`},
		{argv: "status -C x y", wantErr: `-C names one plan; it cannot be used with plan directories or --portfolio`},
		{argv: "status --rev HEAD --portfolio .", wantErr: `--rev and --at read one plan, not several`},
		{argv: "status --portfolio one", wantErr: `--portfolio one: no plans below it`},
		{argv: "status --by owner one", wantErr: `--by owner reads one plan`},
	})
}

func TestListFlags(t *testing.T) {
	strip := func(o listOptions) listOptions { o.globalOptions = nil; return o }
	testFlags(t, newListCmd, strip, []flagCase[listOptions]{
		{argv: "list", want: listOptions{kind: "actions", output: "table"}},
		{argv: "list kpis -o json --theme A --rag unrated", want: listOptions{kind: "kpis", output: "json", rag: "unrated", filter: plan.ListFilter{Theme: "A", RAGSet: true}}},
		{argv: "list actions --owner dcs --priority P8 --status in-progress --rag red --overdue --stale -o csv",
			want: listOptions{kind: "actions", output: "csv", status: "in-progress", rag: "red", stale: true,
				filter: plan.ListFilter{Owner: "dcs", Priority: "P8", Status: plan.InProgress, RAG: plan.Red, RAGSet: true, Overdue: true}}},
		{argv: "list findings -C some/dir --as-of 2026-01-01 -o markdown", want: listOptions{kind: "findings", output: "markdown"}, global: globalFlags{dir: "some/dir", asOf: "2026-01-01"}},
		{argv: "list widgets", wantErr: `cannot list "widgets"`},
		{argv: "list actions kpis", wantErr: `accepts at most 1 arg(s), received 2`},
		{argv: "list --status late", wantErr: `invalid argument "late" for "--status" flag: must be one of planned, in-progress, done, dropped`},
		{argv: "list --rag blue", wantErr: `invalid argument "blue" for "--rag" flag: must be one of red, amber, green, complete, unrated`},
		{argv: "list -o text", wantErr: `invalid argument "text" for "-o, --output" flag: must be one of table, json, csv, markdown`},
	})
}

func TestShowFlags(t *testing.T) {
	strip := func(o showOptions) showOptions { o.globalOptions = nil; return o }
	testFlags(t, newShowCmd, strip, []flagCase[showOptions]{
		{argv: "show P8.1", want: showOptions{id: "P8.1", output: "text"}},
		{argv: "show P8.K1 -o json --rev board", want: showOptions{id: "P8.K1", output: "json"}, global: globalFlags{rev: "board"}},
		{argv: "show", wantErr: `accepts 1 arg(s), received 0`},
		{argv: "show P8.1 -o table", wantErr: `invalid argument "table" for "-o, --output" flag: must be one of text, json`},
	})
}

func TestOverdueFlags(t *testing.T) {
	strip := func(o overdueOptions) overdueOptions { o.globalOptions = nil; return o }
	testFlags(t, newOverdueCmd, strip, []flagCase[overdueOptions]{
		{argv: "overdue", want: overdueOptions{output: "table"}},
		{argv: "overdue --within 14d", want: overdueOptions{output: "table", within: 14}},
		{argv: "overdue --within 2w -o csv", want: overdueOptions{output: "csv", within: 14}},
		{argv: "overdue --within 10 --owner dcs --theme A", want: overdueOptions{output: "table", within: 10, filter: plan.Filter{Owner: "dcs", Theme: "A"}}},
		{argv: "overdue --portfolio councils", want: overdueOptions{output: "table", dirs: []string{"councils/a", "councils/b"}}, global: globalFlags{portfolio: "councils"}},
		{argv: "overdue --within soon", wantErr: `--within: "soon" is not a number of days`},
		{argv: "overdue --within=-3d", wantErr: `--within: "-3d" is not a number of days`},
		{argv: "overdue --within 14x", wantErr: `--within: "14x" is not a number of days`},
		{argv: "overdue --within 1.5w", wantErr: `--within: "1.5w" is not a number of days`},
	})
}

func TestDigestFlags(t *testing.T) {
	strip := func(o digestOptions) digestOptions { o.globalOptions = nil; return o }
	testFlags(t, newDigestCmd, strip, []flagCase[digestOptions]{
		{argv: "digest", want: digestOptions{output: "text", within: 14}},
		{argv: "digest --within 2w -o markdown", want: digestOptions{output: "markdown", within: 14}},
		{argv: "digest --within 10 --owner dcs --owner head-performance", want: digestOptions{output: "text", within: 10, owners: []string{"dcs", "head-performance"}}},
		{argv: "digest -o html --out digests", want: digestOptions{output: "html", within: 14, out: "digests"}},
		{argv: "digest -o eml --out outbox --returns returns --as-of 2026-11-24", want: digestOptions{output: "eml", within: 14, out: "outbox", returns: "returns"}, global: globalFlags{asOf: "2026-11-24"}},
		{argv: "digest -o eml", wantErr: "-o eml writes one message per owner: give --out DIR"},
		{argv: "digest --out x --returns returns", wantErr: "--returns attaches workbooks to messages: it needs -o eml"},
		{argv: "digest --within soon", wantErr: `--within: "soon" is not a number of days`},
		{argv: "digest -o pdf", wantErr: `invalid argument "pdf" for "-o, --output" flag: must be one of text, markdown, html, eml`},
		{argv: "digest extra", wantErr: `unknown command "extra" for "plan digest"`},
	})
}

func TestCheckFlags(t *testing.T) {
	strip := func(o checkOptions) checkOptions { o.globalOptions = nil; return o }
	testFlags(t, newCheckCmd, strip, []flagCase[checkOptions]{
		{argv: "check", want: checkOptions{output: "text", staleAfter: 42}},
		{argv: "check --fail-on structural", want: checkOptions{output: "text", failOn: []string{"structural"}, staleAfter: 42}},
		{argv: "check --fail-on overdue,unrated --fail-on undated -o sarif", want: checkOptions{output: "sarif", failOn: []string{"overdue", "unrated", "undated"}, staleAfter: 42}},
		{argv: "check --stale-after off", want: checkOptions{output: "text", staleAfter: -1}},
		{argv: "check --stale-after 6w one", want: checkOptions{output: "text", staleAfter: 42, dirs: []string{"one"}}},
		{argv: "check --stale-after never", wantErr: `--stale-after: "never" is not a number of days`},
		{argv: "check -o xml", wantErr: `invalid argument "xml" for "-o, --output" flag: must be one of text, json, github, junit, sarif`},
	})
}

func TestDiffFlags(t *testing.T) {
	strip := func(o diffOptions) diffOptions { o.globalOptions = nil; return o }
	testFlags(t, newDiffCmd, strip, []flagCase[diffOptions]{
		{argv: "diff", want: diffOptions{output: "text", from: "HEAD"}},
		{argv: "diff board", want: diffOptions{output: "text", from: "board"}},
		{argv: "diff origin/main HEAD", want: diffOptions{output: "text", from: "origin/main", to: "HEAD"}},
		{argv: "diff v1..v2", want: diffOptions{output: "text", from: "v1", to: "v2"}},
		{argv: "diff v1..", want: diffOptions{output: "text", from: "v1", to: ""}},
		{argv: "diff 2026-10-01 -o markdown", want: diffOptions{output: "markdown", from: "2026-10-01"}},
		{argv: "diff --since 2026-10-01", want: diffOptions{output: "text", since: "2026-10-01", from: "2026-10-01"}},
		{argv: "diff --since board -o json", want: diffOptions{output: "json", since: "board", from: "board"}},
		{argv: "diff --exit-code --fail-on slipped,target-changed --fail-on removed", want: diffOptions{output: "text", exitCode: true, failOn: []string{"slipped", "target-changed", "removed"}, from: "HEAD"}},
		{argv: "diff --fail-on all -C x", want: diffOptions{output: "text", failOn: []string{"all"}, from: "HEAD"}, global: globalFlags{dir: "x"}},
		{argv: "diff --since board HEAD", wantErr: "--since and revisions cannot be used together"},
		{argv: "diff --since board A B", wantErr: "--since and revisions cannot be used together"},
		{argv: "diff A...B", wantErr: "A...B is not supported: use A..B or 'A B'"},
		{argv: "diff A B C", wantErr: "accepts at most 2 arg(s), received 3"},
		{argv: "diff --fail-on slipped,late", wantErr: `--fail-on: unknown gate rule "late" (choose from slipped, target-changed, rating-changed-without-note, rating-improved, removed, or all)`},
		{argv: "diff -o html", wantErr: `invalid argument "html" for "-o, --output" flag: must be one of text, markdown, json`},
		{argv: "diff --exit-code=maybe", wantErr: `invalid argument "maybe" for "--exit-code" flag: strconv.ParseBool: parsing "maybe": invalid syntax`},
	})
}

func TestLogFlags(t *testing.T) {
	strip := func(o logOptions) logOptions { o.globalOptions = nil; return o }
	testFlags(t, newLogCmd, strip, []flagCase[logOptions]{
		{argv: "log P8.1", want: logOptions{id: "P8.1", output: "table"}},
		{argv: "log P8 --since board -o markdown", want: logOptions{id: "P8", since: "board", output: "markdown"}},
		{argv: "log", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "log P8 P9", wantErr: "accepts 1 arg(s), received 2"},
		{argv: "log P8 -o csv", wantErr: `invalid argument "csv" for "-o, --output" flag: must be one of table, json, markdown`},
	})
}

func TestSnapshotFlags(t *testing.T) {
	strip := func(o snapshotOptions) snapshotOptions { o.globalOptions = nil; return o }
	testFlags(t, newSnapshotCmd, strip, []flagCase[snapshotOptions]{
		{argv: "snapshot board", want: snapshotOptions{kind: "board", output: "table"}},
		{argv: "snapshot dfe --date 2026-10-14", want: snapshotOptions{kind: "dfe", date: "2026-10-14", output: "table"}},
		{argv: "snapshot --list -o json", want: snapshotOptions{list: true, output: "json"}},
		{argv: "snapshot", wantErr: "name the body the plan was shown to"},
		{argv: "snapshot scrutiny --date 2026-10-14", want: snapshotOptions{kind: "scrutiny", date: "2026-10-14", output: "table"}},
		{argv: "snapshot --list --all", want: snapshotOptions{list: true, all: true, output: "table"}},
		{argv: "snapshot board --all", wantErr: "--all goes with --list"},
		{argv: "snapshot --list board", wantErr: "--list takes no snapshot kind"},
		{argv: "snapshot board --date soon", wantErr: `--date: "soon" is not a date in YYYY-MM-DD form, e.g. 2023-03-31`},
	})
}

func TestTextconvFlags(t *testing.T) {
	strip := func(o textconvOptions) textconvOptions { o.globalOptions = nil; return o }
	testFlags(t, newTextconvCmd, strip, []flagCase[textconvOptions]{
		{argv: "textconv /tmp/x.yaml", want: textconvOptions{file: "/tmp/x.yaml"}},
		{argv: "textconv", wantErr: "accepts 1 arg(s), received 0"},
	})
}

func TestKPIsFlags(t *testing.T) {
	strip := func(o kpisOptions) kpisOptions { o.globalOptions = nil; return o }
	testFlags(t, newKPIsCmd, strip, []flagCase[kpisOptions]{
		{argv: "kpis", want: kpisOptions{reportOptions: reportOptions{output: "table"}}},
		{argv: "kpis --rag red --explain --theme B -o csv", want: kpisOptions{reportOptions: reportOptions{output: "csv", explain: true}, rag: "red", filter: plan.ScorecardFilter{Theme: "B", ByRAG: true, RAG: plan.Red}}},
		{argv: "kpis --rag unrated --priority P8", want: kpisOptions{reportOptions: reportOptions{output: "table"}, rag: "unrated", filter: plan.ScorecardFilter{Priority: "P8", ByRAG: true, RAG: plan.Unrated}}},
		{argv: "kpis --rev HEAD~1", want: kpisOptions{reportOptions: reportOptions{output: "table"}}, global: globalFlags{rev: "HEAD~1"}},
		{argv: "kpis one", want: kpisOptions{reportOptions: reportOptions{output: "table"}, dirs: []string{"one"}}},
		{argv: "kpis --rag purple", wantErr: `--rag: "purple" is not a rating: use red, amber, green or unrated`},
		{argv: "kpis -o text", wantErr: `invalid argument "text" for "-o, --output" flag: must be one of table, json, markdown, csv`},
		{argv: "kpis nowhere", wantErr: "plan directory nowhere: no such file or directory"},
		{argv: "kpis --at 2026-10-01 --portfolio councils", wantErr: "--rev and --at read one plan, not several"},
	})
}

func TestRisksFlags(t *testing.T) {
	strip := func(o risksOptions) risksOptions { o.globalOptions = nil; return o }
	testFlags(t, newRisksCmd, strip, []flagCase[risksOptions]{
		{argv: "risks", want: risksOptions{reportOptions: reportOptions{output: "table"}}},
		{argv: "risks --priority P3 -o markdown", want: risksOptions{reportOptions: reportOptions{output: "markdown"}, priority: "P3"}},
		{argv: "risks -o csv --at board", want: risksOptions{reportOptions: reportOptions{output: "csv"}}, global: globalFlags{at: "board"}},
		{argv: "risks one", want: risksOptions{reportOptions: reportOptions{output: "table"}, dirs: []string{"one"}}},
		{argv: "risks -o html", wantErr: `invalid argument "html" for "-o, --output" flag: must be one of table, json, markdown, csv`},
		{argv: "risks --explain", wantErr: "unknown flag: --explain"},
		{argv: "risks nowhere", wantErr: "plan directory nowhere: no such file or directory"},
	})
}

func TestTraceFlags(t *testing.T) {
	strip := func(o reportOptions) reportOptions { o.globalOptions = nil; return o }
	testFlags(t, newTraceCmd, strip, []flagCase[reportOptions]{
		{argv: "trace", want: reportOptions{output: "table"}},
		{argv: "trace -o csv --at board", want: reportOptions{output: "csv"}, global: globalFlags{at: "board"}},
		{argv: "trace P1", wantErr: `unknown command "P1" for "plan trace"`},
		{argv: "trace --explain", wantErr: "unknown flag: --explain"},
	})
}

func TestExceptionsFlags(t *testing.T) {
	strip := func(o exceptionsOptions) exceptionsOptions { o.globalOptions = nil; return o }
	testFlags(t, newExceptionsCmd, strip, []flagCase[exceptionsOptions]{
		{argv: "exceptions", want: exceptionsOptions{reportOptions: reportOptions{output: "table"}}},
		{argv: "exceptions --since board -o markdown", want: exceptionsOptions{reportOptions: reportOptions{output: "markdown"}, since: "board"}},
		{argv: "exceptions one one", want: exceptionsOptions{reportOptions: reportOptions{output: "table"}, dirs: []string{"one"}}},
		{argv: "exceptions --portfolio councils", want: exceptionsOptions{reportOptions: reportOptions{output: "table"}, dirs: []string{"councils/a", "councils/b"}}, global: globalFlags{portfolio: "councils"}},
		{argv: "exceptions --since board one", wantErr: "--since reads one plan's history"},
		{argv: "exceptions --since board --portfolio councils", wantErr: "--since reads one plan's history"},
		{argv: "exceptions -o csv", wantErr: `invalid argument "csv" for "-o, --output" flag: must be one of table, json, markdown`},
	})
}

func TestCardFlags(t *testing.T) {
	strip := func(o cardOptions) cardOptions { o.globalOptions = nil; return o }
	testFlags(t, newCardCmd, strip, []flagCase[cardOptions]{
		{argv: "card P8", want: cardOptions{reportOptions: reportOptions{output: "text"}, id: "P8"}},
		{argv: "card P8 --since board -o markdown --rev HEAD", want: cardOptions{reportOptions: reportOptions{output: "markdown"}, id: "P8", since: "board"}, global: globalFlags{rev: "HEAD"}},
		{argv: "card", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "card P8 P9", wantErr: "accepts 1 arg(s), received 2"},
		{argv: "card P8 -o table", wantErr: `invalid argument "table" for "-o, --output" flag: must be one of text, json, markdown`},
	})
}

func TestGlossaryFlags(t *testing.T) {
	strip := func(o glossaryOptions) glossaryOptions { o.globalOptions = nil; return o }
	testFlags(t, newGlossaryCmd, strip, []flagCase[glossaryOptions]{
		{argv: "glossary", want: glossaryOptions{reportOptions: reportOptions{output: "table"}}},
		{argv: "glossary --used -o json", want: glossaryOptions{reportOptions: reportOptions{output: "json"}, used: true}},
		{argv: "glossary ASYE", wantErr: `unknown command "ASYE" for "plan glossary"`},
	})
}

func TestReportFlags(t *testing.T) {
	strip := func(o reportCmdOptions) reportCmdOptions { o.globalOptions = nil; return o }
	testFlags(t, newReportCmd, strip, []flagCase[reportCmdOptions]{
		{argv: "report", want: reportCmdOptions{reportOptions: reportOptions{output: "html"}, audience: "internal"}},
		{argv: "report -o markdown --since 2026-10-01 --audience public --out pack.md", want: reportCmdOptions{reportOptions: reportOptions{output: "markdown"}, since: "2026-10-01", audience: "public", out: "pack.md"}},
		{argv: "report --audience everyone", wantErr: `invalid argument "everyone" for "--audience" flag: must be one of internal, public`},
		{argv: "report -o docx --out pack.docx", want: reportCmdOptions{reportOptions: reportOptions{output: "docx"}, audience: "internal", out: "pack.docx"}},
		{argv: "report -o docx --audience public", want: reportCmdOptions{reportOptions: reportOptions{output: "docx"}, audience: "public"}},
		{argv: "report -o pdf --out pack.pdf --audience public", want: reportCmdOptions{reportOptions: reportOptions{output: "pdf"}, audience: "public", out: "pack.pdf"}},
		{argv: "report -o odt", wantErr: `invalid argument "odt" for "-o, --output" flag: must be one of html, markdown, docx, pdf`},
		{argv: "report pack.html", wantErr: `unknown command "pack.html" for "plan report"`},
	})
}

func TestExportFlags(t *testing.T) {
	strip := func(o exportOptions) exportOptions { o.globalOptions = nil; return o }
	testFlags(t, newExportCmd, strip, []flagCase[exportOptions]{
		{argv: "export plan.xlsx", want: exportOptions{file: "plan.xlsx", format: "xlsx", audience: "internal"}},
		{argv: "export PLAN.XLSX --audience public --rev HEAD~1", want: exportOptions{file: "PLAN.XLSX", format: "xlsx", audience: "public"}, global: globalFlags{rev: "HEAD~1"}},
		{argv: "export actions.CSV --sheet actions --at 2026-10-01", want: exportOptions{file: "actions.CSV", format: "csv", sheet: "actions", audience: "internal"}, global: globalFlags{at: "2026-10-01"}},
		{argv: "export - --sheet kpis", want: exportOptions{file: "-", format: "csv", sheet: "kpis", audience: "internal"}},
		{argv: "export -", want: exportOptions{file: "-", format: "xlsx", audience: "internal"}},
		{argv: "export risks.csv --sheet risks", want: exportOptions{file: "risks.csv", format: "csv", sheet: "risks", audience: "internal"}},
		{argv: "export - --sheet decisions", want: exportOptions{file: "-", format: "csv", sheet: "decisions", audience: "internal"}},
		{argv: "export plan.ods", wantErr: "plan.ods: cannot tell the format from the extension: use .xlsx or .csv"},
		{argv: "export plan", wantErr: "plan: cannot tell the format from the extension: use .xlsx or .csv"},
		{argv: "export plan.xlsx --sheet actions", wantErr: "--sheet actions is for a .csv file; plan.xlsx is a workbook of every sheet"},
		{argv: "export plan.csv", wantErr: "plan.csv: a CSV file holds one table: say which with --sheet"},
		{argv: "export plan.csv --sheet glossary", wantErr: `invalid argument "glossary" for "--sheet" flag: must be one of actions, kpis, findings, risks, decisions`},
		{argv: "export", wantErr: "export needs a FILE to write"},
		{argv: "export a.xlsx councils", wantErr: "export writes one plan to one FILE; got 2 arguments"},
		{argv: "export a.xlsx --portfolio councils", wantErr: "export writes one plan; --portfolio names several"},
	})
}

func TestRateFlags(t *testing.T) {
	strip := func(o rateOptions) rateOptions { o.globalOptions = nil; return o }
	testFlags(t, newRateCmd, strip, []flagCase[rateOptions]{
		{argv: "rate P8.1 red", want: rateOptions{id: "P8.1", rag: "red"}},
		{argv: "rate P8.1 Amber --note why", want: rateOptions{id: "P8.1", rag: "amber", note: "why"}},
		{argv: "rate P8.1 purple", wantErr: `"purple" is not a rating`},
		{argv: "rate P8.1 unrated", wantErr: `"unrated" is not a rating`},
		{argv: "rate P8.1", wantErr: "accepts 2 arg(s), received 1"},
	})
}

func TestSetFlags(t *testing.T) {
	strip := func(o setOptions) setOptions { o.globalOptions = nil; return o }
	testFlags(t, newSetCmd, strip, []flagCase[setOptions]{
		{argv: "set P8.1 due 2027-03-31", want: setOptions{id: "P8.1", name: "due", value: "2027-03-31"}},
		{argv: "set P8.K1 target 18 -C x", want: setOptions{id: "P8.K1", name: "target", value: "18"}, global: globalFlags{dir: "x"}},
		{argv: "set P8.1 due", wantErr: "accepts 3 arg(s), received 2"},
	})
}

func TestDoneFlags(t *testing.T) {
	strip := func(o doneOptions) doneOptions { o.globalOptions = nil; return o }
	testFlags(t, newDoneCmd, strip, []flagCase[doneOptions]{
		{argv: "done P8.2", want: doneOptions{id: "P8.2"}},
		{argv: "done P8.2 --evidence live", want: doneOptions{id: "P8.2", evidence: "live"}},
		{argv: "done P8.2 --date 2026-11-20 --reopen", want: doneOptions{id: "P8.2", day: "2026-11-20", reopen: true}},
		{argv: "done", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "done P8.2 --note x", wantErr: "unknown flag: --note"},
	})
}

func TestRecordFlags(t *testing.T) {
	strip := func(o recordOptions) recordOptions { o.globalOptions = nil; return o }
	testFlags(t, newRecordCmd, strip, []flagCase[recordOptions]{
		{argv: "record P8.K1 2026-09-30 21", want: recordOptions{id: "P8.K1", date: "2026-09-30", value: "21"}},
		{argv: "record P8.K1 2026-11-24 21.5", want: recordOptions{id: "P8.K1", date: "2026-11-24", value: "21.5"}},
		{argv: "record P8.K1 2027-01-31 21 --as-of 2027-02-01", want: recordOptions{id: "P8.K1", date: "2027-01-31", value: "21"}, global: globalFlags{asOf: "2027-02-01"}},
		{argv: "record P8.K1 2026-11-25 21", wantErr: "2026-11-25 is after the as-of date 2026-11-24: an actual measures a period that has ended"},
		{argv: "record P8.K1 30/09/2026 21", wantErr: `date: "30/09/2026" is not a date in YYYY-MM-DD form; write 2026-09-30`},
		{argv: "record P8.K1 2026-09-30 lots", wantErr: `value: "lots" is not a number`},
		{argv: "record P8.K1 2026-09-30 21 --as-of soon", wantErr: `--as-of: "soon" is not a date in YYYY-MM-DD form, e.g. 2023-03-31`},
		{argv: "record P8.K1 2026-09-30", wantErr: "accepts 3 arg(s), received 2"},
	})
}

func TestAddFlags(t *testing.T) {
	strip := func(o addOptions) addOptions { o.globalOptions = nil; return o }
	testFlags(t, newAddCmd, strip, []flagCase[addOptions]{
		{argv: "add action P8 --title Recruit", want: addOptions{kind: plan.KindAction, priority: "P8", title: "Recruit", status: "planned"}},
		{argv: "add action P8 --title Recruit --owner dcs --due 2027-04-30 --status in-progress --rag green --note n --addresses F1,F2", want: addOptions{kind: plan.KindAction, priority: "P8", title: "Recruit", owner: "dcs", due: "2027-04-30", status: "in-progress", rag: "green", note: "n", addresses: []string{"F1", "F2"}}},
		{argv: "add kpi P8 --title Leavers --better lower --target 10 --unit % --tolerance 2 --frequency quarterly", want: addOptions{kind: plan.KindKPI, priority: "P8", title: "Leavers", better: "lower", target: "10", unit: "%", tolerance: "2", frequency: "quarterly"}},
		{argv: "add action P8", wantErr: `required flag(s) "title" not set`},
		{argv: "add kpi P8 --title Leavers", wantErr: `required flag(s) "better", "target" not set`},
		{argv: "add kpi P8 --title Leavers --better lower --target 10 --due 2027-01-01", wantErr: "unknown flag: --due"},
		{argv: "add action --title Recruit", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "add theme C --title Partnerships", want: addOptions{kind: plan.KindTheme, id: "C", title: "Partnerships"}},
		{argv: "add priority P13 --theme B --title Leaders --owner dcs --file p/13.yaml", want: addOptions{kind: plan.KindPriority, id: "P13", theme: "B", title: "Leaders", owner: "dcs", file: "p/13.yaml"}},
		{argv: "add priority P13 --theme B --title Leaders", wantErr: `required flag(s) "owner" not set`},
		{argv: "add decision P8 --date 2026-09-27 --body Board --text Agreed --actions P8.1,P8.2", want: addOptions{kind: kindDecision, priority: "P8", date: "2026-09-27", body: "Board", text: "Agreed", actions: []string{"P8.1", "P8.2"}}},
		{argv: "add decision P8 --date 2026-09-27 --body Board", wantErr: `required flag(s) "text" not set`},
		{argv: "add owner qa --name QA --email qa@example.org --role Head", want: addOptions{kind: plan.KindOwner, id: "qa", name: "QA", email: "qa@example.org", role: "Head"}},
		{argv: "add finding F9 --text Late --source Ofsted --visibility internal", want: addOptions{kind: plan.KindFinding, id: "F9", text: "Late", source: "Ofsted", visibility: "internal"}},
		{argv: "add theme C", wantErr: `required flag(s) "title" not set`},
		{argv: "add owner qa", wantErr: `required flag(s) "name" not set`},
		{argv: "add finding F9", wantErr: `required flag(s) "text" not set`},
		{argv: "add theme --title T", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "add owner qa --name QA --title T", wantErr: "unknown flag: --title"},
		{argv: "add term ASYE Assessed", want: addOptions{kind: kindTerm, term: "ASYE", meaning: "Assessed"}},
		{argv: "add term ASYE", wantErr: "accepts 2 arg(s), received 1"},
	})
}

func TestRmFlags(t *testing.T) {
	strip := func(o rmOptions) rmOptions { o.globalOptions = nil; return o }
	testFlags(t, newRmCmd, strip, []flagCase[rmOptions]{
		{argv: "rm P8.4", want: rmOptions{id: "P8.4"}},
		{argv: "rm OF25-9 -C x", want: rmOptions{id: "OF25-9"}, global: globalFlags{dir: "x"}},
		{argv: "rm", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "rm P8.4 P8.5", wantErr: "accepts 1 arg(s), received 2"},
	})
}

func TestMvFlags(t *testing.T) {
	strip := func(o mvOptions) mvOptions { o.globalOptions = nil; return o }
	testFlags(t, newMvCmd, strip, []flagCase[mvOptions]{
		{argv: "mv P8.3 --to P9", want: mvOptions{id: "P8.3", to: "P9"}},
		{argv: "mv P8.3", wantErr: `required flag(s) "to" not set`},
		{argv: "mv --to P9", wantErr: "accepts 1 arg(s), received 0"},
	})
}

func TestRebaselineFlags(t *testing.T) {
	strip := func(o rebaselineOptions) rebaselineOptions { o.globalOptions = nil; return o }
	testFlags(t, newRebaselineCmd, strip, []flagCase[rebaselineOptions]{
		{argv: "rebaseline P8.1 --due 2027-06-30 --reason slow --approved Board", want: rebaselineOptions{id: "P8.1", field: "due", value: "2027-06-30", reason: "slow", approved: "Board"}},
		{argv: "rebaseline P8.K1 --target 22 --reason why --proposed --date 2026-11-01", want: rebaselineOptions{id: "P8.K1", field: "target", value: "22", reason: "why", date: "2026-11-01"}},
		{argv: "rebaseline P8.K1 --tolerance 3 --reason why --approved Board", want: rebaselineOptions{id: "P8.K1", field: "tolerance", value: "3", reason: "why", approved: "Board"}},
		{argv: "rebaseline P8.K1 --approve Board", want: rebaselineOptions{id: "P8.K1", approve: "Board"}},
		{argv: "rebaseline P8.1 --reason why --approved Board", wantErr: "say what changes: --due DATE for an action, --target N or --tolerance N for a KPI"},
		{argv: "rebaseline P8.K1 --target 22 --tolerance 3 --reason why --approved Board", wantErr: "--target and --tolerance: a re-baselining changes one field"},
		{argv: "rebaseline P8.1 --due 2027-06-30 --approved Board", wantErr: "a re-baselining needs a reason"},
		{argv: "rebaseline P8.1 --due 2027-06-30 --reason why", wantErr: "say who approved the change with --approved WHO, or --proposed if it awaits approval"},
		{argv: "rebaseline P8.1 --due 2027-06-30 --reason why --approved Board --proposed", wantErr: "--approved and --proposed: a change is either approved or proposed"},
		{argv: "rebaseline P8.1 --due 30/06/2027 --reason why --proposed", wantErr: `--due: "30/06/2027" is not a date in YYYY-MM-DD form; write 2027-06-30`},
		{argv: "rebaseline P8.K1 --target lots --reason why --proposed", wantErr: `--target: "lots" is not a number`},
		{argv: "rebaseline P8.1 --due 2027-06-30 --reason why --proposed --date soon", wantErr: `--date: "soon" is not a date in YYYY-MM-DD form, e.g. 2023-03-31`},
		{argv: "rebaseline P8.K1 --approve Board --reason why", wantErr: "--approve approves the pending proposal as it was made: --reason cannot go with it"},
		{argv: "rebaseline --approve Board", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "rebaseline P8.K1 --trajectory 2027-03-31=30 --reason why --approved Board", want: rebaselineOptions{id: "P8.K1", field: "trajectory", point: "2027-03-31", value: "30", reason: "why", approved: "Board"}},
		{argv: "rebaseline P8.K1 --trajectory 30 --reason why --approved Board", wantErr: "--trajectory 30: write the point as DATE=VALUE"},
		{argv: "rebaseline P8.K1 --trajectory 2027-03-31=lots --reason why --approved Board", wantErr: `--trajectory: "lots" is not a number`},
		{argv: "rebaseline P8.K1 --trajectory 31/03/2027=30 --reason why --approved Board", wantErr: `--trajectory: "31/03/2027" is not a date in YYYY-MM-DD form; write 2027-03-31`},
		{argv: "rebaseline P8.K1 --target 22 --trajectory 2027-03-31=30 --reason why --approved Board", wantErr: "--target and --trajectory: a re-baselining changes one field"},
	})
}

func TestReviewFlags(t *testing.T) {
	strip := func(o reviewOptions) reviewOptions { o.globalOptions = nil; return o }
	testFlags(t, newReviewCmd, strip, []flagCase[reviewOptions]{
		{argv: "review P8.1 P8.3 --note ok", want: reviewOptions{ids: []string{"P8.1", "P8.3"}, note: "ok"}},
		{argv: "review --owner dcs --note ok", want: reviewOptions{ids: []string{}, owner: "dcs", note: "ok"}},
		{argv: "review --priority P8 --note ok", want: reviewOptions{ids: []string{}, priority: "P8", note: "ok"}},
		{argv: "review --note ok", wantErr: "say which actions were reviewed: ids, --owner O or --priority P"},
		{argv: "review P8.1 --owner dcs --note ok", wantErr: "choose the actions one way: ids, --owner or --priority"},
		{argv: "review P8.1", wantErr: "a review needs a note"},
	})
}

func TestFmtFlags(t *testing.T) {
	strip := func(o fmtOptions) fmtOptions { o.globalOptions = nil; return o }
	testFlags(t, newFmtCmd, strip, []flagCase[fmtOptions]{
		{argv: "fmt", want: fmtOptions{files: []string{}}},
		{argv: "fmt --check", want: fmtOptions{check: true, files: []string{}}},
		{argv: "fmt -", want: fmtOptions{files: []string{"-"}}},
		{argv: "fmt a.yaml b.yaml", want: fmtOptions{files: []string{"a.yaml", "b.yaml"}}},
		{argv: "fmt --write", wantErr: "unknown flag: --write"},
	})
}

func TestSchemaFlags(t *testing.T) {
	strip := func(o schemaOptions) schemaOptions { o.globalOptions = nil; return o }
	testFlags(t, newSchemaCmd, strip, []flagCase[schemaOptions]{
		{argv: "schema plan", want: schemaOptions{which: "plan"}},
		{argv: "schema priority", want: schemaOptions{which: "priority"}},
		{argv: "schema --write .plan", want: schemaOptions{write: ".plan"}},
		{argv: "schema", wantErr: "say which schema: plan or priority"},
		{argv: "schema kpi", wantErr: "say which schema: plan or priority"},
		{argv: "schema plan priority", wantErr: "say which schema: plan or priority"},
		{argv: "schema --write .plan plan", wantErr: `unknown command "plan" for "plan schema"`},
	})
}

func TestDocsFlags(t *testing.T) {
	strip := func(o docsOptions) docsOptions {
		if o.root == nil || o.root.Name() != "plan" {
			o.man = "no root"
		}
		o.globalOptions, o.root = nil, nil
		return o
	}
	testFlags(t, newDocsCmd, strip, []flagCase[docsOptions]{
		{argv: "docs --man m", want: docsOptions{man: "m"}},
		{argv: "docs --markdown md --man m", want: docsOptions{man: "m", markdown: "md"}},
		{argv: "docs", wantErr: "say where: --man DIR or --markdown DIR"},
		{argv: "docs m", wantErr: `unknown command "m" for "plan docs"`},
	})
}

func TestInitFlags(t *testing.T) {
	strip := func(o initOptions) initOptions { o.globalOptions = nil; return o }
	testFlags(t, newInitCmd, strip, []flagCase[initOptions]{
		{argv: "init", want: initOptions{dir: "."}},
		{argv: "init plans/new", want: initOptions{dir: "plans/new"}},
		{argv: "init a b", wantErr: "accepts at most 1 arg(s), received 2"},
	})
}

func TestImportFlags(t *testing.T) {
	strip := func(o importOptions) importOptions { o.globalOptions = nil; return o }
	testFlags(t, newImportCmd, strip, []flagCase[importOptions]{
		{argv: "import t.xlsx --to p", want: importOptions{file: "t.xlsx", to: "p"}},
		{argv: "import t.xlsx --to p --sheet A --sheet KPIs --map due=When --map title=Job --title T --organisation O",
			want: importOptions{file: "t.xlsx", to: "p", sheets: []string{"A", "KPIs"}, maps: []string{"due=When", "title=Job"}, title: "T", organisation: "O"}},
		{argv: "import t.xlsx", wantErr: `required flag(s) "to" not set`},
		{argv: "import --to p", wantErr: "accepts 1 arg(s), received 0"},
		{argv: "import a b --to p", wantErr: "accepts 1 arg(s), received 2"},
	})
}

func TestReturnsFlags(t *testing.T) {
	strip := func(o returnsOptions) returnsOptions { o.globalOptions = nil; return o }
	build := func(g *globalOptions, runF func(*returnsOptions) error) *cobra.Command {
		return newReturnsCmd(g, runF, nil)
	}
	testFlags(t, build, strip, []flagCase[returnsOptions]{
		{argv: "returns --out r", want: returnsOptions{out: "r"}},
		{argv: "returns --out r --owner a --owner b --due 2026-12-11", want: returnsOptions{out: "r", owners: []string{"a", "b"}, due: "2026-12-11"}},
		{argv: "returns", wantErr: `required flag(s) "out" not set`},
		{argv: "returns x --out r", wantErr: `unknown command "x" for "plan returns"`},
	})
	stripApply := func(o applyOptions) applyOptions { o.globalOptions = nil; return o }
	buildApply := func(g *globalOptions, runF func(*applyOptions) error) *cobra.Command {
		return newReturnsCmd(g, nil, runF)
	}
	testFlags(t, buildApply, stripApply, []flagCase[applyOptions]{
		{argv: "returns apply a.xlsx b.xlsx", want: applyOptions{files: []string{"a.xlsx", "b.xlsx"}}},
		{argv: "returns apply a.xlsx --theirs --dry-run", want: applyOptions{files: []string{"a.xlsx"}, theirs: true, dryRun: true}},
		{argv: "returns apply", wantErr: "requires at least 1 arg(s), only received 0"},
	})
}
