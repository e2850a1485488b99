/* rxsyntax.c - see rxsyntax.h. */
#include <stddef.h>

#include "rxsyntax.h"

long
rx_quantifier(const char **pp, bool *more)
{
	const char *p = *pp;
	long min;
	bool many;

	if (*p == '*' || *p == '?') {
		min = 0;
		many = *p == '*';
	} else if (*p == '+') {
		min = 1;
		many = true;
	} else if (*p == '{') {
		const char *q = p + 1;
		long lo = 0;
		bool digits = false, comma = false;

		while (*q >= '0' && *q <= '9') {
			lo = lo * 10 + (*q++ - '0');
			digits = true;
			if (lo > 100000)
				return -1;
		}
		if (*q == ',') {
			comma = true;
			q++;
			while (*q >= '0' && *q <= '9') {
				q++;
				digits = true;
			}
		}
		if (*q != '}' || !digits)
			return -1;
		p = q;
		min = lo;
		many = comma || lo > 1;
	} else
		return -1;
	p++;
	if (*p == '?' || *p == '+')
		p++;
	*pp = p;
	if (more != NULL)
		*more = many;
	return min;
}
