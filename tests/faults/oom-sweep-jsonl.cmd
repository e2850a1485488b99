sh $T/faults/oomsweep.sh normalise tests/normalise/data/docs.jsonl
