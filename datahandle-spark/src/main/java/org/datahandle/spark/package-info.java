/**
 * Spark as a handle's memory form: {@code spark} ({@code Dataset<Row>}) and {@code rdd}
 * ({@code JavaRDD<Row>}), read by Spark's own readers over the files the produced check vouches
 * for, and written by Spark into staging, published with one folder rename and a commit record.
 * {@link org.datahandle.spark.SparkHandles} does the same for any handle. The codecs
 * {@link org.datahandle.spark.BgzCodec} and {@link org.datahandle.spark.ZstdJniCodec} are for
 * Hadoop's codec factory, which instantiates them by name.
 */
package org.datahandle.spark;
