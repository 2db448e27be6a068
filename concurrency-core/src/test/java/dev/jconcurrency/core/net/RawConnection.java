package dev.jconcurrency.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.jconcurrency.core.testing.Delays;

/**
 * A socket that sends and reads raw bytes, for tests that must see (or send) exactly what is on the wire,
 * malformed requests included. Every read fails after {@link Delays#LONG} instead of hanging the test.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;

    private RawConnection(Socket socket) {
        this.socket = socket;
    }

    static RawConnection open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Delays.LONG.toMillis());
        return new RawConnection(socket);
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Exactly {@code length} bytes, or fewer if the server closes first. */
    String read(int length) throws IOException {
        return new String(socket.getInputStream().readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** Everything up to the server's end of stream. */
    String readToEnd() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** One request on a new connection; everything the server sends until it closes. */
    static String exchange(int port, String request) throws IOException {
        try (RawConnection connection = open(port)) {
            connection.send(request);
            return connection.readToEnd();
        }
    }

    /** The exact bytes of a 200 response with this one-line body. */
    static String ok(String body, boolean close) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Length: " + body.length()
            + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
    }

    /** The exact bytes of a 400 response with this one-line body. */
    static String badRequest(String body) {
        return "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=US-ASCII\r\nContent-Length: "
            + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
