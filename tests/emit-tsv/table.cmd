$BIN/emit-tsv
