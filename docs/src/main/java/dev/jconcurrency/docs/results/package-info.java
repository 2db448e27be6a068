/**
 * The measured-results page: {@link dev.jconcurrency.docs.results.ResultsPage} measures every model on the
 * reader's machine and writes {@code docs/results.md} with a chart per model.
 */
package dev.jconcurrency.docs.results;
