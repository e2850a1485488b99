cd $T/normalise/data && d=$(mktemp -d) && sed 's/^  tone_style: new/  tone_style: old/' $CHISO_RULES/normalise.yaml >$d/normalise.yaml && $BIN/normalise -r $d tones.txt; rc=$?; rm -rf $d; exit $rc
