$BIN/chiso --help | head -n 2
