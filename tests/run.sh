#!/bin/sh
# Runs every test case under tests/ against the build tree ($BIN).
#
# A case is tests/SUITE/NAME.cmd: one shell command line, run from the
# top of the tree with $BIN (the build's bin directory), $T (tests/) and
# $CASE (tests/SUITE/NAME, for reaching its own data files) set, and with
# standard input from NAME.in when that file exists.  It passes when
#   - its stdout equals NAME.out (when present),
#   - its stderr equals NAME.err (when present),
#   - its exit code equals NAME.rc (0 when absent).
# Each failure is shown as a diff.  Suites with a runner of their own
# (tests/SUITE/run.sh) are run by it instead and must print
# "SUITE: N passed, N failed" as their last line.
set -u
BIN=${BIN:-bin}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
T=$(pwd)/tests
CHISO_RULES=$(pwd)/rules
export BIN T CHISO_RULES
# Messages and sorting must not depend on the user's locale.
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0

only=${1:-}
for suite in "$T"/*/; do
	suite=${suite%/}
	name=${suite##*/}
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	if [ -f "$suite/run.sh" ]; then
		out=$(sh "$suite/run.sh" 2>&1)
		rc=$?
		last=$(printf '%s\n' "$out" | tail -n 1)
		p=$(printf '%s\n' "$last" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')
		f=$(printf '%s\n' "$last" | sed -n 's/.*, \([0-9][0-9]*\) failed.*/\1/p')
		if [ -z "$p" ] || [ -z "$f" ]; then
			printf '%s\n' "$out"
			echo "FAIL $name: its runner gave no count (exit $rc)"
			fail=$((fail + 1))
			continue
		fi
		[ "$f" -gt 0 ] || [ $rc -ne 0 ] && printf '%s\n' "$out"
		pass=$((pass + p)) fail=$((fail + f))
		[ $rc -ne 0 ] && [ "$f" -eq 0 ] && fail=$((fail + 1))
		continue
	fi
	for cmd in "$suite"/*.cmd; do
		[ -f "$cmd" ] || continue
		CASE=${cmd%.cmd}
		export CASE
		id="$name/${CASE##*/}"
		if [ -f "$CASE.in" ]; then
			sh -c "$(cat "$cmd")" <"$CASE.in" >"$tmp/out" 2>"$tmp/err"
		else
			sh -c "$(cat "$cmd")" </dev/null >"$tmp/out" 2>"$tmp/err"
		fi
		rc=$?
		want_rc=0
		[ -f "$CASE.rc" ] && want_rc=$(cat "$CASE.rc")
		ok=1
		if [ -f "$CASE.out" ] && ! cmp -s "$CASE.out" "$tmp/out"; then
			echo "FAIL $id: stdout differs"
			diff -u "$CASE.out" "$tmp/out" | head -n 60
			ok=0
		fi
		if [ -f "$CASE.err" ] && ! cmp -s "$CASE.err" "$tmp/err"; then
			echo "FAIL $id: stderr differs"
			diff -u "$CASE.err" "$tmp/err" | head -n 30
			ok=0
		fi
		if [ "$rc" != "$want_rc" ]; then
			echo "FAIL $id: exit code $rc, expected $want_rc"
			[ -f "$CASE.err" ] || head -n 5 "$tmp/err"
			ok=0
		fi
		if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	done
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
