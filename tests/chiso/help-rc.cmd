$BIN/chiso --help >/dev/null
