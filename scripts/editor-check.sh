#!/usr/bin/env bash
# editor-check.sh: checks what an editor user gets from plan init's
# schemas, with the language server VS Code's YAML extension runs
# (yaml-language-server, installed from npm into a temporary directory).
# Needs Go, git, node and npm; not part of .ci/run, which has no node.
#
#   scripts/editor-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/plan" ./cmd/plan
(cd "$work" && npm install --silent --no-audit --no-fund yaml-language-server@1 >/dev/null)
cp scripts/lsp.js "$work/"
"$work/plan" init "$work/myplan" >/dev/null
pri="$work/myplan/priorities/01-workforce.yaml"

# An analyst mistypes a status and starts a new line in the action.
sed -e 's/^    status: in-progress$/    status: complete\n    /' "$pri" >"$work/myplan/priorities/02-edit.yaml"
line=$(grep -n '^    $' "$work/myplan/priorities/02-edit.yaml" | cut -d: -f1)
out=$(cd "$work" && node lsp.js myplan/priorities/02-edit.yaml $((line - 1)) 4)
echo "$out"
fail=0
grep -q '^diagnostic [0-9]*:13: Value is not accepted. Valid values: "planned", "in-progress", "done", "dropped".$' <<<"$out" || { echo "FAIL: no diagnostic for status: complete"; fail=1; }
for f in owner evidence visibility rebaselined; do
	grep -qx "completion $f" <<<"$out" || { echo "FAIL: field $f not offered"; fail=1; }
done
grep -qx 'completion title' <<<"$out" && { echo "FAIL: a field already written was offered"; fail=1; }

# Completing a rating offers the three words.
sed -e 's/^    rag: amber$/    rag: /' "$pri" >"$work/myplan/priorities/02-edit.yaml"
line=$(grep -n '^    rag: $' "$work/myplan/priorities/02-edit.yaml" | cut -d: -f1)
out=$(cd "$work" && node lsp.js myplan/priorities/02-edit.yaml $((line - 1)) 9)
echo "$out"
for w in red amber green; do
	grep -qx "completion $w" <<<"$out" || { echo "FAIL: rating $w not offered"; fail=1; }
done

# The example as written has no diagnostics.
out=$(cd "$work" && node lsp.js myplan/priorities/01-workforce.yaml 0 0)
grep -q '^diagnostic' <<<"$out" && { echo "FAIL: the example has diagnostics:"; echo "$out"; fail=1; }
out=$(cd "$work" && node lsp.js myplan/plan.yaml 0 0)
grep -q '^diagnostic' <<<"$out" && { echo "FAIL: plan.yaml has diagnostics:"; echo "$out"; fail=1; }

[ "$fail" = 0 ] && echo "editor check: ok"
exit "$fail"
