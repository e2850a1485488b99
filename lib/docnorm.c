/* docnorm.c - see docnorm.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docnorm.h"
#include "err.h"
#include "input.h"
#include "progress.h"
#include "rules.h"
#include "utf8.h"
#include "ydoc.h"

struct docnorm {
	const struct textnorm *tn;
	const struct docnorm_opts *o;
	struct docnorm_stats *st;
	const char *file;
	struct buf id, src, pub, metas;	/* metas: "key\tvalue\n"... */
	struct buf part;		/* the records of the current part */
	struct buf pid;			/* the current part's id */
	size_t part_bytes;		/* text bytes in the part */
	unsigned nparts;
	int decided;			/* -1 not yet, 0 skip, 1 write */
	struct textnorm_count cnt;	/* the document's counts so far */
	struct buf line, tmp;		/* the line being normalised */
	unsigned long lineno;
	bool line_cut;			/* the line was warned about */
	char carry[4];			/* a character cut off between pieces */
	size_t ncarry;
	struct progress *progress;	/* NULL: off */
};

static double
ymap_share(const struct ynode *map, const char *key, double dflt)
{
	const struct ynode *v = ymap_get(map, key);
	char *end;
	double x;

	if (v == NULL)
		return dflt;
	x = strtod(ystr(v, key), &end);
	if (*end != '\0' || end == v->str || !(x >= 0 && x <= 1))
		ydie(v, "%s must be a number from 0 to 1, not '%s'", key, v->str);
	return x;
}

void
docnorm_load_opts(struct docnorm_opts *o)
{
	static const char *const keys[] = { "max_document_bytes",
	    "max_line_bytes", "min_vietnamese_share",
	    "min_letters_for_language", "max_binary_share", NULL };
	struct ynode *root = rules_load("normalise.yaml");
	const struct ynode *d = ymap_get(root, "documents");

	o->max_document_bytes = 8u << 20;
	o->max_line_bytes = 65536;
	o->min_vietnamese_share = 0.08;
	o->min_letters = 200;
	o->max_binary_share = 0.10;
	if (d != NULL) {
		yexpect(d, Y_MAP, "map of document settings");
		ymap_check_keys(d, keys);
		o->max_document_bytes = (size_t)ymap_long(d, "max_document_bytes",
		    (long)o->max_document_bytes, 1, 1L << 40);
		/* A record must stay under the stream's 1 MiB record cap. */
		o->max_line_bytes = (size_t)ymap_long(d, "max_line_bytes",
		    (long)o->max_line_bytes, 16, INPUT_LINE_MAX / 4);
		o->min_vietnamese_share = ymap_share(d, "min_vietnamese_share",
		    o->min_vietnamese_share);
		o->min_letters = (unsigned long)ymap_long(d,
		    "min_letters_for_language", (long)o->min_letters, 0, 1L << 40);
		o->max_binary_share = ymap_share(d, "max_binary_share",
		    o->max_binary_share);
	}
	ydoc_free(root);
}

void
docnorm_stats_print(const struct docnorm_stats *st)
{
	const struct { const char *name; unsigned long long v; } row[] = {
		{ "files", st->files },
		{ "files_unreadable", st->files_unreadable },
		{ "documents_read", st->documents_read },
		{ "documents_written", st->documents_written },
		{ "extra_parts", st->parts_added },
		{ "skipped_not_vietnamese", st->not_vietnamese },
		{ "skipped_binary_file", st->files_binary },
		{ "skipped_bad_json", st->bad_json },
		{ "skipped_no_text", st->no_text },
		{ "skipped_warc_other_type", st->warc_other_type },
		{ "warc_bad_length", st->warc_bad_length },
		{ "lines", st->lines },
		{ "long_lines_cut", st->lines_cut },
		{ "invalid_bytes_replaced", st->invalid_bytes },
		{ "nuls_dropped", st->nuls_dropped },
		{ "bytes_in", st->bytes_in },
		{ "bytes_out", st->bytes_out },
	};

	for (size_t i = 0; i < sizeof(row) / sizeof(row[0]); i++)
		fprintf(stderr, "%s: %-24s %llu\n", progname, row[i].name, row[i].v);
}

struct docnorm *
docnorm_new(const struct textnorm *tn, const struct docnorm_opts *o,
    struct docnorm_stats *st)
{
	struct docnorm *dn = xcalloc(1, sizeof(*dn));

	dn->tn = tn;
	dn->o = o;
	dn->st = st;
	return dn;
}

void
docnorm_free(struct docnorm *dn)
{
	struct buf *b[] = { &dn->id, &dn->src, &dn->pub, &dn->metas,
	    &dn->part, &dn->pid, &dn->line, &dn->tmp };

	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		buf_free(b[i]);
	free(dn);
}

void
docnorm_set_progress(struct docnorm *dn, struct progress *p)
{
	dn->progress = p;
}

/* A field for the stream: TABs and newlines would break it. */
static void
set_field(struct buf *b, const char *s)
{
	buf_reset(b);
	buf_adds(b, s ? s : "");
	for (char *p = b->p; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
}

/* Adds "KIND\tID\t": by hand, as printf costs more than the rest of a
 * short document's records. */
static void
add_head(struct buf *b, const char *kind, const struct buf *pid)
{
	buf_adds(b, kind);
	buf_addc(b, '\t');
	buf_add(b, pid->p, pid->len);
	buf_addc(b, '\t');
}

static void
start_part(struct docnorm *dn)
{
	buf_reset(&dn->pid);
	buf_add(&dn->pid, dn->id.p, dn->id.len);
	if (dn->nparts > 1)
		buf_printf(&dn->pid, "~%u", dn->nparts);
	buf_reset(&dn->part);
	add_head(&dn->part, "doc", &dn->pid);
	buf_add(&dn->part, dn->src.p, dn->src.len);
	buf_addc(&dn->part, '\t');
	buf_add(&dn->part, dn->pub.p, dn->pub.len);
	buf_addc(&dn->part, '\n');
	/* Every part carries the metadata: a part is a document of its own. */
	for (char *k = dn->metas.p; k && *k; k = strchr(k, '\n') + 1) {
		add_head(&dn->part, "meta", &dn->pid);
		buf_add(&dn->part, k, (size_t)(strchr(k, '\n') - k) + 1);
	}
	dn->part_bytes = 0;
}

/* Ends the part and writes it, unless the document is not Vietnamese. */
static void
finish_part(struct docnorm *dn)
{
	buf_adds(&dn->part, "end\t");
	buf_add(&dn->part, dn->pid.p, dn->pid.len);
	buf_addc(&dn->part, '\n');
	if (dn->decided < 0) {
		const struct textnorm_count *c = &dn->cnt;

		dn->decided = !(c->letters >= dn->o->min_letters && c->letters > 0 &&
		    (double)c->vi_letters < dn->o->min_vietnamese_share * (double)c->letters);
		if (!dn->decided)
			dn->st->not_vietnamese++;
	}
	if (dn->decided) {
		fwrite(dn->part.p, 1, dn->part.len, stdout);
		dn->st->bytes_out += dn->part.len;
		if (dn->nparts == 1)
			dn->st->documents_written++;
		else
			dn->st->parts_added++;
	}
	buf_reset(&dn->part);
}

void
docnorm_begin(struct docnorm *dn, const char *file, const char *id,
    const char *source, const char *published)
{
	dn->file = file;
	set_field(&dn->id, id);
	set_field(&dn->src, source);
	set_field(&dn->pub, published);
	buf_reset(&dn->metas);
	buf_reset(&dn->line);
	memset(&dn->cnt, 0, sizeof(dn->cnt));
	dn->nparts = 1;
	dn->decided = -1;
	dn->lineno = 1;
	dn->line_cut = false;
	dn->ncarry = 0;
	dn->st->documents_read++;
	start_part(dn);
}

void
docnorm_meta(struct docnorm *dn, const char *key, const char *value)
{
	struct buf *b = &dn->tmp;

	buf_reset(b);
	set_field(b, key);
	buf_addc(b, '\t');
	buf_adds(b, value);
	for (char *p = b->p + strlen(key) + 1; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	buf_addc(b, '\n');
	buf_add(&dn->metas, b->p, b->len);
	add_head(&dn->part, "meta", &dn->pid);
	buf_add(&dn->part, b->p, b->len);
}

/* Adds one line record; starts a new part first when this one is full. */
static void
put_line(struct docnorm *dn, const char *s, size_t n)
{
	char num[24], *e = num + sizeof(num), *q = e;
	unsigned long v = dn->lineno;
	struct buf *b = &dn->part;

	if (dn->part_bytes > 0 && dn->part_bytes + n + 1 > dn->o->max_document_bytes) {
		finish_part(dn);
		dn->nparts++;
		start_part(dn);
	}
	/* By hand, not printf: this runs once per line of the crawl. */
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_grow(b, 5 + dn->pid.len + 1 + (size_t)(e - q) + 1 + n + 1);
	memcpy(b->p + b->len, "line\t", 5);
	memcpy(b->p + b->len + 5, dn->pid.p, dn->pid.len);
	b->len += 5 + dn->pid.len;
	b->p[b->len++] = '\t';
	memcpy(b->p + b->len, q, (size_t)(e - q));
	b->len += (size_t)(e - q);
	b->p[b->len++] = '\t';
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len++] = '\n';
	b->p[b->len] = '\0';
	dn->part_bytes += n + 1;
	dn->st->lines++;
}

/* Emits lines cut from the front of dn->line while it is over the cap. */
static void
cut_long_line(struct docnorm *dn)
{
	size_t max = dn->o->max_line_bytes, off = 0;
	struct buf *l = &dn->line;

	while (l->len - off > max) {
		const char *p = l->p + off;
		size_t cut = max, next;

		while (cut > max / 2 && p[cut] != ' ')
			cut--;
		if (p[cut] == ' ')
			next = cut + 1;
		else {
			/* No space near the end: cut between characters. */
			for (cut = max; cut > 0 && (p[cut] & 0xc0) == 0x80; cut--)
				;
			next = cut;
		}
		if (!dn->line_cut) {
			warn("%s: document %s: line %lu is longer than %zu bytes: "
			    "cut into several line records", dn->file, dn->id.p,
			    dn->lineno, max);
			dn->line_cut = true;
			dn->st->lines_cut++;
		}
		put_line(dn, p, cut);
		off += next;
	}
	if (off > 0) {
		memmove(l->p, l->p + off, l->len - off + 1);
		l->len -= off;
	}
}

void
docnorm_line(struct docnorm *dn, const char *s, size_t n, bool more)
{
	size_t tail = 0;
	struct buf *l = &dn->line;

	progress_line(dn->progress);

	if (dn->ncarry > 0) {
		/* Rare: a line over 1 MiB cut inside a character. */
		buf_reset(&dn->tmp);
		buf_add(&dn->tmp, dn->carry, dn->ncarry);
		buf_add(&dn->tmp, s, n);
		s = dn->tmp.p;
		n = dn->tmp.len;
		dn->ncarry = 0;
	}
	if (more) {
		tail = utf8_cut_tail(s, n);
		memcpy(dn->carry, s + n - tail, tail);
		dn->ncarry = tail;
	}
	textnorm_count(dn->tn, s, n - tail, l, &dn->cnt);
	if (l->len > dn->o->max_line_bytes)
		cut_long_line(dn);
	if (more)
		return;
	{
		const char *p = l->p;
		size_t len = l->len;

		/* Spaces are folded already: at most one at either end. */
		if (len > 0 && p[0] == ' ')
			p++, len--;
		if (len > 0 && p[len - 1] == ' ')
			len--;
		put_line(dn, p ? p : "", len);
	}
	buf_reset(l);
	dn->lineno++;
	dn->line_cut = false;
}

void
docnorm_add_bad(struct docnorm *dn, unsigned long long n)
{
	dn->cnt.bad_bytes += n;
}

void
docnorm_end(struct docnorm *dn)
{
	if (dn->line.len > 0 || dn->ncarry > 0)
		docnorm_line(dn, "", 0, false);	/* input ended inside a line */
	finish_part(dn);
	progress_doc(dn->progress);
	if (dn->cnt.bad_bytes > 0)
		warn("%s: document %s: %llu invalid UTF-8 bytes replaced with "
		    "U+FFFD", dn->file, dn->id.p, dn->cnt.bad_bytes);
	if (dn->cnt.nuls > 0)
		warn("%s: document %s: %llu NUL bytes dropped", dn->file,
		    dn->id.p, dn->cnt.nuls);
	if (dn->nparts > 1)
		warn("%s: document %s is longer than %zu bytes: cut into %u "
		    "parts, %s to %s~%u", dn->file, dn->id.p,
		    dn->o->max_document_bytes, dn->nparts, dn->id.p, dn->id.p,
		    dn->nparts);
	dn->st->invalid_bytes += dn->cnt.bad_bytes;
	dn->st->nuls_dropped += dn->cnt.nuls;
}
