/*
 * rxsyntax.h - pieces of PCRE2 pattern syntax shared by the pattern
 * readers (rxstart.c: how a match begins; litreq.c: what it contains).
 */
#ifndef CHISO_RXSYNTAX_H
#define CHISO_RXSYNTAX_H

#include <stdbool.h>

/*
 * A quantifier at *pp (?, *, +, {n}, {n,}, {n,m}, then a lazy '?' or
 * possessive '+'): skips it and returns its least count, setting *more
 * (when not NULL) to whether it allows more than one.  Returns -1 and
 * leaves *pp alone when there is none; a '{' that is no quantifier (as
 * PCRE2 10.42 reads it: digits are required) is a literal for the caller.
 */
long rx_quantifier(const char **pp, bool *more);

#endif
