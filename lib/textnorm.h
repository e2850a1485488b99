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
 * Ownership: textnorm_load() returns a table that textnorm_free() frees.
 * textnorm_apply() appends to out (a struct buf the caller owns).
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

#endif
