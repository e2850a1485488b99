sh $T/faults/oomsweep.sh normalise tests/normalise/data/crawl.warc.wet
