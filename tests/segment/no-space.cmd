$BIN/segment
