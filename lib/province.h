/*
 * province.h - which province a document is about (rules/provinces.yaml).
 */
#ifndef CHISO_PROVINCE_H
#define CHISO_PROVINCE_H

#include <stdbool.h>
#include <stddef.h>

#include "classify.h"

struct cx_rules;

/* Into out (size bytes), the province doc is about: its metadata's,
 * else the first name or alias its text gives that names a place
 * (provinces.yaml not_after, not_before), headline first; "" if none. */
void province_of(struct cx_rules *cx, const struct cdoc *doc, char *out,
    size_t size);

/* The province whose name or alias stands at s[at] of s[0..len) (after
 * "tỉnh " or "TP."), into out (size bytes); false when none does. */
bool province_at(struct cx_rules *cx, const char *s, size_t len, size_t at,
    char *out, size_t size);

/* The index in cx->provinces of the province whose name or alias stands
 * at s[at] (after "tỉnh " or "TP."), or SIZE_MAX. */
size_t province_index_at(struct cx_rules *cx, const char *s, size_t len,
    size_t at);

/* Is the province of that name a centrally run city (provinces.yaml
 * city)? */
bool province_is_city(const struct cx_rules *cx, const char *name);

/* Does s[0..len) hold a province's name or alias? */
bool province_named(struct cx_rules *cx, const char *s, size_t len);

#endif
