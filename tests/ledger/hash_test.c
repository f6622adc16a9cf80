/* hash_test.c - the ledger's hashes against published vectors (SM3 from
 * GB/T 32905 appendix A, SHA-256 from FIPS 180), one-shot and streaming
 * alike, and the leaf data and canonical encoding byte for byte. */
#include "t.h"

#include "base/crypto.h"
#include "ledger/hash.h"
#include "ledger/leaf.h"

static const char *hex_of(const unsigned char *d, size_t n)
{
	static char out[2 * LEDGER_HASH_MAX + 1];
	crypto_hex(d, n, out);
	return out;
}

TEST(ledger_hash_sm3_matches_gbt32905_vector)
{
	unsigned char d[LEDGER_HASH_MAX];
	CHECK_INT(ledger_hash(LEDGER_HASH_SM3, "abc", 3, d), 32);
	CHECK_STR(hex_of(d, 32), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
	/* the 64-byte message "abcd" x 16 */
	const char *m = "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd";
	ledger_hash(LEDGER_HASH_SM3, m, 64, d);
	CHECK_STR(hex_of(d, 32), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(ledger_hash_sha256_matches_fips_vector)
{
	unsigned char d[LEDGER_HASH_MAX];
	ledger_hash(LEDGER_HASH_SHA256, "abc", 3, d);
	CHECK_STR(hex_of(d, 32), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ledger_hasher_streams_to_the_one_shot_digest)
{
	const char *text = "执法全过程记录 streamed in uneven chunks";
	size_t n = strlen(text);
	for (int alg = LEDGER_HASH_SM3; alg <= LEDGER_HASH_SHA256; alg++) {
		unsigned char one[LEDGER_HASH_MAX], streamed[LEDGER_HASH_MAX];
		struct ledger_hasher h;
		ledger_hash((enum ledger_hash_alg)alg, text, n, one);
		REQUIRE(ledger_hasher_init(&h, (enum ledger_hash_alg)alg) == FZ_OK);
		for (size_t i = 0; i < n; i += 7)
			CHECK_INT(ledger_hasher_update(&h, text + i, n - i < 7 ? n - i : 7), FZ_OK);
		CHECK_INT(ledger_hasher_final(&h, streamed), FZ_OK);
		CHECK(memcmp(one, streamed, 32) == 0);
		ledger_hasher_abort(&h); /* harmless after final */
	}
}

TEST(ledger_hash_names_round_trip_and_reject_others)
{
	enum ledger_hash_alg a;
	CHECK(ledger_hash_from_name("sm3", &a) && a == LEDGER_HASH_SM3);
	CHECK(ledger_hash_from_name("sha256", &a) && a == LEDGER_HASH_SHA256);
	CHECK(!ledger_hash_from_name("SHA256", &a));
	CHECK(!ledger_hash_from_name("md5", &a));
	CHECK(!ledger_hash_from_name(NULL, &a));
	CHECK_STR(ledger_hash_name(LEDGER_HASH_SHA256), "sha256");
	CHECK_STR(ledger_hash_name(LEDGER_HASH_SM3), "sm3");
}

TEST(ledger_leaf_data_is_version_kind_ref_time_digest)
{
	unsigned char digest[32], out[LEDGER_LEAF_DATA_MAX];
	for (int i = 0; i < 32; i++)
		digest[i] = (unsigned char)i;
	size_t n = ledger_leaf_data(2, 0x0102030405060708LL, 0x1112131415161718LL, digest, 32, out);
	CHECK_INT(n, 50);
	CHECK_STR(hex_of(out, 18), "020201020304050607081112131415161718");
	CHECK(memcmp(out + 18, digest, 32) == 0);
	/* a time before 1970 is two's complement, as every integer */
	CHECK_INT(ledger_leaf_data(4, 1, -1, digest, 32, out), 50);
	CHECK_STR(hex_of(out, 18), "02040000000000000001ffffffffffffffff");
	CHECK_INT(ledger_leaf_data(256, 1, 0, digest, 32, out), 0);
	CHECK_INT(ledger_leaf_data(1, 1, 0, digest, LEDGER_HASH_MAX + 1, out), 0);
}

TEST(canon_reader_takes_back_what_was_written_and_stops_at_the_end)
{
	struct buf b = BUF_INIT;
	canon_str(&b, "fazhi.x");
	canon_int(&b, -5);
	canon_str(&b, "值");
	REQUIRE(buf_status(&b) == FZ_OK);
	struct canon_reader r = { (const unsigned char *)b.data,
				  (const unsigned char *)b.data + b.len, false };
	const unsigned char *s;
	size_t n;
	CHECK(canon_expect(&r, "fazhi.x"));
	CHECK_INT(canon_get_int(&r), -5);
	canon_get_str(&r, &s, &n);
	CHECK(!r.bad && n == 3 && memcmp(s, "值", 3) == 0);
	CHECK(r.p == r.end);
	CHECK_INT(canon_get_int(&r), 0);
	CHECK(r.bad);
	/* a length that runs past the end is refused, not read */
	unsigned char lie[6] = { 0, 0, 0, 9, 'a', 'b' };
	struct canon_reader l = { lie, lie + sizeof lie, false };
	canon_get_str(&l, &s, &n);
	CHECK(l.bad && n == 0);
	buf_release(&b);
}

TEST(canon_encoding_is_length_prefixed_and_big_endian)
{
	struct buf b = BUF_INIT;
	canon_str(&b, "ab");
	canon_str(&b, NULL);
	canon_int(&b, -2);
	canon_int(&b, 258);
	REQUIRE(buf_status(&b) == FZ_OK);
	CHECK_INT(b.len, 6 + 4 + 16);
	CHECK_STR(hex_of((const unsigned char *)b.data, b.len > 26 ? 26 : b.len),
		  "00000002616200000000fffffffffffffffe0000000000000102");
	buf_release(&b);
}
