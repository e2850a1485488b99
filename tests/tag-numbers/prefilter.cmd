# The start index (lib/rxstart.c) must never change what is found: every
# case text of the number corpus, the seeds and the pipeline articles,
# read with the index and with CHISO_NO_PREFILTER (every rule tried at
# every start), give the same num records.
d=$(mktemp -d) && awk -F'\t' '!/^#/ && NF { printf "sent\tc%d\t1\t1\t%s\n", NR, $1 }' "$T"/numbers/*.tsv >"$d/in" && grep -h '^sent' "$T"/tag-numbers/seeds.in >>"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && echo "same records for $(grep -c '^sent' "$d/in" | tr -d ' ') sentences, $(grep -c '^num' "$d/a" | tr -d ' ') mentions"; rc=$?; rm -rf "$d"; exit $rc
