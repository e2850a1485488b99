$BIN/emit-tsv --columns metric,value,unit,doc,published
