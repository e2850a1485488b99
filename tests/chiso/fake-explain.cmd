sh $T/chiso/fake.sh --explain tests/chiso/b.txt
