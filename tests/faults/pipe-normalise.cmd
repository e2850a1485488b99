d=$(mktemp -d); for i in $(seq 600); do cp samples/binh-phuoc-9-thang-2023.txt $d/a$i.txt; done; { $BIN/normalise $d; echo "normalise exit $?" >&2; } | head -n 1 | cut -f1,2; rm -rf $d
