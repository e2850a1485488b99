$BIN/segment -h | head -1
