$BIN/chiso --frobnicate 2>&1 >/dev/null | grep "^usage:"; exit $(($? == 0 ? 0 : 9))
