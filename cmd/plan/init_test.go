package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/plan-tool/plan/plan"
)

// TestInitExampleValidates: the files plan init writes satisfy the schemas
// it writes beside them, as an editor will check them, and the loader.
func TestInitExampleValidates(t *testing.T) {
	dir := t.TempDir()
	d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	if code := run(context.Background(), []string{"init", dir}, d); code != 0 {
		t.Fatalf("plan init: exit %d: %s", code, errOut)
	}
	c := jsonschema.NewCompiler()
	for file, schema := range map[string]string{"plan.yaml": "plan.schema.json", "priorities/01-workforce.yaml": "priority.schema.json"} {
		sdata, err := os.ReadFile(filepath.Join(dir, ".plan", schema))
		if err != nil {
			t.Fatal(err)
		}
		sdoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sdata))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schema, sdoc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile(schema)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		// Dates stay strings, as YAML 1.2 editors read them.
		var v any
		var node yaml.Node
		if err := yaml.Unmarshal(data, &node); err != nil {
			t.Fatal(err)
		}
		stringDates(&node)
		if err := node.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not satisfy %s: %v", file, schema, err)
		}
	}
	p, diags, err := plan.Load(os.DirFS(dir))
	if err != nil || len(diags) > 0 || len(p.Priorities) != 1 {
		t.Errorf("the example does not load cleanly: %v %v", err, diags)
	}
}

func stringDates(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!timestamp" {
		n.Tag = "!!str"
	}
	for _, c := range n.Content {
		stringDates(c)
	}
}

// TestInitWorkflow: the workflow plan init writes keeps CI worth reading
// for a plan with something overdue, which is most plans under
// intervention. A pull request is judged on the files as written and on
// the review gate against its base; the whole check, which fails on
// anything overdue, runs only on a schedule, by hand and on the default
// branch. The README shows the same workflow.
func TestInitWorkflow(t *testing.T) {
	dir := t.TempDir()
	d, _, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	if code := run(context.Background(), []string{"init", dir}, d); code != 0 {
		t.Fatalf("plan init: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "plan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		If   string         `yaml:"if"`
		Run  string         `yaml:"run"`
		With map[string]any `yaml:"with"`
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			Env   map[string]string `yaml:"env"`
			Steps []step            `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	for _, event := range []string{"pull_request", "push", "schedule"} {
		if _, ok := wf.On[event]; !ok {
			t.Errorf("the workflow does not run on %s", event)
		}
	}
	job, ok := wf.Jobs["check"]
	if !ok {
		t.Fatalf("no job named check:\n%s", data)
	}
	if full := job.Env["FULL"]; !strings.Contains(full, "'schedule'") || !strings.Contains(full, "default_branch") || strings.Contains(full, "pull_request") {
		t.Errorf("FULL, which runs the whole check, is %q: it should hold on a schedule and on the default branch, and not on pull requests", full)
	}
	var structural, whole, gate, history bool
	for _, s := range job.Steps {
		if s.With["fetch-depth"] == 0 {
			history = true
		}
		switch {
		case strings.HasPrefix(s.Run, "plan check") && strings.Contains(s.Run, "--fail-on structural"):
			structural = s.If == "env.FULL != 'true'"
		case strings.HasPrefix(s.Run, "plan check"):
			whole = true
			if s.If != "env.FULL == 'true'" {
				t.Errorf("the whole check runs if %q; it must run only when FULL is true, or it fails every pull request of a plan with anything overdue", s.If)
			}
		case strings.Contains(s.Run, "plan diff"):
			gate = strings.Contains(s.If, "pull_request")
			m := regexp.MustCompile(`plan diff "\$BASE" HEAD --fail-on (\S+)`).FindStringSubmatch(s.Run)
			if m == nil {
				t.Fatalf("the review gate does not compare the base with HEAD: %q", s.Run)
			}
			kinds, err := plan.ParseGate(strings.Split(m[1], ","))
			if err != nil {
				t.Errorf("the review gate's --fail-on: %v", err)
			}
			for _, k := range []plan.GateRule{"slipped", "target-changed", "rating-changed-without-note"} {
				if !slices.Contains(kinds, k) {
					t.Errorf("the review gate does not refuse %s", k)
				}
			}
		}
	}
	if !structural || !whole || !gate || !history {
		t.Errorf("structural check on pull requests %v, whole check %v, review gate on pull requests %v, whole history fetched %v; want all:\n%s", structural, whole, gate, history, data)
	}

	readme := readmeText(t)
	const first = "```yaml\n# .github/workflows/plan.yml\n"
	i := strings.Index(readme, first)
	if i < 0 {
		t.Fatal("README.md does not show .github/workflows/plan.yml")
	}
	shown := readme[i+len(first):]
	shown = shown[:strings.Index(shown, "```\n")]
	if shown != string(data) {
		if *update {
			if err := os.WriteFile("../../README.md", []byte(readme[:i+len(first)]+string(data)+readme[i+len(first)+len(shown):]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's .github/workflows/plan.yml is not what plan init writes (-update rewrites it):\n%s", data)
	}
}

// TestInitPinsItsRelease: a released plan writes a workflow that installs
// that release, checked against its checksums, and says nothing about
// development builds; a development build's workflow stops with an error
// naming what to set, and plan init says so.
func TestInitPinsItsRelease(t *testing.T) {
	for _, c := range []struct {
		version, want string
	}{
		{"v1.4.2", "1.4.2"},
		{"(devel)", ""},
		{"v1.4.3-0.20261127100000-0123456789ab", ""}, // a pseudo-version
		{"v1.5.0-rc.1", ""},
		{"v1.4.2+dirty", ""},
		{"ldflags 2.0.1", "2.0.1"}, // stamped by GoReleaser
		{"ldflags 0.0.1-snapshot-9bcaab2", ""},
	} {
		t.Run(c.version, func(t *testing.T) {
			info := func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: c.version}}, true }
			dir := t.TempDir()
			d, out, errOut := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
			d.buildInfo = info
			if v, ok := strings.CutPrefix(c.version, "ldflags "); ok {
				d.stamp = stamp{version: v}
			}
			if got := releasedVersion(d.moduleVersion()); got != c.want {
				t.Fatalf("releasedVersion(%s) = %q, want %q", c.version, got, c.want)
			}
			if code := run(context.Background(), []string{"init", dir}, d); code != 0 {
				t.Fatalf("plan init: exit %d: %s", code, errOut)
			}
			data, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "plan.yml"))
			if err != nil {
				t.Fatal(err)
			}
			wf := string(data)
			pinned := strings.Contains(wf, `PLAN_VERSION: "`+c.want+`"`)
			warned := strings.Contains(out.String(), "development build")
			if !pinned || warned != (c.want == "") || !strings.Contains(wf, "sha256sum -c -") || strings.Contains(wf, "@latest") {
				t.Errorf("pinned %q: %v, warned: %v\n%s\n%s", c.want, pinned, warned, out, wf)
			}
		})
	}
}

// TestWorkflowDownloadsWhatReleasesHold: the workflow plan init writes,
// the README's install table and GitLab job download files by the names
// .goreleaser.yaml gives them.
func TestWorkflowDownloadsWhatReleasesHold(t *testing.T) {
	cfg, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`name_template: "plan_{{ .Version }}_{{ .Os }}_{{ .Arch }}"`, // archives: .tar.gz, .zip on Windows
		`name_template: "plan_{{ .Version }}_checksums.txt"`,
		`file_name_template: "plan_{{ .Version }}_{{ .Os }}_{{ .Arch }}"`, // packages
	} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf(".goreleaser.yaml no longer names files as the workflow and README download them: no %s", want)
		}
	}
	wf := string(fillTemplate("workflow.yml.tmpl", map[string]string{"PlanVersion": "1.2.3"}))
	for _, want := range []string{`archive="plan_${PLAN_VERSION}_linux_amd64.tar.gz"`, `plan_${PLAN_VERSION}_checksums.txt`, `releases/download/v${PLAN_VERSION}`} {
		if !strings.Contains(wf, want) {
			t.Errorf("the workflow does not download %s", want)
		}
	}
	readme := readmeText(t)
	for _, want := range []string{"plan_X.Y.Z_windows_amd64.zip", "plan_X.Y.Z_darwin_arm64.tar.gz", "plan_X.Y.Z_linux_amd64.deb", "plan_X.Y.Z_linux_amd64.rpm", "plan_X.Y.Z_checksums.txt"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md's Install does not name %s", want)
		}
	}
}
