$BIN/chiso check-rules --help | head -n 1
