/**
 * Arrow IPC (file, Feather v2 and stream) and NumPy {@code .npy} codecs, over Arrow's generated flatbuffer
 * classes and our own buffer layout: no Arrow memory runtime, so no {@code --add-opens} on the JVM.
 * {@link org.datahandle.formats.arrow.ArrowIpc} is the API for code that moves tables as Arrow bytes.
 */
package org.datahandle.formats.arrow;
