#!/bin/sh
# Builds the JNI library of datahandle-libdeflate into $1 (the classes folder's
# META-INF/native/linux-x86_64), with the JDK headers of $2 (java.home). Run by Maven
# (exec-maven-plugin, phase compile) on Unix-like systems only.
#
# Where the native part cannot be built (not Linux x86_64, no gcc, no libdeflate.h), it says why
# and exits 0: the module then builds without the library, and the provider reports itself
# unavailable at run time, so the JDK's zlib is used. Under CI=true that is an error instead:
# CI must prove the accelerator is built and runs.
set -eu
out="$1"
java_home="$2"
here="$(dirname "$0")"

skip() {
  if [ "${CI:-}" = true ]; then
    echo "datahandle-libdeflate: cannot build the native library: $1 (CI=true, so this is an error)" >&2
    exit 1
  fi
  echo "datahandle-libdeflate: not building the native library: $1; the JDK's zlib will be used" >&2
  exit 0
}

[ "$(uname -s)" = Linux ] || skip "only Linux is supported, this is $(uname -s)"
[ "$(uname -m)" = x86_64 ] || skip "only x86_64 is supported, this is $(uname -m)"
command -v gcc >/dev/null 2>&1 || skip "no gcc (Debian package gcc)"
echo '#include <libdeflate.h>' | gcc -E -x c - >/dev/null 2>&1 || skip "no libdeflate.h (Debian package libdeflate-dev)"
[ -f "$java_home/include/jni.h" ] || skip "no jni.h under $java_home/include (a JRE, not a JDK?)"

mkdir -p "$out"
# -z defs: every symbol must resolve now (libdeflate's from -ldeflate), not at first call
gcc -O2 -fPIC -shared -Wall -Wextra -Werror -std=c99 \
  -I"$java_home/include" -I"$java_home/include/linux" \
  -o "$out/libdatahandle_libdeflate.so" "$here/datahandle_libdeflate.c" \
  -Wl,-z,defs -Wl,--as-needed -ldeflate
echo "datahandle-libdeflate: built $out/libdatahandle_libdeflate.so"
