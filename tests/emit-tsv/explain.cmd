$BIN/emit-tsv --explain
