package dev.jconcurrency.core.net;

import static dev.jconcurrency.core.net.RawConnection.badRequest;
import static dev.jconcurrency.core.net.RawConnection.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;
import dev.jconcurrency.core.testing.Waits;

/** What the loopback latency server answers, how many requests it holds at once, and how it stops. */
class LatencyServerTest {

    /** A delay no test waits out: close() or a held pause ends such requests. */
    private static final Duration FOREVER = Duration.ofMillis(LatencyServer.MAX_DELAY_MILLIS);

    @Test
    void eachResponseNamesItsRequestsSequenceNumberAndDelay() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            assertThat(LatencyClient.fetch(server.port(), Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
            assertThat(LatencyClient.fetch(server.port(), Duration.ofMillis(3))).isEqualTo("request 2 delayed 3 ms");
            assertThat(server.served()).isEqualTo(2);
            assertThat(server.inFlight()).isZero();
            assertThat(server.maxInFlight()).isEqualTo(1);
        }
    }

    @Test
    void theResponseOnTheWireIsExactlyAPlainTextOneLiner() throws Exception {
        try (LatencyServer server = LatencyServer.start();
             RawConnection connection = RawConnection.open(server.port())) {
            connection.send("GET /delay/0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            String expected = ok("request 1 delayed 0 ms\n", false);
            assertThat(connection.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void theDelayIsHonoured() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            long start = System.nanoTime();
            String body = LatencyClient.fetch(server.port(), Delays.SHORT);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(body).isEqualTo("request 1 delayed " + Delays.SHORT.toMillis() + " ms");
            assertThat(elapsed).isGreaterThanOrEqualTo(Delays.SHORT).isLessThan(Delays.LONG);
        }
    }

    @Test
    void aKeptAliveConnectionCarriesRequestAfterRequest() throws Exception {
        try (LatencyServer server = LatencyServer.start();
             LatencyClient client = LatencyClient.connect(server.port())) {
            assertThat(client.get(Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
            assertThat(client.get(Duration.ofMillis(1))).isEqualTo("request 2 delayed 1 ms");
            for (int n = 3; n <= 100; n++) {
                assertThat(client.get(Duration.ZERO)).isEqualTo("request " + n + " delayed 0 ms");
            }
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (LatencyServer server = LatencyServer.start();
             RawConnection connection = RawConnection.open(server.port())) {
            connection.send("GET /delay/2 HTTP/1.1\r\n\r\nGET /delay/0 HTTP/1.1\nConnection: close\n\n");
            assertThat(connection.readToEnd())
                .isEqualTo(ok("request 1 delayed 2 ms\n", false) + ok("request 2 delayed 0 ms\n", true));
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            assertThat(RawConnection.exchange(server.port(), "GET /delay/0 HTTP/1.1\r\nconnection: Close\r\n\r\n"))
                .isEqualTo(ok("request 1 delayed 0 ms\n", true));
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void http10ClosesTheConnectionUnlessAskedToKeepItAlive() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            assertThat(RawConnection.exchange(server.port(), "GET /delay/0 HTTP/1.0\r\n\r\n"))
                .isEqualTo(ok("request 1 delayed 0 ms\n", true));
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send("GET /delay/0 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                String expected = ok("request 2 delayed 0 ms\n", false);
                assertThat(connection.read(expected.length())).isEqualTo(expected);
            }
        }
    }

    static Stream<Arguments> badRequests() {
        String path = "bad request: path must be /delay/<millis> with millis from 0 to 60000 and no query: ";
        return Stream.of(
            Arguments.of("POST /delay/5 HTTP/1.1\r\n\r\n", "bad request: method must be GET: POST\n"),
            Arguments.of("GET /delay/abc HTTP/1.1\r\n\r\n", path + "/delay/abc\n"),
            Arguments.of("GET /delay/-5 HTTP/1.1\r\n\r\n", path + "/delay/-5\n"),
            Arguments.of("GET /delay/60001 HTTP/1.1\r\n\r\n", path + "/delay/60001\n"),
            Arguments.of("GET /delay/9999999999 HTTP/1.1\r\n\r\n", path + "/delay/9999999999\n"),
            Arguments.of("GET /delay/ HTTP/1.1\r\n\r\n", path + "/delay/\n"),
            Arguments.of("GET /?delay=100ms HTTP/1.1\r\n\r\n", path + "/?delay=100ms\n"),
            Arguments.of("GET /delay/100?x=1 HTTP/1.1\r\n\r\n", path + "/delay/100?x=1\n"),
            Arguments.of("GET /delay/\u0001 HTTP/1.1\r\n\r\n", path + "/delay/?\n"),
            Arguments.of("GET /delay/5 HTTP/2.0\r\n\r\n",
                "bad request: version must be HTTP/1.1 or HTTP/1.0: HTTP/2.0\n"),
            Arguments.of("GET /delay/5\r\n\r\n",
                "bad request: request line must be 'GET /delay/<millis> HTTP/1.1': GET /delay/5\n"),
            Arguments.of("\r\n\r\n", "bad request: empty request line; expected 'GET /delay/<millis> HTTP/1.1'\n"),
            Arguments.of("GET /delay/5 HTTP/1.1\r\nno colon here\r\n\r\n",
                "bad request: header line without a colon: no colon here\n"),
            Arguments.of("GET /delay/5 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
                "bad request: a GET must not have a body: Content-Length: 5\n"),
            Arguments.of("GET /delay/5 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "bad request: a GET must not have a body: Transfer-Encoding: chunked\n"),
            Arguments.of("GET /delay/5 HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n",
                "bad request: head longer than 8192 bytes\n"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void aBadRequestGets400WithAOneLineReasonAndTheConnectionClosed(String request, String reason) throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            assertThat(RawConnection.exchange(server.port(), request)).isEqualTo(badRequest(reason));
            assertThat(server.rejected()).isEqualTo(1);
            assertThat(server.served()).isZero();
            assertThat(server.maxInFlight()).isZero();
        }
    }

    /**
     * A thousand requests from a thousand virtual threads are all held by the server at the same moment: the
     * server's pause only ends once every request has arrived, so the mark cannot be reached by luck or missed
     * by slowness.
     */
    @Test
    void aThousandConcurrentRequestsAreAllInFlightAtOnce() throws Exception {
        int requests = 1_000;
        FileDescriptorLimit.Check check = FileDescriptorLimit.check(requests);
        assumeTrue(check.fits(), check.explanation());
        CountDownLatch arrived = new CountDownLatch(requests);
        CountDownLatch release = new CountDownLatch(1);
        TrackingThreadFactory serverThreads = TrackingThreadFactory.virtual();
        TrackingThreadFactory clientThreads = TrackingThreadFactory.virtual();
        List<Future<String>> replies = new ArrayList<>(requests);
        LatencyServer.Pause heldUntilReleased = millis -> {
            arrived.countDown();
            release.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        };
        try (LatencyServer server = LatencyServer.start(0, serverThreads, heldUntilReleased)) {
            try (ExecutorService clients = Executors.newThreadPerTaskExecutor(clientThreads)) {
                try {
                    for (int i = 0; i < requests; i++) {
                        replies.add(clients.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(7))));
                    }
                    Waits.await(arrived);
                    assertThat(server.inFlight()).isEqualTo(requests);
                    assertThat(server.maxInFlight()).isEqualTo(requests);
                } finally {
                    release.countDown();
                }
            }
            List<String> bodies = replies.stream().map(Future::resultNow).toList();
            assertThat(bodies).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, requests).mapToObj(n -> "request " + n + " delayed 7 ms").toList());
            assertThat(server.served()).isEqualTo(requests);
            assertThat(server.inFlight()).isZero();
            assertThat(server.maxInFlight()).isEqualTo(requests);
        }
        serverThreads.assertAllTerminated();
        clientThreads.assertAllTerminated();
    }

    @Test
    void resettingTheHighWaterMarkStartsItAgainFromTheRequestsInFlightNow() throws Exception {
        CountDownLatch arrived = new CountDownLatch(3);
        CountDownLatch releaseTwo = new CountDownLatch(1);
        CountDownLatch releaseLast = new CountDownLatch(1);
        LatencyServer.Pause pause = millis -> {
            arrived.countDown();
            (millis == 1 ? releaseTwo : releaseLast).await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        };
        try (LatencyServer server = LatencyServer.start(0, Thread.ofVirtual().factory(), pause);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                Future<String> first = clients.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(1)));
                Future<String> second = clients.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(1)));
                Future<String> last = clients.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(2)));
                Waits.await(arrived);
                releaseTwo.countDown();
                first.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
                second.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);

                assertThat(server.inFlight()).isEqualTo(1);
                assertThat(server.resetMaxInFlight()).isEqualTo(3);
                assertThat(server.maxInFlight()).isEqualTo(1);

                releaseLast.countDown();
                last.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(server.resetMaxInFlight()).isEqualTo(1);
                assertThat(server.maxInFlight()).isZero();
            } finally {
                releaseTwo.countDown();
                releaseLast.countDown();
            }
        }
    }

    @Test
    void closeEndsEveryConnectionAndEveryThreadTheServerStarted() throws Exception {
        TrackingThreadFactory serverThreads = TrackingThreadFactory.virtual();
        LatencyServer server = LatencyServer.start(0, serverThreads);
        int port = server.port();
        try (LatencyClient idle = LatencyClient.connect(port);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(idle.get(Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
            Future<String> waiting = clients.submit(() -> LatencyClient.fetch(port, FOREVER));
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).until(() -> server.inFlight() == 1);

            server.close();

            serverThreads.assertAllTerminated();
            assertThat(server.openConnections()).isZero();
            assertThatThrownBy(() -> waiting.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EOFException.class)
                .hasMessage("127.0.0.1:" + port + " closed the connection without answering");
            assertThatThrownBy(() -> idle.get(Duration.ZERO)).isInstanceOf(IOException.class);
        }
        assertThat(server.served()).isEqualTo(1);
        assertThat(server.inFlight()).isZero();
    }

    @Test
    void aConnectionAfterCloseIsRefusedAndASecondCloseIsHarmless() throws Exception {
        LatencyServer server = LatencyServer.start();
        int port = server.port();
        server.close();
        assertThatThrownBy(() -> LatencyClient.connect(port)).isInstanceOf(ConnectException.class);
        server.close();
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.toString()).isEqualTo(
            "LatencyServer[127.0.0.1:" + port + ", inFlight=0, maxInFlight=0, served=0, closed]");
    }

    @Test
    void closeCalledWithTheInterruptFlagSetStillClosesEverythingAndKeepsTheFlag() throws Exception {
        TrackingThreadFactory serverThreads = TrackingThreadFactory.virtual();
        LatencyServer server = LatencyServer.start(0, serverThreads);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> waiting = clients.submit(() -> LatencyClient.fetch(server.port(), FOREVER));
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).until(() -> server.inFlight() == 1);

            Thread.currentThread().interrupt();
            server.close();
            assertThat(Thread.interrupted()).as("interrupt flag kept for the caller").isTrue();

            serverThreads.assertAllTerminated();
            assertThatThrownBy(() -> waiting.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
                .cause().isInstanceOf(EOFException.class);
        }
    }

    /** close() is bounded: a handler that will not stop (here, a delay that ignores interrupts) is left behind. */
    @Test
    @Tag("slow")
    void closeStopsWaitingForAHandlerThatIgnoresInterruptsAfterItsBound() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LatencyServer.Pause deaf = millis -> {
            arrived.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (release.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // deliberately deaf: this is the misbehaving handler under test
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        TrackingThreadFactory serverThreads = TrackingThreadFactory.virtual();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            LatencyServer server = LatencyServer.start(0, serverThreads, deaf);
            try {
                Future<String> waiting = clients.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(1)));
                Waits.await(arrived);
                long start = System.nanoTime();
                server.close();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(LatencyServer.CLOSE_WAIT_MILLIS))
                    .isLessThan(Duration.ofMillis(LatencyServer.CLOSE_WAIT_MILLIS).plus(Delays.LONG));
                assertThat(serverThreads.threads()).filteredOn(Thread::isAlive).hasSize(1);
                assertThatThrownBy(() -> waiting.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
                    .cause().isInstanceOf(IOException.class);
            } finally {
                release.countDown();
            }
        }
        serverThreads.assertAllTerminated();
    }

    @Test
    void platformThreadsServeAndStopAsWell() throws Exception {
        TrackingThreadFactory serverThreads = TrackingThreadFactory.platform("latency-test");
        try (LatencyServer server = LatencyServer.start(0, serverThreads);
             LatencyClient idle = LatencyClient.connect(server.port())) {
            assertThat(idle.get(Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
        }
        serverThreads.assertAllTerminated();
    }

    @Test
    void aThreadFactoryThatRefusesAHandlerCostsThatConnectionNotTheServer() throws Exception {
        AtomicBoolean refuse = new AtomicBoolean();
        ThreadFactory virtual = Thread.ofVirtual().factory();
        ThreadFactory sometimesNull = task -> refuse.get() ? null : virtual.newThread(task);
        try (LatencyServer server = LatencyServer.start(0, sometimesNull)) {
            refuse.set(true);
            assertThatThrownBy(() -> LatencyClient.fetch(server.port(), Duration.ZERO))
                .isInstanceOf(IOException.class);
            refuse.set(false);
            assertThat(LatencyClient.fetch(server.port(), Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
        }
    }

    @Test
    void aThreadFactoryThatReturnsNullForAnAcceptLoopFailsTheStart() {
        assertThatThrownBy(() -> LatencyServer.start(0, task -> null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("threadFactory returned null for an accept loop's thread");
    }

    @Test
    void aServerStartsOnTheFreePortItIsGiven() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (LatencyServer server = LatencyServer.start(port)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(LatencyClient.fetch(port, Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
        }
    }

    @Test
    void aSecondServerOnABusyPortFailsToStart() throws Exception {
        try (LatencyServer first = LatencyServer.start()) {
            assertThatThrownBy(() -> LatencyServer.start(first.port())).isInstanceOf(BindException.class);
            assertThat(LatencyClient.fetch(first.port(), Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
        }
    }

    @Test
    void theUriNamesTheDelayPathOnTheLoopbackAddress() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            assertThat(server.uri(Duration.ofMillis(100)))
                .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/delay/100"));
            assertThat(server.uri(Duration.ofNanos(2_999_999)))
                .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/delay/2"));
        }
    }
}
