# Articles of other kinds than the seeds (national and provincial reports,
# news, lists, plans, noise; tests/pipeline/general/) against their rows
# as GUIDELINES.md reads them (general.gold.tsv, written by hand): every
# miss and false positive is listed, so a change in either shows.
shared=../shared/eval
out=${TMPDIR:-/tmp}/chiso-general.$$
$BIN/chiso tests/pipeline/general/* >"$out" &&
python3 "$shared/score.py" tests/pipeline/general.gold.tsv "$out" -v
rc=$?; rm -f "$out"; exit $rc
