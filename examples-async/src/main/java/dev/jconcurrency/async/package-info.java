/**
 * The seed's asyncio section in Java: {@link java.util.concurrent.CompletableFuture}s on timers and event
 * loops, virtual threads, cooperative scheduling, a million concurrent waits, back-pressure and pinning.
 *
 * <p>Work through the lessons in order, from {@link dev.jconcurrency.async.Async_01_SeedSection};
 * {@link dev.jconcurrency.async.Main} lists them and runs one by number.
 */
package dev.jconcurrency.async;
