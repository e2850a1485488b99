cd $T/normalise/data && $BIN/normalise docs.jsonl
