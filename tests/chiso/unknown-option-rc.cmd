$BIN/chiso --frobnicate 2>/dev/null
