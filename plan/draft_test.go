package plan

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// countingFS counts the times each file is read through it (opened and
// read from: a stat is not counted).
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".yaml") {
		return f, err
	}
	return &countingFile{File: f, count: func() {
		c.mu.Lock()
		c.opens[name]++
		c.mu.Unlock()
	}}, nil
}

type countingFile struct {
	fs.File
	count   func()
	counted bool
}

func (f *countingFile) Read(b []byte) (int, error) {
	if !f.counted {
		f.counted = true
		f.count()
	}
	return f.File.Read(b)
}

// TestDraftWithIsLoad: a draft with one file changed is the plan Load
// reads from the files so changed, findings and all, and it is made
// without opening a file.
func TestDraftWithIsLoad(t *testing.T) {
	mapFS := func(dir string) fstest.MapFS {
		m := fstest.MapFS{}
		err := fs.WalkDir(os.DirFS(dir), ".", func(name string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := fs.ReadFile(os.DirFS(dir), name)
			m[name] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, c := range []struct{ name, dir, file, old, new string }{
		{"rating", "bradford", "priorities/08-workforce.yaml", "rag: amber", "rag: red"},
		{"unknown owner", "bradford", "priorities/08-workforce.yaml", "owner: head-workforce", "owner: head-workfroce"},
		{"not YAML", "bradford", "priorities/08-workforce.yaml", "id: P8", "id: [P8"},
		{"duplicate id", "bradford", "priorities/08-workforce.yaml", "id: P8.2", "id: P8.1"},
		{"theme renamed in plan.yaml", "bradford", PlanFile, "  - id: A\n", "  - id: AA\n"},
		{"plan.yaml emptied", "bradford", PlanFile, "", ""},
		{"already invalid", "typos", "priorities/01-recruitment.yaml", "WF1.3", "WF1.9"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := mapFS("../testdata/" + c.dir)
			counting := &countingFS{FS: files, opens: map[string]int{}}
			d, err := LoadDraft(counting)
			if err != nil {
				t.Fatal(err)
			}
			for name, n := range counting.opens {
				if n > 1 {
					t.Errorf("LoadDraft opened %s %d times", name, n)
				}
			}
			before, ok := d.File(c.file)
			if !ok || string(before) != string(files[c.file].Data) {
				t.Fatalf("File(%s) is not the file as read", c.file)
			}
			data := []byte(strings.Replace(string(before), c.old, c.new, 1))
			if c.old == "" {
				data = nil
			}
			opened := len(counting.opens)
			clear(counting.opens)
			got, gotDiags, err := d.With(c.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(counting.opens) > 0 {
				t.Errorf("With opened files: %v", counting.opens)
			}
			files[c.file] = &fstest.MapFile{Data: data}
			want, wantDiags, err := Load(files)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Items(), want.Items()) {
				t.Errorf("the draft's items differ from Load's")
			}
			if !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Errorf("the draft's findings:\n%v\nLoad's:\n%v", gotDiags, wantDiags)
			}
			if p, diags := d.Plan(); len(p.Items()) == 0 || opened == 0 || diags == nil && c.dir == "typos" {
				t.Errorf("the draft as read: %d items, %d findings", len(p.Items()), len(diags))
			}
		})
	}
}

// TestDraftWithNew: a new priority file joins the plan, with its items
// and findings; a file the plan has is refused.
func TestDraftWithNew(t *testing.T) {
	d, err := LoadDraft(os.DirFS("../testdata/bradford"))
	if err != nil {
		t.Fatal(err)
	}
	p, diags, err := d.WithNew("priorities/99-new.yaml", []byte("id: P99\ntheme: A\ntitle: New\nowner: nobody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Priority("P99") == nil {
		t.Error("the new priority is not in the plan")
	}
	if !strings.Contains(diagText(diags), "nobody") {
		t.Errorf("no finding for the unknown owner: %v", diags)
	}
	if _, _, err := d.WithNew("priorities/08-workforce.yaml", nil); err == nil {
		t.Error("an existing file: no error")
	}
	if _, _, err := d.WithNew(PlanFile, nil); err == nil {
		t.Error("plan.yaml: no error")
	}
}

func diagText(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Message + "\n")
	}
	return b.String()
}

// WithFiles checks several files together: an action moved from one file
// to another is a duplicate with only the file it went to changed, and
// not with both.
func TestDraftWithFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"plan.yaml":          {Data: []byte("title: T\norganisation: C\nthemes: [{id: A, title: A}]\nowners: [{id: o, name: O}]\n")},
		"priorities/01.yaml": {Data: []byte("id: P1\ntheme: A\ntitle: P\nowner: o\nactions:\n  - {id: X.1, title: x, due: 2027-01-31, status: planned, rag: green}\n")},
		"priorities/02.yaml": {Data: []byte("id: P2\ntheme: A\ntitle: Q\nowner: o\nactions: []\n")},
	}
	d, err := LoadDraft(fsys)
	if err != nil {
		t.Fatal(err)
	}
	moved := []byte("id: P2\ntheme: A\ntitle: Q\nowner: o\nactions:\n  - {id: X.1, title: x, due: 2027-01-31, status: planned, rag: green}\n")
	emptied := []byte("id: P1\ntheme: A\ntitle: P\nowner: o\nactions: []\n")
	_, diags, err := d.With("priorities/02.yaml", moved)
	if err != nil || !strings.Contains(diagText(diags), "X.1") {
		t.Errorf("one file changed: %v, %v; want a duplicate X.1", err, diags)
	}
	p, diags, err := d.WithFiles(map[string][]byte{"priorities/01.yaml": emptied, "priorities/02.yaml": moved})
	if err != nil || len(diags) != 0 {
		t.Fatalf("both files changed: %v, %v", err, diags)
	}
	if k, f, ok := p.Locate("X.1"); !ok || k != KindAction || f != "priorities/02.yaml" {
		t.Errorf("X.1 is at %v %q %v, want an action in priorities/02.yaml", k, f, ok)
	}
	if _, _, err := d.WithFiles(map[string][]byte{"priorities/03.yaml": moved}); err == nil {
		t.Error("a file the plan does not have: no error")
	}
	// The draft itself is unchanged.
	if p, _ := d.Plan(); p.Priority("P1") == nil || len(p.Priority("P1").Actions) != 1 {
		t.Error("WithFiles changed the draft")
	}

	// Without: the plan as it would be without a priority file.
	p, diags, err = d.Without("priorities/02.yaml")
	if err != nil || len(diags) != 0 || p.Priority("P2") != nil || p.Priority("P1") == nil {
		t.Errorf("without priorities/02.yaml: %v %v, P2 %v", err, diags, p.Priority("P2"))
	}
	for _, name := range []string{PlanFile, "priorities/03.yaml"} {
		if _, _, err := d.Without(name); err == nil {
			t.Errorf("Without(%s): no error", name)
		}
	}
}

// LoadDraftReusing returns what LoadDraft does, whichever files changed,
// and does not parse again a file whose bytes prev read.
func TestLoadDraftReusing(t *testing.T) {
	base := os.DirFS("../testdata/bradford")
	prev, err := LoadDraft(base)
	if err != nil {
		t.Fatal(err)
	}
	p8, err := fs.ReadFile(base, "priorities/08-workforce.yaml")
	if err != nil {
		t.Fatal(err)
	}
	planYAML, err := fs.ReadFile(base, PlanFile)
	if err != nil {
		t.Fatal(err)
	}
	changed := fstest.MapFS{}
	if err := fs.WalkDir(base, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(base, name)
		changed[name] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	changed["priorities/08-workforce.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(p8), "rag: green", "rag: red", 1))}
	changed[PlanFile] = &fstest.MapFile{Data: []byte(strings.Replace(string(planYAML), "title: ", "title: New ", 1))}
	changed["priorities/99-new.yaml"] = &fstest.MapFile{Data: []byte("id: P99\ntheme: A\ntitle: New\nowner: dcs\n")}
	delete(changed, "priorities/01-front-door.yaml")
	for name, fsys := range map[string]fs.FS{"same": base, "changed": changed} {
		got, err := LoadDraftReusing(fsys, prev)
		if err != nil {
			t.Fatal(err)
		}
		want, err := LoadDraft(fsys)
		if err != nil {
			t.Fatal(err)
		}
		gp, gd := got.Plan()
		wp, wd := want.Plan()
		if !reflect.DeepEqual(gp.Items(), wp.Items()) || !reflect.DeepEqual(gd, wd) {
			t.Errorf("%s: LoadDraftReusing differs from LoadDraft", name)
		}
	}
	// An unchanged file is the same decoded priority, not parsed again.
	got, err := LoadDraftReusing(changed, prev)
	if err != nil {
		t.Fatal(err)
	}
	gp, _ := got.Plan()
	pp, _ := prev.Plan()
	if gp.Priority("P9") != pp.Priority("P9") {
		t.Error("an unchanged file was parsed again")
	}
	if gp.Priority("P8") == pp.Priority("P8") {
		t.Error("a changed file was not parsed again")
	}
}
