/*
 * segmenter.h - where sentences end within a line of Vietnamese text.
 *
 * The boundary rules are data (rules/segment.yaml, see that file for the
 * schema): the characters that end a sentence, the ellipses that end one
 * only before a capital, end-of-article markers such as "./.", the closing
 * quotes and brackets that stay with the sentence they close, the opening
 * ones that may start a sentence, and the abbreviations ("TP.", "ThS.")
 * after which a period is no boundary.  A line is scanned bytewise: only a
 * candidate byte (the first byte of a terminator or marker) costs more
 * than a table look-up, so segmenting runs at memory speed.
 *
 * The scanner never reads outside s[0..len) and needs no NUL terminator,
 * whatever the bytes (invalid UTF-8 included): a fuzz target may call it
 * on anything.
 *
 * Ownership: seg_load() and seg_from_yaml() return a segmenter that
 * seg_free() frees; it keeps no pointer into the YAML tree.  seg_next()
 * allocates nothing.  A broken rule file stops the tool with
 * file:line:column and exit 2 (see ydoc.h).
 */
#ifndef CHISO_SEGMENTER_H
#define CHISO_SEGMENTER_H

#include <stdbool.h>
#include <stddef.h>

#include "ydoc.h"

struct segmenter;

/* Loads the rules from a YAML file such as rules/segment.yaml. */
struct segmenter *seg_load(const char *path);

/* Builds a segmenter from an already loaded rule tree (its root map). */
struct segmenter *seg_from_yaml(const struct ynode *root);

void seg_free(struct segmenter *sg);

/*
 * Finds the next sentence of the line s[0..len) at or after byte *pos.
 * Returns false when only spaces are left.  Otherwise sets [*start, *end)
 * to the sentence, trimmed of spaces and never empty, and moves *pos past
 * it.  Start with *pos = 0 and call until it returns false.
 */
bool seg_next(const struct segmenter *sg, const char *s, size_t len,
    size_t *pos, size_t *start, size_t *end);

#endif
