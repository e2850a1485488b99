d=$(mktemp -d) && cd $d && printf 'một\n' >a.txt && printf 'hai\n' >c.txt && $BIN/normalise a.txt nosuch.txt c.txt; rc=$?; cd / && rm -rf $d; exit $rc
