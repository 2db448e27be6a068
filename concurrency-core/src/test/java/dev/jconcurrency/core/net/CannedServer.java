package dev.jconcurrency.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A stand-in server for client tests: accepts one connection, reads one request head, then sends a canned
 * reply (or nothing at all) and waits for the client to close. Lets a test show how the client treats answers
 * that the real server never gives.
 */
final class CannedServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread thread;

    private CannedServer(String reply) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().name("canned-server").start(() -> serveOnce(reply));
    }

    /** Answers the first request with {@code reply}, sent as is. */
    static CannedServer replying(String reply) throws IOException {
        return new CannedServer(reply);
    }

    /** Reads the first request and never answers it. */
    static CannedServer silent() throws IOException {
        return new CannedServer(null);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serveOnce(String reply) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            new HeadReader(in).readHead();
            if (reply != null) {
                socket.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
            }
            in.transferTo(OutputStream.nullOutputStream()); // until the client closes, or close() closes us
        } catch (IOException e) {
            // close() closed the listener or the socket: this stand-in's work is over
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        thread.interrupt(); // a virtual thread's interrupt also closes the socket it is blocked on
        thread.join(Duration.ofSeconds(2));
    }
}
