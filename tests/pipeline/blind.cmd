# Seven hundred and twenty-one articles and their rows written blind from GUIDELINES.md by
# someone who had not seen chiso's rules or output (tests/pipeline/blind/,
# blind.gold.tsv; '|' separates accepted alternatives): every miss and
# false positive is listed, so a change in either shows.
shared=../shared/eval
out=${TMPDIR:-/tmp}/chiso-blind.$$
$BIN/chiso tests/pipeline/blind/* >"$out" &&
python3 "$shared/score.py" tests/pipeline/blind.gold.tsv "$out" -v
rc=$?; rm -f "$out"; exit $rc
