printf 'Kinh t\000ế tăng\000 trưởng\nhai\000\n' | $BIN/normalise
