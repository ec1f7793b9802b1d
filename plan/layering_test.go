package plan

import (
	"errors"
	"go/parser"
	"go/token"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
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

// module is this module's path; what follows it names its packages.
const module = "github.com/plan-tool/plan/"

// TestPackageLayers keeps the module's packages in their layers. Each
// rule is about this module's packages only; the standard library and
// other modules are the domain test's business, above.
//
//   - render, tests included, depends on plan and on nothing else here
//     that plan does not depend on itself (today internal/textsafe and
//     internal/yamltext): never on history, gitrepo or a command. What it
//     writes is handed to it as plan's values. Its tests may also use
//     internal/reportcheck, the check of a board pack's page, and pkg/pdf,
//     to find the browser that lays it out.
//   - docx, tests included, depends on render and plan and what those
//     depend on, nothing more here: the Word pack takes its words and
//     charts from render, so that every format of the pack says the same.
//   - pdf depends on nothing here: it prints any page.
//   - history's code depends on gitrepo, plan and what those two depend
//     on, nothing more (its tests may use the test helpers).
//   - workbook's code depends on render and plan (the tables it writes are
//     render's), never on history, gitrepo or a command.
//   - returns' code depends on tracker (the hardened workbook reader it
//     reads returns with), edit (the edits it makes) and plan, never on
//     history, gitrepo, render or a command: the revision it stamps is
//     handed to it.
//   - No package, test or not, imports a command (cmd/...).
//
// Dependencies are transitive, as go list -deps reports them.
func TestPackageLayers(t *testing.T) {
	pkgs := listPackages(t)
	for _, p := range []string{"plan", "pkg/render", "pkg/docx", "pkg/history", "pkg/gitrepo", "pkg/workbook", "pkg/pdf", "pkg/returns"} {
		if _, ok := pkgs[p]; !ok {
			t.Fatalf("go list did not report %s", p)
		}
	}
	within := func(name, p string, deps map[string]bool, allowed ...string) {
		ok := map[string]bool{p: true}
		for _, a := range allowed {
			ok[a] = true
			for d := range pkgs[a].deps {
				ok[d] = true
			}
		}
		for _, d := range slices.Sorted(maps.Keys(deps)) {
			if !ok[d] {
				t.Errorf("%s: depends on %s; only %s and their dependencies are allowed", name, d, strings.Join(allowed, " and "))
			}
		}
	}
	render := pkgs["pkg/render"]
	within("pkg/render", "pkg/render", render.deps, "plan")
	within("pkg/render's tests", "pkg/render", render.testDeps, "plan", "internal/reportcheck", "pkg/pdf")
	within("pkg/docx", "pkg/docx", pkgs["pkg/docx"].deps, "pkg/render", "plan")
	within("pkg/docx's tests", "pkg/docx", pkgs["pkg/docx"].testDeps, "pkg/render", "plan")
	within("pkg/pdf", "pkg/pdf", pkgs["pkg/pdf"].deps)
	within("pkg/history", "pkg/history", pkgs["pkg/history"].deps, "pkg/gitrepo", "plan")
	within("pkg/workbook", "pkg/workbook", pkgs["pkg/workbook"].deps, "pkg/render", "plan")
	within("pkg/returns", "pkg/returns", pkgs["pkg/returns"].deps, "pkg/tracker", "pkg/edit", "plan")
	for _, p := range slices.Sorted(maps.Keys(pkgs)) {
		for _, imp := range slices.Sorted(maps.Keys(pkgs[p].imports)) {
			if strings.HasPrefix(imp, "cmd/") && imp != p {
				t.Errorf("%s imports %s: nothing may import a command", p, imp)
			}
		}
	}
}

// listed is what go list says of one of this module's packages, each
// package named by its path within the module.
type listed struct {
	deps     map[string]bool // what its code depends on
	testDeps map[string]bool // what it and its tests depend on
	imports  map[string]bool // what it and its tests import directly
}

// listPackages asks go list about every package in the module and its
// tests.
func listPackages(t *testing.T) map[string]*listed {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		// A test binary built with go test -c and run elsewhere (under
		// Wine, by scripts/windows-check.sh) has no go command at hand.
		t.Skip("the go command is not on PATH: skipping the check of the packages' dependencies, which asks go list")
	}
	cmd := exec.Command("go", "list", "-test", "-f", `{{.ImportPath}}{{"\t"}}{{join .Deps " "}}{{"\t"}}{{join .Imports " "}}`, "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	// ours names a package of this module without its test variant's
	// suffix ("pkg/render [pkg/render.test]"), or returns "".
	ours := func(path string) string {
		path, _, _ = strings.Cut(path, " ")
		rel, ok := strings.CutPrefix(path, module)
		if !ok {
			return ""
		}
		return rel
	}
	set := func(paths string) map[string]bool {
		m := map[string]bool{}
		for _, p := range strings.Fields(paths) {
			if p = ours(p); p != "" {
				m[p] = true
			}
		}
		return m
	}
	pkgs := map[string]*listed{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("go list wrote %q", line)
		}
		path := fields[0]
		name := ours(path)
		if name == "" || strings.HasSuffix(path, ".test") {
			continue // another module's, or a generated test main
		}
		test := strings.Contains(path, " [") // a test variant, or an external test package
		name = strings.TrimSuffix(name, "_test")
		p := pkgs[name]
		if p == nil {
			p = &listed{map[string]bool{}, map[string]bool{}, map[string]bool{}}
			pkgs[name] = p
		}
		deps := set(fields[1])
		if !test {
			maps.Copy(p.deps, deps)
		}
		maps.Copy(p.testDeps, deps)
		maps.Copy(p.imports, set(fields[2]))
	}
	return pkgs
}
