package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/plan"
)

// The formats CI systems read.
const (
	GitHub Format = "github" // GitHub Actions workflow commands
	JUnit  Format = "junit"  // JUnit XML, for GitLab, Jenkins and most CI test reports
	SARIF  Format = "sarif"  // SARIF 2.1.0, for code-scanning dashboards
)

// CI says where findings sit in the repository a CI system checked out.
type CI struct {
	// Dir is the plan directory relative to the repository root,
	// slash-separated ("" for the root). Finding paths are joined to it,
	// because CI systems place annotations by repository path.
	Dir     string
	Version string // the tool's version as plan --version gives it, for SARIF
	// SemanticVersion is the release's version without its "v" ("1.2.3"),
	// or "" for a build that is not a release.
	SemanticVersion string
	AsOf            plan.Date
}

func (c CI) file(d plan.Diagnostic) string { return path.Join(c.Dir, d.Pos.File) }

// CIFindings writes check findings in a CI system's format: GitHub, JUnit
// or SARIF.
func CIFindings(w io.Writer, ds []plan.Diagnostic, f Format, c CI) error {
	switch f {
	case GitHub:
		return githubCommands(w, ds, c)
	case JUnit:
		return junit(w, ds, c)
	case SARIF:
		return sarif(w, ds, c)
	}
	return fmt.Errorf("findings cannot be written as %q", f)
}

// visibleDiagnostics returns copies of ds whose file names and messages
// hold no character that could act on a log viewer or forge a line of a
// log: those are made visible.
func visibleDiagnostics(ds []plan.Diagnostic) []plan.Diagnostic {
	out := make([]plan.Diagnostic, len(ds))
	for i, d := range ds {
		d.Pos.File, d.Message = textsafe.Visible(d.Pos.File), textsafe.Visible(d.Message)
		out[i] = d
	}
	return out
}

// githubCommands writes one workflow command per finding, which GitHub
// shows as an annotation on the file and line:
//
//	::error file=F,line=L,col=C,title=RULE::MESSAGE
func githubCommands(w io.Writer, ds []plan.Diagnostic, c CI) error {
	for _, d := range visibleDiagnostics(ds) {
		level := map[plan.Severity]string{plan.SeverityError: "error", plan.SeverityWarning: "warning"}[d.Severity]
		if level == "" {
			level = "notice"
		}
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			githubProperty(c.file(d)), d.Pos.Line, d.Pos.Column, githubProperty(string(d.Rule)), githubData(d.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes a workflow command's message as the Actions toolkit
// does.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value: as a
// message, and also the separators ':' and ','.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// GitHubSummary writes the Markdown a GitHub Actions job appends to
// $GITHUB_STEP_SUMMARY: the counts and a table of the findings.
func GitHubSummary(w io.Writer, ds []plan.Diagnostic, c CI) error {
	ds = visibleDiagnostics(ds)
	var b strings.Builder
	counts := map[plan.Severity]int{}
	for _, d := range ds {
		counts[d.Severity]++
	}
	b.WriteString("### plan check\n\n")
	switch {
	case len(ds) == 0:
		fmt.Fprintf(&b, "No findings (as of %s).\n", c.AsOf)
	default:
		fmt.Fprintf(&b, "%s: %s, %s", plan.Plural(len(ds), "finding", "findings"),
			plan.Plural(counts[plan.SeverityError], "error", "errors"), plan.Plural(counts[plan.SeverityWarning], "warning", "warnings"))
		if counts[plan.SeverityInfo] > 0 {
			fmt.Fprintf(&b, ", %d info", counts[plan.SeverityInfo])
		}
		fmt.Fprintf(&b, " (as of %s).\n\n", c.AsOf)
		b.WriteString("| Severity | Where | Rule | Finding |\n|---|---|---|---|\n")
		for _, d := range ds {
			fmt.Fprintf(&b, "| %s | `%s:%d` | %s | %s |\n", d.Severity, c.file(d), d.Pos.Line, d.Rule, mdEscape(d.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// JUnit XML, in the form GitLab, Jenkins and Azure DevOps read: one test
// case per finding. An error is a failure. A warning is a skipped case with
// the finding as its message and text: JUnit has no "warning", and viewers
// ignore the output of a passed case (GitLab shows no details for one), so
// a warning written as a pass would look like no finding at all; a skipped
// case is counted and shown apart from passes and failures by all three
// (GitLab "skipped", Jenkins "skipped", Azure DevOps "not executed") without
// failing the job. An info finding is a passed case that says so. A run with
// no findings is one passing case, so the report is never empty.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func junit(w io.Writer, ds []plan.Diagnostic, c CI) error {
	ds = visibleDiagnostics(ds)
	suite := junitSuite{Name: "plan check"}
	for _, d := range ds {
		loc := fmt.Sprintf("%s:%d:%d", c.file(d), d.Pos.Line, d.Pos.Column)
		tc := junitCase{Name: fmt.Sprintf("%s [%s]", loc, d.Rule), Classname: c.file(d), File: c.file(d), Line: d.Pos.Line}
		text := fmt.Sprintf("%s: %s: %s [%s]", loc, d.Severity, d.Message, d.Rule)
		switch d.Severity {
		case plan.SeverityError:
			tc.Failure = &junitFailure{Message: d.Message, Type: string(d.Rule), Text: text}
			suite.Failures++
		case plan.SeverityWarning:
			tc.Skipped = &junitSkipped{Message: fmt.Sprintf("warning: %s [%s]", d.Message, d.Rule), Text: text}
			suite.Skipped++
		default:
			tc.SystemOut = text
		}
		suite.Cases = append(suite.Cases, tc)
	}
	if len(ds) == 0 {
		suite.Cases = append(suite.Cases, junitCase{Name: fmt.Sprintf("no findings (as of %s)", c.AsOf), Classname: "plan check"})
	}
	suite.Tests = len(suite.Cases)
	out := junitSuites{Name: "plan check", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run of
// the tool, every rule described, one result per finding.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifMessage   `json:"shortDescription"`
	FullDescription      *sarifMessage  `json:"fullDescription,omitempty"`
	Help                 *sarifMultiple `json:"help,omitempty"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

// sarifMultiple is SARIF's multiformatMessageString: text, and the same
// in Markdown for viewers that render it.
type sarifMultiple struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// sarifURI is the home of the tool, named in SARIF output; sarifRulesURI
// is the table of check's rules in its README.
const (
	sarifURI      = "https://github.com/plan-tool/plan"
	sarifRulesURI = sarifURI + "#the-rules"
)

// ruleHelp describes a rule for a code-scanning viewer, from what plan
// knows of it: what it finds, what kind of rule it is and whether it fails
// a run. It returns a sentence for the full description, and help as text
// and as Markdown.
func ruleHelp(r plan.RuleInfo) (full string, help sarifMultiple) {
	full = strings.ToUpper(r.Summary[:1]) + r.Summary[1:] + "."
	var kind, fails string
	switch {
	case r.Structural:
		kind = "A structural rule: the file is wrong as written, and the reports (status, overdue, report and the rest) refuse a plan with such a finding until it is fixed."
	case r.Info:
		kind = "Information rather than a problem: shown as a note."
	default:
		kind = "A policy rule, applied on the as-of date (--as-of, else PLAN_AS_OF, else today in the UK)."
	}
	if r.FailsByDefault {
		fails = "Fails the run by default; plan check --fail-on chooses the rules that fail."
	} else {
		fails = "Does not fail the run unless plan check --fail-on names it."
	}
	help.Text = fmt.Sprintf("%s: %s. %s %s The rules: %s", r.Name, r.Summary, kind, fails, sarifRulesURI)
	help.Markdown = fmt.Sprintf("**%s**: %s.\n\n%s\n\n%s\n\nSee [the rules](%s) in plan's README.",
		r.Name, r.Summary, kind, strings.ReplaceAll(fails, "plan check --fail-on", "`plan check --fail-on`"), sarifRulesURI)
	return full, help
}

func sarif(w io.Writer, ds []plan.Diagnostic, c CI) error {
	driver := sarifDriver{Name: "plan", Version: c.Version, SemanticVersion: c.SemanticVersion, InformationURI: sarifURI}
	index := map[plan.Rule]int{}
	for i, r := range plan.Rules() {
		full, help := ruleHelp(r)
		sr := sarifRule{ID: string(r.Name), ShortDescription: sarifMessage{r.Summary},
			FullDescription: &sarifMessage{full}, Help: &help, HelpURI: sarifRulesURI}
		sr.DefaultConfiguration.Level = "warning"
		if r.FailsByDefault {
			sr.DefaultConfiguration.Level = "error"
		} else if r.Info {
			sr.DefaultConfiguration.Level = "note"
		}
		driver.Rules = append(driver.Rules, sr)
		index[r.Name] = i
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, d := range ds {
		level := map[plan.Severity]string{plan.SeverityError: "error", plan.SeverityWarning: "warning", plan.SeverityInfo: "note"}[d.Severity]
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = (&url.URL{Path: c.file(d)}).EscapedPath()
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = "%SRCROOT%"
		loc.PhysicalLocation.Region.StartLine = max(d.Pos.Line, 1)
		loc.PhysicalLocation.Region.StartColumn = max(d.Pos.Column, 1)
		run.Results = append(run.Results, sarifResult{
			RuleID: string(d.Rule), RuleIndex: index[d.Rule], Level: level,
			Message: sarifMessage{d.Message}, Locations: []sarifLocation{loc},
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err := w.Write(textsafe.JSON(buf.Bytes()))
	return err
}
