/**
 * S3 and S3-compatible stores through the AWS SDK v2: multipart uploads, ranged reads, conditional
 * creates ({@code If-None-Match: *}) and a lock object with expiry; no rename is ever relied on.
 */
package org.datahandle.fs.s3;
