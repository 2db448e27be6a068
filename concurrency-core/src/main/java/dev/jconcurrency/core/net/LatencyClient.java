package dev.jconcurrency.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A minimal blocking HTTP/1.1 client for a {@link LatencyServer}: one socket to 127.0.0.1, one request at a
 * time, each wait bounded.
 *
 * <h2>Purpose</h2>
 * Lessons about I/O at scale start thousands of requests at once, one per virtual thread. This client is
 * the cheapest honest way to do that: a plain socket per request, a blocking write and read, nothing shared
 * between threads, so what a lesson measures is the concurrency model, not a client library's pool.
 *
 * <h2>How to use</h2>
 * One request per connection, the usual shape of "one virtual thread per request":
 * <pre>{@code
 * try (LatencyServer server = LatencyServer.start();
 *      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
 *     List<Future<String>> replies = new ArrayList<>();
 *     for (int i = 0; i < 1_000; i++) {
 *         replies.add(executor.submit(() -> LatencyClient.fetch(server.port(), Duration.ofMillis(100))));
 *     }
 *     // ... about 0.1 s later every reply is in ("request 17 delayed 100 ms");
 *     // server.maxInFlight() says how many overlapped
 * }
 * }</pre>
 * Several requests, one after another, on one kept-alive connection:
 * <pre>{@code
 * try (LatencyClient client = LatencyClient.connect(server.port())) {
 *     String first = client.get(Duration.ofMillis(100));
 *     String second = client.get(Duration.ZERO);
 * }
 * }</pre>
 *
 * <h2>Time bounds</h2>
 * Connecting waits at most the client's timeout (30 s by default); each {@link #get(Duration)} waits at most
 * the delay it asked for plus the timeout. Past that it throws {@link SocketTimeoutException}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: a connection carries one request at a time. Give each thread its own client.
 *   <li>After any exception from {@link #get(Duration)} the connection is closed, since it may hold half a
 *       response; connect a new client to go on.
 *   <li>Each client holds a file descriptor until closed, and so does the server's end of it: see
 *       {@link FileDescriptorLimit#check(int)} before opening thousands.
 *   <li>{@link #close()} closes the connection from the client's side first, which leaves it in
 *       {@code TIME_WAIT} on a client port for a minute. For thousands of one-request connections use
 *       {@link #fetch(int, Duration)}, which lets the server close first.
 * </ul>
 *
 * <h2>Interruption</h2>
 * An interrupt while connecting or waiting for a response closes the connection and throws
 * {@link InterruptedException} (the flag is then clear, as usual). On a virtual thread this happens at once;
 * on a platform thread a waiting {@link #get(Duration)} notices within about 100 ms, and a connect is not
 * interrupted (on the loopback interface it rarely waits).
 */
public final class LatencyClient implements AutoCloseable {

    /** The timeout of {@link #connect(int)}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How often a platform thread, whose socket reads ignore interrupts, looks at its interrupt flag. */
    private static final int PLATFORM_THREAD_SLICE_MILLIS = 100;

    private final Socket socket;
    private final int port;
    private final long timeoutMillis;
    private final BoundedInput input;
    private final HeadReader reader;
    private final OutputStream output;

    private LatencyClient(Socket socket, int port, long timeoutMillis) throws IOException {
        this.socket = socket;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.input = new BoundedInput(socket.getInputStream());
        this.reader = new HeadReader(input);
        this.output = socket.getOutputStream();
    }

    /**
     * Connects to a {@link LatencyServer} on 127.0.0.1 with the default timeout of 30 s.
     *
     * @param port the server's port, from 1 to 65535
     * @return a connected client; close it when done
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535
     * @throws IOException if the connection is refused, fails or is not made within 30 s
     * @throws InterruptedException if the thread is interrupted before or while connecting
     */
    public static LatencyClient connect(int port) throws IOException, InterruptedException {
        return connect(port, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to a {@link LatencyServer} on 127.0.0.1.
     *
     * @param port the server's port, from 1 to 65535
     * @param timeout the longest wait to connect, and to wait for each response beyond the delay it asked for;
     *     positive, at most {@link Integer#MAX_VALUE} milliseconds
     * @return a connected client; close it when done
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535 or {@code timeout} is not positive
     *     or too long
     * @throws IOException if the connection is refused, fails or is not made within {@code timeout}
     * @throws InterruptedException if the thread is interrupted before or while connecting
     */
    public static LatencyClient connect(int port, Duration timeout) throws IOException, InterruptedException {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(
                "timeout must be positive and at most " + Integer.MAX_VALUE + " ms: " + timeout);
        }
        // Sub-millisecond timeouts round up: a socket timeout of 0 would mean "wait for ever".
        long timeoutMillis = Math.max(1, timeout.toMillis());
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before connecting to 127.0.0.1:" + port);
        }
        Socket socket = new Socket();
        try {
            // Requests and responses are tiny: send each at once instead of waiting to batch them (Nagle).
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeoutMillis);
            return new LatencyClient(socket, port, timeoutMillis);
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.interrupted()) {
                // A virtual thread's interrupt closes the socket and surfaces as an IOException: report it as
                // what it is. The flag is cleared, as InterruptedException promises.
                throw interrupted("connecting to 127.0.0.1:" + port, e);
            }
            throw e;
        }
    }

    /**
     * Sends {@code GET /delay/MILLIS} and waits for the answer: about {@code delay}, then the response.
     *
     * @param delay how long the server should wait before answering, 0 to
     *     {@value LatencyServer#MAX_DELAY_MILLIS} ms (parts smaller than a millisecond are dropped)
     * @return the response's one-line body without its line end, such as {@code "request 17 delayed 100 ms"}
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative or longer than
     *     {@value LatencyServer#MAX_DELAY_MILLIS} ms
     * @throws SocketTimeoutException if no full response came within the delay plus the client's timeout
     * @throws IOException if the client is closed, the server answers anything but {@code 200 OK} (the message
     *     has the status and the server's one-line reason), or the connection fails
     * @throws InterruptedException if the thread is interrupted before or while waiting; the client is then
     *     closed
     */
    public String get(Duration delay) throws IOException, InterruptedException {
        return exchange(delay, false);
    }

    /**
     * Sends one {@code GET /delay/MILLIS} on a new connection and returns the answer: {@link #connect(int)},
     * {@link #get(Duration)} and {@link #close()} in one call, except that the request asks the server to close
     * the connection once it has answered.
     *
     * <p>Prefer it for one request per connection, as in "one virtual thread per request" lessons. The side that
     * closes a TCP connection first keeps it in {@code TIME_WAIT} for a minute; here that is the server, whose
     * port is shared by all its connections, and not the client, whose every connection takes another
     * ephemeral port. Clients that closed first left tens of thousands of {@code TIME_WAIT} entries on
     * the client's ports after a few big runs, and the kernel's search for a free port in {@code connect} then
     * cost more than everything else (measured: a 9,000-request run slowed from 0.5 s to 1.2 s).
     *
     * @param port the server's port, from 1 to 65535
     * @param delay how long the server should wait before answering, 0 to
     *     {@value LatencyServer#MAX_DELAY_MILLIS} ms (parts smaller than a millisecond are dropped)
     * @return the response's one-line body without its line end, such as {@code "request 17 delayed 100 ms"}
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535, or {@code delay} is negative or
     *     longer than {@value LatencyServer#MAX_DELAY_MILLIS} ms
     * @throws SocketTimeoutException if not connected within 30 s, or no full response came within the delay
     *     plus 30 s
     * @throws IOException if the connection is refused or fails, or the server answers anything but
     *     {@code 200 OK} (the message has the status and the server's one-line reason)
     * @throws InterruptedException if the thread is interrupted before or while connecting or waiting
     */
    public static String fetch(int port, Duration delay) throws IOException, InterruptedException {
        LatencyServer.delayMillis(delay);
        try (LatencyClient client = connect(port)) {
            return client.exchange(delay, true);
        }
    }

    String exchange(Duration delay, boolean last) throws IOException, InterruptedException {
        String path = LatencyServer.path(delay);
        if (socket.isClosed()) {
            throw new IOException("the connection to 127.0.0.1:" + port + " is closed");
        }
        if (Thread.interrupted()) {
            close();
            throw new InterruptedException("interrupted before sending GET " + path);
        }
        long bound = LatencyServer.delayMillis(delay) + timeoutMillis;
        input.deadline = System.nanoTime() + bound * 1_000_000;
        input.boundMillis = bound;
        try {
            output.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + (last ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n")).getBytes(StandardCharsets.US_ASCII));
            return readResponse();
        } catch (Interrupted e) {
            close();
            Thread.interrupted(); // cleared, as InterruptedException promises
            throw interrupted("waiting for GET " + path, e);
        } catch (IOException | RuntimeException e) {
            close(); // whatever is left on the connection cannot be trusted to start a new response
            if (Thread.interrupted()) {
                throw interrupted("waiting for GET " + path, e);
            }
            throw e;
        }
    }

    /** Closes the connection. Calling it again does nothing. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        return "LatencyClient[127.0.0.1:" + port + (socket.isClosed() ? ", closed]" : "]");
    }

    private String readResponse() throws IOException {
        List<String> head = reader.readHead();
        if (head == null || head.isEmpty()) {
            throw new EOFException("127.0.0.1:" + port + " closed the connection without answering");
        }
        String statusLine = head.get(0);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        int length = -1;
        boolean serverCloses = false;
        for (int i = 1; i < head.size(); i++) {
            String header = head.get(i);
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = parseLength(value);
            } else if (name.equalsIgnoreCase("Connection")) {
                serverCloses = value.toLowerCase(Locale.ROOT).contains("close");
            }
        }
        if (length < 0) {
            throw new ProtocolException("response without Content-Length: " + statusLine);
        }
        String body = new String(reader.readBody(length), StandardCharsets.UTF_8);
        if (serverCloses) {
            // Wait for the server's FIN before closing, so that the server, not we, closed first and keeps the
            // TIME_WAIT entry (see fetch). Anything but the end of the stream here is not worth reading.
            input.read(new byte[1], 0, 1);
            close();
        }
        String line = body.endsWith("\r\n") ? body.substring(0, body.length() - 2)
            : body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
        if (status != 200) {
            throw new IOException("HTTP " + status + " from 127.0.0.1:" + port + ": " + line);
        }
        return line;
    }

    private static int parseLength(String value) throws ProtocolException {
        if (value.matches("\\d{1,9}")) {
            int length = Integer.parseInt(value);
            if (length <= HeadReader.MAX_HEAD) {
                return length;
            }
        }
        throw new ProtocolException("Content-Length must be from 0 to " + HeadReader.MAX_HEAD + ": " + value);
    }

    private static InterruptedException interrupted(String what, Exception cause) {
        InterruptedException e = new InterruptedException("interrupted while " + what);
        e.initCause(cause);
        return e;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to stop: a failure to close changes nothing we could act on.
        }
    }

    /** Thrown by {@link BoundedInput} when it sees the thread's interrupt flag. */
    private static final class Interrupted extends IOException {
        private static final long serialVersionUID = 1L;

        Interrupted(Throwable cause) {
            super("interrupted", cause);
        }
    }

    /**
     * The socket's input, each read bounded by the current request's deadline and, on a platform thread,
     * cut into slices so that an interrupt is noticed (a platform thread's socket read ignores it).
     */
    private final class BoundedInput extends InputStream {
        private final InputStream raw;
        long deadline;
        long boundMillis;

        BoundedInput(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            boolean virtual = Thread.currentThread().isVirtual();
            while (true) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    throw new SocketTimeoutException(String.format(Locale.ROOT,
                        "no full response from 127.0.0.1:%d within %,d ms (the delay plus the timeout of %,d ms)",
                        port, boundMillis, timeoutMillis));
                }
                long slice = Math.max(1, (leftNanos + 999_999) / 1_000_000);
                if (!virtual) {
                    slice = Math.min(slice, PLATFORM_THREAD_SLICE_MILLIS);
                }
                socket.setSoTimeout((int) Math.min(slice, Integer.MAX_VALUE));
                try {
                    return raw.read(bytes, offset, length);
                } catch (SocketTimeoutException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Interrupted(e);
                    }
                    // Only a slice ran out: go round and check the real deadline.
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Interrupted(e);
                    }
                    throw e;
                }
            }
        }
    }
}
