$BIN/segment $CASE.in missing.file; echo rc=$?
