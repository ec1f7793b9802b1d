package pdf

import (
	"errors"
	"io/fs"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeEnv is an Env over a fake machine: env its environment, onPath the
// commands on PATH (name to path), files the files that exist (an entry
// ending "/" is a directory). It records what was looked up, in order.
type fakeEnv struct {
	goos   string
	env    map[string]string
	onPath map[string]string
	files  []string
	looked []string
}

func (f *fakeEnv) Env() Env {
	return Env{
		GOOS:   f.goos,
		Getenv: func(k string) string { return f.env[k] },
		LookPath: func(name string) (string, error) {
			f.looked = append(f.looked, "path:"+name)
			if p, ok := f.onPath[name]; ok {
				return p, nil
			}
			return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
		},
		Stat: func(name string) (fs.FileInfo, error) {
			f.looked = append(f.looked, "stat:"+name)
			for _, file := range f.files {
				if file == name {
					return fstest.MapFS{"f": {}}.Stat("f")
				}
				if file == name+"/" {
					return fstest.MapFS{"d/f": {}}.Stat("d")
				}
			}
			return nil, fs.ErrNotExist
		},
	}
}

func TestFindPerOS(t *testing.T) {
	for _, tt := range []struct {
		name   string
		fake   fakeEnv
		want   string
		places []string // Places, when the case checks them
	}{
		{
			name: "linux: the first name on PATH",
			fake: fakeEnv{goos: "linux", onPath: map[string]string{"google-chrome": "/usr/bin/google-chrome", "chromium": "/usr/bin/chromium"}},
			want: "/usr/bin/chromium",
		},
		{
			name: "linux: Edge on PATH",
			fake: fakeEnv{goos: "linux", onPath: map[string]string{"microsoft-edge-stable": "/usr/bin/microsoft-edge-stable"}},
			want: "/usr/bin/microsoft-edge-stable",
		},
		{
			name: "linux: Chrome outside PATH",
			fake: fakeEnv{goos: "linux", files: []string{"/opt/google/chrome/chrome"}},
			want: "/opt/google/chrome/chrome",
		},
		{
			name: "linux: a directory is not a browser",
			fake: fakeEnv{goos: "linux", files: []string{"/usr/lib/chromium/chromium/", "/opt/microsoft/msedge/msedge"}},
			want: "/opt/microsoft/msedge/msedge",
		},
		{
			name: "darwin: Chrome in /Applications",
			fake: fakeEnv{goos: "darwin", env: map[string]string{"HOME": "/Users/ann"}, files: []string{
				"/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium",
				"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			}},
			want: "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			places: []string{
				"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
				"/Applications/Chromium.app/Contents/MacOS/Chromium",
				"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
				"/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
				"/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium",
				"/Users/ann/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			},
		},
		{
			name: "darwin: Edge, in the user's Applications",
			fake: fakeEnv{goos: "darwin", env: map[string]string{"HOME": "/Users/ann/"}, files: []string{
				"/Users/ann/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			}},
			want: "/Users/ann/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		},
		{
			name: "darwin: no HOME",
			fake: fakeEnv{goos: "darwin", files: []string{"/Applications/Chromium.app/Contents/MacOS/Chromium"}},
			want: "/Applications/Chromium.app/Contents/MacOS/Chromium",
			places: []string{
				"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
				"/Applications/Chromium.app/Contents/MacOS/Chromium",
				"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			},
		},
		{
			name: "windows: Edge under Program Files (x86)",
			fake: fakeEnv{goos: "windows", env: map[string]string{
				"ProgramFiles":      `C:\Program Files`,
				"ProgramFiles(x86)": `C:\Program Files (x86)\`,
				"LocalAppData":      `C:\Users\ann\AppData\Local`,
			}, files: []string{`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`}},
			want: `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
			places: []string{
				`C:\Program Files\Google\Chrome\Application\chrome.exe`,
				`C:\Program Files\Microsoft\Edge\Application\msedge.exe`,
				`C:\Program Files\Chromium\Application\chrome.exe`,
				`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
				`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
				`C:\Program Files (x86)\Chromium\Application\chrome.exe`,
				`C:\Users\ann\AppData\Local\Google\Chrome\Application\chrome.exe`,
				`C:\Users\ann\AppData\Local\Microsoft\Edge\Application\msedge.exe`,
				`C:\Users\ann\AppData\Local\Chromium\Application\chrome.exe`,
			},
		},
		{
			name: "windows: Chrome installed for the user only",
			fake: fakeEnv{goos: "windows", env: map[string]string{"LocalAppData": `C:\Users\ann\AppData\Local`},
				files: []string{`C:\Users\ann\AppData\Local\Google\Chrome\Application\chrome.exe`}},
			want: `C:\Users\ann\AppData\Local\Google\Chrome\Application\chrome.exe`,
		},
		{
			name: "windows: PATH before the install places",
			fake: fakeEnv{goos: "windows", env: map[string]string{"ProgramFiles": `C:\Program Files`},
				onPath: map[string]string{"msedge": `C:\Edge\msedge.exe`},
				files:  []string{`C:\Program Files\Google\Chrome\Application\chrome.exe`}},
			want: `C:\Edge\msedge.exe`,
		},
		{
			name: "PLAN_BROWSER first, as a path",
			fake: fakeEnv{goos: "linux", env: map[string]string{"PLAN_BROWSER": "/home/ann/chrome-linux/chrome"},
				onPath: map[string]string{"/home/ann/chrome-linux/chrome": "/home/ann/chrome-linux/chrome", "chromium": "/usr/bin/chromium"}},
			want: "/home/ann/chrome-linux/chrome",
		},
		{
			name: "PLAN_BROWSER first, as a command",
			fake: fakeEnv{goos: "darwin", env: map[string]string{"PLAN_BROWSER": "brave"},
				onPath: map[string]string{"brave": "/usr/local/bin/brave"}, files: []string{"/Applications/Chromium.app/Contents/MacOS/Chromium"}},
			want: "/usr/local/bin/brave",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(tt.fake.Env())
			if err != nil || got != tt.want {
				t.Fatalf("Find = %q, %v; want %q (looked at %q)", got, err, tt.want, tt.fake.looked)
			}
			if tt.places != nil {
				if p := Places(tt.fake.Env()); !slices.Equal(p, tt.places) {
					t.Errorf("Places =\n%q\nwant\n%q", p, tt.places)
				}
			}
		})
	}
}

// TestFindLooksInOrder checks that Find tries PATH, in the order of Names,
// before any install place, and stops at the first found.
func TestFindLooksInOrder(t *testing.T) {
	f := fakeEnv{goos: "linux", files: []string{"/snap/bin/chromium"}}
	if _, err := Find(f.Env()); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, n := range Names {
		want = append(want, "path:"+n)
	}
	want = append(want, "stat:/usr/bin/chromium", "stat:/usr/bin/chromium-browser", "stat:/snap/bin/chromium")
	if !slices.Equal(f.looked, want) {
		t.Errorf("looked at\n%q\nwant\n%q", f.looked, want)
	}
}

func TestFindPLANBROWSERNotRunnable(t *testing.T) {
	f := fakeEnv{goos: "linux", env: map[string]string{"PLAN_BROWSER": "/nowhere/chrome"}, onPath: map[string]string{"chromium": "/usr/bin/chromium"}}
	_, err := Find(f.Env())
	if !errors.Is(err, ErrBrowserEnv) || !errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("error %v, want one wrapping ErrBrowserEnv and the lookup's", err)
	}
	want := "PLAN_BROWSER=/nowhere/chrome does not name a program that can be run: exec: \"/nowhere/chrome\": executable file not found in $PATH"
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	if slices.Contains(f.looked, "path:chromium") {
		t.Error("with PLAN_BROWSER set, Find looked on PATH too")
	}
}

func TestFindNothing(t *testing.T) {
	for _, tt := range []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", nil, "no Chrome, Chromium or Edge to print the PDF with: looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome, msedge, microsoft-edge, microsoft-edge-stable on PATH, " +
			"and for /usr/bin/chromium, /usr/bin/chromium-browser, /snap/bin/chromium, /usr/lib/chromium/chromium, /usr/lib/chromium-browser/chromium-browser, /opt/google/chrome/chrome, /opt/microsoft/msedge/msedge, /usr/local/bin/chrome, /usr/local/bin/chromium"},
		{"darwin", nil, "no Chrome, Chromium or Edge to print the PDF with: looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome, msedge, microsoft-edge, microsoft-edge-stable on PATH, " +
			"and for /Applications/Google Chrome.app/Contents/MacOS/Google Chrome, /Applications/Chromium.app/Contents/MacOS/Chromium, /Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"},
		{"windows", map[string]string{"ProgramFiles": `C:\Program Files`}, "no Chrome, Chromium or Edge to print the PDF with: looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome, msedge, microsoft-edge, microsoft-edge-stable on PATH, " +
			`and for C:\Program Files\Google\Chrome\Application\chrome.exe, C:\Program Files\Microsoft\Edge\Application\msedge.exe, C:\Program Files\Chromium\Application\chrome.exe`},
		{"windows", nil, "no Chrome, Chromium or Edge to print the PDF with: looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome, msedge, microsoft-edge, microsoft-edge-stable on PATH"},
	} {
		f := fakeEnv{goos: tt.goos, env: tt.env}
		got, err := Find(f.Env())
		var nf *NotFoundError
		if !errors.As(err, &nf) || got != "" {
			t.Fatalf("%s: Find = %q, %v; want a *NotFoundError", tt.goos, got, err)
		}
		if err.Error() != tt.want {
			t.Errorf("%s: error\n%s\nwant\n%s", tt.goos, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: the error is not one line", tt.goos)
		}
	}
}

func TestFileURL(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/plan-pdf-1/page.html":              "file:///tmp/plan-pdf-1/page.html",
		"/tmp/a b/page#1.html":                   "file:///tmp/a%20b/page%231.html",
		`C:/Users/ann/AppData/Local/Temp/p.html`: "file:///C:/Users/ann/AppData/Local/Temp/p.html",
	} {
		if got := fileURL(in); got != want {
			t.Errorf("fileURL(%q) = %q, want %q", in, got, want)
		}
	}
}
