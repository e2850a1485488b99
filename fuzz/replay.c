/*
 * replay.c - a main() for the fuzz targets without libFuzzer: feeds each
 * file named on the command line to LLVMFuzzerTestOneInput, so that
 * tests/fuzz/run.sh can replay seeds and kept crashes with plain cc.
 * Prints one line per file; a crash or abort() ends the run as it would
 * end the fuzzer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Targets that need no set-up leave this undefined. */
#pragma weak LLVMFuzzerInitialize

int
main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf;
		long n;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 1;
		}
		buf = malloc(n > 0 ? (size_t)n : 1);
		if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
		/* Through the real stderr: the target may have silenced ours. */
		dprintf(2, "replay: %s ok\n", argv[i]);
	}
	return 0;
}
