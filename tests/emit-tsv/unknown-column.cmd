$BIN/emit-tsv --columns doc,metrik
