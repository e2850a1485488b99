$BIN/chiso --numbers samples/nghe-an-cong-thuong-2019.txt
