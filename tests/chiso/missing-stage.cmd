d=$(mktemp -d); cp $BIN/chiso $d/; $d/chiso x 2>&1 | sed "s|$d|DIR|"; rm -rf $d
