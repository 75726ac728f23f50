/**
 * Jobs: external commands bound to a catalog's handles, each with one append-only, sequence-numbered
 * event log (stdout and stderr lines, status changes, rows) that any number of readers can follow
 * live or replay later by job id, from this process or another one.
 *
 * <p>API: {@link org.datahandle.jobs.JobRegistry}, {@link org.datahandle.jobs.JobSpec},
 * {@link org.datahandle.jobs.Job}, {@link org.datahandle.jobs.JobLog},
 * {@link org.datahandle.jobs.EventCursor}, {@link org.datahandle.jobs.JobEvent} and the status
 * types. Every other class of this package is package-private. The log format, the command's
 * environment and retention are described in docs/jobs.md.
 */
package org.datahandle.jobs;
