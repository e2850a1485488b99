$BIN/emit-tsv --numbers --explain
