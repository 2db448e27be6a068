package dev.jconcurrency.core.net;

import static dev.jconcurrency.core.testing.ArgumentRow.member;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;

/**
 * Bad input to the loopback server, its client and the descriptor check is refused at once, naming the
 * parameter and the value (TESTING.md R7). Rows that need a server or a client open and close them inside
 * their call, so that building the rows starts nothing.
 */
class NetArgumentsTest implements ArgumentRows {

    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();
    private static final Duration MINUS_ONE_MILLI = Duration.ofMillis(-1);
    private static final Duration TOO_LONG_DELAY = Duration.ofMillis(LatencyServer.MAX_DELAY_MILLIS + 1);
    private static final String PORT_0_TO_65535 = "port must be from 0 to 65535: ";
    private static final String PORT_1_TO_65535 = "port must be from 1 to 65535: ";
    private static final String TIMEOUT = "timeout must be positive and at most 2147483647 ms: ";

    @Override
    public List<ArgumentRow> argumentRows() {
        ArgumentRow.Member start = member(LatencyServer.class, "start(int)");
        ArgumentRow.Member startWithFactory = member(LatencyServer.class, "start(int, ThreadFactory)");
        ArgumentRow.Member uri = member(LatencyServer.class, "uri(Duration)");
        ArgumentRow.Member connect = member(LatencyClient.class, "connect(int)");
        ArgumentRow.Member connectWithTimeout = member(LatencyClient.class, "connect(int, Duration)");
        ArgumentRow.Member get = member(LatencyClient.class, "get(Duration)");
        ArgumentRow.Member fetch = member(LatencyClient.class, "fetch(int, Duration)");
        ArgumentRow.Member check = member(FileDescriptorLimit.class, "check(int)");
        ArgumentRow.Member verdict = member(FileDescriptorLimit.Check.class, "Check(boolean, String)");
        return List.of(
            start.rejects(0, "port", PORT_0_TO_65535 + "-1", () -> LatencyServer.start(-1)),
            start.rejects(0, "port", PORT_0_TO_65535 + "65536", () -> LatencyServer.start(65_536)),
            startWithFactory.rejects(0, "port", PORT_0_TO_65535 + "-1", () -> LatencyServer.start(-1, VIRTUAL)),
            startWithFactory.rejects(0, "port", PORT_0_TO_65535 + "70000", () -> LatencyServer.start(70_000, VIRTUAL)),
            startWithFactory.rejectsNull(1, "threadFactory", () -> LatencyServer.start(0, null)),
            uri.rejectsNull(0, "delay", onServer(server -> server.uri(null))),
            uri.rejects(0, "delay", "delay must not be negative: PT-0.001S",
                onServer(server -> server.uri(MINUS_ONE_MILLI))),
            uri.rejects(0, "delay", "delay must be at most 60000 ms: PT1M0.001S",
                onServer(server -> server.uri(TOO_LONG_DELAY))),
            connect.rejects(0, "port", PORT_1_TO_65535 + "0", () -> LatencyClient.connect(0)),
            connect.rejects(0, "port", PORT_1_TO_65535 + "65536", () -> LatencyClient.connect(65_536)),
            connectWithTimeout.rejects(0, "port", PORT_1_TO_65535 + "-5",
                () -> LatencyClient.connect(-5, Duration.ofSeconds(1))),
            connectWithTimeout.rejectsNull(1, "timeout", () -> LatencyClient.connect(1, null)),
            connectWithTimeout.rejects(1, "timeout", TIMEOUT + "PT0S", () -> LatencyClient.connect(1, Duration.ZERO)),
            connectWithTimeout.rejects(1, "timeout", TIMEOUT + "PT-1S",
                () -> LatencyClient.connect(1, Duration.ofSeconds(-1))),
            connectWithTimeout.rejects(1, "timeout", TIMEOUT + "PT596H31M23.648S",
                () -> LatencyClient.connect(1, Duration.ofMillis(Integer.MAX_VALUE + 1L))),
            get.rejectsNull(0, "delay", onClient(client -> client.get(null))),
            get.rejects(0, "delay", "delay must not be negative: PT-0.000000001S",
                onClient(client -> client.get(Duration.ofNanos(-1)))),
            get.rejects(0, "delay", "delay must be at most 60000 ms: PT1M0.001S",
                onClient(client -> client.get(TOO_LONG_DELAY))),
            fetch.rejects(0, "port", PORT_1_TO_65535 + "0", () -> LatencyClient.fetch(0, Duration.ZERO)),
            fetch.rejectsNull(1, "delay", () -> LatencyClient.fetch(1, null)),
            fetch.rejects(1, "delay", "delay must not be negative: PT-0.001S",
                () -> LatencyClient.fetch(1, MINUS_ONE_MILLI)),
            fetch.rejects(1, "delay", "delay must be at most 60000 ms: PT1M0.001S",
                () -> LatencyClient.fetch(1, TOO_LONG_DELAY)),
            check.rejects(0, "concurrentRequests", "concurrentRequests must not be negative: -1",
                () -> FileDescriptorLimit.check(-1)),
            verdict.acceptsAnyValue(0, "fits", () -> new FileDescriptorLimit.Check(false, "")),
            verdict.rejectsNull(1, "explanation", () -> new FileDescriptorLimit.Check(true, null)));
    }

    /** A call made on a server of its own, started and closed around it. */
    private static ThrowingCallable onServer(ServerCall call) {
        return () -> {
            try (LatencyServer server = LatencyServer.start()) {
                call.on(server);
            }
        };
    }

    /** A call made on a client of its own, connected to a server of its own; both closed after it. */
    private static ThrowingCallable onClient(ClientCall call) {
        return onServer(server -> {
            try (LatencyClient client = LatencyClient.connect(server.port())) {
                call.on(client);
            }
        });
    }

    @FunctionalInterface
    private interface ServerCall {
        void on(LatencyServer server) throws Exception;
    }

    @FunctionalInterface
    private interface ClientCall {
        void on(LatencyClient client) throws Exception;
    }
}
