#!/bin/sh
# Runs every fuzz target for FUZZTIME each (default 2m) and says how each
# ended. A failing input is written to the package's testdata/fuzz, where
# 'go test' then runs it as a regression test: commit it with the fix.
#
#   scripts/fuzz.sh            # 2 minutes per target
#   FUZZTIME=10m scripts/fuzz.sh
set -u
cd "$(dirname "$0")/.."
time=${FUZZTIME:-2m}
status=0
for target in \
	./plan:FuzzLoad ./plan:FuzzParseDate ./plan:FuzzParseNumber ./plan:FuzzDiff \
	./pkg/edit:FuzzFormat ./cmd/plan:FuzzEdit ./cmd/plan:FuzzTextconv \
	./internal/yamltext:FuzzAgreesWithParser ./internal/textsafe:FuzzVisible ./pkg/render:FuzzCSV; do
	pkg=${target%%:*} name=${target#*:}
	# Minimising a new input can take the fuzzer a minute per input on
	# large plan files; cap it so the time goes on finding inputs.
	if go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$time" -fuzzminimizetime 10s >"/tmp/fuzz-$name.log" 2>&1; then
		echo "$name: ran $time clean ($(grep -o 'execs: [0-9]*' "/tmp/fuzz-$name.log" | tail -1))"
	else
		echo "$name: FAILED after a run of up to $time; see /tmp/fuzz-$name.log"
		status=1
	fi
done
exit $status
