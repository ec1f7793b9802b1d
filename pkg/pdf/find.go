// Package pdf prints an HTML page to PDF with a browser that is already
// installed: Chrome, Chromium or Edge, driven through the DevTools
// protocol (github.com/chromedp/chromedp). Find looks for the browser;
// Print prints with it.
package pdf

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// EnvVar is the environment variable that names the browser to print with,
// as a path or a command name; when set, Find looks nowhere else.
const EnvVar = "PLAN_BROWSER"

// Names are the browser commands Find looks for on PATH, in order.
var Names = []string{
	"chromium", "chromium-browser",
	"google-chrome", "google-chrome-stable", "chrome",
	"msedge", "microsoft-edge", "microsoft-edge-stable",
}

// Env is what Find looks at: the process's, from System, or a test's.
type Env struct {
	GOOS     string                            // the operating system, as runtime.GOOS names it
	Getenv   func(string) string               // an environment variable's value, or ""
	LookPath func(string) (string, error)      // as exec.LookPath
	Stat     func(string) (fs.FileInfo, error) // as os.Stat
}

// System returns the Env of this process, with getenv for its
// environment.
func System(getenv func(string) string) Env {
	return Env{GOOS: runtime.GOOS, Getenv: getenv, LookPath: exec.LookPath, Stat: os.Stat}
}

// NotFoundError is returned by Find when no browser is installed in any
// place it looks. Its message lists them.
type NotFoundError struct {
	Names  []string // the commands looked for on PATH
	Places []string // the files looked for outside PATH
}

func (e *NotFoundError) Error() string {
	s := "no Chrome, Chromium or Edge to print the PDF with: looked for " + strings.Join(e.Names, ", ") + " on PATH"
	if len(e.Places) > 0 {
		s += ", and for " + strings.Join(e.Places, ", ")
	}
	return s
}

// ErrBrowserEnv is returned, wrapped with the value, by Find when
// PLAN_BROWSER is set to something that cannot be run.
var ErrBrowserEnv = errors.New("does not name a program that can be run")

// Find returns the path of the browser to print with: $PLAN_BROWSER when
// set (a path, or a command on PATH), else the first of Names on PATH, else
// the first of the usual install places for env.GOOS (Places) that exists.
// It returns an error wrapping ErrBrowserEnv when PLAN_BROWSER names nothing
// that runs, and a *NotFoundError when there is no browser.
func Find(env Env) (string, error) {
	if b := env.Getenv(EnvVar); b != "" {
		p, err := env.LookPath(b)
		if err != nil {
			return "", fmt.Errorf("%s=%s %w: %w", EnvVar, b, ErrBrowserEnv, err)
		}
		return p, nil
	}
	for _, name := range Names {
		if p, err := env.LookPath(name); err == nil {
			return p, nil
		}
	}
	places := Places(env)
	for _, p := range places {
		if fi, err := env.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", &NotFoundError{Names: Names, Places: places}
}

// Places returns the files, outside PATH, where Chrome, Chromium and Edge
// are usually installed on env.GOOS, in the order Find tries them.
func Places(env Env) []string {
	switch env.GOOS {
	case "darwin":
		var out []string
		apps := []string{"Google Chrome", "Chromium", "Microsoft Edge"}
		for _, dir := range []string{"/Applications", joinHome(env.Getenv("HOME"), "Applications")} {
			if dir == "" {
				continue
			}
			for _, app := range apps {
				out = append(out, dir+"/"+app+".app/Contents/MacOS/"+app)
			}
		}
		return out
	case "windows":
		var out []string
		for _, v := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			dir := env.Getenv(v)
			if dir == "" {
				continue
			}
			dir = strings.TrimRight(dir, `\/`)
			out = append(out,
				dir+`\Google\Chrome\Application\chrome.exe`,
				dir+`\Microsoft\Edge\Application\msedge.exe`,
				dir+`\Chromium\Application\chrome.exe`)
		}
		return out
	default:
		// Linux and the BSDs: where the packages put the program itself,
		// for when PATH lacks its directory.
		return []string{
			"/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium",
			"/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser",
			"/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge",
			"/usr/local/bin/chrome", "/usr/local/bin/chromium",
		}
	}
}

// joinHome returns home/dir, or "" without a home.
func joinHome(home, dir string) string {
	if home == "" {
		return ""
	}
	return strings.TrimRight(home, "/") + "/" + dir
}
