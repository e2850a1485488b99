sh $T/chiso/fake.sh check-rules --rules rules
