$BIN/chiso -V
