/* Minimal stand-ins for the apk-tools blob helpers version.c uses, written to the semantics of
 * apk-tools' src/blob.c and src/ctype.c (HEXDIGIT = [0-9a-f], VERSION_SUFFIX = [a-z]). Local oracle only. */
#pragma once
#include <stdint.h>
#include <string.h>
#include <stdbool.h>
#include <stddef.h>
typedef struct { long len; char *ptr; } apk_blob_t;
#define APK_BLOB_PTR_LEN(p, l) ((apk_blob_t){ (l), (char *)(p) })
#define APK_BLOB_STR(s) APK_BLOB_PTR_LEN((s), strlen(s))
#define APK_BLOB_STRLIT(s) APK_BLOB_PTR_LEN((s), sizeof(s) - 1)
#define APK_BLOB_IS_NULL(b) ((b).ptr == NULL)
#define BLOB_FMT "%.*s"
#define BLOB_PRINTF(b) (int)(b).len, (b).ptr
#define APK_VERSION_EQUAL 1
#define APK_VERSION_LESS 2
#define APK_VERSION_GREATER 4
#define APK_VERSION_FUZZY 8
enum { APK_CTYPE_HEXDIGIT = 0, APK_CTYPE_VERSION_SUFFIX = 2 };
static int in_class(unsigned char c, int ctype) {
	if (ctype == APK_CTYPE_HEXDIGIT) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
	return c >= 'a' && c <= 'z';
}
static int apk_blob_spn(apk_blob_t blob, unsigned char ctype, apk_blob_t *l, apk_blob_t *r) {
	long i = 0;
	while (i < blob.len && in_class((unsigned char)blob.ptr[i], ctype)) i++;
	*l = APK_BLOB_PTR_LEN(blob.ptr, i);
	*r = APK_BLOB_PTR_LEN(blob.ptr + i, blob.len - i);
	return i < blob.len;
}
static int apk_blob_compare(apk_blob_t a, apk_blob_t b) {
	if (a.len == b.len) return memcmp(a.ptr, b.ptr, a.len);
	return a.len < b.len ? -1 : 1;
}
static int apk_blob_sort(apk_blob_t a, apk_blob_t b) {
	int s = memcmp(a.ptr, b.ptr, a.len < b.len ? a.len : b.len);
	if (s != 0) return s;
	return (int)(a.len - b.len);
}
static uint64_t apk_blob_pull_uint(apk_blob_t *b, int radix) {
	uint64_t v = 0;
	while (b->len && b->ptr[0] >= '0' && b->ptr[0] <= '9' && b->ptr[0] - '0' < radix) {
		v = v * radix + (uint64_t)(b->ptr[0] - '0');
		b->ptr++, b->len--;
	}
	return v;
}
static int apk_blob_pull_blob_match(apk_blob_t *b, apk_blob_t match) {
	if (b->len < match.len || memcmp(b->ptr, match.ptr, match.len) != 0) return 0;
	b->ptr += match.len, b->len -= match.len;
	return 1;
}
#define APK_VERSION_CONFLICT 16
#define APK_DEPMASK_ANY (APK_VERSION_EQUAL | APK_VERSION_LESS | APK_VERSION_GREATER)
#define APK_DEPMASK_CHECKSUM (APK_VERSION_LESS | APK_VERSION_GREATER)
