sh $T/chiso/fake.sh
