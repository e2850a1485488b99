/*
 * segment - split the lines of a chiso stream into sentences.
 *
 * Turns each "line ID LINENO TEXT" record into one "sent ID SNO LINENO
 * TEXT" record per sentence; SNO counts from 1 within a document.  Every
 * other record is copied through.  The boundary rules are data, in
 * rules/segment.yaml (see lib/segmenter.h); so are the roles of a table's
 * columns, whose rows are read as sentences (lib/table.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "err.h"
#include "record.h"
#include "rules.h"
#include "segmenter.h"
#include "table.h"

static const char usage[] =
"usage: segment [-r DIR] [FILE...]\n"
"\n"
"Splits the line records of a chiso stream into sentence records:\n"
"  line ID LINENO TEXT  ->  sent ID SNO LINENO TEXT   (one per sentence)\n"
"SNO counts 1, 2, 3... within a document.  Every line is a boundary; a line\n"
"is split after . ! ? and an ellipsis before a space and a capital, or at\n"
"an end marker such as \"./.\", as rules/segment.yaml says (abbreviations,\n"
"terminators, markers).  Semicolons never split.  Blank lines give nothing.\n"
"A row of a table (\"Kim ngạch xuất khẩu | triệu USD | 4.512 | -2,3\") under\n"
"its header line is one sentence, in words: \"Kim ngạch xuất khẩu: Ước TH 9\n"
"tháng đạt 4.512 triệu USD, giảm 2,3% So cùng kỳ\" (segment.yaml tables:).\n"
"Other records pass through unchanged.  With no FILE, or -, reads stdin;\n"
"gzipped input is read as is.\n"
"\n"
"  -r, --rules DIR  rule directory (default: $CHISO_RULES, rules/ beside\n"
"                   bin/, or the installed rules)\n"
"  -h, --help       print this help and exit\n"
"  -V, --version    print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 an input could not be read, 2 usage or rule error.\n";

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "rules", required_argument, NULL, 'r' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Writes the sentences of one line record, numbering on from *sno: a
 * row of a table under its header is one, in words (table.h). */
static void
split_line(const struct segmenter *sg, const struct table_rules *tr,
    struct table *tab, const struct rec *rec, unsigned long *sno)
{
	static struct buf said;
	const char *text = rec->f[3];
	size_t len = strlen(text), pos = 0, a, b;

	if (table_line(tr, tab, text, len, &said) == TABLE_ROW) {
		rec_begin("sent", rec->f[1]);
		rec_put_ulong(++*sno);
		rec_put_text(rec->f[2]);
		rec_put_text(said.p);
		rec_end();
		return;
	}
	while (seg_next(sg, text, len, &pos, &a, &b)) {
		rec_begin("sent", rec->f[1]);
		rec_put_ulong(++*sno);
		rec_put_text(rec->f[2]);
		/* A piece of one field: no TAB or newline to replace. */
		rec_put_raw(text + a, b - a);
		rec_end();
	}
}

int
main(int argc, char **argv)
{
	struct segmenter *sg;
	struct table_rules *tr;
	struct table tab = { .ncells = 0 };
	struct ynode *root;
	struct rec_reader *r;
	struct rec rec;
	struct buf doc = { 0 };
	unsigned long sno = 0;
	char *path;
	int c, status;

	err_init(argv[0]);
	/* Records are short: write them, and wake the reader, in bulk. */
	out_buffer(1 << 20);
	while ((c = getopt_long(argc, argv, "hr:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_help(usage);
		case 'r':
			rules_set_dir(optarg);
			break;
		case 'V':
			cli_version();
		default:
			cli_usage(usage);
		}
	}
	path = rules_path("segment.yaml");
	root = ydoc_load(path);
	sg = seg_from_yaml(root);
	tr = table_load(root);
	ydoc_free(root);
	free(path);
	r = rec_reader_open(argv + optind, argc - optind);
	while (rec_next(r, &rec, 4)) {
		/* SNO restarts with each document, even one with no doc record. */
		if (rec_is(&rec, "doc") || strcmp(rec.f[1], doc.p ? doc.p : "")) {
			buf_reset(&doc);
			buf_adds(&doc, rec.f[1]);
			sno = 0;
			table_end(&tab);
		}
		if (rec_is(&rec, "line"))
			split_line(sg, tr, &tab, &rec, &sno);
		else
			rec_copy(&rec);
		if (ferror(stdout))
			out_check();
	}
	status = rec_reader_close(r);
	seg_free(sg);
	table_free(tr);
	table_release(&tab);
	buf_free(&doc);
	out_close();
	return status;
}
