sh $T/chiso/fake.sh --progress -H tests/chiso/b.txt
