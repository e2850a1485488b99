$BIN/normalise samples/binh-phuoc-9-thang-2023.txt | $BIN/segment | $BIN/tag-numbers | $BIN/classify-metric | $BIN/emit-tsv >/dev/full
