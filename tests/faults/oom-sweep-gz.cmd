sh $T/faults/oomsweep.sh normalise samples/long-an-quy-1-2024.txt.gz
