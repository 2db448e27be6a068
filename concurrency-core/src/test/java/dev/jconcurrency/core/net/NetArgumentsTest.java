package dev.jconcurrency.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public parameter of the {@code net} package refuses bad input at once: null with an NPE naming the
 * parameter, an out-of-range value with an IAE naming the parameter and the value (TESTING.md R7).
 */
class NetArgumentsTest {

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();
    private static final Duration TOO_LONG_DELAY = Duration.ofMillis(LatencyServer.MAX_DELAY_MILLIS + 1);
    private static final Duration TOO_LONG_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE + 1L);

    private static LatencyServer server;
    private static LatencyClient client;

    @BeforeAll
    static void startServerAndClient() throws Exception {
        server = LatencyServer.start();
        client = LatencyClient.connect(server.port());
    }

    @AfterAll
    static void stopServerAndClient() {
        client.close();
        server.close();
    }

    record Row(String signature, ThrowingCallable call, Class<? extends RuntimeException> type, String message) {
        @Override
        public String toString() {
            return signature + " -> " + type.getSimpleName() + ": " + message;
        }
    }

    static Stream<Row> rows() {
        String port0to65535 = "port must be from 0 to 65535: ";
        String port1to65535 = "port must be from 1 to 65535: ";
        String timeout = "timeout must be positive and at most 2147483647 ms: ";
        return Stream.of(
            new Row("LatencyServer.start(int)", () -> LatencyServer.start(-1), IAE, port0to65535 + "-1"),
            new Row("LatencyServer.start(int)", () -> LatencyServer.start(65_536), IAE,
                port0to65535 + "65536"),
            new Row("LatencyServer.start(int,ThreadFactory)", () -> LatencyServer.start(-1, VIRTUAL), IAE,
                port0to65535 + "-1"),
            new Row("LatencyServer.start(int,ThreadFactory)", () -> LatencyServer.start(70_000, VIRTUAL),
                IAE, port0to65535 + "70000"),
            new Row("LatencyServer.start(int,ThreadFactory)", () -> LatencyServer.start(0, null),
                NullPointerException.class, "threadFactory"),
            new Row("LatencyServer.uri(Duration)", () -> server.uri(null), NullPointerException.class, "delay"),
            new Row("LatencyServer.uri(Duration)", () -> server.uri(Duration.ofMillis(-1)), IAE,
                "delay must not be negative: PT-0.001S"),
            new Row("LatencyServer.uri(Duration)", () -> server.uri(TOO_LONG_DELAY), IAE,
                "delay must be at most 60000 ms: PT1M0.001S"),
            new Row("LatencyClient.connect(int)", () -> LatencyClient.connect(0), IAE, port1to65535 + "0"),
            new Row("LatencyClient.connect(int)", () -> LatencyClient.connect(65_536), IAE,
                port1to65535 + "65536"),
            new Row("LatencyClient.connect(int,Duration)", () -> LatencyClient.connect(-5, Duration.ofSeconds(1)),
                IAE, port1to65535 + "-5"),
            new Row("LatencyClient.connect(int,Duration)", () -> LatencyClient.connect(server.port(), null),
                NullPointerException.class, "timeout"),
            new Row("LatencyClient.connect(int,Duration)", () -> LatencyClient.connect(server.port(), Duration.ZERO),
                IAE, timeout + "PT0S"),
            new Row("LatencyClient.connect(int,Duration)",
                () -> LatencyClient.connect(server.port(), Duration.ofSeconds(-1)), IAE, timeout + "PT-1S"),
            new Row("LatencyClient.connect(int,Duration)",
                () -> LatencyClient.connect(server.port(), TOO_LONG_TIMEOUT), IAE,
                timeout + "PT596H31M23.648S"),
            new Row("LatencyClient.get(Duration)", () -> client.get(null), NullPointerException.class, "delay"),
            new Row("LatencyClient.get(Duration)", () -> client.get(Duration.ofNanos(-1)), IAE,
                "delay must not be negative: PT-0.000000001S"),
            new Row("LatencyClient.get(Duration)", () -> client.get(TOO_LONG_DELAY), IAE,
                "delay must be at most 60000 ms: PT1M0.001S"),
            new Row("LatencyClient.fetch(int,Duration)", () -> LatencyClient.fetch(0, Duration.ZERO), IAE,
                port1to65535 + "0"),
            new Row("LatencyClient.fetch(int,Duration)", () -> LatencyClient.fetch(server.port(), null),
                NullPointerException.class, "delay"),
            new Row("LatencyClient.fetch(int,Duration)",
                () -> LatencyClient.fetch(server.port(), Duration.ofMillis(-2)),
                IAE, "delay must not be negative: PT-0.002S"),
            new Row("LatencyClient.fetch(int,Duration)", () -> LatencyClient.fetch(server.port(), TOO_LONG_DELAY),
                IAE, "delay must be at most 60000 ms: PT1M0.001S"),
            new Row("FileDescriptorLimit.check(int)", () -> FileDescriptorLimit.check(-1), IAE,
                "concurrentRequests must not be negative: -1"),
            new Row("Check.Check(boolean,String)", () -> new FileDescriptorLimit.Check(true, null),
                NullPointerException.class, "explanation"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void badInputIsRefusedAtOnceNamingTheParameterAndTheValue(Row row) throws Exception {
        long servedBefore = server.served();
        assertThatThrownBy(row.call()).isExactlyInstanceOf(row.type()).hasMessage(row.message());
        assertThat(server.served()).as("no request was sent").isEqualTo(servedBefore);
        assertThat(client.get(Duration.ZERO)).as("the shared client still works").startsWith("request ");
    }

    @Test
    void everyPublicMethodAndConstructorWithParametersHasARow() {
        Set<String> declared = Stream.of(LatencyServer.class, LatencyClient.class, FileDescriptorLimit.class,
                FileDescriptorLimit.Check.class)
            .flatMap(NetArgumentsTest::publicWithParameters)
            .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = rows().map(Row::signature).collect(Collectors.toCollection(TreeSet::new));
        System.out.printf("net: %d bad-input rows cover %d public signatures%n", rows().count(), declared.size());
        assertThat(covered).as("rows name only public signatures").isSubsetOf(declared);
        assertThat(declared).as("every public signature has a row").isSubsetOf(covered);
    }

    private static Stream<String> publicWithParameters(Class<?> type) {
        Stream<Executable> methods = Arrays.stream(type.getDeclaredMethods())
            .filter(method -> !method.isSynthetic() && !method.getName().equals("equals"))
            .map(Executable.class::cast);
        Stream<Executable> constructors = Arrays.stream(type.getDeclaredConstructors()).map(Executable.class::cast);
        return Stream.concat(methods, constructors)
            .filter(executable -> Modifier.isPublic(executable.getModifiers()) && executable.getParameterCount() > 0)
            .map(executable -> type.getSimpleName() + "." + name(executable) + "("
                + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(",")) + ")");
    }

    private static String name(Executable executable) {
        return executable instanceof Constructor<?> constructor ? constructor.getDeclaringClass().getSimpleName()
            : ((Method) executable).getName();
    }
}
