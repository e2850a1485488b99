/*
 * err.h - one way to report errors, for every chiso tool.
 *
 * Messages go to stderr as "progname: message".  A format that ends in ':'
 * has ": strerror(errno)" appended, as in sbase's eprintf.  die() and
 * die_rule() never return.  Exit codes are the suite's contract:
 *
 *   0  success
 *   1  data or I/O failure (a file could not be read, a truncated gzip,
 *      a write error on stdout, an over-long record)
 *   2  usage error or a broken rule file
 *
 * The x* allocators stop the program with a message when memory runs out,
 * so callers never test for NULL.
 */
#ifndef CHISO_ERR_H
#define CHISO_ERR_H

#include <stddef.h>

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

extern const char *progname;

/* Sets progname from argv[0] (its last path component). */
void err_init(const char *argv0);

void die(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Counts warnings given so far, so a tool can exit 1 after going on. */
extern unsigned long err_warnings;

/* They never return NULL: the compiler may rely on it. */
#define X_ALLOC __attribute__((returns_nonnull, warn_unused_result))
void *xmalloc(size_t n) X_ALLOC;
void *xcalloc(size_t n, size_t size) X_ALLOC;
void *xrealloc(void *p, size_t n) X_ALLOC;
char *xstrdup(const char *s) X_ALLOC;
char *xstrndup(const char *s, size_t n) X_ALLOC;

/*
 * Gives stdout a stdio buffer of size / 2 bytes and, when stdout is a
 * pipe (Linux), a pipe of up to size bytes: with the default 64 KiB
 * pipe, the stages of a pipeline wake each other every few records, and
 * on two cores that switching costs more than a third of the wall time.
 * Called once, before anything is written.
 */
void out_buffer(size_t size);

/*
 * Flushes and checks stdout before exit: a write error (a full disk) is
 * reported and exits 1; a closed pipe (EPIPE) exits quietly, as head(1)
 * downstream expects.  Call at the end of main and after large writes.
 */
void out_close(void);

/* Checks stdout for a write error so far; same handling as out_close(). */
void out_check(void);

#endif
