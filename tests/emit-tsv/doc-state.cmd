$BIN/emit-tsv -c doc,source,published,metric,evidence
