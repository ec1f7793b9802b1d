// Command linked is the start-up floor of a program linked as plan is: it
// imports every package plan's main package imports, so that the same
// packages are linked and their initialisation runs, and then prints one
// line and does nothing else. plan --version is measured against it as
// well as against a hello-world (scripts/bench/hello): what lies between
// hello and linked is what plan's dependencies cost before main runs.
// TestSameImports keeps the list in step with cmd/plan.
package main

import (
	"fmt"

	_ "bytes"
	_ "cmp"
	_ "context"
	_ "embed"
	_ "errors"
	_ "github.com/plan-tool/plan/internal/atomicfile"
	_ "github.com/plan-tool/plan/internal/hint"
	_ "github.com/plan-tool/plan/internal/textsafe"
	_ "github.com/plan-tool/plan/internal/yamltext"
	_ "github.com/plan-tool/plan/pkg/docx"
	_ "github.com/plan-tool/plan/pkg/edit"
	_ "github.com/plan-tool/plan/pkg/eml"
	_ "github.com/plan-tool/plan/pkg/gitrepo"
	_ "github.com/plan-tool/plan/pkg/history"
	_ "github.com/plan-tool/plan/pkg/iostreams"
	_ "github.com/plan-tool/plan/pkg/pdf"
	_ "github.com/plan-tool/plan/pkg/render"
	_ "github.com/plan-tool/plan/pkg/returns"
	_ "github.com/plan-tool/plan/pkg/tracker"
	_ "github.com/plan-tool/plan/pkg/workbook"
	_ "github.com/plan-tool/plan/plan"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/cobra/doc"
	_ "github.com/spf13/pflag"
	_ "hash/fnv"
	_ "io"
	_ "io/fs"
	_ "net/mail"
	_ "os"
	_ "os/signal"
	_ "path"
	_ "path/filepath"
	_ "runtime"
	_ "runtime/debug"
	_ "slices"
	_ "strconv"
	_ "strings"
	_ "sync"
	_ "syscall"
	_ "text/template"
	_ "time"
	_ "time/tzdata"
	_ "unicode/utf8"
)

func main() { fmt.Println("linked") }
