package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The frame header is packed by hand (no {@code DataOutputStream.writeLong}, see {@link Wire#write}), so these
 * tests pin down that it is exactly the big-endian layout {@code DataOutputStream} would have written, and that
 * reading tells a clean end of stream from a cut-off frame.
 */
class WireTest {

    @Test
    void aFrameComesBackAsWrittenWhateverTheBitsOfItsNumbers() throws IOException {
        byte[] payload = {1, 2, 3, (byte) 0xFF};
        long[] numbers = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Wire.MAGIC, 0x80_00_00_00L, 0xFF_FF_FF_FFL};
        for (long id : numbers) {
            for (long aux : numbers) {
                Wire.Frame frame = Wire.read(input(bytes(Wire.TASK, id, aux, payload)), 1 << 20);

                assertThat(frame.type).isEqualTo(Wire.TASK);
                assertThat(frame.id).isEqualTo(id);
                assertThat(frame.aux).isEqualTo(aux);
                assertThat(frame.length).isEqualTo(payload.length);
                assertThat(frame.payload).containsExactly(payload);
            }
        }
    }

    @Test
    void theHeaderIsTheLayoutDataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.writeInt(2);
        data.writeByte(Wire.RESULT);
        data.writeLong(-5L);
        data.writeLong(Wire.MAGIC);
        data.write(new byte[] {7, 8});

        assertThat(bytes(Wire.RESULT, -5L, Wire.MAGIC, new byte[] {7, 8})).containsExactly(expected.toByteArray());
    }

    @Test
    void theEndOfTheStreamBetweenFramesIsNoFrame() throws IOException {
        DataInputStream in = input(bytes(Wire.READY, 0, 0, new byte[0]));

        assertThat(Wire.read(in, 0).type).isEqualTo(Wire.READY);
        assertThat(Wire.read(in, 0)).isNull();
    }

    @Test
    void aStreamThatEndsInsideAHeaderIsAnError() throws IOException {
        byte[] whole = bytes(Wire.TASK, 3, 4, new byte[] {9});
        for (int cut = 1; cut < Wire.HEADER_BYTES; cut++) {
            DataInputStream in = input(Arrays.copyOf(whole, cut));

            assertThatThrownBy(() -> Wire.read(in, 100)).as("cut after %d bytes", cut).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aStreamThatEndsInsideAPayloadIsAnError() throws IOException {
        byte[] whole = bytes(Wire.TASK, 3, 4, new byte[] {9, 9, 9});
        DataInputStream in = input(Arrays.copyOf(whole, whole.length - 1));

        assertThatThrownBy(() -> Wire.read(in, 100)).isInstanceOf(EOFException.class);
    }

    @Test
    void aNegativeLengthIsRefused() {
        byte[] frame = bytes(Wire.TASK, 1, 0, new byte[0]);
        frame[0] = (byte) 0x80; // the length's sign bit

        assertThatThrownBy(() -> Wire.read(input(frame), 100)).isInstanceOf(StreamCorruptedException.class)
            .hasMessageContaining("negative frame length");
    }

    @Test
    void aPayloadOverTheLimitIsSkippedAndTheNextFrameIsStillRead() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(bytes(Wire.RESULT, 1, 0, new byte[100]));
        both.write(bytes(Wire.RESULT, 2, 0, new byte[] {42}));
        DataInputStream in = input(both.toByteArray());

        Wire.Frame skipped = Wire.read(in, 10);
        Wire.Frame next = Wire.read(in, 10);

        assertThat(skipped.payload).isNull();
        assertThat(skipped.length).isEqualTo(100);
        assertThat(next.id).isEqualTo(2);
        assertThat(next.payload).containsExactly(42);
    }

    private static byte[] bytes(byte type, long id, long aux, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Wire.write(out, type, id, aux, payload, payload.length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
