/*
 * tag-numbers - find the numbers in the sentences of a chiso stream.
 *
 * After each "sent ID SNO LINENO TEXT" record, writes one "num ID SNO
 * START END KIND VALUE UNIT APPROX FLAGS TEXT" record per number the
 * sentence mentions, in order of START.  Every record is copied through.
 * The reading itself is lib/numbers.c; its words and span rules are data
 * in rules/numbers.yaml and rules/numbers-*.yaml.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "numbers.h"
#include "record.h"
#include "rules.h"

static const char usage[] =
"usage: tag-numbers [-s] [-r DIR] [FILE...]\n"
"\n"
"Adds a num record after each sent record of a chiso stream, one per\n"
"number the sentence mentions, in order of START:\n"
"  num ID SNO START END KIND VALUE UNIT APPROX FLAGS TEXT\n"
"START/END are byte offsets into the sentence text.  KIND is quantity,\n"
"percent, count, date, time, year, period, identifier, ordinal, fraction,\n"
"idiom or other; VALUE a plain decimal in base units (123.363 tỷ ->\n"
"123363000000000), an ISO 8601 date or period, or empty; UNIT VND, USD, %,\n"
"pp, times or a count unit; APPROX nearly, over, about, under or empty;\n"
"FLAGS a comma list of ambiguous, vague, range_lo, range_hi, from, to,\n"
"scaled, noun, spelled, overflow.  Words, units, cues and span rules are\n"
"read from rules/numbers.yaml and rules/numbers-*.yaml.  Other records pass\n"
"through unchanged.  With no FILE, or -, reads stdin; gzip is read as is.\n"
"\n"
"  -r, --rules DIR  rule directory (default: $CHISO_RULES, rules/ beside\n"
"                   bin/, or the installed rules)\n"
"  -s, --stats      print counts (sentences, numbers by kind) to standard\n"
"                   error at the end\n"
"  -h, --help       print this help and exit\n"
"  -V, --version    print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 an input could not be read, 2 usage or rule error.\n";

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "rules", required_argument, NULL, 'r' },
	{ "stats", no_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Counts for --stats: cheap enough to keep always. */
static unsigned long long nsents, nkind[NK_NONE + 1];

static void
tag(struct numbers *nr, const struct rec *rec)
{
	const char *text = rec->f[4];
	const struct num_mention *m;
	size_t n = numbers_read(nr, text, strlen(text), &m);
	char flags[128];

	nsents++;
	for (size_t i = 0; i < n; i++) {
		nkind[m[i].kind]++;
		rec_begin("num", rec->f[1]);
		rec_put_text(rec->f[2]);
		rec_put_ulong(m[i].start);
		rec_put_ulong(m[i].end);
		rec_put_text(num_kind_name(m[i].kind));
		rec_put_text(m[i].value);
		rec_put_text(m[i].unit);
		rec_put_text(m[i].approx);
		numbers_flags(m[i].flags, flags, sizeof(flags));
		rec_put_text(flags);
		rec_put_mem(text + m[i].start, m[i].end - m[i].start);
		rec_end();
	}
}

int
main(int argc, char **argv)
{
	struct numbers *nr;
	struct rec_reader *r;
	struct rec rec;
	int c, status;
	bool stats = false;

	err_init(argv[0]);
	/* Most records are copied through: write them in large pieces. */
	out_buffer(1 << 20);
	while ((c = getopt_long(argc, argv, "hr:sV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_help(usage);
		case 'r':
			rules_set_dir(optarg);
			break;
		case 's':
			stats = true;
			break;
		case 'V':
			cli_version();
		default:
			cli_usage(usage);
		}
	}
	nr = numbers_load();
	r = rec_reader_open(argv + optind, argc - optind);
	while (rec_next(r, &rec, 2)) {
		if (rec_is(&rec, "sent")) {
			rec_split(&rec, 5);
			rec_copy(&rec);
			tag(nr, &rec);
		} else
			rec_copy(&rec);
		if (ferror(stdout))
			out_check();
	}
	status = rec_reader_close(r);
	numbers_free(nr);
	if (stats) {
		fprintf(stderr, "%s: sentences %llu\n", progname, nsents);
		for (int k = 0; k < NK_NONE; k++)
			fprintf(stderr, "%s: numbers %-10s %llu\n", progname,
			    num_kind_name((enum num_kind)k), nkind[k]);
	}
	out_close();
	return status;
}
