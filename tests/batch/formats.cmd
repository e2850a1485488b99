# The same documents as a txt.gz folder, a WET file and a JSON-lines file
# give the same rows, document for document.  WET and JSON lines carry the
# same metadata (date), so their rows agree in full; the txt files carry
# none, so their figures (metric, measure, value, unit, approx) agree.
. "$T/batch/corpus.sh"
cols=metric,period,status,measure,value,unit,basis,approx,component,sentence
$BIN/chiso --no-header -c doc,$cols "$W/crawl.jsonl.gz" > "$W/jsonl.tsv" &&
$BIN/chiso --no-header -c published,$cols "$W/crawl.warc.wet.gz" > "$W/wet.tsv" &&
$BIN/chiso --no-header -c doc,$cols "$W"/docs/*.txt.gz > "$W/txt.tsv" &&
cut -f2- "$W/jsonl.tsv" > "$W/a" && cut -f2- "$W/wet.tsv" > "$W/b" && cmp "$W/a" "$W/b" &&
awk -F'\t' '{print $1, $2, $5, $6, $7, $9}' "$W/jsonl.tsv" > "$W/a" &&
awk -F'\t' '{print $1, $2, $5, $6, $7, $9}' "$W/txt.tsv" > "$W/b" && cmp "$W/a" "$W/b" &&
echo "jsonl = wet in full; txt = jsonl in figures"
