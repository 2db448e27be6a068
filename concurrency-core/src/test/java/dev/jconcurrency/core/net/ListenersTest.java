package dev.jconcurrency.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.BindException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** How many listening sockets the server binds, and that they share one port. */
class ListenersTest {

    @Test
    void enoughSocketsAreBoundForTheirCappedBacklogsToAddUpToTheOneAskedFor() {
        assertThat(Listeners.count(16_384, OptionalInt.of(4_096))).isEqualTo(4);
        assertThat(Listeners.count(16_384, OptionalInt.of(5_000))).isEqualTo(4);
        assertThat(Listeners.count(16_384, OptionalInt.of(16_384))).isEqualTo(1);
        assertThat(Listeners.count(16_384, OptionalInt.of(65_535))).isEqualTo(1);
    }

    @Test
    void aSmallCapNeverMeansMoreThanEightSockets() {
        assertThat(Listeners.count(16_384, OptionalInt.of(128))).isEqualTo(Listeners.MAX_LISTENERS).isEqualTo(8);
    }

    @Test
    void anUnknownOrNonsensicalCapMeansOneSocket() {
        assertThat(Listeners.count(16_384, OptionalInt.empty())).isEqualTo(1);
        assertThat(Listeners.count(16_384, OptionalInt.of(0))).isEqualTo(1);
    }

    @Test
    void onLinuxTheSocketsShareOnePortAndABusyPortIsRefused() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "Linux");
        List<ServerSocket> sockets = Listeners.bind(0, LatencyServer.BACKLOG);
        try {
            assertThat(sockets).hasSizeGreaterThanOrEqualTo(1).hasSizeLessThanOrEqualTo(Listeners.MAX_LISTENERS);
            int port = sockets.get(0).getLocalPort();
            assertThat(sockets).allSatisfy(socket -> assertThat(socket.getLocalPort()).isEqualTo(port));
            assertThatThrownBy(() -> Listeners.bind(port, LatencyServer.BACKLOG)).isInstanceOf(BindException.class);
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
