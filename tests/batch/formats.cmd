# The same documents as a txt.gz folder, a WET file and a JSON-lines file
# give the same rows, document for document.  WET and JSON lines carry the
# same metadata (date), so their rows agree in full; the txt files carry
# none, so their figures (metric, measure, value, unit, approx) agree.
. "$T/batch/corpus.sh"
cols=metric,period,status,measure,value,unit,basis,approx,component,sentence
$BIN/chiso --no-header -c doc,$cols "$W/crawl.jsonl.gz" > "$O/jsonl.tsv" &&
$BIN/chiso --no-header -c published,$cols "$W/crawl.warc.wet.gz" > "$O/wet.tsv" &&
$BIN/chiso --no-header -c doc,$cols "$W"/docs/*.txt.gz > "$O/txt.tsv" &&
cut -f2- "$O/jsonl.tsv" > "$O/a" && cut -f2- "$O/wet.tsv" > "$O/b" && cmp "$O/a" "$O/b" &&
awk -F'\t' '{print $1, $2, $5, $6, $7, $9}' "$O/jsonl.tsv" > "$O/a" &&
awk -F'\t' '{print $1, $2, $5, $6, $7, $9}' "$O/txt.tsv" > "$O/b" && cmp "$O/a" "$O/b" &&
echo "jsonl = wet in full; txt = jsonl in figures"
