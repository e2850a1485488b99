$BIN/segment --bogus
