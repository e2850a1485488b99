FAKE_SEGMENT=exit=1 FAKE_TAG_NUMBERS=exit=2 sh $T/chiso/fake.sh tests/chiso/b.txt >/dev/null
