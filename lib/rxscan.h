/*
 * rxscan.h - the matches of a pattern in a part of a case-folded
 * sentence, with PCRE2 called only where a match can begin.
 *
 * classify-metric runs some sixty patterns over parts of each sentence.
 * A PCRE2 search that cannot use a first-character optimisation (a
 * pattern led by a lookbehind, \b or an optional word) tries every
 * position, some seventy instructions a byte.  rxscan_of() reads what a
 * match must begin with (rxstart.h: literals, a digit); rxscan_find()
 * walks the part once, comparing the folded text (litreq.h) with those
 * beginnings, and asks PCRE2 for a match anchored at each place that
 * fits (rx_match_at()), in order: the first that matches is the leftmost
 * match, as a search would have found.  A pattern whose beginnings are
 * not known (anything, \p{Lu}) is searched for by PCRE2 as before.
 */
#ifndef CHISO_RXSCAN_H
#define CHISO_RXSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "litreq.h"
#include "rules.h"

struct rxscan;

/* What rx's matches begin with; NULL when not known (search as before).
 * rx must come from rx_compile_anchorable(). */
struct rxscan *rxscan_of(const struct rx *rx);
void rxscan_free(struct rxscan *sc);

/*
 * The leftmost match of rx in s[0..end) that begins at or after at, as
 * rx_match(rx, s, end, at, ov) finds it.  fold and fmap are s folded by
 * litfold() and its byte map; with sc, fold or fmap NULL, this is
 * rx_match() itself.  ix, if not NULL, is fold's pair index: a beginning
 * whose pairs fold does not hold is not searched for.
 */
bool rxscan_find(const struct rxscan *sc, struct rx *rx, const char *s,
    size_t at, size_t end, const char *fold, const uint32_t *fmap,
    const struct litidx *ix, PCRE2_SIZE **ov);

/*
 * rxscan_find(), with PCRE2 not asked at a place where inside(arg, p)
 * says a match is of no use to the caller (one that would overlap what
 * it has taken), and *passed set true when such a place was passed: the
 * match found, if any, is then not the leftmost that rxscan_find()
 * finds.  A pattern whose match may begin before the place the walk
 * gives (optional words before it) passes no place.
 */
bool rxscan_find_outside(const struct rxscan *sc, struct rx *rx,
    const char *s, size_t at, size_t end, const char *fold,
    const uint32_t *fmap, const struct litidx *ix,
    bool (*inside)(const void *, size_t), const void *arg, bool *passed,
    PCRE2_SIZE **ov);

/* Does rxscan_find() seek sc's beginnings, a few literals, by memchr
 * in the fold?  Then it tells a part holding none of them at about the
 * cost of asking the part for the literals a match needs (litreq.h). */
bool rxscan_seeks_literals(const struct rxscan *sc);

#endif
