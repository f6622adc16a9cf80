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

size_t ledger_leaf_data(int kind, int64_t ref_id, const unsigned char *digest,
			size_t digest_len, unsigned char out[LEDGER_LEAF_DATA_MAX])
{
	if (digest_len > LEDGER_HASH_MAX || kind < 0 || kind > 255)
		return 0;
	out[0] = LEDGER_LEAF_VERSION;
	out[1] = (unsigned char)kind;
	put_be64(out + 2, (uint64_t)ref_id);
	memcpy(out + 10, digest, digest_len);
	return 10 + digest_len;
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
