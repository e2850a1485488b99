cd $T/normalise/data && $BIN/normalise invalid.txt
