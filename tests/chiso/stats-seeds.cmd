# --stats: each stage's counts on stderr at the end; rows unchanged.
$BIN/chiso --stats ../shared/eval/seeds/*.txt 2>&1 >/dev/null | grep -E '^(tag-numbers|classify-metric|normalise: documents_read)'
