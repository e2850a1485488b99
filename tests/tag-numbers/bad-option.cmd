$BIN/tag-numbers --bogus 2>/dev/null
