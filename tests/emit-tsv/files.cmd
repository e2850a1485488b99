$BIN/emit-tsv -H -c doc,metric $CASE.in - missing.tsv < $CASE.in; echo rc=$?
