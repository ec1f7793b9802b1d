package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Files that write every field of every kind of mapping, for the tests
// that hold the loader, Fields, Words and the schema to the table.
const fullPlanYAML = `title: Test plan
organisation: Test Council
period: {start: 2026-01-01, end: 2027-12-31}
themes:
  - {id: A, title: Theme A}
owners:
  - {id: alice, name: Alice, role: Head of Service, email: alice@example.org}
findings:
  - {id: F1, source: Ofsted, text: A finding, visibility: public}
glossary:
  MASH: Multi-Agency Safeguarding Hub
bodies:
  - {id: scrutiny, name: Children's Scrutiny Committee, cycle: 6w}
`

const fullPriorityYAML = `id: P1
theme: A
title: First priority
owner: alice
actions:
  - id: P1.1
    title: Do the first thing
    owner: alice
    due: 2026-03-31
    status: in-progress
    rag: amber
    addresses: [F1]
    note: Going well
    evidence: A report
    visibility: internal
    completed: 2026-04-30
    reviewed: 2026-05-01
    confidence: low
    rebaselined:
      - {date: 2026-01-05, field: due, from: 2026-01-31, reason: Staff left, approved: Board}
kpis:
  - id: P1.K1
    title: Share of agency staff
    owner: alice
    unit: "%"
    better: lower
    target: 25
    tolerance: 5
    frequency: quarterly
    visibility: public
    actuals:
      2026-03-31: 43
    rebaselined:
      - {date: 2026-01-05, field: target, from: 20, reason: Market, approved: Board}
    baseline: {date: 2025-12-31, value: 48}
    trajectory:
      2026-03-31: 45
    addresses: [F1]
decisions:
  - {date: 2026-02-10, body: Improvement Board, text: Add a second recruitment round, actions: [P1.1]}
risks:
  - id: P1.R1
    title: Case recording system fails
    owner: alice
    likelihood: 4
    impact: 5
    target: 8
    controls: Weekly checks with the supplier
    mitigations: [P1.1]
    reviewed: 2026-05-01
`

// mappingNode finds the mapping of a kind in the parsed full files, and
// says which file it is in.
func mappingNode(t *testing.T, kind string) (doc *yaml.Node, m *yaml.Node, planFile bool) {
	t.Helper()
	planFile = slices.Contains([]string{"plan", "period", "theme", "owner", "finding", "body"}, kind)
	src := fullPriorityYAML
	if planFile {
		src = fullPlanYAML
	}
	doc = &yaml.Node{}
	if err := yaml.Unmarshal([]byte(src), doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	get := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		t.Fatalf("no %s in the full files", key)
		return nil
	}
	switch kind {
	case "plan", "priority":
		m = root
	case "period":
		m = get(root, "period")
	case "theme", "owner", "finding", "action", "kpi", "risk", "body":
		m = get(root, map[string]string{"theme": "themes", "owner": "owners", "finding": "findings", "action": "actions", "kpi": "kpis", "risk": "risks", "body": "bodies"}[kind]).Content[0]
	case "rebaselined":
		m = get(get(root, "actions").Content[0], "rebaselined").Content[0]
	case "decision":
		m = get(root, "decisions").Content[0]
	case "baseline":
		m = get(get(root, "kpis").Content[0], "baseline")
	default:
		t.Fatalf("the test does not know where %s is", kind)
	}
	return doc, m, planFile
}

func loadNode(t *testing.T, doc *yaml.Node, planFile bool) []Diagnostic {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := LoadFile("file.yaml", data, planFile)
	return diags
}

// TestFullFilesAreClean: the full files write every field of the table,
// and the loader reads them without a finding.
func TestFullFilesAreClean(t *testing.T) {
	for _, kind := range Mappings() {
		_, m, _ := mappingNode(t, kind)
		var got []string
		for i := 0; i+1 < len(m.Content); i += 2 {
			got = append(got, m.Content[i].Value)
		}
		if !slices.Equal(got, Fields(kind)) {
			t.Errorf("the full %s writes %v; the table has %v", kind, got, Fields(kind))
		}
	}
	for _, c := range []struct {
		src      string
		planFile bool
	}{{fullPlanYAML, true}, {fullPriorityYAML, false}} {
		if _, diags := LoadFile("file.yaml", []byte(c.src), c.planFile); len(diags) > 0 {
			t.Errorf("full file has findings: %v", diags)
		}
	}
}

// TestLoaderFollowsTable: for every field of every kind in the table, the
// loader knows it, reads it (a value of the wrong shape is reported),
// reports it missing exactly when the table says it is required, and
// allows exactly the table's words.
func TestLoaderFollowsTable(t *testing.T) {
	for _, kind := range Mappings() {
		for _, f := range FieldSpecs(kind) {
			t.Run(kind+"."+f.Name, func(t *testing.T) {
				// Left out.
				doc, m, planFile := mappingNode(t, kind)
				for i := 0; i+1 < len(m.Content); i += 2 {
					if m.Content[i].Value == f.Name {
						m.Content = slices.Delete(m.Content, i, i+2)
						break
					}
				}
				missing := false
				for _, d := range loadNode(t, doc, planFile) {
					if d.Rule == RuleMissingField && strings.Contains(d.Message, fmt.Sprintf("%q", f.Name)) {
						missing = true
					}
				}
				if missing != f.Required {
					t.Errorf("left out, missing-field reported: %v; the table says required: %v", missing, f.Required)
				}

				// Of the wrong shape: a list where a list is not wanted,
				// else a mapping.
				doc, m, planFile = mappingNode(t, kind)
				wrong := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "x"}}}
				if f.Type == TypeList || f.Type == TypeIDList || f.Type == TypeRebaselines {
					wrong = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "x"}, {Kind: yaml.ScalarNode, Value: "y"}}}
				}
				setValue(m, f.Name, wrong)
				read := false
				for _, d := range loadNode(t, doc, planFile) {
					if d.Rule == RuleUnknownField {
						t.Errorf("the loader does not know the field: %s", d.Message)
					}
					if d.Rule == RuleBadValue && strings.HasPrefix(d.Message, f.Name+" ") {
						read = true
					}
				}
				if !read {
					t.Errorf("a value of the wrong shape is not reported: the loader does not read the field")
				}

				// Words.
				if f.Type != TypeWord {
					return
				}
				words := f.Words
				if kind == "rebaselined" {
					words = []string{"due"} // the words of the action's rebaselined field
				}
				doc, m, planFile = mappingNode(t, kind)
				setValue(m, f.Name, &yaml.Node{Kind: yaml.ScalarNode, Value: "zzz"})
				want := "must be one of " + strings.Join(words, ", ")
				found := false
				for _, d := range loadNode(t, doc, planFile) {
					if strings.Contains(d.Message, want) {
						found = true
					}
				}
				if !found {
					t.Errorf("a word not in the table is not reported with %q", want)
				}
				if kind != "rebaselined" && !slices.Equal(Words(f.Name), words) {
					t.Errorf("Words(%q) = %v; the table has %v", f.Name, Words(f.Name), words)
				}
			})
		}
	}
}

func setValue(m *yaml.Node, field string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == field {
			m.Content[i+1] = v
		}
	}
}

// TestSchemaFollowsTable: the schema of every kind of mapping has the
// table's fields, required fields and words, each field described by its
// Doc, and lets exactly the optional fields be written with no value.
func TestSchemaFollowsTable(t *testing.T) {
	var planSchema, prioritySchema map[string]any
	if err := json.Unmarshal(mustSchema(t, true), &planSchema); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(mustSchema(t, false), &prioritySchema); err != nil {
		t.Fatal(err)
	}
	obj := func(v any, keys ...string) map[string]any {
		for _, k := range keys {
			v = v.(map[string]any)[k]
		}
		return v.(map[string]any)
	}
	where := map[string]map[string]any{
		"plan":        planSchema,
		"period":      obj(planSchema, "properties", "period"),
		"theme":       obj(planSchema, "$defs", "theme"),
		"owner":       obj(planSchema, "$defs", "owner"),
		"finding":     obj(planSchema, "$defs", "finding"),
		"priority":    prioritySchema,
		"action":      obj(prioritySchema, "$defs", "action"),
		"kpi":         obj(prioritySchema, "$defs", "kpi"),
		"risk":        obj(prioritySchema, "$defs", "risk"),
		"rebaselined": obj(prioritySchema, "$defs", "action", "properties", "rebaselined", "items"),
		"decision":    obj(prioritySchema, "$defs", "decision"),
		"baseline":    obj(prioritySchema, "$defs", "kpi", "properties", "baseline"),
		"body":        obj(planSchema, "$defs", "body"),
	}
	for _, kind := range Mappings() {
		s, ok := where[kind]
		if !ok {
			t.Errorf("the test does not know where %s is in the schema", kind)
			continue
		}
		props := obj(s, "properties")
		if len(props) != len(Fields(kind)) {
			t.Errorf("%s: the schema has %d fields, the table %d", kind, len(props), len(Fields(kind)))
		}
		var required []string
		for _, r := range s["required"].([]any) {
			required = append(required, r.(string))
		}
		for _, f := range FieldSpecs(kind) {
			p, ok := props[f.Name].(map[string]any)
			if !ok {
				t.Errorf("%s: the schema lacks %s", kind, f.Name)
				continue
			}
			if slices.Contains(required, f.Name) != f.Required {
				t.Errorf("%s.%s: required in the schema: %v, in the table: %v", kind, f.Name, !f.Required, f.Required)
			}
			if kind == "rebaselined" && (f.Name == "field" || f.Name == "from") {
				continue // they depend on the item: see TestSchemaAgreesWithLoader
			}
			if d, _ := p["description"].(string); !strings.HasPrefix(d, f.Doc) {
				t.Errorf("%s.%s: the schema describes it as %q, the table as %q", kind, f.Name, d, f.Doc)
			}
			if f.Type == TypeWord {
				var words []string
				for _, w := range p["enum"].([]any) {
					if w != nil {
						words = append(words, w.(string))
					}
				}
				if !slices.Equal(words, f.Words) {
					t.Errorf("%s.%s: the schema allows %v, the table %v", kind, f.Name, words, f.Words)
				}
			}
			enum, _ := p["enum"].([]any)
			nullable := slices.Contains(enum, nil)
			if ts, ok := p["type"].([]any); ok {
				nullable = nullable || slices.Contains(ts, any("null"))
			}
			if f.Type != TypeWord {
				if _, isEnum := p["enum"]; isEnum {
					t.Errorf("%s.%s: the schema has words, the table none", kind, f.Name)
				}
			}
			if nullable == f.Required {
				t.Errorf("%s.%s: may be empty in the schema: %v; optional in the table: %v", kind, f.Name, nullable, !f.Required)
			}
		}
	}
}

// TestSettable: plan set changes the fields the table marks, of items.
func TestSettable(t *testing.T) {
	for _, k := range []Kind{KindTheme, KindOwner, KindFinding, KindPriority, KindAction, KindKPI} {
		var want []string
		for _, f := range FieldSpecs(string(k)) {
			if f.Settable {
				want = append(want, f.Name)
			}
			if f.Settable && f.Name == "id" {
				t.Errorf("%s: an id cannot be set", k)
			}
		}
		if got := Settable(k); !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("Settable(%s) = %v, want %v", k, got, want)
		}
	}
	if got := Settable("plan"); got != nil {
		t.Errorf("Settable(plan) = %v: plan.yaml's own fields are not items", got)
	}
}
