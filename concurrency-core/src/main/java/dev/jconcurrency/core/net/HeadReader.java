package dev.jconcurrency.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HTTP/1.1 message heads (and, for the client, fixed-length bodies) from one connection, keeping bytes
 * that arrived early for the next message, so keep-alive and pipelined requests work.
 *
 * <p>One small buffer per connection, grown only for unusually long heads: thousands of connections wait at
 * once, so a big buffer each would cost megabytes for nothing. Not thread-safe: one reader per connection,
 * used by the one thread that serves it.
 */
final class HeadReader {

    /** Longest head accepted; real clients send 100 to 300 bytes. */
    static final int MAX_HEAD = 8192;

    static final int INITIAL_BUFFER = 512;

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int start;
    private int end;

    HeadReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next head's lines, without line ends, up to (not including) the empty line; or null if the stream
     * ended cleanly between messages. Accepts CRLF and bare LF line ends.
     *
     * <p>If {@code in.read} throws (a timeout, say), nothing is consumed and the call can be repeated.
     *
     * @throws ProtocolException if the head is longer than {@link #MAX_HEAD} bytes
     * @throws EOFException if the stream ends in the middle of a head
     */
    List<String> readHead() throws IOException {
        // Counted from start, not as an index: fill() may move the buffered bytes to the front.
        int searched = 0;
        while (true) {
            int headEnd = findHeadEnd(start + searched);
            if (headEnd >= 0) {
                List<String> lines = splitLines(start, headEnd);
                start = headEnd;
                return lines;
            }
            // The blank line may straddle two reads: rescan the last 3 bytes next time round.
            searched = Math.max(0, end - start - 3);
            if (end - start >= MAX_HEAD) {
                throw new ProtocolException("head longer than " + MAX_HEAD + " bytes");
            }
            if (!fill()) {
                if (end == start) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a message head");
            }
        }
    }

    /**
     * Exactly {@code length} body bytes, from what is buffered and then from the stream.
     *
     * @throws EOFException if the stream ends first
     */
    byte[] readBody(int length) throws IOException {
        while (end - start < length) {
            if (!fill()) {
                throw new EOFException("connection closed after " + (end - start) + " of " + length + " body bytes");
            }
        }
        byte[] body = new byte[length];
        System.arraycopy(buffer, start, body, 0, length);
        start += length;
        return body;
    }

    /** Index just past the blank line ending a head, searching from {@code from}; -1 if not there yet. */
    private int findHeadEnd(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (i + 1 < end && buffer[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private List<String> splitLines(int from, int headEnd) {
        List<String> lines = new ArrayList<>(8);
        int lineStart = from;
        for (int i = from; i < headEnd; i++) {
            if (buffer[i] == '\n') {
                int lineEnd = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == lineStart) {
                    break;
                }
                lines.add(new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
                lineStart = i + 1;
            }
        }
        return lines;
    }

    /** Reads more bytes into the buffer, making room first; false at end of stream. */
    private boolean fill() throws IOException {
        if (end == buffer.length) {
            int kept = end - start;
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, kept);
            } else {
                byte[] bigger = new byte[Math.min(buffer.length * 2, MAX_HEAD)];
                System.arraycopy(buffer, 0, bigger, 0, kept);
                buffer = bigger;
            }
            start = 0;
            end = kept;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
