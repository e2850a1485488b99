/*
 * fuzz_rules.c - the YAML rule loaders: ydoc.h's tree and each loader on
 * top of it (seg_from_yaml via seg_load, textnorm_load and
 * docnorm_load_opts, numbers_load, cx_load).
 *
 * The first byte of the input picks a rule file; the rest replaces that
 * file in a private copy of the rules directory, and the loaders that
 * read it run.  A broken rule file must end in exit 2 with a message
 * (here: a jump back, see fuzz.h), never a crash or another exit code.
 * The copy is put back after each input.  Leak detection is off for
 * this target: a load that exits leaves its tree behind by design.
 * fuzz: no-leak-check (read by fuzz/run.sh and tests/fuzz/run.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "classify.h"
#include "docnorm.h"
#include "err.h"
#include "fuzz.h"
#include "numbers.h"
#include "rules.h"
#include "segmenter.h"
#include "textnorm.h"
#include "ydoc.h"

static const char *const files[] = {
	"segment.yaml", "normalise.yaml", "numbers.yaml", "numbers-spans.yaml",
	"metrics.yaml", "context.yaml", "periods.yaml", "provinces.yaml",
};
#define NFILES (sizeof(files) / sizeof(files[0]))

static char rdir[400];
static char *orig[NFILES];
static size_t origlen[NFILES];

static void
put(size_t i, const uint8_t *data, size_t size)
{
	char name[300];

	snprintf(name, sizeof(name), "rules/%s", files[i]);
	fuzz_file(name, data, size);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	snprintf(rdir, sizeof(rdir), "%s/rules", fuzz_dir());
	if (mkdir(rdir, 0700) != 0)
		abort();
	for (size_t i = 0; i < NFILES; i++) {
		char path[512];
		FILE *f;
		long n;

		snprintf(path, sizeof(path), "%s/%s", fuzz_rules(), files[i]);
		if ((f = fopen(path, "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
			dprintf(2, "fuzz_rules: cannot read %s\n", path);
			abort();
		}
		rewind(f);
		orig[i] = malloc((size_t)n + 1);
		origlen[i] = fread(orig[i], 1, (size_t)n, f);
		fclose(f);
		put(i, (const uint8_t *)orig[i], origlen[i]);
	}
	rules_set_dir(rdir);
	return 0;
}

static void
load(size_t i)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", rdir, files[i]);
	ydoc_free(ydoc_load(path));
	switch (i) {
	case 0:
		seg_free(seg_load(path));
		break;
	case 1: {
		struct docnorm_opts o;

		textnorm_free(textnorm_load(rdir));
		docnorm_load_opts(&o);
		break;
	}
	case 2:
	case 3:
		numbers_free(numbers_load());
		break;
	default:
		cx_free(cx_load());
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	if (size == 0)
		return 0;
	i = data[0] % NFILES;
	put(i, data + 1, size - 1);
	FUZZ_TRY {
		load(i);
		FUZZ_END();
	} else if (fuzz_code != EXIT_USAGE) {
		dprintf(2, "fuzz_rules: %s: exit %d, not 2\n", files[i],
		    fuzz_code);
		abort();
	}
	put(i, (const uint8_t *)orig[i], origlen[i]);
	return 0;
}
