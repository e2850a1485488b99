/*
 * fuzz_segment.c - the sentence splitter (segmenter.h) on any line.
 *
 * Checks the contract of seg_next(): sentences are non-empty, inside the
 * line, in order, trimmed of spaces, and the position always moves on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rules.h"
#include "segmenter.h"

static struct segmenter *sg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[512];

	fuzz_quiet();
	snprintf(path, sizeof(path), "%s/segment.yaml", fuzz_rules());
	sg = seg_load(path);
	return 0;
}

static void
split(const char *s, size_t size)
{
	size_t pos = 0, start, end, last = 0;

	while (seg_next(sg, s, size, &pos, &start, &end)) {
		if (start < last || start >= end || end > size || pos < end ||
		    pos > size)
			abort();
		if (s[start] == ' ' || s[end - 1] == ' ')
			abort();
		last = pos;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past it. */
	char *s = malloc(size ? size : 1);

	memcpy(s, data, size);
	FUZZ_TRY {
		split(s, size);
		FUZZ_END();
	} else {
		abort();
	}
	free(s);
	return 0;
}
