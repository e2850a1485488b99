$BIN/segment -r tests/segment/nonexistent
