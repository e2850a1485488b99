$BIN/emit-tsv -H -c doc,evidence
