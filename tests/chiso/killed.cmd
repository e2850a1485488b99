FAKE_SEGMENT=kill=SEGV sh $T/chiso/fake.sh tests/chiso/b.txt >/dev/null
