$BIN/tag-numbers -h | head -n 1
