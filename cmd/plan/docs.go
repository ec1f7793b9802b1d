package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newDocsCmd(g *globalOptions) *cobra.Command {
	var man, markdown string
	cmd := &cobra.Command{
		Use:   "docs --man DIR | --markdown DIR",
		Short: "Write the manual: man pages or a Markdown reference",
		Long: `Write a page for every command, generated from the same text as --help: man
pages (section 1) into --man DIR, Markdown into --markdown DIR. The Markdown
reference in this repository's docs/reference is written this way.`,
		Example: `  plan docs --man /usr/local/share/man/man1
  plan docs --markdown docs/reference`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if man == "" && markdown == "" {
				return withHint(fmt.Errorf("say where: --man DIR or --markdown DIR"), "run 'plan docs --help'")
			}
			root := c.Root()
			root.DisableAutoGenTag = true // no date in the pages, so they only change when the text does
			if markdown != "" {
				if err := os.MkdirAll(markdown, 0o755); err != nil {
					return err
				}
				if err := doc.GenMarkdownTree(root, markdown); err != nil {
					return fmt.Errorf("write the Markdown reference: %w", err)
				}
			}
			if man != "" {
				if err := os.MkdirAll(man, 0o755); err != nil {
					return err
				}
				now := g.deps.now().In(london())
				if epoch := g.deps.getenv("SOURCE_DATE_EPOCH"); epoch != "" { // reproducible builds
					secs, err := strconv.ParseInt(epoch, 10, 64)
					if err != nil {
						return fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", epoch)
					}
					now = time.Unix(secs, 0).UTC()
				}
				header := &doc.GenManHeader{Title: "PLAN", Section: "1", Source: "plan " + version(g.deps.buildInfo), Manual: "plan manual", Date: &now}
				if err := doc.GenManTree(root, header, man); err != nil {
					return fmt.Errorf("write the man pages: %w", err)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&man, "man", "", "write man pages into `DIR`")
	cmd.Flags().StringVar(&markdown, "markdown", "", "write Markdown pages into `DIR`")
	return cmd
}
