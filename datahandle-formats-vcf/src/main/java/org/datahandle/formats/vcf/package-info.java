/**
 * The VCF codec: our own byte-level parser and writer for VCF 4.1-4.4 (plain, gz, bgz), typed by
 * the header's {@code ##INFO}/{@code ##FORMAT} lines, with tabix ({@code .tbi}) and CSI region
 * queries that read only the BGZF blocks they need, and a {@code .tbi} written beside every BGZF
 * file it writes. Only {@link org.datahandle.formats.vcf.VcfCodecFactory} is public.
 */
package org.datahandle.formats.vcf;
