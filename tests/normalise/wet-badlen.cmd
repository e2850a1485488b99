cd $T/normalise/data && $BIN/normalise badlen.warc.wet
