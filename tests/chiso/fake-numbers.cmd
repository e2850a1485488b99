sh $T/chiso/fake.sh --numbers -c doc,text -H tests/chiso/b.txt
