/*
 * docsrc.h - the reading half of normalise: crawl files to documents.
 *
 * Formats, detected per file by name (.txt .warc .wet .jsonl .json,
 * before any .gz) and else by the first bytes, or forced:
 *   txt    the whole file is one document; its id is the file name less
 *          its known extensions (.gz .txt .text .html .htm .jsonl .json
 *          .warc .wet, stripped repeatedly), "stdin" for standard input.
 *   wet    WARC/1.0 records (Common Crawl WET, or WARC): each 'conversion'
 *          record is a document, id from WARC-Record-ID (less <urn:uuid:
 *          and >), source WARC-Target-URI, published WARC-Date; other
 *          record types are skipped and counted.  Content-Length is
 *          honoured; one that runs past the next WARC header or the end
 *          of the file, or ends inside a line of text, is reported and
 *          the record cut or extended to where the next header starts.
 *   jsonl  one JSON object per line, fields id, url, date, text (names
 *          changeable); a line that is not a JSON object, or has no text
 *          string, is named by file:line, skipped and counted.
 * A directory stands for the files under it, recursively, in byte order
 * of their names.  Files are plain or gzip (multi-member too): input.h.
 *
 * Everything lost is named in a warning, and the functions then return
 * EXIT_DATA; otherwise EXIT_OK.
 */
#ifndef CHISO_DOCSRC_H
#define CHISO_DOCSRC_H

#include <stddef.h>

#include "docnorm.h"

enum doc_format { DOC_AUTO, DOC_TXT, DOC_WET, DOC_JSONL };

struct docsrc_opts {
	enum doc_format format;		/* DOC_AUTO: detect per file */
	const char *json_id, *json_text, *json_url, *json_date;
	size_t max_json_bytes;		/* longest JSON line read whole */
	double max_binary_share;	/* see normalise.yaml */
	struct progress *progress;	/* told of each file (progress.h); NULL off */
};

/* "txt", "wet" or "jsonl" (also "warc", "json"); -1 for anything else. */
int docsrc_format(const char *name);

/* Reads path (a file, a directory or "-") into dn. */
int docsrc_read(const char *path, const struct docsrc_opts *o,
    struct docnorm *dn, struct docnorm_stats *st);

/*
 * Writes the ISO date (yyyy-mm-dd) that s starts with to out[11]:
 * "2020-01-20T..." or "20/01/2020"; "" when s holds no such date.
 */
void docsrc_iso_date(const char *s, char out[11]);

#endif
