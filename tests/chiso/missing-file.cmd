sh $T/chiso/fake.sh tests/chiso/a.txt no-such-file.txt tests/chiso/b.txt
