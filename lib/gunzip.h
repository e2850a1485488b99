/*
 * gunzip.h - the bytes of a file descriptor, inflated when they are gzip.
 *
 * What zlib's gzread does, faster: a file that does not begin with the
 * gzip magic is read as it is; a gzip file is inflated member after
 * member (Common Crawl's WET files hold one small member per record),
 * and what follows the last member when it is not gzip is ignored, as
 * gzread ignores it.
 *
 * Inflating is the floor under every chiso run, so each member that
 * fits the window (GUNZIP_WINDOW compressed, GUNZIP_WINDOW inflated:
 * every WET record, every article) is inflated whole by libdeflate,
 * about 1.7 times as fast as zlib here.  A larger member, or a damaged
 * or truncated one, is inflated by zlib as a stream instead: memory
 * stays bounded, and the text before the damage is still handed out
 * before the error.
 *
 * Errors: gunzip_read() returns -1; gunzip_error() then says what
 * happened (errno is kept for a failed read(2)).
 */
#ifndef CHISO_GUNZIP_H
#define CHISO_GUNZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define GUNZIP_WINDOW (1u << 20)

struct gunzip;

/* Takes over fd (gunzip_close closes it).  Never NULL. */
struct gunzip *gunzip_open(int fd);

/* Reads up to n bytes into dst: the count, 0 at the end, or -1. */
ssize_t gunzip_read(struct gunzip *z, char *dst, size_t n);

/*
 * After gunzip_read() returned -1: NULL when read(2) failed (errno says
 * why), else what is wrong with the gzip data.
 */
const char *gunzip_error(const struct gunzip *z);

/* Bytes read from the descriptor so far, read ahead included. */
long long gunzip_raw_offset(const struct gunzip *z);

/* Closes the descriptor and frees; returns close(2)'s result. */
int gunzip_close(struct gunzip *z);

#endif
