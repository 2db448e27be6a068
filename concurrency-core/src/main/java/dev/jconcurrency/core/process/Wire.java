package dev.jconcurrency.core.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;

/**
 * The pool's framed protocol over a worker's stdin (parent to worker) and stdout (worker to parent).
 *
 * <p>A frame is {@code int payloadLength, byte type, long id, long aux, payload}. Payloads are Java
 * serialization streams, one fresh stream per frame, so frames are independent: a frame can be skipped or go to
 * any worker, and no stream state (back-references, class descriptors) grows without bound. Every read is
 * bounded: a length above the limit is never allocated.
 *
 * <p>This class is loaded by every worker at start-up, so it avoids lambdas and string formatting (each costs
 * class loading and method-handle spinning in a cold JVM).
 */
final class Wire {

    /** First frame a worker writes, aux = this value: anything else on its stdout means it is not our worker. */
    static final long MAGIC = 0x4A436F6E63505031L; // "JConcPP1"

    // parent -> worker
    static final byte INIT = 1;      // payload: serialized initializer, or empty
    static final byte TASK = 2;      // id: task id; payload: serialized Callable
    static final byte CANCEL = 3;    // id: a task sent earlier that must not start
    // worker -> parent
    static final byte HELLO = 10;    // aux: MAGIC
    static final byte READY = 11;    // the initializer ran
    static final byte INIT_FAILED = 12; // payload: serialized Throwable
    static final byte RESULT = 13;   // id, aux: nanoseconds the task took, payload: serialized result
    static final byte FAILURE = 14;  // id, aux: nanoseconds, payload: serialized Throwable
    static final byte SKIPPED = 15;  // id: a cancelled task that was never started

    static final int HEADER_BYTES = 4 + 1 + 8 + 8;

    private Wire() {
    }

    /** A frame as read; {@link #payload} is exactly the payload's bytes, or null when it was too large. */
    static final class Frame {
        final byte type;
        final long id;
        final long aux;
        final byte[] payload;
        final int length;

        Frame(byte type, long id, long aux, byte[] payload, int length) {
            this.type = type;
            this.id = id;
            this.aux = aux;
            this.payload = payload;
            this.length = length;
        }
    }

    static void write(DataOutputStream out, byte type, long id, long aux, byte[] payload, int length)
        throws IOException {
        // The header is assembled by hand: DataOutputStream.writeInt and writeLong go through VarHandles, whose
        // first use costs a freshly started JVM 1 to 2 ms of CPU, on the path of every worker's start.
        byte[] header = new byte[HEADER_BYTES];
        putInt(header, 0, length);
        header[4] = type;
        putLong(header, 5, id);
        putLong(header, 13, aux);
        out.write(header);
        if (length > 0) {
            out.write(payload, 0, length);
        }
    }

    /**
     * Reads one frame, or returns null at a clean end of stream (between frames). A payload longer than
     * {@code maxPayload} is skipped, not read into memory, and the frame is returned with a null payload.
     */
    static Frame read(DataInputStream in, long maxPayload) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] header = new byte[HEADER_BYTES];
        header[0] = (byte) first;
        in.readFully(header, 1, HEADER_BYTES - 1); // by hand, as in write: no VarHandles in a cold JVM
        int length = getInt(header, 0);
        if (length < 0) {
            throw new StreamCorruptedException("negative frame length " + length);
        }
        byte type = header[4];
        long id = getLong(header, 5);
        long aux = getLong(header, 13);
        if (length > maxPayload) {
            in.skipNBytes(length);
            return new Frame(type, id, aux, null, length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, id, aux, payload, length);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static void putLong(byte[] bytes, int at, long value) {
        putInt(bytes, at, (int) (value >>> 32));
        putInt(bytes, at + 4, (int) value);
    }

    private static int getInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
            | (bytes[at + 3] & 0xFF);
    }

    private static long getLong(byte[] bytes, int at) {
        return (long) getInt(bytes, at) << 32 | (getInt(bytes, at + 4) & 0xFFFF_FFFFL);
    }

    /** A byte buffer whose array can be written out without a copy. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    /** Serializes {@code value} into {@code buffer} (reset first); one fresh stream per value. */
    static void serialize(Object value, Buffer buffer) throws IOException {
        buffer.reset();
        serializeAppending(value, buffer);
    }

    /** Appends one fresh Java serialization stream of {@code value} to what {@code buffer} holds. */
    static void serializeAppending(Object value, Buffer buffer) throws IOException {
        ObjectOutputStream out = new ObjectOutputStream(buffer);
        out.writeObject(value);
        out.flush();
    }

    static byte[] serialize(Object value) throws IOException {
        Buffer buffer = new Buffer(512);
        serialize(value, buffer);
        return buffer.toByteArray();
    }

    /**
     * Reads one object under the {@link Limits}; a rejection is reported as an {@link InvalidClassException}
     * that says which limit was exceeded.
     */
    static Object deserialize(byte[] bytes, Limits limits) throws IOException, ClassNotFoundException {
        return deserialize(bytes, 0, limits);
    }

    /** As {@link #deserialize(byte[], Limits)}, for a stream that starts at {@code offset}. */
    static Object deserialize(byte[] bytes, int offset, Limits limits) throws IOException, ClassNotFoundException {
        Limits.Filter filter = limits.newFilter();
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
        in.setObjectInputFilter(filter);
        try {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejection() != null) {
                InvalidClassException rejected = new InvalidClassException("rejected by the deserialization limits ("
                    + filter.rejection() + "; all limits: " + limits + ")");
                rejected.initCause(e);
                throw rejected;
            }
            throw e;
        }
    }

    /** A serialized throwable; if it cannot be serialized, a {@link RemoteTaskException} standing in for it. */
    static byte[] serializeThrowable(Throwable failure) {
        try {
            return serialize(failure);
        } catch (IOException | RuntimeException e) {
            try {
                return serialize(RemoteTaskException.of(failure, "it could not be sent to the parent JVM as is: "
                    + e));
            } catch (IOException | RuntimeException again) {
                try {
                    return serialize(new RemoteTaskException(failure.getClass().getName(), null,
                        "neither it nor a copy of it could be serialized"));
                } catch (IOException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }

    /** The message for a value that cannot travel: says which class is at fault and what to change. */
    static NotSerializableException notSerializable(String what, Object value, Exception e) {
        String culprit = e instanceof NotSerializableException ? e.getMessage() : String.valueOf(e);
        NotSerializableException failure = new NotSerializableException(what + " (" + value.getClass().getName()
            + ") cannot be serialized: " + culprit + " is not Serializable");
        failure.initCause(e);
        return failure;
    }
}
