/* leaf.h - what one leaf of the ledger holds, and the canonical byte
 * encoding of the records whose digests go into leaves. The log holds
 * digests only: personal data stays in the tables.
 *
 * Leaf data (docs/LEDGER.md, "Leaf data"), version 2:
 *   0x02 (format version) || kind (1 byte) || ref_id (8 bytes, big-endian)
 *   || at (8 bytes, big-endian two's complement: Unix seconds when the
 *   record was written) || content digest (hash size bytes). */
#ifndef FZ_LEDGER_LEAF_H
#define FZ_LEDGER_LEAF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "ledger/hash.h"

#define LEDGER_LEAF_VERSION 0x02
#define LEDGER_LEAF_HEAD 18 /* version, kind, ref_id, at */
#define LEDGER_LEAF_DATA_MAX (LEDGER_LEAF_HEAD + LEDGER_HASH_MAX)

/* Writes the leaf data of (kind, ref_id, at, digest) into out; returns its
 * length (18 + digest_len), or 0 when digest_len is over LEDGER_HASH_MAX
 * or kind outside 0..255. */
size_t ledger_leaf_data(int kind, int64_t ref_id, int64_t at, const unsigned char *digest,
			size_t digest_len, unsigned char out[LEDGER_LEAF_DATA_MAX]);

/* Canonical record encoding: a record is its type name then its values in
 * a fixed order, each string as a 4-byte big-endian length and its bytes
 * (NULL as ""), each integer as 8 bytes big-endian two's complement. The
 * fixed order per type makes the encoding unambiguous. Errors are the
 * buffer's (sticky: check buf_status once). */
void canon_str(struct buf *b, const char *s);
void canon_int(struct buf *b, int64_t v);

/* Reading an encoding back: each takes one value at *p (before end) and
 * advances *p; false when the bytes end first. A string is returned as a
 * pointer into the encoding and its length (not NUL-terminated). */
struct canon_reader {
	const unsigned char *p, *end;
	bool bad; /* sticky: a read ran past the end */
};
void canon_get_str(struct canon_reader *r, const unsigned char **s, size_t *n);
int64_t canon_get_int(struct canon_reader *r);
/* True when the next string is exactly s (and takes it). */
bool canon_expect(struct canon_reader *r, const char *s);

#endif
