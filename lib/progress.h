/*
 * progress.h - a one-line progress report on stderr for long runs of
 * normalise: bytes read, documents per second and, when the input sizes
 * are known, the share done and the time left.
 *
 * Only on a terminal: progress_new() returns NULL when stderr is not one,
 * and every other function takes NULL as "off", so pipes, logs and tests
 * never see the report.  The line is redrawn with a carriage return at
 * most 4 times a second; the clock is looked at only every 64 documents
 * or 1 MiB of text, so the cost per line is a subtraction.
 *
 * Sizes: regular files named (or found under the directories named) are
 * stat()ed at the start; progress is then the compressed bytes consumed
 * (input_raw_offset), which is what the sizes count.  When any input's
 * size is unknown (a pipe on stdin), the uncompressed bytes are shown,
 * with no share or time left.
 *
 * Ownership: progress_new() returns a handle progress_free() frees; it
 * keeps the input handle given to progress_file() until progress_done().
 */
#ifndef CHISO_PROGRESS_H
#define CHISO_PROGRESS_H

#include "input.h"

struct progress;

/* NULL unless stderr is a terminal; paths as given to normalise. */
struct progress *progress_new(char **paths, int n);

/* Reading of in (the file path, or "-") starts / has ended. */
void progress_file(struct progress *p, struct input *in, const char *path);
void progress_done(struct progress *p);

/* A line was read: maybe redraw (cheap when not yet due). */
void progress_line(struct progress *p);

/* A document was read. */
void progress_doc(struct progress *p);

/* Draws the final state, ends the line, frees. */
void progress_free(struct progress *p);

#endif
