package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchemas compiles Schema's output with an independent validator.
func compileSchemas(t testing.TB) (planSchema, prioritySchema *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, planFile := range []bool{true, false} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(mustSchema(t, planFile)))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schemaName(planFile), doc); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if planSchema, err = c.Compile(schemaName(true)); err != nil {
		t.Fatalf("plan schema: %v", err)
	}
	if prioritySchema, err = c.Compile(schemaName(false)); err != nil {
		t.Fatalf("priority schema: %v", err)
	}
	return planSchema, prioritySchema
}

func schemaName(planFile bool) string {
	if planFile {
		return SchemaURL + "plan.schema.json"
	}
	return SchemaURL + "priority.schema.json"
}

// schemaInput is one file to judge by schema and by loader.
type schemaInput struct {
	name     string
	data     string
	planFile bool
}

// The rules a schema can express, for one file on its own.
var schemaRules = map[Rule]bool{RuleUnknownField: true, RuleMissingField: true, RuleBadValue: true, RuleBadDate: true}

// Findings of those rules that need more than the form of a value: the
// calendar, or two fields compared.
var beyondSchema = []string{
	"has 28 days", "has 29 days", "has 30 days", "has 31 days", "is not a month", // a day that does not exist
	"before it starts", // two dates compared
}

// TestSchemaAgreesWithLoader runs every example plan file, every bad input
// of TestLoadFindings and some cases of its own through the schema and the
// loader: a file the schema accepts must have no finding of the rules a
// schema can express, and a file it rejects must have one.
func TestSchemaAgreesWithLoader(t *testing.T) {
	planSchema, prioritySchema := compileSchemas(t)
	var inputs []schemaInput
	examples, _ := filepath.Glob("../testdata/*/plan.yaml")
	priorities, _ := filepath.Glob("../testdata/*/priorities/*.yaml")
	for _, name := range append(examples, priorities...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, schemaInput{name, string(data), filepath.Base(name) == PlanFile})
	}
	if len(inputs) < 20 {
		t.Fatalf("found %d example files", len(inputs))
	}
	for _, tt := range loadFindingCases {
		files, name := tt.files(t)
		inputs = append(inputs, schemaInput{"case " + tt.name, files[name], name == PlanFile})
	}
	for _, c := range schemaCases {
		name := "priorities/01.yaml"
		if c.file == "plan.yaml" {
			name = PlanFile
		}
		base := map[string]string{"plan.yaml": testPlanYAML, "priorities/01.yaml": testPriorityYAML}[name]
		if !strings.Contains(base, c.old) {
			t.Fatalf("case %s does not apply", c.name)
		}
		inputs = append(inputs, schemaInput{"case " + c.name, strings.Replace(base, c.old, c.new, 1), name == PlanFile})
	}

	judged := 0
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			value, ok := jsonValue(t, in.data)
			if !ok {
				t.Skip("not expressible as JSON (a YAML error, or a key that is not text)")
			}
			_, diags := LoadFile("file.yaml", []byte(in.data), in.planFile)
			var loaderSays []string
			for _, d := range diags {
				if d.Rule == RuleSyntax {
					t.Skipf("the loader refuses a YAML feature: %s", d.Message)
				}
				if d.Rule == RuleDuplicateKey {
					t.Skip("duplicate keys: JSON keeps one, so only the loader can see them")
				}
				if schemaRules[d.Rule] && !beyond(d.Message) {
					loaderSays = append(loaderSays, fmt.Sprintf("%s [%s]", d.Message, d.Rule))
				}
			}
			schema := prioritySchema
			if in.planFile {
				schema = planSchema
			}
			err := schema.Validate(value)
			judged++
			switch {
			case err == nil && len(loaderSays) > 0:
				t.Errorf("the schema accepts what the loader rejects:\n%s", strings.Join(loaderSays, "\n"))
			case err != nil && len(loaderSays) == 0:
				t.Errorf("the schema rejects what the loader accepts: %v", err)
			}
		})
	}
	if judged < 40 {
		t.Errorf("only %d inputs were judged by both", judged)
	}
}

func beyond(msg string) bool {
	for _, b := range beyondSchema {
		if strings.Contains(msg, b) {
			return true
		}
	}
	return false
}

// schemaCases are more inputs for the agreement test: what an editor user
// types that TestLoadFindings does not cover.
var schemaCases = []struct{ name, file, old, new string }{
	{"required field with no value", "priority", "    status: done\n", "    status:\n"},
	{"optional field with no value", "priority", "    rag: amber\n", "    rag:\n"},
	{"quoted number", "priority", "    target: 25\n", "    target: \"25\"\n"},
	{"quoted date", "priority", "    due: 2026-03-31\n", "    due: \"2026-03-31\"\n"},
	{"number as a title", "priority", "    title: Do the first thing\n", "    title: 2026\n"},
	{"numeric id", "priority", "  - id: P1.2\n", "  - id: 12\n"},
	{"blank title", "priority", "    title: Do the first thing\n", "    title: \"   \"\n"},
	{"empty actions", "priority", "actions:\n", "actions: []\nx-actions:\n"},
	{"unknown field in a KPI", "priority", "    target: 25\n", "    target: 25\n    baseline: 30\n"},
	{"target as text", "priority", "    target: 25\n", "    target: twenty\n"},
	{"target with commas", "priority", "    target: 25\n", "    target: 1,250\n"},
	{"actual with no value", "priority", "      2026-03-31: 43\n", "      2026-03-31:\n"},
	{"bad frequency", "priority", "    target: 25\n", "    target: 25\n    frequency: weekly\n"},
	{"good frequency", "priority", "    target: 25\n", "    target: 25\n    frequency: quarterly\n"},
	{"internal visibility", "priority", "    rag: amber\n", "    rag: amber\n    visibility: internal\n"},
	{"bad visibility", "priority", "    rag: amber\n", "    rag: amber\n    visibility: secret\n"},
	{"rebaselined with no reason", "priority", "    rag: amber\n", "    rag: amber\n    rebaselined:\n      - {date: 2026-01-05, field: due, approved: Board}\n"},
	{"rebaselined target of an action", "priority", "    rag: amber\n", "    rag: amber\n    rebaselined:\n      - {date: 2026-01-05, field: target, reason: x, approved: Board}\n"},
	{"rebaselined in full", "priority", "    rag: amber\n", "    rag: amber\n    rebaselined:\n      - {date: 2026-01-05, field: due, from: 2026-01-31, reason: Staff left, approved: Board}\n"},
	{"period with no value", "plan.yaml", "period: {start: 2026-01-01, end: 2027-12-31}\n", "period:\n"},
	{"period missing its end", "plan.yaml", "period: {start: 2026-01-01, end: 2027-12-31}\n", "period: {start: 2026-01-01}\n"},
	{"themes missing", "plan.yaml", "themes:\n", "thames:\n"},
	{"owner with no name", "plan.yaml", "    name: Bob\n", "    name:\n"},
	{"glossary term with no meaning", "plan.yaml", "  MASH: Multi-Agency Safeguarding Hub\n", "  MASH:\n"},
	{"finding with no source", "plan.yaml", "    source: Ofsted\n", ""},
	{"true as a title", "plan.yaml", "title: Test plan\n", "title: yes\n"},
}

// jsonValue converts a YAML file to the JSON value an editor's
// yaml-language-server validates: mappings to objects, lists to arrays,
// numbers, booleans and null as such, everything else (dates too) as
// strings. ok is false when the file has no JSON form.
func jsonValue(t *testing.T, data string) (any, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(data), &doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	v, ok := toJSON(doc.Content[0])
	if !ok {
		return nil, false
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out, true
}

func toJSON(n *yaml.Node) (any, bool) {
	switch n.Kind {
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, false
			}
			v, ok := toJSON(n.Content[i+1])
			if !ok {
				return nil, false
			}
			m[k.Value] = v
		}
		return m, true
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			v, ok := toJSON(c)
			if !ok {
				return nil, false
			}
			s = append(s, v)
		}
		return s, true
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, true
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err == nil {
			if f, isFloat := v.(float64); !isFloat || !math.IsInf(f, 0) && !math.IsNaN(f) {
				return v, true
			}
		}
	}
	return n.Value, true
}

// TestSchemaFields: the schema offers exactly the loader's fields, in the
// documented order, so completion and validation know what check knows.
func TestSchemaFields(t *testing.T) {
	for _, planFile := range []bool{true, false} {
		var s map[string]any
		if err := json.Unmarshal(mustSchema(t, planFile), &s); err != nil {
			t.Fatal(err)
		}
		kinds := map[string]string{"": "priority", "action": "action", "kpi": "kpi"}
		if planFile {
			kinds = map[string]string{"": "plan", "theme": "theme", "owner": "owner", "finding": "finding"}
		}
		for def, kind := range kinds {
			node := s
			if def != "" {
				node = s["$defs"].(map[string]any)[def].(map[string]any)
			}
			var got []string
			for k := range node["properties"].(map[string]any) {
				got = append(got, k)
			}
			if len(got) != len(Fields(kind)) {
				t.Errorf("%s: schema has fields %v, loader %v", kind, got, Fields(kind))
			}
		}
	}
}

func mustSchema(t testing.TB, planFile bool) []byte {
	t.Helper()
	s, err := Schema(planFile)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
