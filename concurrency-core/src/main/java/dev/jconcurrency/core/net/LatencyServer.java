package dev.jconcurrency.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 that answers each request after a delay the request asks for: slow
 * I/O on tap, for lessons and benchmarks that need many real network waits at once without touching the
 * network.
 *
 * <h2>Purpose</h2>
 * The seed demo's I/O task is {@code time.sleep(1)}. A sleep is honest about waiting but is not I/O; a
 * request to this server is: a socket, a request written, a response read, with a wait of a known length in
 * the middle. The server also counts how many requests it holds at once, so a lesson can prove that its
 * requests really overlapped ({@link #maxInFlight()}) instead of inferring it from a wall-clock time.
 *
 * <h2>How to use</h2>
 * <pre>{@code
 * try (LatencyServer server = LatencyServer.start()) {          // 127.0.0.1, a free port
 *     URI uri = server.uri(Duration.ofMillis(100));            // http://127.0.0.1:PORT/delay/100
 *     // ... send requests, e.g. with LatencyClient, HttpClient or curl ...
 *     System.out.println(server.maxInFlight() + " requests were in flight at once");
 * }
 * }</pre>
 *
 * <h2>The protocol</h2>
 * The one request it serves is {@code GET /delay/<millis>}, with {@code millis} a decimal whole number from 0
 * to {@value #MAX_DELAY_MILLIS} (one minute), for example {@code GET /delay/100 HTTP/1.1}. The server waits
 * that long, then answers {@code 200 OK} with a one-line {@code text/plain} body naming the request's
 * sequence number (1 for the first request the server accepted, then 2, 3, ... across all connections) and the
 * delay: <code>request 17 delayed 100 ms\n</code>. Anything else (another method or path, a query string, a
 * request body, a head longer than 8 KiB) gets {@code 400 Bad Request} with a one-line body saying what was
 * wrong and what is accepted, and the connection is closed. Connections are kept alive (HTTP/1.1's default) so
 * a client may send request after request on one socket; {@code Connection: close} is honoured.
 *
 * <h2>How it serves many slow requests at once</h2>
 * One virtual thread per connection (by default), blocking {@link ServerSocket} and {@link Socket} I/O and a
 * {@link Thread#sleep} for the delay: a waiting request costs a parked virtual thread and a socket, not an
 * operating-system thread. Connections that arrive faster than they are accepted wait in the kernel's accept
 * queue; the server asks for room for {@value #BACKLOG} of them. Linux caps each listening socket's queue at
 * {@code net.core.somaxconn} (4,096 on current kernels) and drops connects beyond it, each of which then
 * waits a second for its retry, so on Linux the server listens on several sockets sharing its port
 * ({@code SO_REUSEPORT}, up to 8) whose queues add up to {@value #BACKLOG}. What limits the number of requests
 * in flight is then the process's file-descriptor limit: see {@link FileDescriptorLimit#check(int)}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A client in the same JVM holds two file descriptors per request in flight (its socket and the
 *       server's). Under an open-file limit of 1,024 (a common default) about 500 concurrent requests is the
 *       most. The JVM raises its soft limit to the hard one as it starts, so the figure that counts is the one
 *       {@link FileDescriptorLimit#check(int)} reads from inside the process: check it before a big run.
 *   <li>The JDK's {@code HttpClient} costs far more per request than one plain socket per virtual thread
 *       ({@link LatencyClient}); it is fine for a handful of requests, not for measuring thousands.
 *   <li>Keep-alive connections stay open (and keep a descriptor and a parked thread) until the client
 *       closes them or the server is closed.
 *   <li>Whichever side closes a connection first keeps it in {@code TIME_WAIT} for a minute. Clients that
 *       open thousands of connections and close them first slow down their own later connects; see
 *       {@link LatencyClient#fetch(int, Duration)}, which lets the server close first.
 * </ul>
 *
 * <h2>Threads and closing</h2>
 * The server runs one accept loop per listening socket and one handler per connection, on threads from its
 * {@link ThreadFactory} (virtual threads unless {@link #start(int, ThreadFactory)} is given another).
 * {@link #close()} stops the accept loops, closes every open connection (requests still waiting get no
 * response), interrupts the server's threads and waits, up to {@value #CLOSE_WAIT_MILLIS} ms in all, until
 * the accept loops and every connection's handler have finished. It is idempotent.
 *
 * <h2>Memory consistency effects</h2>
 * The counters are atomic and may be read from any thread. A request is counted out of {@link #inFlight()}
 * and into {@link #served()} before its response is written, so once a client has read every response it
 * awaited, the counts already include them: a test can assert them at once, without polling.
 */
public final class LatencyServer implements AutoCloseable {

    /** The longest delay a request may ask for, in milliseconds: one minute. */
    public static final int MAX_DELAY_MILLIS = 60_000;

    /** The accept backlog asked of the operating system, which may cap it lower. */
    static final int BACKLOG = 16_384;

    /** How long {@link #close()} waits, in all, for the server's threads to end. */
    static final int CLOSE_WAIT_MILLIS = 5_000;

    /** After a failed accept (such as "Too many open files"), wait this long instead of spinning. */
    private static final long ACCEPT_RETRY_MILLIS = 10;

    private static final String DELAY_PATH = "/delay/";

    /** How long, and how much, a rejected client may go on sending before its connection is cut. */
    private static final int LINGER_MILLIS = 1_000;
    private static final long MAX_LINGER_BYTES = 64 * 1_024;

    private final List<ServerSocket> listeners;
    private final ThreadFactory threadFactory;
    private final Pause pause;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet(1_024);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder served = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();
    private volatile List<Thread> acceptThreads = List.of();

    /** How a handler waits out a request's delay; tests substitute a latch to hold requests at will. */
    @FunctionalInterface
    interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    private LatencyServer(List<ServerSocket> listeners, ThreadFactory threadFactory, Pause pause) {
        this.listeners = listeners;
        this.threadFactory = threadFactory;
        this.pause = pause;
    }

    /**
     * Starts a server on 127.0.0.1 on a free port chosen by the operating system, serving each connection on
     * its own virtual thread.
     *
     * @return the running server; {@link #port()} says where
     * @throws IOException if no socket can be bound (for example, out of file descriptors)
     */
    public static LatencyServer start() throws IOException {
        return start(0);
    }

    /**
     * Starts a server on 127.0.0.1 on the given port, serving each connection on its own virtual thread.
     *
     * @param port the port to listen on, from 1 to 65535, or 0 for a free port chosen by the operating system
     * @return the running server
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     * @throws IOException if the port cannot be bound (for example, it is in use)
     */
    public static LatencyServer start(int port) throws IOException {
        return start(port, Thread.ofVirtual().name("latency-server-", 0).factory());
    }

    /**
     * Starts a server on 127.0.0.1 on the given port whose accept loops and connection handlers run on threads
     * made by {@code threadFactory} (one per listening socket for the accept loops, at once, then one per
     * connection). Pass a factory of virtual threads to serve thousands of connections; a factory that tracks
     * its threads lets a test prove that {@link #close()} ended them all. If the factory returns null (or
     * throws) for a connection's handler, that connection is closed unanswered and the server goes on.
     *
     * @param port the port to listen on, from 1 to 65535, or 0 for a free port chosen by the operating system
     * @param threadFactory makes the server's threads; must not return null for an accept loop's thread
     * @return the running server
     * @throws NullPointerException if {@code threadFactory} is null
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     * @throws IllegalStateException if {@code threadFactory} returns null for an accept loop's thread
     * @throws IOException if the port cannot be bound (for example, it is in use)
     */
    public static LatencyServer start(int port, ThreadFactory threadFactory) throws IOException {
        return start(port, threadFactory, Thread::sleep);
    }

    static LatencyServer start(int port, ThreadFactory threadFactory, Pause pause) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(pause, "pause");
        List<ServerSocket> listeners = Listeners.bind(port, BACKLOG);
        LatencyServer server = new LatencyServer(listeners, threadFactory, pause);
        try {
            List<Thread> acceptThreads = new ArrayList<>(listeners.size());
            for (ServerSocket listener : listeners) {
                Thread acceptThread = threadFactory.newThread(() -> server.acceptLoop(listener));
                if (acceptThread == null) {
                    throw new IllegalStateException("threadFactory returned null for an accept loop's thread");
                }
                acceptThreads.add(acceptThread);
            }
            server.acceptThreads = List.copyOf(acceptThreads);
            acceptThreads.forEach(Thread::start);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The port the server listens on, on 127.0.0.1.
     *
     * @return the port, from 1 to 65535
     */
    public int port() {
        return listeners.get(0).getLocalPort();
    }

    /**
     * The address of a request for {@code delay}, for clients that take a URI such as
     * {@code java.net.http.HttpClient}: {@code http://127.0.0.1:PORT/delay/MILLIS}.
     *
     * @param delay how long the server should wait before answering, 0 to {@value #MAX_DELAY_MILLIS} ms
     *     (parts smaller than a millisecond are dropped)
     * @return the request's URI
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative or longer than {@value #MAX_DELAY_MILLIS} ms
     */
    public URI uri(Duration delay) {
        return URI.create("http://127.0.0.1:" + port() + path(delay));
    }

    /**
     * How many requests the server holds right now: read, not yet answered.
     *
     * @return requests in flight, 0 or more
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The most requests the server has held at once since it started or since the last
     * {@link #resetMaxInFlight()}: the high-water mark of {@link #inFlight()}.
     *
     * @return the high-water mark, 0 or more
     */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * Starts a new high-water mark, from the requests in flight now, so that one server can measure several
     * runs one after another.
     *
     * @return the high-water mark before the reset
     */
    public int resetMaxInFlight() {
        int previous = maxInFlight.getAndSet(0);
        // A request counted in before the reset is in this read; one counted in after it raises the mark itself.
        raiseMaxInFlight(inFlight.get());
        return previous;
    }

    /**
     * How many requests the server has answered with {@code 200 OK} since it started.
     *
     * @return requests served, 0 or more
     */
    public long served() {
        return served.sum();
    }

    /** How many requests were answered with 400 Bad Request. */
    long rejected() {
        return rejected.sum();
    }

    /** How many accepts failed while the server was open (for example, out of file descriptors). */
    long acceptFailures() {
        return acceptFailures.sum();
    }

    /** How many connections are open now. */
    int openConnections() {
        return connections.size();
    }

    /**
     * Stops the server: closes the listening sockets and every open connection (requests still waiting get no
     * response), interrupts the server's threads and waits up to {@value #CLOSE_WAIT_MILLIS} ms in all for the
     * accept loops and the connections' handlers to finish. New connections are refused from the moment it
     * returns. Calling it again does nothing.
     *
     * <p>If the calling thread is interrupted while waiting, it stops waiting (everything is already closed)
     * and returns with its interrupt flag set.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.forEach(LatencyServer::closeQuietly);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            // Once the accept loops have ended, no connection can be added behind our back.
            acceptThreads.forEach(Thread::interrupt);
            for (Thread acceptThread : acceptThreads) {
                joinUntil(acceptThread, deadline);
            }
            List<Connection> open = List.copyOf(connections);
            open.forEach(Connection::abort);
            for (Connection connection : open) {
                Thread handler = connection.handler;
                if (handler != null) {
                    joinUntil(handler, deadline);
                }
            }
        } catch (InterruptedException e) {
            // Our caller asked us to stop waiting; every socket is closed already, so only the wait is cut
            // short. Abort whatever was not reached yet, and keep the flag for the caller to see.
            List.copyOf(connections).forEach(Connection::abort);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LatencyServer[127.0.0.1:%d, inFlight=%d, maxInFlight=%d, served=%d%s]",
            port(), inFlight(), maxInFlight(), served(), closed.get() ? ", closed" : "");
    }

    /** The request path for {@code delay}, shared by {@link #uri(Duration)} and {@link LatencyClient}. */
    static String path(Duration delay) {
        return DELAY_PATH + delayMillis(delay);
    }

    static long delayMillis(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (delay.compareTo(Duration.ofMillis(MAX_DELAY_MILLIS)) > 0) {
            throw new IllegalArgumentException("delay must be at most " + MAX_DELAY_MILLIS + " ms: " + delay);
        }
        return delay.toMillis();
    }

    private void acceptLoop(ServerSocket listener) {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return; // close() closed the listening socket: the normal way out
                }
                // Typically "Too many open files": the connection stays queued, so try again shortly.
                acceptFailures.increment();
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return; // only close() interrupts this thread, and it is ending the server
                }
                continue;
            }
            Connection connection = new Connection(socket);
            connections.add(connection);
            Thread handler = null;
            try {
                handler = threadFactory.newThread(() -> serve(connection));
            } catch (RuntimeException e) {
                // A factory that refuses (a bounded one, say) costs this connection, not the server.
            }
            if (handler == null) {
                connection.abort();
                connections.remove(connection);
                continue;
            }
            connection.handler = handler;
            try {
                handler.start();
            } catch (RuntimeException e) {
                connection.abort(); // as for a refusing factory: this connection is lost, not the server
                connections.remove(connection);
            }
        }
    }

    private void serve(Connection connection) {
        try (Socket socket = connection.socket) {
            // Small responses must leave at once, not wait for Nagle's algorithm to batch them.
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            HeadReader reader = new HeadReader(in);
            OutputStream out = socket.getOutputStream();
            while (!closed.get()) {
                Request request;
                try {
                    List<String> head = reader.readHead();
                    if (head == null) {
                        return; // the client closed its end between requests
                    }
                    request = Request.parse(head);
                } catch (ProtocolException bad) {
                    rejected.increment();
                    out.write(response("400 Bad Request", "bad request: " + bad.getMessage() + "\n", true));
                    closeGently(socket, in);
                    return;
                }
                long number = sequence.incrementAndGet();
                raiseMaxInFlight(inFlight.incrementAndGet());
                boolean counted = true;
                try {
                    if (request.delayMillis > 0) {
                        pause.pause(request.delayMillis);
                    }
                    // Counted out before writing, so a client holding its response never sees itself in flight.
                    inFlight.decrementAndGet();
                    counted = false;
                    served.increment();
                } finally {
                    if (counted) {
                        inFlight.decrementAndGet();
                    }
                }
                out.write(response("200 OK",
                    "request " + number + " delayed " + request.delayMillis + " ms\n", !request.keepAlive));
                if (!request.keepAlive) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Only close() interrupts a handler, to end it: the thread ends here, so there is nothing to restore
            // the flag for, but restore it anyway for whatever the factory's thread runs after us.
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away, or close() closed the socket: either way this connection is over.
        } finally {
            connections.remove(connection);
        }
    }

    private void raiseMaxInFlight(int now) {
        int max = maxInFlight.get();
        while (now > max && !maxInFlight.compareAndSet(max, now)) {
            max = maxInFlight.get();
        }
    }

    /**
     * Ends a connection whose client may still be sending (a head too long, say): closing a socket with
     * unread input makes the kernel send a reset, which can destroy the 400 response before the client reads
     * it. So we send our FIN first and read what is left, for a bounded time, until the client closes too.
     */
    private static void closeGently(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        byte[] sink = new byte[1_024];
        long drained = 0;
        while (drained < MAX_LINGER_BYTES) {
            int n = in.read(sink);
            if (n < 0) {
                return;
            }
            drained += n;
        }
    }

    private static byte[] response(String status, String body, boolean close) {
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Length: "
            + body.length() + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static void joinUntil(Thread thread, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            thread.join(Duration.ofNanos(left));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing to stop: a failure to close changes nothing we could act on.
        }
    }

    /** One accepted connection and the thread serving it, so that close() can end both. */
    private static final class Connection {
        final Socket socket;
        volatile Thread handler;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void abort() {
            closeQuietly(socket);
            Thread thread = handler;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** A parsed, valid request: how long to wait and whether the connection stays open afterwards. */
    private record Request(long delayMillis, boolean keepAlive) {

        static Request parse(List<String> head) throws ProtocolException {
            if (head.isEmpty()) {
                throw new ProtocolException("empty request line; expected 'GET " + DELAY_PATH + "<millis> HTTP/1.1'");
            }
            String line = head.get(0);
            String[] parts = line.split(" ", -1);
            if (parts.length != 3) {
                throw new ProtocolException("request line must be 'GET " + DELAY_PATH + "<millis> HTTP/1.1': "
                    + shown(line));
            }
            if (!parts[0].equals("GET")) {
                throw new ProtocolException("method must be GET: " + shown(parts[0]));
            }
            boolean http11 = parts[2].equals("HTTP/1.1");
            if (!http11 && !parts[2].equals("HTTP/1.0")) {
                throw new ProtocolException("version must be HTTP/1.1 or HTTP/1.0: " + shown(parts[2]));
            }
            long delayMillis = delayOf(parts[1]);
            // HTTP/1.1 keeps a connection open unless told otherwise; HTTP/1.0 closes it unless told otherwise.
            boolean keepAlive = http11;
            for (int i = 1; i < head.size(); i++) {
                String header = head.get(i);
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new ProtocolException("header line without a colon: " + shown(header));
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Connection")) {
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (lower.contains("close")) {
                        keepAlive = false;
                    } else if (lower.contains("keep-alive")) {
                        keepAlive = true;
                    }
                } else if (name.equalsIgnoreCase("Transfer-Encoding")
                    || name.equalsIgnoreCase("Content-Length") && !value.equals("0")) {
                    throw new ProtocolException("a GET must not have a body: " + shown(header));
                }
            }
            return new Request(delayMillis, keepAlive);
        }

        private static long delayOf(String target) throws ProtocolException {
            if (target.startsWith(DELAY_PATH)) {
                String digits = target.substring(DELAY_PATH.length());
                if (!digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    long millis = Long.parseLong(digits);
                    if (millis <= MAX_DELAY_MILLIS) {
                        return millis;
                    }
                }
            }
            throw new ProtocolException("path must be " + DELAY_PATH + "<millis> with millis from 0 to "
                + MAX_DELAY_MILLIS + " and no query: " + shown(target));
        }

        /** The offending text, made safe to echo on one line: printable ASCII only, at most 100 characters. */
        private static String shown(String text) {
            StringBuilder safe = new StringBuilder(Math.min(text.length(), 100) + 3);
            for (int i = 0; i < text.length() && i < 100; i++) {
                char c = text.charAt(i);
                safe.append(c >= ' ' && c < 127 ? c : '?');
            }
            if (text.length() > 100) {
                safe.append("...");
            }
            return safe.toString();
        }
    }
}
