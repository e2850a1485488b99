/*
 * fuzz_record.c - the record-stream reader (record.h) and the input layer
 * under it (input.h: plain or gzip, lines in pieces, raw reads, peeks).
 *
 * The input is a file's bytes: it is read once as records, splitting and
 * copying each as the stages do, and once through the raw input calls in
 * a rotation that mixes them.  The only exit allowed is exit 1 for a
 * record over INPUT_LINE_MAX, which a small gzip input can expand to.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fuzz.h"
#include "input.h"
#include "record.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

static void
check_rec(struct rec *rec, int nfields)
{
	if (rec->line[rec->len] != '\0' || strlen(rec->line) > rec->len)
		abort();
	for (int i = 0; i < rec->nf; i++) {
		if (rec->f[i] < rec->line || rec->f[i] > rec->line + rec->len)
			abort();
		if (strchr(rec->f[i], '\t') != NULL && i < nfields - 1)
			abort();	/* only the last field keeps tabs */
		(void)rec_long(rec->f[i]);
	}
}

static void
read_records(char *path)
{
	struct rec_reader *r = rec_reader_open(&path, 1);
	struct rec rec;
	unsigned long n = 0;

	/* Vary the split as the stages do: few fields, then more. */
	while (rec_next(r, &rec, 2 + (int)(n % 4))) {
		check_rec(&rec, 2 + (int)(n % 4));
		if (rec_is(&rec, "sent") || rec_is(&rec, "num"))
			rec_split(&rec, REC_MAXFIELDS + 1);
		check_rec(&rec, rec.nf);
		rec_copy(&rec);
		n++;
	}
	rec_reader_close(r);
}

static void
read_raw(const char *path)
{
	struct input *in = input_open(path);
	unsigned long long off = 0;
	char buf[97];
	const char *p;
	char *line;
	bool partial;
	ssize_t n = 0;

	if (in == NULL)
		abort();
	for (unsigned i = 0; n != INPUT_EOF && n != INPUT_ERR; i++) {
		switch (i % 3) {
		case 0:
			n = input_line(in, &line, &partial);
			if (n >= 0 && memchr(line, '\n', (size_t)n) != NULL)
				abort();
			break;
		case 1:
			n = input_peek(in, &p, 1 + i % 50);
			/* Touch what it says is ready, for ASan to check. */
			if (n > 0 && memchr(p, 0xff, (size_t)n) == p + n)
				abort();
			n = input_read(in, buf, sizeof(buf));
			if (n == 0)
				n = INPUT_EOF;
			break;
		default:
			n = input_peek(in, &p, 1 + i % 50);
			if (n > 0 && memchr(p, 0xff, (size_t)n) == p + n)
				abort();
			if (n == 0)
				n = INPUT_EOF;
			break;
		}
		if (input_offset(in) < off)
			abort();
		off = input_offset(in);
	}
	input_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = (char *)fuzz_file("in", data, size);

	FUZZ_TRY {
		read_records(path);
		read_raw(path);
		FUZZ_END();
	} else if (fuzz_code != EXIT_DATA) {
		abort();
	}
	return 0;
}
