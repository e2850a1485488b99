$BIN/chiso samples/*.txt samples/*.gz
