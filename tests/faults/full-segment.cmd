$BIN/normalise samples/binh-phuoc-9-thang-2023.txt | $BIN/segment >/dev/full
