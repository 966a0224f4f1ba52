/* Stand-in so apk-tools src/version.c compiles against shim.h alone. */
#include "shim.h"
