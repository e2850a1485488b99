sh $T/chiso/fake.sh -r rules tests/chiso/a.txt
