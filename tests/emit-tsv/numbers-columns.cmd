$BIN/emit-tsv --numbers --columns text,flags,source -H
