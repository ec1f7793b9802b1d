package plan

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDomainImports keeps the domain free of the command line, the
// terminal and the process: it may use the standard library (but not os),
// the YAML library and the internal text packages, which obey the same
// rule, nothing else.
func TestDomainImports(t *testing.T) {
	var files []string
	for _, dir := range []string{".", "../internal/yamltext", "../internal/textsafe"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	allowed := map[string]bool{"go.yaml.in/yaml/v3": true,
		"github.com/plan-tool/plan/internal/yamltext": true, "github.com/plan-tool/plan/internal/textsafe": true}
	forbidden := map[string]bool{"os": true, "os/exec": true, "log": true, "flag": true}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		checked++
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			stdlib := !strings.Contains(strings.Split(path, "/")[0], ".")
			if forbidden[path] || (!stdlib && !allowed[path]) {
				t.Errorf("%s imports %s: the domain must not depend on it", f, path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}
