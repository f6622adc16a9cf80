/* leaf.c - leaf data and the canonical encoding of records (leaf.h). Big-
 * endian fixed widths and length prefixes, so that an outside verifier can
 * rebuild the bytes in a few lines of any language. */
#include "ledger/leaf.h"

#include <string.h>

static void put_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

size_t ledger_leaf_data(int kind, int64_t ref_id, int64_t at, const unsigned char *digest,
			size_t digest_len, unsigned char out[LEDGER_LEAF_DATA_MAX])
{
	if (digest_len > LEDGER_HASH_MAX || kind < 0 || kind > 255)
		return 0;
	out[0] = LEDGER_LEAF_VERSION;
	out[1] = (unsigned char)kind;
	put_be64(out + 2, (uint64_t)ref_id);
	put_be64(out + 10, (uint64_t)at);
	memcpy(out + LEDGER_LEAF_HEAD, digest, digest_len);
	return LEDGER_LEAF_HEAD + digest_len;
}

void canon_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	unsigned char len[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
				 (unsigned char)(n >> 8), (unsigned char)n };
	buf_add(b, len, 4);
	if (n)
		buf_add(b, s, n);
}

void canon_int(struct buf *b, int64_t v)
{
	unsigned char p[8];
	put_be64(p, (uint64_t)v);
	buf_add(b, p, 8);
}

void canon_get_str(struct canon_reader *r, const unsigned char **s, size_t *n)
{
	*s = r->p;
	*n = 0;
	if (r->bad || r->end - r->p < 4) {
		r->bad = true;
		return;
	}
	size_t len = ((size_t)r->p[0] << 24) | ((size_t)r->p[1] << 16) |
		     ((size_t)r->p[2] << 8) | r->p[3];
	if ((size_t)(r->end - r->p - 4) < len) {
		r->bad = true;
		return;
	}
	*s = r->p + 4;
	*n = len;
	r->p += 4 + len;
}

int64_t canon_get_int(struct canon_reader *r)
{
	uint64_t u = 0;
	if (r->bad || r->end - r->p < 8) {
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		u = (u << 8) | r->p[i];
	r->p += 8;
	return (int64_t)u;
}

bool canon_expect(struct canon_reader *r, const char *s)
{
	const unsigned char *v;
	size_t n;
	canon_get_str(r, &v, &n);
	return !r->bad && n == strlen(s) && memcmp(v, s, n) == 0;
}
