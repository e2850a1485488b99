/*
 * fuzz_docsrc.c - normalise's readers (docsrc.h: txt, WARC/WET, JSON
 * lines, plain or gzip) and its writer (docnorm.h), on any file.
 *
 * The readers take only file names (docsrc_read), the smallest entry
 * point there is, so each input is written to a file first.  Its first
 * byte picks the format (auto, txt, wet, jsonl) and whether the limits
 * are tiny (documents cut into parts, lines cut, JSON lines refused);
 * the rest is the file.  The records written are read back and checked:
 * known kinds with the right number of fields, text in valid UTF-8, each doc
 * closed by an end of the same id.  Exit 1 (a data error) is allowed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "docnorm.h"
#include "docsrc.h"
#include "err.h"
#include "fuzz.h"
#include "input.h"
#include "rules.h"
#include "textnorm.h"
#include "utf8.h"

static struct textnorm *tn;
static struct docnorm_opts dflt;
static FILE *out;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[512];

	fuzz_quiet();
	rules_set_dir(fuzz_rules());
	tn = textnorm_load(rules_dir());
	docnorm_load_opts(&dflt);
	snprintf(path, sizeof(path), "%s/out", fuzz_dir());
	if ((out = fopen(path, "w+")) == NULL)
		abort();
	return 0;
}

static size_t
nfields(const char *s, size_t n)
{
	size_t k = 1;

	for (size_t i = 0; i < n; i++)
		k += s[i] == '\t';
	return k;
}

/* Where the fourth field (a line's TEXT) starts; len if none. */
static size_t
text_at(const char *s, size_t len)
{
	int tabs = 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '\t' && ++tabs == 3)
			return i + 1;
	return len;
}

/* Checks the records in out; aborts on a malformed one. */
static void
check_records(void)
{
	static char *line;
	static size_t cap;
	static struct buf open_id;	/* ids may be long: a WARC header's */
	bool open = false;
	ssize_t n;

	rewind(out);
	while ((n = getline(&line, &cap, out)) > 0) {
		size_t len = (size_t)n - 1, want, idlen;
		const char *id;

		if (line[len] != '\n')
			abort();	/* every record ends in a newline */
		/*
		 * Text is valid UTF-8 with no NUL or CR.  (Ids, URLs and dates
		 * from WARC headers and JSON are passed on as they came.)
		 */
		for (size_t i = text_at(line, len); line[0] == 'l' && i < len;) {
			uint32_t cp;
			int k = utf8_decode((unsigned char *)line + i, len - i,
			    &cp);

			if (k <= 0 || cp == 0 || cp == '\r')
				abort();
			i += (size_t)k;
		}
		if (strncmp(line, "doc\t", 4) == 0 ||
		    strncmp(line, "meta\t", 5) == 0 ||
		    strncmp(line, "line\t", 5) == 0)
			want = 4;
		else if (strncmp(line, "end\t", 4) == 0)
			want = 2;
		else
			abort();
		if (nfields(line, len) != want)
			abort();
		id = strchr(line, '\t') + 1;
		idlen = strcspn(id, "\t\n");
		if (idlen == 0)
			abort();
		if (line[0] == 'd') {
			if (open)
				abort();
			buf_reset(&open_id);
			buf_add(&open_id, id, idlen);
			open = true;
		} else if (!open || open_id.len != idlen ||
		    memcmp(open_id.p, id, idlen) != 0) {
			abort();
		} else if (line[0] == 'e') {
			open = false;
		}
	}
	if (open)
		abort();
}

static int
read_file(const char *path, int sel)
{
	struct docsrc_opts so = { .json_id = "id", .json_text = "text",
	    .json_url = "url", .json_date = "date" };
	struct docnorm_opts no = dflt;
	struct docnorm_stats st = { 0 };
	struct docnorm *dn;
	int rc;

	so.format = (enum doc_format)(sel & 3);
	if (sel & 4) {
		no.max_document_bytes = 64 + (size_t)(sel >> 3) * 8;
		no.max_line_bytes = 16 + (size_t)(sel >> 4);
		no.min_letters = 1;
	}
	so.max_binary_share = no.max_binary_share;
	so.max_json_bytes = sel & 4 ? 256 :
	    no.max_document_bytes * 4 + INPUT_LINE_MAX;
	dn = docnorm_new(tn, &no, &st);
	rc = docsrc_read(path, &so, dn, &st);
	docnorm_free(dn);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "in", "in.txt", "in.wet",
	    "in.jsonl" };
	const char *path;

	if (size == 0)
		return 0;
	path = fuzz_file(names[data[0] & 3], data + 1, size - 1);
	rewind(out);
	if (ftruncate(fileno(out), 0) != 0)
		abort();
	stdout = out;
	FUZZ_TRY {
		read_file(path, data[0]);
		FUZZ_END();
		fflush(out);
		check_records();
	} else if (fuzz_code != EXIT_DATA) {
		abort();
	}
	return 0;
}
