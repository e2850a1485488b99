$BIN/segment -r tests/segment/badtable
