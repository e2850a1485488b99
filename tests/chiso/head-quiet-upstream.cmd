{ FAKE_NORMALISE=flood sh $T/chiso/fake.sh tests/chiso/b.txt; echo "chiso exit $?" >&2; } | head -n 1
