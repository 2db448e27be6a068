/**
 * Real network waits without the network: a loopback HTTP server that answers after a delay each request
 * chooses, a minimal client for it, and a check of how many concurrent requests the process's
 * file-descriptor limit allows.
 *
 * <ul>
 *   <li>{@link dev.jconcurrency.core.net.LatencyServer}: {@code GET /delay/<millis>} on 127.0.0.1, one virtual
 *       thread per connection, counting the requests it holds at once.
 *   <li>{@link dev.jconcurrency.core.net.LatencyClient}: one blocking socket per client, each wait bounded.
 *   <li>{@link dev.jconcurrency.core.net.FileDescriptorLimit}: "will 10,000 concurrent requests fit?", in one
 *       line, before a run rather than as "Too many open files" in the middle of it.
 * </ul>
 */
package dev.jconcurrency.core.net;
