/*
 * classify-metric - give each figure its indicator, period, status,
 * measure, basis and component: adds row records to the stream.
 *
 * A document is read whole (its records are held until its end record),
 * because a date line or a lead-in decides the figures that follow; the
 * records are then written through unchanged, the rows before the end
 * (with --rows-only, only the doc, row, why and end records).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "checkrules.h"
#include "classify.h"
#include "cli.h"
#include "err.h"
#include "record.h"
#include "rules.h"

static const char usage[] =
"usage: classify-metric [-r DIR] [--explain] [--rows-only] [--stats] [FILE...]\n"
"       classify-metric --check-rules [-r DIR]\n"
"\n"
"Reads the chiso stream (sent and num records, from tag-numbers) and adds\n"
"a row record for each figure that reports an economic indicator:\n"
"  row ID SNO METRIC PERIOD STATUS MEASURE VALUE UNIT BASIS APPROX\n"
"      COMPONENT PROVINCE RULE EVIDENCE\n"
"All records pass through unchanged; a document's rows come just before\n"
"its end record.  Rules: metrics.yaml, context.yaml, periods.yaml and\n"
"provinces.yaml in the rules directory.\n"
"\n"
"  -r, --rules DIR   rules directory (default: $CHISO_RULES, else rules/\n"
"                    beside bin/)\n"
"      --explain     also write a why record for each number left without\n"
"                    a row: why ID SNO START END MESSAGE\n"
"      --rows-only   write only doc, row, why and end records, all that\n"
"                    emit-tsv needs for its table (chiso passes it), not\n"
"                    every sentence and number again\n"
"      --check-rules check the rule files and run their examples\n"
"      --stats       print counts to standard error at the end\n"
"  -h, --help        show this help\n"
"  -V, --version     show the version\n"
"\n"
"Exit status: 0 success, 1 a data or I/O error, 2 a usage or rule error.\n";

/* Past this many bytes a document is classified in parts (and said so):
 * memory stays bounded whatever the input. */
#define DOC_MAX (32u << 20)

/* A record held to be written through (every record, or with
 * --rows-only the doc record): where its bytes lie in the arena. */
struct hrec {
	size_t off, len;
};

/* One document's records, held until its end.  Strings are offsets into
 * the arena until the document is complete, as the buffer may move. */
struct held {
	/* Each held record once, as split (a NUL between fields, and one
	 * after it): its fields are read there, and it is written from
	 * there with each NUL a TAB again (put_held(), rec_unsplit()), as rec_append()
	 * would have kept it; one copy, not one to write and one of the
	 * fields. */
	struct buf arena;
	struct hrec *recs;
	size_t nrecs, caprecs;
	struct buf out;			/* the records written, at the end */
	/* What a buffer of the records and one of the fields would hold:
	 * when a document is cut in parts (DOC_MAX). */
	size_t raw_len, text_len;
	struct csent *sents;
	size_t nsents, capsents;
	struct cnum *nums;
	size_t nnums, capnums;
	size_t *sent_first;		/* index of a sentence's first num */
	char *id, *source, *published, *province;
	bool open;
	bool warned_big;
};

static struct held H;
static struct cx_rules *cx;
static bool explain;
static bool rows_only;
static struct crows rows;

#define AT(off) ((const char *)(H.arena.p + (size_t)(off)))

/* Keeps p[0..n] (its NUL too: a last field ends there) in the arena;
 * returns where. */
static inline size_t
keep(const char *p, size_t n)
{
	size_t off = H.arena.len;

	buf_add(&H.arena, p, n + 1);
	return off;
}

/* Holds record r (split as it is) in the arena, to write it through;
 * returns where: a field f[k] is at that plus f[k] - r->line. */
static size_t
hold(const struct rec *r)
{
	if (H.nrecs == H.caprecs) {
		H.caprecs = H.caprecs ? H.caprecs * 2 : 256;
		H.recs = xrealloc(H.recs, H.caprecs * sizeof(*H.recs));
	}
	H.recs[H.nrecs++] = (struct hrec){ H.arena.len, r->len };
	H.raw_len += r->len + 1;
	return keep(r->line, r->len);
}

/* Holds fields f[first..] of record r to read them: with the record,
 * to be written, or alone (--rows-only).  Returns where f[first] is;
 * f[k] is at that plus f[k] - f[first]. */
static inline size_t
hold_fields(const struct rec *r, int first)
{
	/* What the buffer of fields once held, for DOC_MAX. */
	H.text_len += (size_t)(r->line + r->len - r->f[first]) + 1;
	return rows_only ? keep(r->f[first], (size_t)(r->line + r->len -
	    r->f[first])) : hold(r) + (size_t)(r->f[first] - r->line);
}

/* The held records to write, as they came, into H.out.  With every
 * record written whole, the arena is taken in one pass and each record's
 * own NUL made its newline after; else record by record. */
static void
put_held(void)
{
	buf_reset(&H.out);
	if (!rows_only) {
		rec_unsplit(&H.out, H.arena.p, H.arena.len);
		for (size_t i = 0; i < H.nrecs; i++)
			H.out.p[H.recs[i].off + H.recs[i].len] = '\n';
		return;
	}
	for (size_t i = 0; i < H.nrecs; i++) {
		rec_unsplit(&H.out, AT(H.recs[i].off), H.recs[i].len);
		buf_addc(&H.out, '\n');
	}
}

/* rec_long() for the common case, a few digits, without strtol. */
static long
field_long(const char *f)
{
	long v = 0;
	int i;

	for (i = 0; i < 9 && f[i] >= '0' && f[i] <= '9'; i++)
		v = v * 10 + (f[i] - '0');
	return i > 0 && f[i] == '\0' ? v : rec_long(f);
}

static void
hold_sent(struct rec *r)
{
	struct csent *s;

	rec_split(r, 5);
	if (H.nsents == H.capsents) {
		H.capsents = H.capsents ? H.capsents * 2 : 64;
		H.sents = xrealloc(H.sents, H.capsents * sizeof(*H.sents));
		H.sent_first = xrealloc(H.sent_first,
		    H.capsents * sizeof(*H.sent_first));
	}
	s = &H.sents[H.nsents];
	memset(s, 0, sizeof(*s));
	s->sno = (unsigned long)field_long(r->f[2]);
	s->lineno = (unsigned long)field_long(r->f[3]);
	s->len = strlen(r->f[4]);
	s->text = (const char *)(uintptr_t)hold_fields(r, 4);
	H.sent_first[H.nsents] = H.nnums;
	H.nsents++;
}

static void
hold_num(struct rec *r)
{
	struct cnum *n;
	long start, end;
	size_t off;

	rec_split(r, 11);
	start = field_long(r->f[3]);
	end = field_long(r->f[4]);
	if (H.nsents == 0 || start < 0 || end < start ||
	    (size_t)end > H.sents[H.nsents - 1].len) {
		warn("%s:%lu: num record outside its sentence in document '%s'; "
		    "ignored", r->src, r->lineno, r->f[1]);
		if (!rows_only)
			hold(r);
		return;
	}
	if (H.nnums == H.capnums) {
		H.capnums = H.capnums ? H.capnums * 2 : 64;
		H.nums = xrealloc(H.nums, H.capnums * sizeof(*H.nums));
	}
	n = &H.nums[H.nnums++];
	n->start = (size_t)start;
	n->end = (size_t)end;
	off = hold_fields(r, 5);
#define FIELD(k) ((const char *)(uintptr_t)(off + (size_t)(r->f[k] - r->f[5])))
	n->kind = FIELD(5);
	n->value = FIELD(6);
	n->unit = FIELD(7);
	n->approx = FIELD(8);
	n->flags = FIELD(9);
	n->text = FIELD(10);
#undef FIELD
}

static void
put_row(const char *id, const struct crow *w, const char *province)
{
	rec_begin("row", id);
	rec_put_ulong(w->sno);
	rec_put_text(w->metric);
	rec_put_text(w->period);
	rec_put_text(w->status);
	rec_put_text(w->measure);
	rec_put_text(w->value);
	rec_put_text(w->unit);
	rec_put_text(w->basis);
	rec_put_text(w->approx);
	rec_put_text(w->component);
	rec_put_text(w->place[0] != '\0' ? w->place : province);
	rec_put_text(w->rule);
	rec_put_text(w->evidence);
	rec_end();
}

/* Classifies what is held and writes it out, rows last. */
static void
flush_doc(void)
{
	struct cdoc doc;
	const char *id = H.id ? H.id : "";

	/* The arena is complete: turn offsets into pointers. */
	for (size_t i = 0; i < H.nsents; i++) {
		struct csent *s = &H.sents[i];
		size_t last = i + 1 < H.nsents ? H.sent_first[i + 1] : H.nnums;

		s->text = AT((uintptr_t)s->text);
		s->nums = H.nums + H.sent_first[i];
		s->nnums = last - H.sent_first[i];
	}
	for (size_t i = 0; i < H.nnums; i++) {
		struct cnum *n = &H.nums[i];

		n->kind = AT((uintptr_t)n->kind);
		n->value = AT((uintptr_t)n->value);
		n->unit = AT((uintptr_t)n->unit);
		n->approx = AT((uintptr_t)n->approx);
		n->flags = AT((uintptr_t)n->flags);
		n->text = AT((uintptr_t)n->text);
	}
	doc = (struct cdoc){ id, H.source, H.published, H.province, H.sents,
	    H.nsents };
	rows.n = rows.nwhy = 0;
	rows.explain = explain;
	classify_doc(cx, &doc, &rows);
	put_held();
	fwrite(H.out.p, 1, H.out.len, stdout);
	for (size_t i = 0; i < rows.n; i++)
		if (!rows.v[i].dropped)
			put_row(id, &rows.v[i], rows.province);
	for (size_t i = 0; i < rows.nwhy; i++) {
		const struct cwhy *w = &rows.why[i];

		rec_begin("why", id);
		rec_put_ulong(w->sno);
		rec_put_ulong(w->start);
		rec_put_ulong(w->end);
		rec_put_mem(w->msg, strlen(w->msg));
		rec_end();
	}
	buf_reset(&H.arena);
	H.nrecs = 0;
	H.raw_len = H.text_len = 0;
	H.nsents = H.nnums = 0;
}

static void
close_doc(void)
{
	free(H.id);
	free(H.source);
	free(H.published);
	free(H.province);
	H.id = H.source = H.published = H.province = NULL;
	H.open = false;
	H.warned_big = false;
}

enum kind { K_OTHER, K_DOC, K_END, K_SENT, K_NUM, K_META };

/* A record's kind, told by its first letter and one compare (rather
 * than a compare per kind, for every record). */
static enum kind
kind_of(const struct rec *r)
{
	const char *k = r->f[0];

	switch (k[0]) {
	case 'd': return strcmp(k, "doc") == 0 ? K_DOC : K_OTHER;
	case 'e': return strcmp(k, "end") == 0 ? K_END : K_OTHER;
	case 's': return strcmp(k, "sent") == 0 ? K_SENT : K_OTHER;
	case 'n': return strcmp(k, "num") == 0 ? K_NUM : K_OTHER;
	case 'm': return strcmp(k, "meta") == 0 ? K_META : K_OTHER;
	default: return K_OTHER;
	}
}

static void
run(struct rec_reader *rd)
{
	struct rec r;

	while (rec_next(rd, &r, 2)) {
		enum kind k = kind_of(&r);

		if (k == K_DOC) {
			if (H.open) {
				warn("%s:%lu: document '%s' has no end record",
				    r.src, r.lineno, H.id);
				flush_doc();
				close_doc();
			}
			rec_split(&r, 4);
			H.id = xstrdup(r.f[1]);
			H.source = xstrdup(r.f[2]);
			H.published = xstrdup(r.f[3]);
			H.open = true;
			hold(&r);
			continue;
		}
		if (!H.open) {
			if (!rows_only)
				rec_copy(&r);
			continue;
		}
		if (k == K_END) {
			flush_doc();
			rec_copy(&r);
			close_doc();
			continue;
		}
		/* Cut only before a sentence, never between it and its
		 * numbers. */
		if (k == K_SENT && H.raw_len + H.text_len > DOC_MAX) {
			if (!H.warned_big)
				warn("%s:%lu: document '%s' is over %u MiB: "
				    "classified in parts, context may be lost "
				    "between them", r.src, r.lineno, H.id,
				    DOC_MAX >> 20);
			H.warned_big = true;
			flush_doc();
		}
		if (k == K_SENT)
			hold_sent(&r);
		else if (k == K_NUM)
			hold_num(&r);
		else {
			if (k == K_META) {
				rec_split(&r, 4);
				if (strcmp(r.f[2], "province") == 0) {
					free(H.province);
					H.province = xstrdup(r.f[3]);
				}
			}
			if (!rows_only)
				hold(&r);
		}
	}
	if (H.open) {
		warn("document '%s' has no end record", H.id);
		flush_doc();
		close_doc();
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check-rules", no_argument, NULL, 'C' },
		{ "explain", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "rows-only", no_argument, NULL, 'R' },
		{ "rules", required_argument, NULL, 'r' },
		{ "stats", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_reader *rd;
	bool stats = false, check = false;
	int c, status;

	err_init(argv[0]);
	while ((c = getopt_long(argc, argv, "hr:V", longopts, NULL)) != -1)
		switch (c) {
		case 'C': check = true; break;
		case 'e': explain = true; break;
		case 'h': cli_help(usage);
		case 'r': rules_set_dir(optarg); break;
		case 'R': rows_only = true; break;
		case 's': stats = true; break;
		case 'V': cli_version();
		default: cli_usage(usage);
		}
	out_buffer(1 << 20);
	cx = cx_load();
	if (check) {
		status = check_rules(cx);
		cx_free(cx);
		out_close();
		return status;
	}
	rd = rec_reader_open(argv + optind, argc - optind);
	run(rd);
	status = rec_reader_close(rd);
	if (stats)
		fprintf(stderr, "%s: documents %llu, sentences %llu, numbers %llu, "
		    "figures %llu, rows %llu, repeats merged %llu\n", progname,
		    cx_stats.docs, cx_stats.sents, cx_stats.nums,
		    cx_stats.figures, cx_stats.rows, cx_stats.merged);
	cx_free(cx);
	buf_free(&H.arena);
	buf_free(&H.out);
	free(H.recs);
	free(H.sents);
	free(H.sent_first);
	free(H.nums);
	free(rows.v);
	free(rows.why);
	out_close();
	return status ? status : err_warnings ? EXIT_DATA : EXIT_OK;
}
