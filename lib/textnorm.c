/*
 * textnorm.c - see textnorm.h.
 * First cut: NFC and TABs only; the tone-mark table and character
 * clean-up from rules/normalise.yaml come with the normalise tool.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "textnorm.h"

struct textnorm {
	int unused;
};

struct textnorm *
textnorm_load(const char *rules_dir)
{
	(void)rules_dir;
	return xcalloc(1, sizeof(struct textnorm));
}

void
textnorm_free(struct textnorm *tn)
{
	free(tn);
}

size_t
textnorm_apply(const struct textnorm *tn, const char *s, size_t n,
    struct buf *out, unsigned long long *bad_bytes)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len;

	(void)tn;
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &nfc, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (len < 0) {
		buf_add(out, s, n);
		return 0;
	}
	for (utf8proc_ssize_t i = 0; i < len; i++)
		buf_addc(out, nfc[i] == '\t' ? ' ' : (char)nfc[i]);
	free(nfc);
	(void)bad_bytes;
	return 0;
}
