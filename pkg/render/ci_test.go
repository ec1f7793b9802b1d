package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plan-tool/plan/plan"
)

var ci = CI{Dir: "plans/bradford", Version: "v1.2.3 (go1.25.0)", SemanticVersion: "1.2.3", AsOf: asOf}

func TestCIGolden(t *testing.T) {
	runGoldens(t, []goldenCase{
		{"check.github", func(b *bytes.Buffer) error { return CIFindings(b, diagnostics(), GitHub, ci) }},
		{"check-summary.md", func(b *bytes.Buffer) error { return GitHubSummary(b, diagnostics(), ci) }},
		{"check-none-summary.md", func(b *bytes.Buffer) error { return GitHubSummary(b, nil, ci) }},
		{"check.junit.xml", func(b *bytes.Buffer) error { return CIFindings(b, diagnostics(), JUnit, ci) }},
		{"check-none.junit.xml", func(b *bytes.Buffer) error { return CIFindings(b, nil, JUnit, ci) }},
		{"check.sarif", func(b *bytes.Buffer) error { return CIFindings(b, diagnostics(), SARIF, ci) }},
	})
}

// TestGitHubEscaping: a message or path holding the characters workflow
// commands use must not end the command early or start another, and
// control characters are shown, not acted on.
func TestGitHubEscaping(t *testing.T) {
	d := plan.Diagnostic{Rule: plan.RuleBadValue, Severity: plan.SeverityError,
		Pos: plan.Pos{File: "a,b:c/100%.yaml", Line: 3, Column: 7}, Message: "50% done\n::error::injected\rhere\x1b[2J"}
	var b bytes.Buffer
	if err := CIFindings(&b, []plan.Diagnostic{d}, GitHub, CI{}); err != nil {
		t.Fatal(err)
	}
	want := `::error file=a%2Cb%3Ac/100%25.yaml,line=3,col=7,title=bad-value::50%25 done\n::error::injected\rhere\x1b[2J` + "\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	if n := strings.Count(b.String(), "\n"); n != 1 {
		t.Errorf("one finding made %d lines", n)
	}
}

// TestJUnitReadsBack: the XML is well formed and counts what it holds: one
// case per finding, an error a failure, a warning a skipped case (which
// GitLab, Jenkins and Azure DevOps show as neither passed nor failed), and
// an info finding a passed case that says so.
func TestJUnitReadsBack(t *testing.T) {
	info := plan.Diagnostic{Rule: plan.RuleUnusedGlossaryTerm, Severity: plan.SeverityInfo, Pos: plan.Pos{File: "plan.yaml", Line: 30, Column: 3}, Message: "glossary term MASH is not used"}
	for _, ds := range [][]plan.Diagnostic{append(diagnostics(), info), nil} {
		var b bytes.Buffer
		if err := CIFindings(&b, ds, JUnit, ci); err != nil {
			t.Fatal(err)
		}
		var got junitSuites
		if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
		}
		count := map[plan.Severity]int{}
		for _, d := range ds {
			count[d.Severity]++
		}
		s := got.Suites[0]
		if got.Failures != count[plan.SeverityError] || s.Failures != count[plan.SeverityError] || s.Skipped != count[plan.SeverityWarning] ||
			got.Tests != max(len(ds), 1) || len(s.Cases) != s.Tests {
			t.Errorf("counts: %d tests, %d failures (suite %d/%d/%d skipped, %d cases); want %d findings, %d errors, %d warnings",
				got.Tests, got.Failures, s.Tests, s.Failures, s.Skipped, len(s.Cases), len(ds), count[plan.SeverityError], count[plan.SeverityWarning])
		}
		for i, d := range ds {
			c := s.Cases[i]
			switch {
			case d.Severity == plan.SeverityError && (c.Failure == nil || c.Skipped != nil):
				t.Errorf("error %q is not a failed case", d.Message)
			case d.Severity == plan.SeverityWarning && (c.Skipped == nil || c.Failure != nil || !strings.Contains(c.Skipped.Message, d.Message)):
				t.Errorf("warning %q is not a skipped case that says it", d.Message)
			case d.Severity == plan.SeverityInfo && (c.Skipped != nil || c.Failure != nil || !strings.Contains(c.SystemOut, d.Message)):
				t.Errorf("info %q is not a passed case that says it", d.Message)
			}
		}
	}
}

// TestSARIFDescribesRules: the tool has a version and every rule a full
// description and help, which GitHub code scanning shows beside an alert.
func TestSARIFDescribesRules(t *testing.T) {
	var b bytes.Buffer
	if err := CIFindings(&b, diagnostics(), SARIF, ci); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	driver := log.Runs[0].Tool.Driver
	if driver.Version != ci.Version || driver.SemanticVersion != "1.2.3" {
		t.Errorf("driver version %q, semantic version %q; want %q and 1.2.3", driver.Version, driver.SemanticVersion, ci.Version)
	}
	if len(driver.Rules) != len(plan.Rules()) {
		t.Fatalf("%d rules described; plan has %d", len(driver.Rules), len(plan.Rules()))
	}
	for i, r := range plan.Rules() {
		sr := driver.Rules[i]
		if sr.ID != string(r.Name) || sr.FullDescription == nil || !strings.Contains(sr.FullDescription.Text, r.Summary[1:]) ||
			sr.Help == nil || !strings.Contains(sr.Help.Text, r.Summary) || !strings.Contains(sr.Help.Markdown, r.Summary) ||
			!strings.HasPrefix(sr.HelpURI, "https://") {
			t.Errorf("rule %s is not fully described: %+v", r.Name, sr)
		}
	}
}

// TestSARIFValidates checks the output against the SARIF 2.1.0 schema
// (testdata/sarif-2.1.0-rtm.5.schema.json, from schemastore.org by way of
// the MIT-licensed @microsoft/jest-sarif package).
func TestSARIFValidates(t *testing.T) {
	f, err := os.Open("testdata/sarif-2.1.0-rtm.5.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // opened to read: its close loses nothing
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range [][]plan.Diagnostic{diagnostics(), nil} {
		var b bytes.Buffer
		if err := CIFindings(&b, ds, SARIF, ci); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("SARIF output does not validate: %v", err)
		}
	}
	// A schema check that cannot fail proves nothing: a broken log must not pass.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0", "runs": [{"results": []}]}`))
	if schema.Validate(bad) == nil {
		t.Error("a run with no tool validated")
	}
}
