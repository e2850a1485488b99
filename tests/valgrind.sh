#!/bin/sh
# tests/valgrind.sh - `make valgrind`: each stage alone under valgrind
# (memcheck, --leak-check=full) over the evaluation seeds, then the
# driver with its children traced.  Any invalid read or write, use of
# uninitialised memory, or definite/possible leak fails the stage (exit
# 9 from valgrind).  Seeds: $SEEDS, default /work/shared/eval/seeds/*.txt,
# else the bundled samples.  Prints "valgrind: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
CHISO_RULES=${CHISO_RULES:-$(pwd)/rules}
export CHISO_RULES
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed (sudo apt-get install valgrind)" >&2
	exit 2
fi
seeds=${SEEDS:-$(ls /work/shared/eval/seeds/*.txt 2>/dev/null)}
[ -n "$seeds" ] || seeds=$(ls samples/*.txt samples/*.gz)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible
    --show-leak-kinds=definite,possible --error-exitcode=9"
pass=0 fail=0

# run NAME OUT CMD...: runs CMD under valgrind, stdout to OUT.
run() {
	name=$1 out=$2
	shift 2
	# shellcheck disable=SC2086
	$vg --log-file="$tmp/$name.vg" "$@" >"$out" 2>"$tmp/$name.err"
	rc=$?
	if [ $rc -eq 9 ] || [ -s "$tmp/$name.vg" ]; then
		echo "FAIL valgrind: $name (exit $rc)"
		head -n 40 "$tmp/$name.vg"
		fail=$((fail + 1))
	elif [ $rc -ne 0 ]; then
		echo "FAIL valgrind: $name exits $rc"
		head -n 5 "$tmp/$name.err"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# shellcheck disable=SC2086
run normalise "$tmp/1" $BIN/normalise $seeds
run segment "$tmp/2" $BIN/segment "$tmp/1"
run tag-numbers "$tmp/3" $BIN/tag-numbers "$tmp/2"
run classify-metric "$tmp/4" $BIN/classify-metric --explain "$tmp/3"
run emit-tsv "$tmp/5" $BIN/emit-tsv "$tmp/4"
run emit-tsv-numbers "$tmp/6" $BIN/emit-tsv --numbers "$tmp/4"
# The driver and the stages it starts, as a user runs them.
# shellcheck disable=SC2086
run chiso "$tmp/7" $BIN/chiso $seeds
vg="$vg --trace-children=yes"
# shellcheck disable=SC2086
run chiso-children "$tmp/8" $BIN/chiso $seeds
if ! cmp -s "$tmp/5" "$tmp/7"; then
	echo "FAIL valgrind: chiso's table differs from the stages'"
	fail=$((fail + 1))
fi
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
