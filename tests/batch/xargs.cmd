# xargs -P gives the same rows (sorted) as one serial run.
. "$T/batch/corpus.sh"
$BIN/chiso --no-header "$W"/docs/*.txt.gz | sort > "$W/serial.tsv" &&
find "$W/docs" -name '*.gz' | xargs -P4 -n8 $BIN/chiso --no-header | sort > "$W/xargs.tsv" &&
cmp "$W/serial.tsv" "$W/xargs.tsv" && echo "xargs -P4 -n8: same rows"
