/*
 * record.h - the stream that flows between the chiso stages.
 *
 * One record per line, fields separated by TAB, the kind first and the
 * document id second, so batches can be concatenated and any record can be
 * traced to its document.  No field holds a TAB or a newline: writers
 * replace them with a space (rec_put_text).  The kinds:
 *
 *   doc   ID SOURCE PUBLISHED              starts a document
 *   meta  ID KEY VALUE                     extra metadata (province, url, ...)
 *   line  ID LINENO TEXT                   a line of normalised text
 *   sent  ID SNO LINENO TEXT               a sentence (segment)
 *   num   ID SNO START END KIND VALUE UNIT APPROX FLAGS TEXT
 *                                          a number in sentence SNO (tag-numbers)
 *   row   ID SNO METRIC PERIOD STATUS MEASURE VALUE UNIT BASIS APPROX
 *         COMPONENT PROVINCE RULE EVIDENCE a reported figure (classify-metric)
 *   why   ID SNO START END MESSAGE         why a number got no row (--explain)
 *   end   ID                               closes the document
 *
 * START and END are byte offsets into the sentence's TEXT.  A stage acts
 * on the kinds it knows and copies every other record through untouched,
 * so users may put grep, awk or stages of their own in between.
 *
 * Ownership: a struct rec points into its reader's buffer and is valid
 * until the next rec_next() on that reader.
 */
#ifndef CHISO_RECORD_H
#define CHISO_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define REC_MAXFIELDS 16

struct rec {
	char *line;		/* the whole record, NUL-terminated */
	size_t len;
	int nf;			/* fields split so far */
	char *f[REC_MAXFIELDS];	/* f[0] kind, f[1] doc id, ... */
	const char *src;	/* the input it came from, for messages */
	unsigned long lineno;	/* its line in that input */
};

struct rec_reader;

/*
 * Reads records from the named files in turn, or from standard input when
 * there are none.  A file that cannot be opened is warned about and
 * skipped; rec_reader_close() then returns EXIT_DATA.
 */
struct rec_reader *rec_reader_open(char **paths, int npaths);

/*
 * Reads the next record and splits it into at most nfields fields (the
 * last one keeps any further tabs).  Returns false at the end of all
 * input.  A record longer than INPUT_LINE_MAX is an error naming the
 * document and the line: the tool stops with exit 1.
 */
bool rec_next(struct rec_reader *r, struct rec *rec, int nfields);

/* Re-splits an already read record into more fields. */
void rec_split(struct rec *rec, int nfields);

/* Frees the reader; returns EXIT_OK, or EXIT_DATA if any input failed. */
int rec_reader_close(struct rec_reader *r);

/* True when the record is of the given kind. */
bool rec_is(const struct rec *rec, const char *kind);

/* Copies a record to stdout as it came. */
void rec_copy(const struct rec *rec);

struct buf;

/* Appends a record as it came, with its newline, to out (for a stage
 * that holds records back, such as classify-metric holding a document). */
void rec_append(const struct rec *rec, struct buf *out);

/* Appends p[0..n) to out with each NUL a TAB: the bytes of a record
 * split in place (or of several, one after another), as they came.  A
 * NUL the input itself held comes out as a TAB, as rec_copy() writes it. */
void rec_unsplit(struct buf *out, const char *p, size_t n);

/*
 * Writers.  A record is written as rec_begin(kind, doc), then one
 * rec_put_*() per field, then rec_end().  rec_put_text() replaces TABs and
 * newlines with spaces so that no field can break the stream.  A record
 * is written to stdout whole at rec_end(): between rec_begin() and
 * rec_end(), write to stdout only through rec_put_*().  Outside them a
 * rec_put_*() or rec_end() is written at once.
 */
void rec_begin(const char *kind, const char *doc);
void rec_put_text(const char *s);
void rec_put_mem(const char *s, size_t n);
void rec_put_ulong(unsigned long v);
/* rec_put_mem() for a piece of a field read from the stream, which holds
 * no TAB or newline already: written as it is, with no scan. */
void rec_put_raw(const char *s, size_t n);
void rec_end(void);

/* Parses a decimal field such as SNO; -1 when it is not a number. */
long rec_long(const char *field);

#endif
