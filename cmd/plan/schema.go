package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plan-tool/plan/internal/atomicfile"
	"github.com/plan-tool/plan/plan"
)

// schemaFiles are the names plan schema --write and plan init give the
// schemas.
var schemaFiles = map[bool]string{true: "plan.schema.json", false: "priority.schema.json"}

type schemaOptions struct {
	*globalOptions
	which string // plan or priority; "" with --write
	write string // --write DIR
}

// newSchemaCmd builds the schema command. runF, when not nil, replaces
// runSchema, so tests can see the parsed options.
func newSchemaCmd(g *globalOptions, runF func(*schemaOptions) error) *cobra.Command {
	o := &schemaOptions{globalOptions: g}
	if runF == nil {
		runF = runSchema
	}
	cmd := &cobra.Command{
		Use:   "schema plan|priority",
		Short: "Print the JSON Schema of plan.yaml or of a priority file, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of plan.yaml or of a priority file. Editors
that use yaml-language-server, such as VS Code with the YAML extension, read it
to offer completion of fields and allowed words, show what each field means,
and mark mistakes as you type. Point a file at its schema with a first line
such as

  # yaml-language-server: $schema=.plan/priority.schema.json

(the path is relative to the file). plan init writes the schemas and these
lines; --write DIR writes both schemas again, after upgrading plan.

The schema knows what one file may hold. What needs the whole plan - unique
ids, references to themes, owners and findings - and the policy rules are
plan check's.`,
		Example: `  plan schema priority > .plan/priority.schema.json
  plan schema --write .plan`,
		ValidArgs: []string{"plan", "priority"},
		Args: func(c *cobra.Command, args []string) error {
			if o.write != "" {
				return cobra.NoArgs(c, args)
			}
			if len(args) != 1 || (args[0] != "plan" && args[0] != "priority") {
				return withHint(fmt.Errorf("say which schema: plan or priority"), "run 'plan schema plan' or 'plan schema priority', or 'plan schema --write DIR' for both")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if o.write == "" {
				o.which = args[0]
			}
			return runF(o)
		},
	}
	cmd.Flags().StringVar(&o.write, "write", "", "write both schemas into `DIR` as plan.schema.json and priority.schema.json")
	return cmd
}

func runSchema(o *schemaOptions) error {
	if o.write != "" {
		return writeSchemas(o.ctx, &o.deps.writer, o.write)
	}
	s, err := plan.Schema(o.which == "plan")
	if err != nil {
		return err
	}
	_, err = o.deps.io.Out.Write(s)
	return err
}

func writeSchemas(ctx context.Context, w *atomicfile.Writer, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, planFile := range []bool{true, false} {
		s, err := plan.Schema(planFile)
		if err != nil {
			return err
		}
		if err := w.WriteFile(ctx, filepath.Join(dir, schemaFiles[planFile]), s); err != nil {
			return err
		}
	}
	return nil
}
