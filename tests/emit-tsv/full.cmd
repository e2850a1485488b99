$BIN/emit-tsv >/dev/full
