$BIN/tag-numbers
