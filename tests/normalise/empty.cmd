d=$(mktemp -d) && cd $d && : >empty.txt && printf '\n' >blank.txt && $BIN/normalise empty.txt blank.txt; rc=$?; cd / && rm -rf $d; exit $rc
