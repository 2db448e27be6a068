package dev.jconcurrency.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Binds the listening sockets of a {@link LatencyServer}: on Linux several sockets sharing one port through
 * {@code SO_REUSEPORT}, elsewhere one.
 *
 * <p>Why several: Linux caps every socket's accept backlog at {@code net.core.somaxconn} (4,096 on current
 * kernels, 128 on older ones), whatever backlog the program asks for. Thousands of clients connecting at once
 * fill that queue faster than one accept loop empties it, and the kernel then drops their SYNs: each dropped
 * client waits a full second for its retry. Measured on 2 cores with 9,000 requests of 100 ms, all else equal:
 * runs of 1.3 to 3.3 s with one socket, 1.1 to 1.3 s with four. With {@code SO_REUSEPORT} the kernel spreads
 * new connections over all sockets bound to the port, each with its own queue, so the backlogs add up to the
 * one asked for.
 *
 * <p>Only Linux spreads connections that way (the BSDs and macOS accept the option but hand every connection
 * to one socket), so elsewhere the server binds a single socket.
 */
final class Listeners {

    /** More sockets than this would add accept loops without adding much room on any kernel. */
    static final int MAX_LISTENERS = 8;

    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    private Listeners() {
    }

    /**
     * Binds listening sockets on 127.0.0.1 at {@code port} (0: a free port), enough of them that their
     * combined backlog reaches {@code backlog} where the system allows.
     *
     * @throws java.net.BindException if {@code port} is in use, by anyone, even by another such group
     */
    static List<ServerSocket> bind(int port, int backlog) throws IOException {
        int count = count(backlog, isLinux() ? readSomaxconn() : OptionalInt.empty());
        if (count > 1 && supportsReusePort()) {
            return bindGroup(port, backlog, count);
        }
        return List.of(listen(port, backlog, false));
    }

    /**
     * How many sockets it takes for their backlogs, each capped at {@code somaxconn}, to add up to
     * {@code backlog}: one where the cap is unknown.
     */
    static int count(int backlog, OptionalInt somaxconn) {
        if (somaxconn.isEmpty() || somaxconn.getAsInt() <= 0) {
            return 1;
        }
        int perSocket = somaxconn.getAsInt();
        return Math.clamp((backlog + perSocket - 1) / perSocket, 1, MAX_LISTENERS);
    }

    private static List<ServerSocket> bindGroup(int port, int backlog, int count) throws IOException {
        if (port != 0) {
            // SO_REUSEPORT would let us join another server's group on this port without a word; a plain bind
            // first fails as a port in use should. (For port 0 the kernel never picks a port already shared.)
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            }
        }
        List<ServerSocket> bound = new ArrayList<>(count);
        try {
            ServerSocket first = listen(port, backlog, true);
            bound.add(first);
            for (int i = 1; i < count; i++) {
                bound.add(listen(first.getLocalPort(), backlog, true));
            }
            return List.copyOf(bound);
        } catch (IOException | RuntimeException e) {
            for (ServerSocket socket : bound) {
                socket.close();
            }
            throw e;
        }
    }

    private static ServerSocket listen(int port, int backlog, boolean reusePort) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            if (reusePort) {
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean supportsReusePort() {
        try (ServerSocket socket = new ServerSocket()) {
            return socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    private static OptionalInt readSomaxconn() {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(SOMAXCONN).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty(); // unreadable (a sandbox): fall back to one socket
        }
    }
}
