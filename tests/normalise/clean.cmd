cd $T/normalise/data && $BIN/normalise clean.txt
