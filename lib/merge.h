/*
 * merge.h - one row for a figure said twice in a document.
 */
#ifndef CHISO_MERGE_H
#define CHISO_MERGE_H

#include "classify.h"

/* Marks dropped the rows of out that repeat another (merge.c says which);
 * lead: the sentences at the top taken for the headline and lead. */
void merge_repeats(struct crows *out, unsigned long lead);

#endif
