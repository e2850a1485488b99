$BIN/emit-tsv --help >/dev/null && echo ok
