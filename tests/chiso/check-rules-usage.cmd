sh $T/chiso/fake.sh check-rules extra
