$BIN/emit-tsv --no-header -c doc,metric
