package main

import (
	"bytes"
	"os"
	"path/filepath"
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
	if code := run([]string{"init", dir}, d); code != 0 {
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
