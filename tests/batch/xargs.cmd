# xargs -P gives the same rows (sorted) as one serial run.
. "$T/batch/corpus.sh"
$BIN/chiso --no-header "$W"/docs/*.txt.gz | sort > "$O/serial.tsv" &&
find "$W/docs" -name '*.gz' | xargs -P4 -n8 $BIN/chiso --no-header | sort > "$O/xargs.tsv" &&
cmp "$O/serial.tsv" "$O/xargs.tsv" && echo "xargs -P4 -n8: same rows"
