/* record.c - see record.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "input.h"
#include "record.h"

struct rec_reader {
	char **paths;
	int npaths, next;
	struct input *in;
	int status;
	char doc[256];		/* the last document id seen, for messages */
};

struct rec_reader *
rec_reader_open(char **paths, int npaths)
{
	struct rec_reader *r = xcalloc(1, sizeof(*r));
	static char *stdin_only[] = { "-" };

	if (npaths == 0) {
		paths = stdin_only;
		npaths = 1;
	}
	r->paths = paths;
	r->npaths = npaths;
	return r;
}

void
rec_split(struct rec *rec, int nfields)
{
	char *p, *tab;

	if (nfields > REC_MAXFIELDS)
		nfields = REC_MAXFIELDS;
	if (rec->nf == 0) {
		rec->f[0] = rec->line;
		rec->nf = 1;
	}
	p = rec->f[rec->nf - 1];
	while (rec->nf < nfields && (tab = strchr(p, '\t')) != NULL) {
		*tab = '\0';
		p = tab + 1;
		rec->f[rec->nf++] = p;
	}
	/* Absent trailing fields read as empty, so short records are safe. */
	for (int i = rec->nf; i < nfields; i++)
		rec->f[i] = rec->line + rec->len;
}

bool
rec_next(struct rec_reader *r, struct rec *rec, int nfields)
{
	char *line;
	ssize_t n;
	bool partial;

	for (;;) {
		if (r->in == NULL) {
			if (r->next >= r->npaths)
				return false;
			r->in = input_open(r->paths[r->next++]);
			if (r->in == NULL) {
				r->status = EXIT_DATA;
				continue;
			}
		}
		n = input_line(r->in, &line, &partial);
		if (n >= 0)
			break;
		if (n == INPUT_ERR)
			r->status = EXIT_DATA;
		input_close(r->in);
		r->in = NULL;
	}
	if (partial)
		die(EXIT_DATA, "%s:%lu: record longer than %u bytes in document "
		    "'%s': the stream is damaged", input_name(r->in),
		    input_lineno(r->in), INPUT_LINE_MAX, r->doc);
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	memset(rec, 0, sizeof(*rec));
	rec->line = line;
	rec->len = (size_t)n;
	rec->src = input_name(r->in);
	rec->lineno = input_lineno(r->in);
	rec_split(rec, nfields < 2 ? 2 : nfields);
	if (rec_is(rec, "doc")) {
		size_t len = strcspn(rec->f[1], "\t");

		if (len >= sizeof(r->doc))
			len = sizeof(r->doc) - 1;
		memcpy(r->doc, rec->f[1], len);
		r->doc[len] = '\0';
	}
	return true;
}

int
rec_reader_close(struct rec_reader *r)
{
	int status = r->status;

	if (r->in)
		input_close(r->in);
	free(r);
	return status;
}

bool
rec_is(const struct rec *rec, const char *kind)
{
	return strcmp(rec->f[0], kind) == 0;
}

void
rec_copy(const struct rec *rec)
{
	/* Fields were split in place: put the tabs back as we write. */
	const char *p = rec->line, *end = rec->line + rec->len;

	while (p < end) {
		size_t n = strlen(p);

		fwrite(p, 1, n, stdout);
		p += n;
		if (p < end) {
			putchar('\t');
			p++;
		}
	}
	putchar('\n');
}

void
rec_append(const struct rec *rec, struct buf *out)
{
	size_t start = out->len;

	buf_add(out, rec->line, rec->len);
	buf_addc(out, '\n');
	/* Fields were split in place: their NULs were the TABs. */
	for (size_t i = start; i < start + rec->len; i++)
		if (out->p[i] == '\0')
			out->p[i] = '\t';
}

void
rec_begin(const char *kind, const char *doc)
{
	fputs(kind, stdout);
	rec_put_text(doc);
}

void
rec_put_mem(const char *s, size_t n)
{
	const char *end = s + n, *p;

	/* Every field but the kind follows a TAB. */
	putchar('\t');
	while (s < end) {
		p = s;
		while (p < end && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		fwrite(s, 1, (size_t)(p - s), stdout);
		if (p < end) {
			putchar(' ');
			p++;
		}
		s = p;
	}
}

void
rec_put_text(const char *s)
{
	rec_put_mem(s ? s : "", s ? strlen(s) : 0);
}

void
rec_put_ulong(unsigned long v)
{
	printf("\t%lu", v);
}

void
rec_end(void)
{
	putchar('\n');
}

long
rec_long(const char *field)
{
	char *end;
	long v;

	if (*field == '\0')
		return -1;
	v = strtol(field, &end, 10);
	return *end == '\0' ? v : -1;
}
