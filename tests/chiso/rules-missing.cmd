$BIN/chiso --rules tests/chiso/no-such-dir tests/chiso/a.txt
