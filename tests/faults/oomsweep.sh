#!/bin/sh
# oomsweep.sh TOOL ARG... - runs $BIN/TOOL ARG... once per allocation it
# makes (up to 300 runs, evenly spread beyond the first 100; all of them
# with OOMSWEEP_ALL=1), with that
# allocation failing (failmalloc.c, built here).  Each run must stop with
# exit 1 and a message, or succeed when the failure was absorbed (stdio
# falls back to unbuffered output); never crash, hang or exit silently.
# Prints the runs that misbehave, then "N runs, N bad".
set -u
tool=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cc -shared -fPIC -o "$tmp/fm.so" "$T/faults/failmalloc.c" -ldl || exit 1
# Under ASan the injector sits in front of ASan's malloc, which it allows.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

FAILMALLOC_COUNT=1 LD_PRELOAD=$tmp/fm.so "$BIN/$tool" "$@" \
    >/dev/null 2>"$tmp/count"
total=$(sed -n 's/^failmalloc: \([0-9]*\) calls$/\1/p' "$tmp/count" | sort -n | tail -n 1)
[ -n "$total" ] || { echo "no count"; cat "$tmp/count"; exit 1; }
step=$(( (total - 100) / 200 + 1 ))
# OOMSWEEP_ALL=1: every allocation, for a thorough run by hand.
[ -n "${OOMSWEEP_ALL:-}" ] && step=1
runs=0 bad=0 failed=0 n=1
while [ "$n" -le "$total" ]; do
	timeout 20 env FAILMALLOC_N=$n LD_PRELOAD="$tmp/fm.so" "$BIN/$tool" "$@" \
	    >/dev/null 2>"$tmp/err"
	rc=$?
	runs=$((runs + 1))
	msg=$(head -n 1 "$tmp/err")
	case $rc in
	0) ;;
	1) failed=$((failed + 1))
	   [ -n "$msg" ] || { echo "n=$n: exit 1 with no message"; bad=$((bad + 1)); } ;;
	*) echo "n=$n: exit $rc: $msg"; bad=$((bad + 1)) ;;
	esac
	if [ "$n" -lt 100 ]; then n=$((n + 1)); else n=$((n + step)); fi
done
# The run count differs between builds, so it is not printed on success.
if [ $failed -eq 0 ]; then
	echo "$tool: the injector made nothing fail in $runs runs"
elif [ $bad -eq 0 ]; then
	echo "$tool: every allocation failure handled"
else
	echo "$tool: $bad of $runs runs bad"
fi
