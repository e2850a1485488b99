$BIN/emit-tsv --numbers --columns metric
