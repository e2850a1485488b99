/*
 * input.h - read files or stdin, plain or gzipped, a line at a time.
 *
 * Gzip is hidden here, as in pcre2grep's fill_buffer(): plain files are
 * read as they are, and concatenated (multi-member) gzip streams, such as
 * Common Crawl's WET files, as one stream (gunzip.h).
 *
 * Ownership: input_open() returns a handle that input_close() frees.  The
 * line that input_line() hands out points into the handle's buffer and is
 * valid until the next call on the same handle.
 *
 * Errors: input_open() warns and returns NULL when the file cannot be
 * opened.  input_line() returns INPUT_ERR after warning with the file name
 * and, for a damaged gzip stream, the compressed byte offset; what was
 * read before the damage has already been handed out.
 */
#ifndef CHISO_INPUT_H
#define CHISO_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The longest piece of a line handed out at once (see input_line). */
#define INPUT_LINE_MAX (1u << 20)

enum { INPUT_EOF = -1, INPUT_ERR = -2 };

struct input;

/* "-" or NULL is standard input. */
struct input *input_open(const char *path);

/*
 * Reads the next line, without its '\n' (a '\r' before it is kept).
 * Returns its length, INPUT_EOF or INPUT_ERR.  A line longer than
 * INPUT_LINE_MAX comes in pieces: *partial is set on every piece but the
 * last, so nothing is dropped and memory stays bounded.
 */
ssize_t input_line(struct input *in, char **line, bool *partial);

/*
 * Reads up to n raw bytes (no line splitting), for formats that give
 * lengths, such as WARC's Content-Length.  Returns the count read, 0 at
 * end of input, or INPUT_ERR.
 */
ssize_t input_read(struct input *in, void *dst, size_t n);

/*
 * Makes up to want bytes (at most INPUT_LINE_MAX) ready without consuming
 * them, for sniffing a file's format; *p points at them until the next
 * call on the handle.  Returns how many are ready (fewer only at the end
 * of input), or INPUT_ERR when none could be read.
 */
ssize_t input_peek(struct input *in, const char **p, size_t want);

/* The name to use in messages: the path, or "(standard input)". */
const char *input_name(const struct input *in);

/* Lines read so far: the number of the line last returned. */
unsigned long input_lineno(const struct input *in);

/* Uncompressed bytes handed out so far. */
unsigned long long input_offset(const struct input *in);

/*
 * Bytes of the file itself consumed so far (compressed bytes for gzip,
 * read ahead included), for progress against the file's size; -1 when
 * unknown (a pipe).
 */
long long input_raw_offset(const struct input *in);

/* Closes; returns 0, or -1 after a warning if closing failed. */
int input_close(struct input *in);

#endif
