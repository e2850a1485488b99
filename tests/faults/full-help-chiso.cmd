$BIN/chiso --help >/dev/full
