/*
 * normalise - crawled text (txt, WARC/WET, JSON lines; plain or gzip) to
 * the chiso record stream: doc, meta, line, end.  The reading is in
 * lib/docsrc.c, the writing in lib/docnorm.c, the text in lib/textnorm.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docsrc.h"
#include "err.h"
#include "input.h"
#include "progress.h"
#include "rules.h"

static const char usage[] =
"usage: normalise [-ps] [-r DIR] [-f txt|wet|jsonl] [--max-document-bytes N]\n"
"                 [--json-id NAME] [--json-text NAME] [--json-url NAME]\n"
"                 [--json-date NAME] [FILE|DIR ...]\n"
"\n"
"Reads crawled Vietnamese text and writes the chiso record stream:\n"
"  doc ID SOURCE PUBLISHED, meta ID KEY VALUE, line ID LINENO TEXT, end ID\n"
"one line record per input line (blank lines too), the text in NFC with\n"
"tone marks placed and spaces, quotes and dashes cleaned as\n"
"rules/normalise.yaml says.  No FILE, or -, reads standard input; a DIR\n"
"stands for the files under it, in byte order of their names.  Files may\n"
"be gzipped (multi-member too).\n"
"\n"
"Formats, by file name, else by the first bytes, unless --format:\n"
"  txt    one document per file; ID is the file name less .txt, .gz etc.\n"
"  wet    WARC 'conversion' records (Common Crawl WET): ID the record id,\n"
"         SOURCE the target URI, PUBLISHED the WARC-Date; other records\n"
"         are skipped\n"
"  jsonl  one JSON object per line with fields id, url, date, text\n"
"\n"
"Options:\n"
"  -f, --format F             read every input as F: txt, wet or jsonl\n"
"      --json-id NAME         the JSON field holding the id (id)\n"
"      --json-text NAME       ... the text (text)\n"
"      --json-url NAME        ... the source URL (url)\n"
"      --json-date NAME       ... the date (date)\n"
"      --max-document-bytes N cut longer documents into parts ID, ID~2, ...\n"
"                             (default: max_document_bytes in the rules)\n"
"  -p, --progress             on a terminal, show bytes read, documents per\n"
"                             second and time left on standard error\n"
"  -r, --rules DIR            the rules directory\n"
"  -s, --stats                print counts to standard error at the end\n"
"  -h, --help                 print this help and exit\n"
"  -V, --version              print the version and exit\n"
"\n"
"Documents whose letters are too seldom Vietnamese are skipped; binary\n"
"files, broken JSON lines and damaged WARC records are named on standard\n"
"error.  Exit status: 0 all read, 1 some input could not be read or was\n"
"skipped as broken (named in a warning), 2 usage or rule-file error.\n";

enum { OPT_JSON_ID = 256, OPT_JSON_TEXT, OPT_JSON_URL, OPT_JSON_DATE, OPT_MAXDOC };

static size_t
parse_size(const char *s, const char *what)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s || *end != '\0' || *s == '-' || v == 0)
		die(EXIT_USAGE, "%s: '%s' is not a positive whole number", what, s);
	return (size_t)v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "json-date", required_argument, NULL, OPT_JSON_DATE },
		{ "json-id", required_argument, NULL, OPT_JSON_ID },
		{ "json-text", required_argument, NULL, OPT_JSON_TEXT },
		{ "json-url", required_argument, NULL, OPT_JSON_URL },
		{ "max-document-bytes", required_argument, NULL, OPT_MAXDOC },
		{ "progress", no_argument, NULL, 'p' },
		{ "rules", required_argument, NULL, 'r' },
		{ "stats", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct docsrc_opts so = { .json_id = "id", .json_text = "text",
	    .json_url = "url", .json_date = "date" };
	struct docnorm_opts no;
	struct docnorm_stats st = { 0 };
	const char *rules = NULL;
	size_t maxdoc = 0;
	bool stats = false, progress = false;
	struct textnorm *tn;
	struct docnorm *dn;
	int c, f, rc = EXIT_OK;
	static char *stdin_only[] = { "-" };

	err_init(argv[0]);
	while ((c = getopt_long(argc, argv, "f:hpr:sV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((f = docsrc_format(optarg)) < 0)
				die(EXIT_USAGE, "--format: '%s' is not txt, wet or jsonl", optarg);
			so.format = (enum doc_format)f;
			break;
		case 'h':
			cli_help(usage);
		case 'p':
			progress = true;
			break;
		case 'r':
			rules = optarg;
			break;
		case 's':
			stats = true;
			break;
		case 'V':
			cli_version();
		case OPT_JSON_DATE:
			so.json_date = optarg;
			break;
		case OPT_JSON_ID:
			so.json_id = optarg;
			break;
		case OPT_JSON_TEXT:
			so.json_text = optarg;
			break;
		case OPT_JSON_URL:
			so.json_url = optarg;
			break;
		case OPT_MAXDOC:
			maxdoc = parse_size(optarg, "--max-document-bytes");
			break;
		default:
			cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	rules_set_dir(rules);
	tn = textnorm_load(rules_dir());
	docnorm_load_opts(&no);
	if (maxdoc > 0)
		no.max_document_bytes = maxdoc;
	so.max_binary_share = no.max_binary_share;
	/* A JSON line holds a whole document: allow a few times the cap. */
	so.max_json_bytes = no.max_document_bytes * 4 + INPUT_LINE_MAX;
	/* Records are written whole per document part: big stdio buffer. */
	out_buffer(1 << 20);
	dn = docnorm_new(tn, &no, &st);
	if (progress) {
		so.progress = progress_new(argv, argc);
		docnorm_set_progress(dn, so.progress);
	}
	for (int i = 0; i < argc; i++) {
		if (docsrc_read(argv[i], &so, dn, &st) != EXIT_OK)
			rc = EXIT_DATA;
		out_check();
	}
	progress_free(so.progress);
	docnorm_free(dn);
	textnorm_free(tn);
	if (stats)
		docnorm_stats_print(&st);
	out_close();
	return rc;
}
