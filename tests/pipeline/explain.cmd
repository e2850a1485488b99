$BIN/chiso --explain samples/long-an-quy-1-2024.txt.gz
