sh $T/chiso/fake.sh -- -odd-name tests/chiso/b.txt
