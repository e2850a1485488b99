/*
 * docdate.h - when a document was published.
 */
#ifndef CHISO_DOCDATE_H
#define CHISO_DOCDATE_H

#include <stddef.h>

#include "classify.h"

/* Into *y and *m, the year and month doc was published: its metadata's
 * date, else the first date with a day in its first lines sentences,
 * else a day with no year ("Sáng 24/6") and the year of the period those
 * sentences name (the next year when the day's month comes before that
 * period ends: "Tổng kết năm 2022" on "Sáng 10/1").  Left as they are
 * when none is found. */
void doc_date(size_t lines, const struct cdoc *doc, int *y, int *m);

#endif
