# An item of a ranking of provinces takes the indicator in force, and its
# row names the province it is about, not the article's; a region's
# figure gives no row, nor does a province's growth after a sentence on
# a share (provinces are ranked by amounts and growth).  The place holds
# for the item's clause ("..., bằng 96,5% so với năm 2015").
d=$(mktemp -d)
printf 'Bắc Giang tăng trưởng cao nhất cả nước\n\nNgày 29/06/2023\n\nGRDP 6 tháng đầu năm 2023 của Bắc Giang ước tăng 12,45%%. Xếp sau là Hải Phòng với mức tăng 10,41%%; Quảng Ninh tăng 9,11%%, Ninh Thuận tăng 8,37%%. Bình quân của vùng đạt khoảng 6,2%%.\n\nTỷ trọng công nghiệp - xây dựng chiếm 51,2%%. Kon Tum dẫn đầu với mức tăng 9,1%%.\n\nKim ngạch xuất khẩu năm 2016 của Bắc Giang đạt 3,5 tỷ USD. Bắc Ninh đứng thứ hai với 22,3 tỷ USD, bằng 96,5%% so với năm 2015.\n' >"$d/a.txt"
$BIN/chiso -H -c province,metric,period,measure,value "$d/a.txt"
rm -rf "$d"
