sh $T/faults/oomsweep.sh chiso samples/binh-phuoc-9-thang-2023.txt
