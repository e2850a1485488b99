#!/bin/sh
# tests/numbers/run.sh - the case corpus of the number reader.
#
# Each tests/numbers/<family>.tsv holds one case a line (lines starting
# with # and blank lines are skipped):
#
#   TEXT <TAB> EXPECTED [<TAB> comment]
#
# EXPECTED lists the mentions tag-numbers must find in TEXT, in order,
# separated by " | ", each written
#
#   MENTION -> kind;value;unit;approx;flags
#
# where MENTION is the mention's exact text (the bytes START..END) and the
# fields are the num record's.  Trailing fields may be left out and are
# then not checked ("2/3 -> fraction" checks the kind only); a field
# written empty must be empty ("160 triệu -> quantity;160000000;;;scaled").
# Two special values:
#   -   no mention at all
#   ~   no quantity, percent or count (other kinds are not checked): the
#       negatives, texts in which no figure may be found
#
# All cases are fed through one run of $BIN/tag-numbers as sent records
# (doc id FILE:LINE), then compared; each failure is printed with its
# file:line, expected and got.  The last line is
# "numbers: N passed, N failed".
#
# With -p, prints every case as TEXT<TAB>GOT instead (for drafting new
# cases: check each by hand before keeping it).
set -u
BIN=${BIN:-bin}
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
print=0
[ "${1:-}" = -p ] && print=1 && shift
files=${1:-"$dir"/*.tsv}

# shellcheck disable=SC2086
awk -F'\t' 'FNR == 1 { f = FILENAME; sub(".*/", "", f) }
	/^#/ || /^[ \t]*$/ { next }
	{ printf "sent\t%s:%d\t1\t1\t%s\n", f, FNR, $1 }' $files >"$tmp/in"
if ! "$BIN/tag-numbers" "$tmp/in" >"$tmp/out" 2>"$tmp/err"; then
	cat "$tmp/err"
	echo "numbers: 0 passed, 1 failed"
	exit 1
fi

# shellcheck disable=SC2086
awk -F'\t' -v printmode="$print" '
FNR == NR {
	if ($1 == "num") {
		item = $11 " -> " $6 ";" $7 ";" $8 ";" $9 ";" $10
		# (test first: assigning got[$2] would create it)
		if ($2 in got)
			item = got[$2] " | " item
		got[$2] = item
		kinds[$2] = kinds[$2] " " $6
	}
	next
}
FNR == 1 { f = FILENAME; sub(".*/", "", f) }
/^#/ || /^[ \t]*$/ { next }
{
	id = f ":" FNR
	g = (id in got) ? got[id] : "-"
	if (printmode) { print $1 "\t" g; next }
	if (same($2, g, kinds[id])) { pass++; next }
	fail++
	printf "FAIL %s: %s\n  expected: %s\n  got:      %s\n", id, $1, $2, g
}
function same(want, g, k,    ne, ng, e, a, i, j, ef, gf, nef) {
	if (want == "-")
		return g == "-"
	if (want == "~")
		return k !~ / (quantity|percent|count)/
	ne = split(want, e, / \| /)
	ng = (g == "-") ? 0 : split(g, a, / \| /)
	if (ne != ng)
		return 0
	for (i = 1; i <= ne; i++) {
		if (index(e[i], " -> ") == 0)
			return 0
		if (substr(e[i], 1, index(e[i], " -> ")) != \
		    substr(a[i], 1, index(a[i], " -> ")))
			return 0
		nef = split(substr(e[i], index(e[i], " -> ") + 4), ef, ";")
		split(substr(a[i], index(a[i], " -> ") + 4), gf, ";")
		for (j = 1; j <= nef; j++)
			if (ef[j] != gf[j])
				return 0
	}
	return 1
}
END {
	if (!printmode)
		printf "numbers: %d passed, %d failed\n", pass, fail
	exit fail > 0
}' "$tmp/out" $files
