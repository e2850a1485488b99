$BIN/emit-tsv -c doc,value </dev/null
