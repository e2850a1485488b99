cd $T/normalise/data && $BIN/normalise --json-id doc_id --json-url link --json-date published --json-text content renamed.jsonl && $BIN/normalise -f jsonl --json-text content <renamed.jsonl
