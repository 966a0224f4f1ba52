/* Local oracle for the apk ordering table: reads `A B` lines and prints `<`, `=` or `>` as apk-tools'
 * apk_version_compare orders them (no validation first: apk orders invalid strings too). Build:
 * build-apk-tools.sh compiles it with apk-tools' src/version.c. */
#include <stdio.h>
#include "shim.h"
int apk_version_compare(apk_blob_t a, apk_blob_t b);
int main(void) {
	static char a[65536], b[65536];
	while (scanf("%65535s %65535s", a, b) == 2) {
		int r = apk_version_compare(APK_BLOB_STR(a), APK_BLOB_STR(b));
		puts(r == APK_VERSION_LESS ? "<" : r == APK_VERSION_GREATER ? ">" : r == APK_VERSION_EQUAL ? "=" : "?");
	}
	return 0;
}
