package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestRacingEditCommands: two plan edits of one file at once never lose a
// change silently: each either lands or refuses with exit 2.
func TestRacingEditCommands(t *testing.T) {
	for round := range 10 {
		dir := badCase(t, "bom")
		argv := [][]string{{"rate", "WF1.1", "red", "--note", "Paused"}, {"done", "WF1.2"}}
		codes := make([]int, len(argv))
		var wg sync.WaitGroup
		for i, args := range argv {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i], _, _ = runIn(dir, args...)
			}()
		}
		wg.Wait()
		data, _ := os.ReadFile(filepath.Join(dir, "priorities", "01.yaml"))
		rated := strings.Contains(string(data), "rag: red")
		done := strings.Contains(string(data), "status: done")
		if (codes[0] == exitOK) != rated || (codes[1] == exitOK) != done {
			t.Fatalf("round %d: exits %v but rated=%v done=%v:\n%s", round, codes, rated, done, data)
		}
		for i, c := range codes {
			if c != exitOK && c != exitError {
				t.Errorf("round %d: %v exited %d", round, argv[i], c)
			}
		}
	}
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
