cd $T/normalise/data && $BIN/normalise tabs.txt
