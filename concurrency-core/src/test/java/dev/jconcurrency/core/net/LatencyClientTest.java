package dev.jconcurrency.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.jconcurrency.core.testing.Delays;

/** How the minimal client reads answers, bounds its waits, reacts to interrupts and closes. */
class LatencyClientTest {

    @Test
    void theBodyComesBackWithoutItsLineEnd() throws Exception {
        try (CannedServer server = CannedServer.replying("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhello\r\n");
             LatencyClient client = LatencyClient.connect(server.port())) {
            assertThat(client.get(Duration.ZERO)).isEqualTo("hello");
        }
    }

    @Test
    void anAnswerOtherThan200BecomesAnIOExceptionWithTheStatusAndReasonAndClosesTheClient() throws Exception {
        try (CannedServer server = CannedServer.replying(
                 "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nbusy\n");
             LatencyClient client = LatencyClient.connect(server.port())) {
            assertThatThrownBy(() -> client.get(Duration.ZERO))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("HTTP 503 from 127.0.0.1:" + server.port() + ": busy");
            assertThatThrownBy(() -> client.get(Duration.ZERO))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("the connection to 127.0.0.1:" + server.port() + " is closed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello\r\n\r\n|not an HTTP/1.x status line: hello",
        "HTTP/1.1 200 OK\r\n\r\n|response without Content-Length: HTTP/1.1 200 OK",
        "HTTP/1.1 200 OK\r\nContent-Length: 9000\r\n\r\n|Content-Length must be from 0 to 8192: 9000",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n|Content-Length must be from 0 to 8192: -1"})
    void aMalformedAnswerIsAProtocolException(String replyAndMessage) throws Exception {
        String[] parts = replyAndMessage.split("\\|");
        try (CannedServer server = CannedServer.replying(parts[0]);
             LatencyClient client = LatencyClient.connect(server.port())) {
            assertThatThrownBy(() -> client.get(Duration.ZERO))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage(parts[1]);
        }
    }

    @Test
    void aGetWaitsNoLongerThanTheDelayPlusTheTimeout() throws Exception {
        Duration delay = Duration.ofMillis(1);
        try (CannedServer server = CannedServer.silent();
             LatencyClient client = LatencyClient.connect(server.port(), Delays.SHORT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get(delay))
                .isExactlyInstanceOf(SocketTimeoutException.class)
                .hasMessage(String.format(Locale.ROOT, "no full response from 127.0.0.1:%d within %,d ms (the delay"
                    + " plus the timeout of %,d ms)", server.port(), Delays.SHORT.toMillis() + 1,
                    Delays.SHORT.toMillis()));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Delays.SHORT.plus(delay))
                .isLessThan(Delays.LONG);
        }
    }

    /**
     * An interrupt ends a wait for a slow answer promptly, as InterruptedException with the flag cleared, on a
     * virtual thread (whose socket read the interrupt itself ends) and on a platform thread (whose read the
     * client cuts into short slices to look at the flag).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anInterruptEndsAWaitForAnAnswerWithInterruptedException(boolean virtual) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean(true);
        AtomicBoolean clientClosed = new AtomicBoolean();
        try (LatencyServer server = LatencyServer.start()) {
            Runnable waitForever = () -> {
                try (LatencyClient client = LatencyClient.connect(server.port())) {
                    try {
                        client.get(Duration.ofMillis(LatencyServer.MAX_DELAY_MILLIS));
                    } catch (Exception e) {
                        thrown.set(e);
                        flagAfter.set(Thread.currentThread().isInterrupted());
                        clientClosed.set(client.toString().endsWith(", closed]"));
                    }
                } catch (Exception e) {
                    thrown.set(e);
                }
            };
            Thread waiter = virtual ? Thread.ofVirtual().start(waitForever)
                : Thread.ofPlatform().daemon().start(waitForever);
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).until(() -> server.inFlight() == 1);

            long interruptedAt = System.nanoTime();
            waiter.interrupt();
            waiter.join(Delays.LONG);

            assertThat(waiter.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Delays.MEDIUM.multipliedBy(2));
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class)
                .hasMessage("interrupted while waiting for GET /delay/60000");
            assertThat(flagAfter.get()).as("interrupt flag after InterruptedException").isFalse();
            assertThat(clientClosed.get()).as("client closed").isTrue();
        }
    }

    @Test
    void aThreadInterruptedBeforeConnectingGetsInterruptedExceptionAtOnce() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> LatencyClient.connect(server.port()))
                .isExactlyInstanceOf(InterruptedException.class)
                .hasMessage("interrupted before connecting to 127.0.0.1:" + server.port());
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(server.openConnections()).isZero();
        }
    }

    @Test
    void aThreadInterruptedBeforeAGetGetsInterruptedExceptionAtOnceAndAClosedClient() throws Exception {
        try (LatencyServer server = LatencyServer.start();
             LatencyClient client = LatencyClient.connect(server.port())) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> client.get(Duration.ZERO))
                .isExactlyInstanceOf(InterruptedException.class)
                .hasMessage("interrupted before sending GET /delay/0");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(client.toString()).isEqualTo("LatencyClient[127.0.0.1:" + server.port() + ", closed]");
            assertThat(server.served()).isZero();
        }
    }

    @Test
    void aGetAfterCloseFailsAndASecondCloseIsHarmless() throws Exception {
        try (LatencyServer server = LatencyServer.start()) {
            LatencyClient client = LatencyClient.connect(server.port());
            assertThat(client.toString()).isEqualTo("LatencyClient[127.0.0.1:" + server.port() + "]");
            client.close();
            client.close();
            assertThatThrownBy(() -> client.get(Duration.ZERO))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("the connection to 127.0.0.1:" + server.port() + " is closed");
        }
    }

    /**
     * {@code fetch} lets the server close first, so the connection's TIME_WAIT entry sits on the server's port,
     * not on a client port; a client that closes first keeps it on its own side. Read from the kernel's own
     * table ({@code /proc/net/tcp*}, Linux only).
     */
    @Test
    void fetchLeavesTheTimeWaitOnTheServersSideAndAClientClosingFirstOnItsOwn() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux /proc/net/tcp");
        try (LatencyServer server = LatencyServer.start()) {
            int port = server.port();
            // Entries that were there before (an earlier server may have had this port) only ever leave.
            Set<String> serverSideBefore = timeWaits(port, true);
            Set<String> clientSideBefore = timeWaits(port, false);

            assertThat(LatencyClient.fetch(port, Duration.ZERO)).isEqualTo("request 1 delayed 0 ms");
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
                .until(() -> added(timeWaits(port, true), serverSideBefore).size() == 1);
            assertThat(added(timeWaits(port, false), clientSideBefore)).isEmpty();

            try (LatencyClient client = LatencyClient.connect(port)) {
                assertThat(client.get(Duration.ZERO)).isEqualTo("request 2 delayed 0 ms");
            }
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
                .until(() -> added(timeWaits(port, false), clientSideBefore).size() == 1);
            assertThat(added(timeWaits(port, true), serverSideBefore)).hasSize(1);
        }
    }

    private static Set<String> added(Set<String> now, Set<String> before) {
        Set<String> added = new HashSet<>(now);
        added.removeAll(before);
        return added;
    }

    /**
     * TIME_WAIT entries ("local remote", in the kernel's hex) whose local port (the server's side of a
     * connection) or remote port (the client's side) is {@code port}.
     */
    private static Set<String> timeWaits(int port, boolean localPort) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        int column = localPort ? 1 : 2;
        Set<String> entries = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(path)) {
                lines.skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields[3].equals("06") && fields[column].endsWith(hexPort))
                    .forEach(fields -> entries.add(fields[1] + " " + fields[2]));
            }
        }
        return entries;
    }
}
