package dev.jconcurrency.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Splitting a byte stream into HTTP heads and bodies, however the bytes happen to arrive. */
class HeadReaderTest {

    @Test
    void aHeadArrivingOneByteAtATimeIsReadWhole() throws Exception {
        HeadReader reader = new HeadReader(oneByteAtATime("GET /delay/5 HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(reader.readHead()).containsExactly("GET /delay/5 HTTP/1.1", "Host: x");
        assertThat(reader.readHead()).isNull();
    }

    @Test
    void bareLineFeedsEndLinesToo() throws Exception {
        HeadReader reader = new HeadReader(stream("GET / HTTP/1.1\nA: 1\n\n"));
        assertThat(reader.readHead()).containsExactly("GET / HTTP/1.1", "A: 1");
    }

    @Test
    void bytesAfterAHeadAreKeptForTheNextOne() throws Exception {
        HeadReader reader = new HeadReader(stream("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nC: d\r\n\r\n"));
        assertThat(reader.readHead()).containsExactly("GET /a HTTP/1.1");
        assertThat(reader.readHead()).containsExactly("GET /b HTTP/1.1", "C: d");
        assertThat(reader.readHead()).isNull();
    }

    /**
     * Regression: a head cut in two by a full buffer, whose second half arrives after the buffer was compacted,
     * and then nothing more (a keep-alive client waiting for its answer). The search for the blank line once
     * resumed at a stale index past the moved bytes, and the server waited for ever.
     */
    @Test
    void aHeadCutByAFullBufferIsFoundAfterTheBufferMoves() throws Exception {
        String head = "GET /delay/0 HTTP/1.1\r\nHost: 127.0.0.1:41473\r\n\r\n";
        int whole = HeadReader.INITIAL_BUFFER / head.length();
        int cut = HeadReader.INITIAL_BUFFER % head.length();
        assertThat(cut).as("the buffer ends inside a head").isPositive();
        String firstRead = head.repeat(whole) + head.substring(0, cut);
        HeadReader reader = new HeadReader(inReads(firstRead, head.substring(cut)));
        for (int i = 0; i <= whole; i++) {
            assertThat(reader.readHead()).as("head %d", i)
                .containsExactly("GET /delay/0 HTTP/1.1", "Host: 127.0.0.1:41473");
        }
        assertThat(reader.readHead()).isNull();
    }

    @Test
    void hundredsOfHeadsInChunksThatStraddleThemAreAllRead() throws Exception {
        String head = "GET /delay/0 HTTP/1.1\r\nHost: 127.0.0.1:41473\r\n\r\n";
        HeadReader reader = new HeadReader(inChunksOf(7, head.repeat(300)));
        for (int i = 0; i < 300; i++) {
            assertThat(reader.readHead()).as("head %d", i)
                .containsExactly("GET /delay/0 HTTP/1.1", "Host: 127.0.0.1:41473");
        }
        assertThat(reader.readHead()).isNull();
    }

    @Test
    void aBodyOfAGivenLengthFollowsItsHead() throws Exception {
        HeadReader reader = new HeadReader(
            oneByteAtATime("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 204\r\n\r\n"));
        assertThat(reader.readHead()).containsExactly("HTTP/1.1 200 OK", "Content-Length: 5");
        assertThat(new String(reader.readBody(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(reader.readHead()).containsExactly("HTTP/1.1 204");
    }

    @Test
    void aHeadOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
        String fits = "GET / HTTP/1.1\r\nX: " + "a".repeat(HeadReader.MAX_HEAD - 23) + "\r\n\r\n";
        assertThat(fits).hasSize(HeadReader.MAX_HEAD);
        assertThat(new HeadReader(stream(fits)).readHead()).hasSize(2);

        String tooLong = "GET / HTTP/1.1\r\nX: " + "a".repeat(HeadReader.MAX_HEAD - 22) + "\r\n\r\n";
        assertThatThrownBy(() -> new HeadReader(stream(tooLong)).readHead())
            .isExactlyInstanceOf(ProtocolException.class)
            .hasMessage("head longer than 8192 bytes");
    }

    @Test
    void aStreamEndingInsideAHeadIsAnEofException() {
        assertThatThrownBy(() -> new HeadReader(stream("GET / HTTP/1.1\r\nHost")).readHead())
            .isExactlyInstanceOf(EOFException.class)
            .hasMessage("connection closed in the middle of a message head");
    }

    @Test
    void aStreamEndingInsideABodyIsAnEofException() throws Exception {
        HeadReader reader = new HeadReader(stream("HTTP/1.1 200 OK\r\n\r\nhel"));
        assertThat(reader.readHead()).containsExactly("HTTP/1.1 200 OK");
        assertThatThrownBy(() -> reader.readBody(5))
            .isExactlyInstanceOf(EOFException.class)
            .hasMessage("connection closed after 3 of 5 body bytes");
    }

    @Test
    void anEmptyHeadReadsAsNoLines() throws Exception {
        assertThat(new HeadReader(stream("\r\n\r\n")).readHead()).isEqualTo(List.of());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Delivers one byte per read, the worst split a socket can produce. */
    private static InputStream oneByteAtATime(String text) {
        return inChunksOf(1, text);
    }

    /** Delivers each of {@code reads} in one read (as far as the reader's room allows), then the end. */
    private static InputStream inReads(String... reads) {
        Deque<ByteArrayInputStream> left = new ArrayDeque<>();
        for (String read : reads) {
            left.add(stream(read));
        }
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException("HeadReader reads into arrays");
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                while (!left.isEmpty() && left.peek().available() == 0) {
                    left.pop();
                }
                return left.isEmpty() ? -1 : left.peek().read(bytes, offset, length);
            }
        };
    }

    /** Delivers at most {@code chunk} bytes per read, as a socket may. */
    private static InputStream inChunksOf(int chunk, String text) {
        ByteArrayInputStream all = stream(text);
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                return length == 0 ? 0 : all.read(bytes, offset, Math.min(chunk, length));
            }
        };
    }
}
