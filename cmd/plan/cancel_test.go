package main

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/plan-tool/plan/internal/atomicfile"
)

// tree returns the files below dir and their contents, by path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestInterruptedWrite interrupts writes at the last moment before each
// replaces its file: every file is left as it was, with nothing beside it,
// and the run says it was interrupted, and nothing else.
func TestInterruptedWrite(t *testing.T) {
	t.Parallel()
	examples, _ := fixtures(t)
	for _, tc := range []struct {
		name string
		args []string
		step atomicfile.Step // where the run is interrupted
	}{
		{"rate", []string{"rate", "P1.1", "red", "--note", "Agency staff left"}, atomicfile.StepChecked},
		{"set", []string{"set", "P1.1", "due", "2027-06-30"}, atomicfile.StepLocked},
		{"report --out", []string{"report", "--out", "OUT/pack.html"}, atomicfile.StepSynced},
		{"schema --write", []string{"schema", "--write", "OUT"}, atomicfile.StepWritten},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, out := filepath.Join(t.TempDir(), "plan"), t.TempDir()
			if err := copyDir(filepath.Join(examples, "testdata", "bradford"), dir); err != nil {
				t.Fatal(err)
			}
			before, outBefore := tree(t, dir), tree(t, out)
			args := slices.Clone(tc.args)
			for i, a := range args {
				if a == "OUT" || filepath.Dir(a) == "OUT" {
					args[i] = filepath.Join(out, filepath.Base(a))
				}
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			d, stdout, stderr := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
			d.writer.Fault = func(step atomicfile.Step) error {
				if step == tc.step {
					cancel() // Ctrl-C, just before the file would be replaced
				}
				return nil
			}
			code := run(ctx, append(args, "-C", dir), d)
			if code != exitInterrupted || stdout.String() != "" || stderr.String() != "plan: interrupted\n" {
				t.Errorf("plan %v interrupted: exit %d\nstdout %q\nstderr %q\nwant exit %d and only \"plan: interrupted\"", tc.args, code, stdout, stderr, exitInterrupted)
			}
			if after := tree(t, dir); !maps.Equal(after, before) {
				t.Errorf("the plan changed although the run was interrupted")
			}
			if after := tree(t, out); !maps.Equal(after, outBefore) {
				t.Errorf("files written although the run was interrupted: %v", slices.Collect(maps.Keys(after)))
			}
		})
	}
	// The seam is live: without the interruption the same edit is made.
	dir := filepath.Join(t.TempDir(), "plan")
	if err := copyDir(filepath.Join(examples, "testdata", "bradford"), dir); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	d, _, stderr := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
	d.writer.Fault = func(atomicfile.Step) error { return nil }
	if code := run(t.Context(), []string{"rate", "P1.1", "red", "--note", "Agency staff left", "-C", dir}, d); code != exitOK || maps.Equal(tree(t, dir), before) {
		t.Errorf("the edit uninterrupted: exit %d, %s", code, stderr)
	}
}

// TestInterruptedRun: a run whose context is cancelled (Ctrl-C) before it
// reads the plan's history says only that it was interrupted, and exits
// exitInterrupted: no findings or report from what was read, no error for
// each plan of a portfolio.
func TestInterruptedRun(t *testing.T) {
	examples, hist := fixtures(t)
	bradford := filepath.Join(examples, "testdata", "bradford")
	for _, args := range [][]string{
		{"log", "P1.1", "-C", filepath.Join(hist, "plan")},
		{"log", "P1.1", "--since", "board", "-C", filepath.Join(hist, "plan")},
		{"check", "-C", bradford},
		{"check", "-o", "json", "--portfolio", filepath.Join(examples, "testdata")},
		{"status", "--portfolio", filepath.Join(examples, "testdata")},
		{"report", "-C", filepath.Join(hist, "plan")},
		{"status", "--at", "2026-06-30", "-C", filepath.Join(hist, "plan")},
		{"diff", "board", "-C", filepath.Join(hist, "plan")},
		{"snapshot", "--list", "-C", filepath.Join(hist, "plan")},
	} {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		d, stdout, stderr := testDeps(map[string]string{"PLAN_AS_OF": "2026-11-24"}, fixedNow)
		if code := run(ctx, args, d); code != exitInterrupted || stdout.String() != "" || stderr.String() != "plan: interrupted\n" {
			t.Errorf("plan %v interrupted: exit %d\nstdout %q\nstderr %q\nwant exit %d and only \"plan: interrupted\"", args, code, stdout, stderr, exitInterrupted)
		}
	}
}
