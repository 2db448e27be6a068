package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_05_LoopbackAtScale.Config;
import dev.jconcurrency.async.Async_05_LoopbackAtScale.Result;
import dev.jconcurrency.async.Async_05_LoopbackAtScale.Round;
import dev.jconcurrency.async.Async_05_LoopbackAtScale.Style;
import dev.jconcurrency.core.net.FileDescriptorLimit.Check;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of real loopback requests, three client styles: every response arrives, the server held them at
 * once, a Semaphore cap holds exactly, and nothing the lesson started outlives it.
 */
@Isolated
class Async_05_LoopbackAtScaleTest {

    /**
     * Long against the time it takes to send 200 requests, even from a cold JVM, so that every request reaches
     * the server before the first is answered.
     */
    private static final Duration DELAY = Delays.SMALL;

    private final TrackingThreadFactory threads = TrackingThreadFactory.virtual();
    private final Captured out = new Captured();

    @AfterEach
    void everyThreadTheLessonStartedEnded() throws InterruptedException {
        threads.assertAllTerminated();
        // HttpClient's selector is a platform thread of its own; close() returns once it has ended.
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
            .noneMatch(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"));
    }

    private Result run(Config config) throws Exception {
        return Async_05_LoopbackAtScale.run(config, threads, Report.to(out.stream));
    }

    /** The bodies the server gives its requests number {@code from} to {@code to}. */
    private static List<String> bodies(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "request " + n + " delayed " + DELAY.toMillis() + " ms")
            .toList();
    }

    /**
     * 200 requests can give at most 200× over sequential; we assert a fifth of that (TESTING.md's wide margin:
     * 1,000 virtual-thread sleeps, at most 1,000×, are asserted at 100×).
     */
    @Test
    @Tag("timing")
    void twoHundredSocketRequestsOnVirtualThreadsAreAllInFlightAtOnceAndBeatTheSequentialIdealFortyfold()
        throws Exception {
        Result result = run(new Config(200, DELAY, List.of(Style.SOCKETS), 0, 0));

        Round round = result.rounds().get(0);
        assertThat(result.rounds()).hasSize(1);
        assertThat(round.bodies()).containsExactlyInAnyOrderElementsOf(bodies(1, 200));
        assertThat(round.maxInFlight()).as("requests the server held at once").isEqualTo(200);
        assertThat(round.wall()).isGreaterThanOrEqualTo(DELAY);
        assertThat(round.speedup()).as("over 200 requests in a row (wall %s)", round.wall())
            .isGreaterThanOrEqualTo(40);
        assertThat(threads.count()).as("a virtual thread per request and per server connection")
            .isGreaterThanOrEqualTo(2 * 200);
    }

    /**
     * The HTTP client holds every request in flight on new connections, then again on the connections it kept
     * alive; the server numbers the second round's requests on from the first's.
     */
    @Test
    @Tag("timing")
    void httpClientSendOnVirtualThreadsHoldsEveryRequestInFlightOnNewAndReusedConnections() throws Exception {
        Result result = run(new Config(200, DELAY, List.of(Style.HTTP_SEND), 0, 0));

        assertThat(result.rounds()).extracting(Round::reusedConnections).containsExactly(false, true);
        Round fresh = result.rounds().get(0);
        Round reused = result.rounds().get(1);
        assertThat(fresh.bodies()).containsExactlyInAnyOrderElementsOf(bodies(1, 200));
        assertThat(reused.bodies()).containsExactlyInAnyOrderElementsOf(bodies(201, 400));
        assertThat(fresh.maxInFlight()).isEqualTo(200);
        assertThat(reused.maxInFlight()).isEqualTo(200);
        assertThat(fresh.selectorCpuNanos()).as("the selector thread was found and measured").isNotNegative();
        assertThat(fresh.completedOn()).as("a blocking send reads its own response").isEmpty();
    }

    /**
     * sendAsync's futures are completed by CompletableFuture's default executor (the common pool where it has
     * more than one worker), not by the client's executor, which here makes only tracked virtual threads.
     */
    @Test
    @Tag("timing")
    void sendAsyncHoldsEveryRequestInFlightAndItsFuturesAreCompletedOffTheClientsExecutor() throws Exception {
        Result result = run(new Config(200, DELAY, List.of(Style.HTTP_SEND_ASYNC), 0, 0));

        Round fresh = result.rounds().get(0);
        Round reused = result.rounds().get(1);
        assertThat(fresh.bodies()).containsExactlyInAnyOrderElementsOf(bodies(1, 200));
        assertThat(reused.bodies()).containsExactlyInAnyOrderElementsOf(bodies(201, 400));
        assertThat(fresh.maxInFlight()).isEqualTo(200);
        assertThat(reused.maxInFlight()).isEqualTo(200);
        CompletableFuture<String> defaultThread = new CompletableFuture<>();
        new CompletableFuture<Void>().defaultExecutor().execute(() ->
            defaultThread.complete(Async_05_LoopbackAtScale.threadGroupName(Thread.currentThread())));
        Set<String> expected = Set.of(defaultThread.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(fresh.completedOn()).isEqualTo(expected);
        assertThat(reused.completedOn()).isEqualTo(expected).doesNotContain("tracked-virtual-");
    }

    /** 60 requests, 30 permits: never more than 30 at the server, exactly 30 at some moment, two delays at least. */
    @ParameterizedTest
    @EnumSource(Style.class)
    @Tag("timing")
    void aSemaphoreCapHoldsTheRequestsInFlightAtExactlyItsPermits(Style style) throws Exception {
        Result result = run(new Config(60, DELAY, List.of(style), 0, 30));

        assertThat(result.fits()).isTrue();
        assertThat(result.concurrency()).isEqualTo(30);
        assertThat(result.rounds()).isNotEmpty().allSatisfy(round -> {
            assertThat(round.bodies()).hasSize(60).doesNotHaveDuplicates()
                .allMatch(body -> body.matches("request \\d+ delayed " + DELAY.toMillis() + " ms"));
            assertThat(round.maxInFlight()).as("%s, reused %s", style, round.reusedConnections()).isEqualTo(30);
            assertThat(round.wall()).as("60 requests, 30 at a time").isGreaterThanOrEqualTo(DELAY.multipliedBy(2));
        });
    }

    /** A limit that fits only 40 requests (plus the headroom) caps 100 planned ones at 40, and the lesson says so. */
    @Test
    @Tag("timing")
    void aPlannedCountTheDescriptorLimitCannotHoldIsCappedAtTheRoomLeft() throws Exception {
        IntFunction<Check> fortyFit = n -> new Check(n <= 40 + Async_05_LoopbackAtScale.HEADROOM,
            "a verdict on " + n);

        Result result = Async_05_LoopbackAtScale.run(new Config(100, DELAY, List.of(Style.SOCKETS), 0, 0), threads,
            Report.to(out.stream), fortyFit);

        assertThat(result.planned()).isEqualTo(100);
        assertThat(result.fits()).isFalse();
        assertThat(result.room()).isEqualTo(40);
        assertThat(result.concurrency()).isEqualTo(40);
        Round round = result.rounds().get(0);
        assertThat(round.bodies()).containsExactlyInAnyOrderElementsOf(bodies(1, 100));
        assertThat(round.maxInFlight()).isEqualTo(40);
        assertThat(out.lines()).contains("a verdict on 100.",
            "So a Semaphore caps the requests in flight at 40; all 100 requests still run, 40 at a time.");
    }

    @Test
    void theRoomIsTheLargestCountThatFitsWithTheHeadroomToSpare() {
        int headroom = Async_05_LoopbackAtScale.HEADROOM;
        assertThat(Async_05_LoopbackAtScale.room(n -> new Check(n <= 20_000, "")))
            .isEqualTo(20_000 - headroom);
        assertThat(Async_05_LoopbackAtScale.room(n -> new Check(n <= headroom + 1, ""))).isEqualTo(1);
        assertThat(Async_05_LoopbackAtScale.room(n -> new Check(false, ""))).isZero();
        assertThat(Async_05_LoopbackAtScale.room(n -> new Check(true, ""))).as("no limit found").isEqualTo(-1);
    }

    @Test
    void theLimitLineNamesTheLimitAndTheRoomItLeaves() {
        assertThat(Async_05_LoopbackAtScale.limitLine(20_000, 9_965)).isEqualTo("This JVM may hold 20,000 open "
            + "files (ulimit -n, as the JVM raised it): room for 9,965 requests in flight at once, 32 requests' "
            + "worth kept spare.");
        assertThat(Async_05_LoopbackAtScale.limitLine(-1, -1)).isEqualTo("This JVM may hold an unknown number of "
            + "open files (ulimit -n, as the JVM raised it): no limit was found on the requests in flight at once.");
    }

    @Test
    void whenNotEvenOneRequestFitsTheLessonRefusesToStart() {
        assertThatThrownBy(() -> Async_05_LoopbackAtScale.run(new Config(10, DELAY, List.of(Style.SOCKETS), 0, 0),
            threads, Report.to(out.stream), n -> new Check(false, "no room")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("not even one request fits under the open-file limit: no room");
    }

    /**
     * The reading's verdicts follow the figures: reused connections that were slower are "no faster", and a
     * selector thread on a CPU most of the round is called the bottleneck.
     */
    @Test
    void theReadingDrawsItsConclusionsFromTheFigures() {
        Duration delay = Duration.ofMillis(100);
        Round sockets = new Round(Style.SOCKETS, false, 1_000, 1_000, delay, 1_000, Duration.ofMillis(200),
            200_000_000L, 0, 0, -1, List.of(), Set.of());
        Round fresh = new Round(Style.HTTP_SEND, false, 1_000, 1_000, delay, 1_000, Duration.ofMillis(500),
            600_000_000L, 10, 20, 450_000_000L, List.of(), Set.of());
        Round reused = new Round(Style.HTTP_SEND, true, 1_000, 1_000, delay, 1_000, Duration.ofMillis(600),
            500_000_000L, 10, 20, 300_000_000L, List.of(), Set.of());
        Result result = new Result(new Config(1_000, delay, List.of(Style.SOCKETS, Style.HTTP_SEND), 0, 0), 20_000,
            9_965, 1_000, true, "fits", 1_000, List.of(sockets, fresh, reused));

        List<String> lines = Async_05_LoopbackAtScale.reading(result);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("1,000 of 1,000 requests in flight at once").doesNotContain("longer --delay");
        assertThat(lines.get(1)).contains("600 us of CPU per request against 200 us for bare sockets")
            .contains("On reused connections: 0.60 sec, not 10% faster")
            .contains("on a CPU 90% of the round: it is the bottleneck.");
    }

    @Test
    void theLessonPrintsOneRowPerRoundThroughTheLauncher() throws Exception {
        Captured err = new Captured();
        int code = Main.run(new String[] {"--lesson", "5", "--requests", "20", "--delay", Delays.SHORT.toMillis() + "ms",
            "--warmups", "0"}, out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        List<String> lines = out.lines();
        assertThat(lines.get(0)).isEqualTo("=== REAL I/O AT SCALE: LOOPBACK REQUESTS ===");
        for (Style style : Style.values()) {
            assertThat(lines).filteredOn(line -> line.startsWith(style.label() + "  "))
                .as("table rows of %s", style).hasSize(style == Style.SOCKETS ? 1 : 2);
        }
    }

    @Test
    void badConfigValuesAreRejectedNamingTheValue() {
        List<Style> all = List.of(Style.values());
        assertThatThrownBy(() -> new Config(0, DELAY, all, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("requests must be positive: 0");
        assertThatThrownBy(() -> new Config(1, Duration.ofMillis(-1), all, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("delay must be from 0 to 60000 ms: PT-0.001S");
        assertThatThrownBy(() -> new Config(1, DELAY, List.of(), 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("styles must not be empty: []");
        assertThatThrownBy(() -> new Config(1, DELAY, all, -1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("warmups must not be negative: -1");
        assertThatThrownBy(() -> new Config(1, DELAY, all, 0, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("cap must not be negative: -1");
        assertThatThrownBy(() -> new Config(1, null, all, 0, 0))
            .isInstanceOf(NullPointerException.class).hasMessage("delay");
    }
}
