$BIN/emit-tsv --numbers
