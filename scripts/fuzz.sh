#!/bin/sh
# Runs every fuzz target for FUZZTIME each (default 2m) and says how each
# ended. A failing input is written to the package's testdata/fuzz, where
# 'go test' then runs it as a regression test: commit it with the fix.
#
#   scripts/fuzz.sh                     # 2 minutes per target
#   FUZZTIME=10m scripts/fuzz.sh
#   scripts/fuzz.sh ./plan:FuzzLoad     # the targets named
#
# Go before 1.27 can end a timed run with "context deadline exceeded" when
# the time runs out while a worker is busy (go.dev/issue/75804): a run that
# ends so having written no failing input found nothing, and says so.
set -u
cd "$(dirname "$0")/.." || exit 2
time=${FUZZTIME:-2m}
targets=${*:-"./plan:FuzzLoad ./plan:FuzzParseDate ./plan:FuzzParseNumber ./plan:FuzzDiff
	./pkg/edit:FuzzFormat ./cmd/plan:FuzzEdit ./cmd/plan:FuzzTextconv
	./internal/yamltext:FuzzAgreesWithParser ./internal/textsafe:FuzzVisible ./pkg/render:FuzzCSV ./pkg/render:FuzzMarkdownEscape
	./pkg/tracker:FuzzImport ./pkg/returns:FuzzApply"}
status=0
for target in $targets; do
	pkg=${target%%:*} name=${target#*:}
	log="/tmp/fuzz-$name.log"
	# Minimising a new input can take the fuzzer a minute per input on
	# large plan files; cap it so the time goes on finding inputs.
	if go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$time" -fuzzminimizetime 10s >"$log" 2>&1; then
		echo "$name: ran $time clean ($(grep -o 'execs: [0-9]*' "$log" | tail -1))"
	elif ! grep -q 'Failing input written to' "$log" && grep -q '^    context deadline exceeded$' "$log"; then
		echo "$name: ran $time clean ($(grep -o 'execs: [0-9]*' "$log" | tail -1)); ended on Go's deadline race, no failing input"
	else
		echo "$name: FAILED after a run of up to $time; see $log"
		status=1
	fi
done
exit $status
