/*
 * table.h - a table flattened into text, read as sentences.
 *
 * Statistics offices publish their figures as tables, and a crawl gets
 * them as lines of cells ("Chỉ tiêu | ĐVT | Ước TH 9 tháng | So cùng kỳ
 * (%) | Đạt % KH năm", then one line a row).  A row alone says nothing
 * of what its numbers are: the header does.  So each row under a header
 * becomes one sentence that says, in the words classify-metric reads in
 * prose, what the header says of each cell:
 *
 *   Kim ngạch xuất khẩu | triệu USD | 4.512 | -2,3 | 68,4
 *   -> Kim ngạch xuất khẩu: Ước TH 9 tháng đạt 4.512 triệu USD, giảm
 *      2,3% So cùng kỳ, bằng 68,4% KH năm
 *
 * A column's role comes from its header, by the patterns of segment.yaml
 * (tables:): skip (a row number), unit (the row's unit), change (a
 * comparison: a signed cell is a growth rate, an unsigned one an index,
 * "bằng 91,8% so với cùng kỳ"), plan (a share of a plan); any other
 * column holds amounts of the period its header names.  The first column
 * that is not skipped is the row's label.
 *
 * A line of at least min_cells cells is a row of a table; the first row
 * of a run is its header when every cell after the first holds a letter
 * or is a year; rows with as many cells follow it; a line of dashes
 * ("---|---", Markdown) is passed over; any other line ends the table.
 */
#ifndef CHISO_TABLE_H
#define CHISO_TABLE_H

#include <stddef.h>

#include "buf.h"
#include "ydoc.h"

struct table_rules;

/* The rules under "tables" in root (segment.yaml); NULL when it has none,
 * and then no line is a table's. */
struct table_rules *table_load(const struct ynode *root);
void table_free(struct table_rules *tr);

/* Cells a row may have; a line with more is no table's. */
#define TABLE_MAXCELLS 32

struct column_rule;

/* A column, as its header says once for all the rows. */
struct table_column {
	size_t off, len;	/* its header cell in the table's header */
	const struct column_rule *rule;	/* its role; NULL: amounts */
	size_t at, end;		/* where in the header cell the rule matched */
};

/* A document's table in progress; zero it (or table_end()) to begin. */
struct table {
	struct buf header;	/* its header cells' text */
	struct table_column col[TABLE_MAXCELLS];
	size_t ncells;		/* 0: no table */
	size_t label, unit;	/* the columns naming a row and giving its
				 * unit (SIZE_MAX: none) */
	struct buf group;	/* the label of a row heading items */
};

enum table_line {
	TABLE_NONE,		/* no row of a table: segment it as text */
	TABLE_HEADER,		/* a header, or a ruling: segment it as text */
	TABLE_ROW		/* a row: out holds its sentence */
};

/* Reads line[0..len) of a document, in order; writes a row's sentence in
 * out (reset first). */
enum table_line table_line(const struct table_rules *tr, struct table *t,
    const char *line, size_t len, struct buf *out);

/* Ends the table in progress (at a document's end); keeps the memory. */
void table_end(struct table *t);
/* Frees t's memory. */
void table_release(struct table *t);

#endif
