/*
 * JNI binding of libdeflate's whole-buffer raw deflate (datahandle-libdeflate, docs/compressions.md).
 *
 * Java checks every offset and length before it calls in here (LibdeflateProvider), so this file
 * trusts them. The arrays are pinned with GetPrimitiveArrayCritical, so no byte is copied; nothing
 * between Get and Release calls back into the JVM or blocks.
 */
#include <jni.h>
#include <libdeflate.h>
#include <stdint.h>

/* Returned when the JVM could not pin an array: an OutOfMemoryError is pending and is thrown on return. */
#define PIN_FAILED (-100)

JNIEXPORT jstring JNICALL
Java_org_datahandle_libdeflate_Native_version(JNIEnv *env, jclass cls)
{
    (void) cls;
    return (*env)->NewStringUTF(env, LIBDEFLATE_VERSION_STRING);
}

JNIEXPORT jlong JNICALL
Java_org_datahandle_libdeflate_Native_allocCompressor(JNIEnv *env, jclass cls, jint level)
{
    (void) env;
    (void) cls;
    return (jlong) (intptr_t) libdeflate_alloc_compressor(level);
}

JNIEXPORT void JNICALL
Java_org_datahandle_libdeflate_Native_freeCompressor(JNIEnv *env, jclass cls, jlong handle)
{
    (void) env;
    (void) cls;
    libdeflate_free_compressor((struct libdeflate_compressor *) (intptr_t) handle);
}

JNIEXPORT jlong JNICALL
Java_org_datahandle_libdeflate_Native_allocDecompressor(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    return (jlong) (intptr_t) libdeflate_alloc_decompressor();
}

JNIEXPORT void JNICALL
Java_org_datahandle_libdeflate_Native_freeDecompressor(JNIEnv *env, jclass cls, jlong handle)
{
    (void) env;
    (void) cls;
    libdeflate_free_decompressor((struct libdeflate_decompressor *) (intptr_t) handle);
}

/* Pins both arrays without a copy (the GC waits until unpin); false, with nothing pinned, if either fails. */
static int pin(JNIEnv *env, jbyteArray in, jbyteArray out, jbyte **src, jbyte **dst)
{
    *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    if (*src == NULL) {
        return 0;
    }
    *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (*dst == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, in, *src, JNI_ABORT);
        return 0;
    }
    return 1;
}

/* The output is copied back if the JVM copied it; the input is read only: nothing to copy back. */
static void unpin(JNIEnv *env, jbyteArray in, jbyteArray out, jbyte *src, jbyte *dst)
{
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
}

/* The compressed length, or 0 when it does not fit in outRoom bytes. */
JNIEXPORT jint JNICALL
Java_org_datahandle_libdeflate_Native_compress(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray in, jint inOffset, jint inLength, jbyteArray out, jint outOffset, jint outRoom)
{
    (void) cls;
    jbyte *src;
    jbyte *dst;
    if (!pin(env, in, out, &src, &dst)) {
        return PIN_FAILED;
    }
    size_t n = libdeflate_deflate_compress((struct libdeflate_compressor *) (intptr_t) handle,
            src + inOffset, (size_t) inLength, dst + outOffset, (size_t) outRoom);
    unpin(env, in, out, src, dst);
    return (jint) n;
}

/*
 * On success, the input bytes consumed (high 32 bits) and the bytes produced (low 32 bits); else
 * minus libdeflate's result code (1 bad data, 3 insufficient space) or PIN_FAILED.
 */
JNIEXPORT jlong JNICALL
Java_org_datahandle_libdeflate_Native_decompress(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray in, jint inOffset, jint inLength, jbyteArray out, jint outOffset, jint outRoom)
{
    (void) cls;
    jbyte *src;
    jbyte *dst;
    if (!pin(env, in, out, &src, &dst)) {
        return PIN_FAILED;
    }
    size_t consumed = 0;
    size_t produced = 0;
    enum libdeflate_result r = libdeflate_deflate_decompress_ex(
            (struct libdeflate_decompressor *) (intptr_t) handle, src + inOffset, (size_t) inLength,
            dst + outOffset, (size_t) outRoom, &consumed, &produced);
    unpin(env, in, out, src, dst);
    if (r != LIBDEFLATE_SUCCESS) {
        return -(jlong) r;
    }
    return (jlong) consumed << 32 | (jlong) produced;
}
