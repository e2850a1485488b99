# The seed articles and their gold rows (../shared/eval): the score must not drop.
shared=../shared/eval
$BIN/chiso "$shared"/seeds/*.txt > "${TMPDIR:-/tmp}/chiso-seeds.$$" &&
python3 "$shared/score.py" "$shared/seeds.gold.tsv" "${TMPDIR:-/tmp}/chiso-seeds.$$" | tail -n 1
rc=$?; rm -f "${TMPDIR:-/tmp}/chiso-seeds.$$"; exit $rc
