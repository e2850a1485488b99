$BIN/segment -r tests/segment/badrules
