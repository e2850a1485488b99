printf 'dòng một\ndòng hai\ndòng ba\ndòng bốn\ndòng năm\n' | $BIN/normalise --max-document-bytes 30
