/* leaf.h - what one leaf of the ledger holds, and the canonical byte
 * encoding of the records whose digests go into leaves. The log holds
 * digests only: personal data stays in the tables.
 *
 * Leaf data (docs/LEDGER.md): 0x01 (format version) || kind (1 byte) ||
 * ref_id (8 bytes, big-endian) || content digest (hash size bytes). */
#ifndef FZ_LEDGER_LEAF_H
#define FZ_LEDGER_LEAF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "ledger/hash.h"

#define LEDGER_LEAF_VERSION 0x01
#define LEDGER_LEAF_DATA_MAX (10 + LEDGER_HASH_MAX)

/* Writes the leaf data of (kind, ref_id, digest) into out; returns its
 * length (10 + digest_len), or 0 when digest_len is over LEDGER_HASH_MAX
 * or kind over 255. */
size_t ledger_leaf_data(int kind, int64_t ref_id, const unsigned char *digest,
			size_t digest_len, unsigned char out[LEDGER_LEAF_DATA_MAX]);

/* Canonical record encoding: a record is its type name then its values in
 * a fixed order, each string as a 4-byte big-endian length and its bytes
 * (NULL as ""), each integer as 8 bytes big-endian two's complement. The
 * fixed order per type makes the encoding unambiguous. Errors are the
 * buffer's (sticky: check buf_status once). */
void canon_str(struct buf *b, const char *s);
void canon_int(struct buf *b, int64_t v);

#endif
