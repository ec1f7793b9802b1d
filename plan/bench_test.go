package plan

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
)

// exampleFS reads an example plan from testdata into memory, so that
// benchmarks measure parsing and computing, not the disk.
func exampleFS(b *testing.B, name string) fstest.MapFS {
	b.Helper()
	src := os.DirFS("../testdata/" + name)
	mem := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, path)
		mem[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return mem
}

// BenchmarkLoad loads the Bradford example: 13 files, 139 actions, 36 KPIs.
func BenchmarkLoad(b *testing.B) {
	fsys := exampleFS(b, "bradford")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func loadExample(b *testing.B) *Plan {
	b.Helper()
	p, diags, err := Load(exampleFS(b, "bradford"))
	if err != nil || len(diags) != 0 {
		b.Fatalf("load: %v %v", err, diags)
	}
	return p
}

// BenchmarkCheck applies the policy rules to the Bradford example.
func BenchmarkCheck(b *testing.B) {
	p := loadExample(b)
	asOf := NewDate(2026, 11, 24)
	b.ReportAllocs()
	for b.Loop() {
		p.Check(asOf)
	}
}

// BenchmarkStatus computes the status report of the Bradford example.
func BenchmarkStatus(b *testing.B) {
	p := loadExample(b)
	asOf := NewDate(2026, 11, 24)
	b.ReportAllocs()
	for b.Loop() {
		p.Status(asOf)
	}
}
