cd $T/normalise/data && $BIN/normalise --progress clean.txt
