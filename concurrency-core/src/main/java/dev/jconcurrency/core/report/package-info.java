/**
 * Output: the seed demo's console lines ({@link dev.jconcurrency.core.report.Report}) and comparison tables
 * ({@link dev.jconcurrency.core.report.Table}).
 */
package dev.jconcurrency.core.report;
