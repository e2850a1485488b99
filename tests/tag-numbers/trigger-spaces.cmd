# A digitless sentence is read when it holds a trigger, and a space in a
# trigger ("lần thứ") stands for any run of white space, as everywhere in
# numbers.yaml: the run before "thứ" does not hide it (has_trigger()
# anchors a trigger before its first space).  One space or three, tab or
# none: the same mentions.
"$BIN/tag-numbers" | grep '^num' | cut -f3,6,7,11
