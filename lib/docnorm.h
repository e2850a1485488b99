/*
 * docnorm.h - the writing half of normalise: documents in, records out.
 *
 * A reader (docsrc.h) calls docnorm_begin(), docnorm_meta(), then
 * docnorm_line() for each line of raw text (or piece of one), then
 * docnorm_end().  docnorm normalises each line with textnorm, cuts lines
 * longer than max_line_bytes at a space into several line records (same
 * LINENO), cuts documents longer than max_document_bytes into parts
 * ID, ID~2, ID~3 ... (each a full doc ... end group, LINENOs going on
 * from the part before), and drops documents that are not Vietnamese.
 * Each is warned about once, naming the file and the document.
 *
 * Records of a part are held until the part is complete, since the
 * language test needs its letters counted first; so memory is bounded by
 * max_document_bytes plus one line, and the tool keeps no state from one
 * document to the next.
 *
 * Ownership: docnorm_new() keeps pointers to tn, opts and stats, which
 * must outlive it; strings passed in are copied.
 */
#ifndef CHISO_DOCNORM_H
#define CHISO_DOCNORM_H

#include <stdbool.h>
#include <stddef.h>

#include "textnorm.h"

/* The documents: section of normalise.yaml. */
struct docnorm_opts {
	size_t max_document_bytes;
	size_t max_line_bytes;
	double min_vietnamese_share;
	unsigned long min_letters;	/* min_letters_for_language */
	double max_binary_share;
};

/* What normalise --stats prints, in this order (see docnorm_stats_print). */
struct docnorm_stats {
	unsigned long long files, files_unreadable, files_binary;
	unsigned long long documents_read, documents_written, parts_added;
	unsigned long long not_vietnamese, bad_json, no_text, warc_other_type;
	unsigned long long warc_bad_length, lines, lines_cut;
	unsigned long long invalid_bytes, nuls_dropped, bytes_in, bytes_out;
};

/* Reads the documents: section of rules_dir()/normalise.yaml (exit 2 if bad). */
void docnorm_load_opts(struct docnorm_opts *o);

/* Prints the counts to stderr, one "progname: name N" line each. */
void docnorm_stats_print(const struct docnorm_stats *st);

struct docnorm;

struct docnorm *docnorm_new(const struct textnorm *tn,
    const struct docnorm_opts *o, struct docnorm_stats *st);
void docnorm_free(struct docnorm *dn);

/* Reports each line and document to p (progress.h; NULL: off). */
struct progress;
void docnorm_set_progress(struct docnorm *dn, struct progress *p);

/* file names the input in messages; published is yyyy-mm-dd or "". */
void docnorm_begin(struct docnorm *dn, const char *file, const char *id,
    const char *source, const char *published);
void docnorm_meta(struct docnorm *dn, const char *key, const char *value);

/* A line of raw text without its newline; more: it is a piece, more follows. */
void docnorm_line(struct docnorm *dn, const char *s, size_t n, bool more);

/* Invalid bytes a reader replaced itself (in JSON), for the warning. */
void docnorm_add_bad(struct docnorm *dn, unsigned long long n);

void docnorm_end(struct docnorm *dn);

#endif
