/*
 * emit-tsv - print a chiso stream as a table, the pipeline's last stage.
 *
 * Three views of the same stream, each a table of one record kind: the
 * indicator rows (row records, the default), the numbers found (num
 * records, --numbers, the rule author's view) and why numbers got no row
 * (why records, --explain).  The only state kept is the current
 * document's doc record, so batches can be split anywhere between
 * documents.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "err.h"
#include "record.h"
#include "rules.h"

static const char usage[] =
"usage: emit-tsv [--numbers | --explain] [--columns LIST] [--no-header]\n"
"                [-r DIR] [FILE...]\n"
"\n"
"Prints the records of a chiso stream as a tab-separated table with a\n"
"header line.  By default one line per row record, with the columns\n"
"  doc source published province metric period status measure value unit\n"
"  basis approx component sentence rule evidence\n"
"(source and published come from the document's doc record, sentence is\n"
"the sentence number).  No field ever holds a TAB or a newline.  With no\n"
"FILE, or -, reads stdin.\n"
"\n"
"  -c, --columns LIST  print only these columns, in this order (comma-\n"
"                      separated names of the view's columns)\n"
"  -e, --explain       print the why records instead: doc sentence start\n"
"                      end message (also: source published)\n"
"  -H, --no-header     leave out the header line (for batches)\n"
"  -n, --numbers       print the num records instead: doc sentence start\n"
"                      end kind value unit approx text (also: flags source\n"
"                      published)\n"
"  -r, --rules DIR     rule directory (checked; this stage reads no rules)\n"
"  -h, --help          print this help and exit\n"
"  -V, --version       print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 an input could not be read, 2 usage error (such as\n"
"an unknown column).\n";

static const struct option longopts[] = {
	{ "columns", required_argument, NULL, 'c' },
	{ "explain", no_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "no-header", no_argument, NULL, 'H' },
	{ "numbers", no_argument, NULL, 'n' },
	{ "rules", required_argument, NULL, 'r' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Where a column's value comes from: a field of the record, or its doc. */
enum { SOURCE = -1, PUBLISHED = -2 };

struct col {
	const char *name;
	int field;		/* index in the record, or SOURCE/PUBLISHED */
};

struct view {
	const char *kind;	/* the record kind printed */
	const struct col *cols;
	size_t ncols, ndefault;	/* all columns; the first ndefault by default */
	int nfields;		/* fields to split the record into */
};

/* row ID SNO METRIC PERIOD STATUS MEASURE VALUE UNIT BASIS APPROX
 *     COMPONENT PROVINCE RULE EVIDENCE */
static const struct col row_cols[] = {
	{ "doc", 1 }, { "source", SOURCE }, { "published", PUBLISHED },
	{ "province", 12 }, { "metric", 3 }, { "period", 4 }, { "status", 5 },
	{ "measure", 6 }, { "value", 7 }, { "unit", 8 }, { "basis", 9 },
	{ "approx", 10 }, { "component", 11 }, { "sentence", 2 },
	{ "rule", 13 }, { "evidence", 14 },
};

/* num ID SNO START END KIND VALUE UNIT APPROX FLAGS TEXT */
static const struct col num_cols[] = {
	{ "doc", 1 }, { "sentence", 2 }, { "start", 3 }, { "end", 4 },
	{ "kind", 5 }, { "value", 6 }, { "unit", 7 }, { "approx", 8 },
	{ "text", 10 },
	{ "flags", 9 }, { "source", SOURCE }, { "published", PUBLISHED },
};

/* why ID SNO START END MESSAGE */
static const struct col why_cols[] = {
	{ "doc", 1 }, { "sentence", 2 }, { "start", 3 }, { "end", 4 },
	{ "message", 5 },
	{ "source", SOURCE }, { "published", PUBLISHED },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct view views[] = {
	{ "row", row_cols, NELEM(row_cols), NELEM(row_cols), 15 },
	{ "num", num_cols, NELEM(num_cols), 9, 11 },
	{ "why", why_cols, NELEM(why_cols), 5, 6 },
};

/* The current document: its id, source and published date. */
struct doc {
	struct buf id, source, published;
};

/* Appends s to line as one field: TAB, CR and LF become spaces. */
static void
put_field(struct buf *line, const char *s)
{
	buf_add_field(line, s, strlen(s));
}

/*
 * Writes a whole line.  Batches run several chiso processes into one
 * pipe (xargs -P): a write(2) of at most PIPE_BUF bytes is never
 * interleaved with another process's, so stdout is flushed before a line
 * would make the pending output cross PIPE_BUF, and lines never mix.
 */
static void
put_line(const struct buf *line)
{
	static size_t pending;

	if (pending > 0 && pending + line->len > PIPE_BUF) {
		fflush(stdout);
		pending = 0;
	}
	fwrite(line->p, 1, line->len, stdout);
	pending += line->len;
}

/* Resolves a --columns list against the view; dies naming a bad name. */
static size_t
pick_columns(const struct view *v, char *list, const struct col ***out)
{
	const struct col **pick = xcalloc(strlen(list) + 1, sizeof(*pick));
	size_t n = 0, k;
	char *name, *save = NULL;

	if (*list == '\0' || list[strlen(list) - 1] == ',' || strstr(list, ",,"))
		die(EXIT_USAGE, "--columns: empty column name in '%s'", list);
	for (name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		for (k = 0; k < v->ncols; k++)
			if (strcmp(name, v->cols[k].name) == 0)
				break;
		if (k == v->ncols) {
			struct buf known = { 0 };

			for (k = 0; k < v->ncols; k++)
				buf_printf(&known, "%s%s", k ? ", " : "",
				    v->cols[k].name);
			die(EXIT_USAGE, "--columns: unknown column '%s' for "
			    "%s records (known: %s)", name, v->kind, known.p);
		}
		pick[n++] = &v->cols[k];
	}
	*out = pick;
	return n;
}

static void
print_record(const struct rec *rec, const struct doc *doc,
    const struct col **cols, size_t ncols, struct buf *line)
{
	bool same_doc = doc->id.p && strcmp(rec->f[1], doc->id.p) == 0;

	buf_reset(line);
	for (size_t k = 0; k < ncols; k++) {
		const char *s;

		if (cols[k]->field == SOURCE)
			s = same_doc ? doc->source.p : "";
		else if (cols[k]->field == PUBLISHED)
			s = same_doc ? doc->published.p : "";
		else
			s = rec->f[cols[k]->field];
		if (k > 0)
			buf_addc(line, '\t');
		put_field(line, s);
	}
	buf_addc(line, '\n');
	put_line(line);
}

static void
set_buf(struct buf *b, const char *s)
{
	buf_reset(b);
	buf_adds(b, s);
}

int
main(int argc, char **argv)
{
	const struct view *v = &views[0];
	const struct col **cols;
	char *columns = NULL;
	bool header = true;
	struct doc doc = { { 0 }, { 0 }, { 0 } };
	struct buf line = { 0 };
	struct rec_reader *r;
	struct rec rec;
	size_t ncols;
	int c, status;

	err_init(argv[0]);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while ((c = getopt_long(argc, argv, "c:ehHnr:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			columns = optarg;
			break;
		case 'e':
		case 'n':
			if (v != &views[0])
				die(EXIT_USAGE, "--numbers and --explain are "
				    "different views: give one");
			v = &views[c == 'n' ? 1 : 2];
			break;
		case 'h':
			cli_help(usage);
		case 'H':
			header = false;
			break;
		case 'r':
			rules_set_dir(optarg);
			break;
		case 'V':
			cli_version();
		default:
			cli_usage(usage);
		}
	}
	if (columns != NULL) {
		ncols = pick_columns(v, columns, &cols);
	} else {
		cols = xcalloc(v->ndefault, sizeof(*cols));
		for (ncols = 0; ncols < v->ndefault; ncols++)
			cols[ncols] = &v->cols[ncols];
	}
	if (header) {
		for (size_t k = 0; k < ncols; k++)
			buf_printf(&line, "%s%s", k ? "\t" : "", cols[k]->name);
		buf_addc(&line, '\n');
		put_line(&line);
	}
	r = rec_reader_open(argv + optind, argc - optind);
	/* Split a record only once its kind says it is wanted: most are not. */
	while (rec_next(r, &rec, 2)) {
		if (rec_is(&rec, "doc")) {
			rec_split(&rec, 4);
			set_buf(&doc.id, rec.f[1]);
			set_buf(&doc.source, rec.f[2]);
			set_buf(&doc.published, rec.f[3]);
		} else if (rec_is(&rec, v->kind)) {
			rec_split(&rec, v->nfields);
			print_record(&rec, &doc, cols, ncols, &line);
			if (ferror(stdout))
				out_check();
		}
	}
	status = rec_reader_close(r);
	free(cols);
	buf_free(&doc.id);
	buf_free(&doc.source);
	buf_free(&doc.published);
	buf_free(&line);
	out_close();
	return status;
}
