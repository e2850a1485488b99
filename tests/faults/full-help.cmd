$BIN/segment --help >/dev/full
