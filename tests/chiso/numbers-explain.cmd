$BIN/chiso --numbers --explain
