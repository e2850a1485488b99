/*
 * textnorm.h - the text normalisation shared by normalise and the rules.
 *
 * Text and rule patterns must be normalised the same way, so that a rule
 * written "hoá" matches the text "hóa": both go through textnorm_apply().
 * It does NFC (utf8proc), the Vietnamese tone-mark placement chosen in
 * rules/normalise.yaml (new style hóa/thủy, old style hoá/thuỷ, or keep),
 * and the character clean-up listed there: NBSP and other spaces to ' ',
 * zero-width and control characters dropped, typographic quotes and dashes
 * to their plain forms, runs of spaces folded, TABs to spaces.
 *
 * The settings live under the key "text:" of normalise.yaml; the key
 * "documents:" there belongs to the normalise tool (see docnorm.h).
 *
 * Speed: text is copied sixteen bytes at a time and then checked (SSE2):
 * ASCII needs only its letters counted; other characters
 * are looked up in a table built at load time, and only characters that
 * may change under NFC (combining marks, decomposable or composing
 * characters) are handed to utf8proc, with the character before them.
 * Text already in NFC, as most web text is, never reaches utf8proc.
 *
 * Ownership: textnorm_load() returns a table that textnorm_free() frees.
 * textnorm_apply() appends to out (a struct buf the caller owns); a space
 * is folded with a space already at the end of out.
 * Invalid UTF-8 is replaced with U+FFFD and counted in *bad_bytes.
 */
#ifndef CHISO_TEXTNORM_H
#define CHISO_TEXTNORM_H

#include <stddef.h>

#include "buf.h"

struct textnorm;

/* Loads rules_dir/normalise.yaml; a broken file stops the tool (exit 2). */
struct textnorm *textnorm_load(const char *rules_dir);
void textnorm_free(struct textnorm *tn);

/*
 * Normalises n bytes of s, appending to out.  Returns the number of
 * invalid bytes replaced (also added to *bad_bytes when not NULL).
 */
size_t textnorm_apply(const struct textnorm *tn, const char *s, size_t n,
    struct buf *out, unsigned long long *bad_bytes);

/* What textnorm_count() adds up, for normalise's checks and --stats. */
struct textnorm_count {
	unsigned long long bad_bytes;	/* invalid UTF-8 bytes replaced */
	unsigned long long nuls;	/* NUL bytes dropped */
	unsigned long long letters;	/* letters written */
	unsigned long long vi_letters;	/* of which vietnamese_letters */
};

/* textnorm_apply() that also adds to the counts in *c (not NULL). */
size_t textnorm_count(const struct textnorm *tn, const char *s, size_t n,
    struct buf *out, struct textnorm_count *c);

#endif
