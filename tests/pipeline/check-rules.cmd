$BIN/chiso check-rules | tail -n 1
