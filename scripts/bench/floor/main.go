// Command floor is the benchmark's floor: it reads every .yaml file below
// the directories it is given and parses each into a yaml.Node, one after
// another on one goroutine, and does nothing else. No YAML tool can read
// the files faster than it without a faster parser.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"go.yaml.in/yaml/v3"
)

func main() {
	runtime.GOMAXPROCS(1)
	files, bytes := 0, 0
	for _, dir := range os.Args[1:] {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".yaml" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var n yaml.Node
			if err := yaml.Unmarshal(data, &n); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			files++
			bytes += len(data)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("parsed %d files, %d bytes\n", files, bytes)
}
