cd $T/normalise/data && $BIN/normalise tones.txt
