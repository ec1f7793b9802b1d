package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/atomicfile"
	"github.com/plan-tool/plan/internal/textsafe"
	"github.com/plan-tool/plan/pkg/gitrepo"
	"github.com/plan-tool/plan/plan"
)

//go:embed template
var templates embed.FS

type initOptions struct {
	*globalOptions
	dir string // where to start the plan
}

// newInitCmd builds the init command. runF, when not nil, replaces
// runInit, so tests can see the parsed options.
func newInitCmd(g *globalOptions, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{globalOptions: g}
	if runF == nil {
		runF = runInit
	}
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new plan: an example to edit, editor schemas, git and CI set up",
		Long: `Start a new plan in DIR (default: the current directory): a worked example
plan.yaml and priority file, with comments explaining each field, to edit
into the real plan; the JSON Schemas editors use for completion, named by
the first line of each file; .gitattributes and the git setting that make
git diff show plan files one fact per line; and a GitHub Actions workflow
that runs plan fmt --check and plan check on every push.

DIR becomes a git repository unless it is already inside one. Nothing is
overwritten: plan init refuses a directory that already has a plan.yaml,
leaves any other file it would write alone if it exists, and adds its lines
to an existing .gitattributes that has none for plan.

The example's dates are set around today, so it passes plan check as it is.`,
		Example: `  plan init children-services-plan
  cd children-services-plan && plan status`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runF(o)
		},
	}
}

func runInit(o *initOptions) error {
	today, err := o.date(nil)
	if err != nil {
		return err
	}
	dirFlag, err := o.initPlan(o.dir, today, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.deps.io.Out, "\nNext: edit plan.yaml and priorities/, then run\n  plan check%s\n  plan status%s\n", dirFlag, dirFlag)
	return nil
}

// initFile is a file plan init writes.
type initFile struct {
	path string // from the directory it is written in
	data []byte
	what string // what it is for, as listed to the user
}

// initPlan starts a plan in dir: planFiles (plan.yaml and priority
// files), or the worked example when nil, and the files around them. It
// returns the -C flag that names the plan from the top of its
// repository ("" when it is the top).
func (g *globalOptions) initPlan(dir string, today plan.Date, planFiles []initFile) (string, error) {
	out := g.deps.io.Out
	if _, err := os.Stat(filepath.Join(dir, plan.PlanFile)); err == nil {
		return "", withHint(fmt.Errorf("%s already has a %s", shownPath(dir), plan.PlanFile), "plan init starts a new plan; edit this one, or choose another directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}

	// The repository: the one dir is in, or a new one.
	repo, err := gitrepo.Open(g.ctx, dir)
	created := false
	switch {
	case errors.Is(err, gitrepo.ErrNotRepository):
		repo, err = gitrepo.Init(g.ctx, dir)
		created = err == nil
	}
	noGit := errors.Is(err, gitrepo.ErrNoGit)
	if err != nil && !noGit {
		return "", err
	}
	if repo != nil {
		// Its error is how a cat-file ended, after every answer was
		// read: it changes nothing init wrote.
		defer func() { _ = repo.Close() }()
	}
	top, rel := dir, ""
	if repo != nil {
		top = repo.Top()
		if rel, err = repo.Rel(dir); err != nil {
			return "", err
		}
	}

	start := plan.NewDate(today.Time().Year(), today.Time().Month(), 1)
	endOfMonth := func(months int) string { return start.AddMonths(months + 1).AddDays(-1).String() }
	data := map[string]string{
		"Start":    start.String(),
		"End":      start.AddMonths(24).AddDays(-1).String(),
		"Year":     fmt.Sprint(today.Time().Year()),
		"Due1":     endOfMonth(3),
		"Due2":     endOfMonth(6),
		"Actual1":  endOfMonth(-2),
		"Actual2":  endOfMonth(-1),
		"Dir":      "",
		"PlanFile": plan.PlanFile,
		// The workflow installs the release that wrote it; a development
		// build has none to name, and the workflow says so.
		"PlanVersion": releasedVersion(g.deps.moduleVersion()),
	}
	if rel != "" {
		data["Dir"] = " -C " + shellQuote(rel)
		data["PlanFile"] = shellQuote(path.Join(filepath.ToSlash(rel), plan.PlanFile))
	}
	planSchema, err := plan.Schema(true)
	if err != nil {
		return "", err
	}
	prioritySchema, err := plan.Schema(false)
	if err != nil {
		return "", err
	}
	if planFiles == nil {
		planFiles = []initFile{
			{plan.PlanFile, fillTemplate("plan.yaml.tmpl", data), "the plan: title, period, themes, owners, findings, glossary"},
			{"priorities/01-workforce.yaml", fillTemplate("priority.yaml.tmpl", data), "one priority, with its actions and KPIs"},
		}
	}
	inDir := append(planFiles, []initFile{
		{".plan/plan.schema.json", planSchema, "schemas editors use for completion and checks as you type"},
		{".plan/priority.schema.json", prioritySchema, ""},
		{".vscode/extensions.json", []byte("{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n"), "asks VS Code for the YAML extension, which reads the schemas"},
	}...)
	atTop := []initFile{
		{".gitattributes", []byte(gitattributes(rel)), "git diff shows plan files one fact per line"},
		{".github/workflows/plan.yml", fillTemplate("workflow.yml.tmpl", data), "CI: the review gate on pull requests, the whole check weekly"},
	}

	fmt.Fprintf(out, "New plan in %s:\n", textsafe.Visible(shownPath(dir)))
	for _, set := range []struct {
		base  string
		files []initFile
	}{{dir, inDir}, {top, atTop}} {
		for _, f := range set.files {
			name := filepath.Join(set.base, filepath.FromSlash(f.path))
			shown := f.path
			if set.base == top {
				shown = textsafe.Visible(relFrom(dir, name))
			}
			if link := linkOnPath(set.base, f.path); link != "" {
				// Never write through a link: it may lead out of the
				// repository, or make a copy of what it points at.
				fmt.Fprintf(out, "  %-32s left as it was: %s is a symbolic link, and plan init never writes through one\n", shown, textsafe.Visible(link))
				continue
			}
			wrote, err := writeNew(name, f.data)
			if err != nil {
				return "", err
			}
			appended := false
			if !wrote && f.path == ".gitattributes" {
				if appended, err = appendMissing(g.ctx, &g.deps.writer, name, f.data, "diff=plan"); err != nil {
					return "", err
				}
			}
			switch {
			case appended:
				fmt.Fprintf(out, "  %-32s added the lines that route plan files through plan textconv\n", shown)
			case !wrote:
				fmt.Fprintf(out, "  %-32s left as it was: it exists\n", shown)
			case f.what != "":
				fmt.Fprintf(out, "  %-32s %s\n", shown, f.what)
			}
		}
	}

	textconv := "diff.plan.textconv"
	switch {
	case noGit:
		fmt.Fprintf(out, "git is not installed: once it is, run git init here and\n  git config %s %s\n", textconv, shellQuote(textconvCommand))
	default:
		if err := repo.SetConfig(g.ctx, textconv, textconvCommand); err != nil {
			return "", err
		}
		if created {
			fmt.Fprintf(out, "Made %s a git repository, and set git config %s to run plan textconv\n(or show the file as it is where plan is not installed).\n", textsafe.Visible(shownPath(dir)), textconv)
		} else {
			fmt.Fprintf(out, "Set git config %s in the repository at %s to run plan textconv\n(or show the file as it is where plan is not installed).\n", textconv, textsafe.Visible(shownPath(top)))
		}
	}
	if data["PlanVersion"] == "" {
		fmt.Fprint(out, "This plan program is a development build, so the workflow cannot pin a release of it to install:\n"+
			"set PLAN_VERSION in .github/workflows/plan.yml to a release (https://github.com/plan-tool/plan/releases).\n")
	}
	return data["Dir"], nil
}

// textconvCommand is the textconv driver plan init configures: plan
// textconv where plan is installed, else the file as it is, so that git
// diff, git log -p and git show never fail on a machine without plan.
// git runs it with sh (Git for Windows too), adding the file's name.
const textconvCommand = `sh -c 'if command -v plan >/dev/null 2>&1; then exec plan textconv "$1"; else exec cat "$1"; fi' plan-textconv`

// releasedVersion returns the release a binary was built from, as its
// archives name it (1.2.3), or "" for a development build: one built
// from a checkout, a pseudo-version or a snapshot.
func releasedVersion(module string) string {
	v := strings.TrimPrefix(module, "v")
	if v == "" || strings.ContainsAny(v, "-+") || strings.Count(v, ".") != 2 {
		return ""
	}
	for _, part := range strings.Split(v, ".") {
		if part == "" || strings.Trim(part, "0123456789") != "" {
			return ""
		}
	}
	return v
}

// gitattributes routes the plan's YAML files through plan textconv when
// git shows their changes; rel is the plan directory from the top.
func gitattributes(rel string) string {
	prefix := ""
	if rel != "" {
		prefix = "/" + strings.ReplaceAll(rel, " ", "[[:space:]]") + "/**/"
	}
	return "# git diff shows plan files one fact per line, through plan textconv\n" +
		prefix + "*.yaml diff=plan\n" + prefix + "*.yml diff=plan\n"
}

// relFrom names file as seen from dir, slash-separated.
func relFrom(dir, file string) string {
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return file
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// fillTemplate fills in one of the embedded templates.
func fillTemplate(name string, data map[string]string) []byte {
	t := template.Must(template.ParseFS(templates, "template/"+name))
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		panic(err) // the templates are part of the program
	}
	return b.Bytes()
}

// linkOnPath returns the first part of rel (slash-separated, below base)
// that is a symbolic link, as a path from base, or "" when none is.
func linkOnPath(base, rel string) string {
	p := ""
	for _, part := range strings.Split(rel, "/") {
		p = path.Join(p, part)
		fi, err := os.Lstat(filepath.Join(base, filepath.FromSlash(p)))
		if err != nil {
			return "" // it, and all below it, are yet to be made
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return p
		}
	}
	return ""
}

// writeNew writes a file that does not exist yet, making its directory,
// and reports false, writing nothing, when it exists.
func writeNew(name string, data []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return false, err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close() // the write failed: its error is the one to report
		return false, err
	}
	return true, f.Close()
}

// appendMissing appends data to the file name unless it already holds
// marker, and reports whether it did.
func appendMissing(ctx context.Context, w *atomicfile.Writer, name string, data []byte, marker string) (bool, error) {
	have, err := os.ReadFile(name)
	if err != nil {
		return false, err
	}
	if bytes.Contains(have, []byte(marker)) {
		return false, nil
	}
	next := slices.Clone(have)
	if len(next) > 0 && next[len(next)-1] != '\n' {
		next = append(next, '\n')
	}
	return true, w.WriteIfUnchanged(ctx, name, have, append(next, data...))
}

// shellQuote quotes s for a shell command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
