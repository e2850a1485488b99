sh $T/chiso/fake.sh --stats --format plain --columns doc,metric --no-header tests/chiso/b.txt
