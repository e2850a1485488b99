cd $T/normalise/data && $BIN/normalise --stats crawl.warc.wet 2>&1 | grep -v -e ': bytes_' -e ' 0$'
