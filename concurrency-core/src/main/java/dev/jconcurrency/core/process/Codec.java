package dev.jconcurrency.core.process;

import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How tasks, initializers and results travel through the pool's pipes: a compact encoding for the values most
 * tasks are made of, and Java serialization for everything else.
 *
 * <p>Why not Java serialization for everything: in a JVM that has never used it, the first
 * {@code ObjectInputStream} costs about 30 ms of CPU (its filter configuration looks up the logging backend by
 * scanning the class path, and every class descriptor is built by reflection), and the first
 * {@code ObjectOutputStream} of a {@code BigInteger} about 12 ms more (the {@code byte[]} inside it gets a
 * serialVersionUID computed with SHA-1). A worker JVM pays those once, but a worker JVM that lives for three small
 * tasks pays them on the critical path: they were most of the 200 ms the seed's multiprocessing section took
 * (JDK 25, 2-core VM). Python's pickle has the same two layers: short opcodes for ints, strings and lists, and
 * functions sent by their qualified name.
 *
 * <p>What this encoding covers, each value decoded to an equal value of the same class:
 * <ul>
 *   <li>{@code null}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Double}, {@link String},
 *       {@link BigInteger}, {@link Duration} and {@code byte[]};
 *   <li>{@link ArrayList}s of such values, each list appearing once in the value (shared or cyclic lists go to
 *       Java serialization, which keeps the sharing);
 *   <li>serializable <b>records</b> whose components are such values (or {@code int}, {@code long},
 *       {@code double}, {@code boolean}): sent as their class name and components, and rebuilt with their
 *       canonical constructor, which is exactly how Java serialization rebuilds a record;
 *   <li>in tasks only, going to a worker, serializable objects of a class <b>without instance fields</b> (a
 *       function written as a named class, such as the seed's {@code cpu_bound_task}): sent as their class name,
 *       and made in the worker with the class's no-argument constructor. That is Python's pickle sending a
 *       module-level function by name. (Java serialization would not run that constructor, only
 *       {@code Object}'s: a field-less class whose constructor has side effects sees them once per task here.
 *       The parent, which trusts its workers' bytes less than they trust its own, never makes objects this way:
 *       a result of such a class travels by Java serialization.)
 * </ul>
 * Classes with serialization methods of their own ({@code writeReplace}, {@code readResolve},
 * {@code writeObject}, {@code readObject}, {@code readObjectNoData}), {@code Externalizable} ones, enums,
 * lambdas, proxies (which have a field), and classes not on the system class loader always go through Java serialization, as does any
 * value with a part that is not covered.
 *
 * <p>Decoding keeps the pool's {@link Limits} (depth, lengths, number of values; the frame's bytes are already
 * bounded) and, wherever a class is named, the JVM-wide {@link ObjectInputFilter} when one is set, as
 * {@code ObjectInputStream} would. In a worker JVM that filter is looked up only if it was configured with the
 * {@code jdk.serialFilter} or {@code jdk.serialFilterFactory} property, or an initializer (which could have set
 * one) ran: looking it up is the cost this class exists to avoid.
 */
final class Codec {

    // The first byte of every encoded value.
    static final byte JAVA = 0;       // the rest is one Java serialization stream
    static final byte NULL = 1;
    static final byte TRUE = 2;
    static final byte FALSE = 3;
    static final byte INT = 4;        // 4 bytes
    static final byte LONG = 5;       // 8 bytes
    static final byte DOUBLE = 6;     // 8 bytes
    static final byte STRING = 7;     // int length, then that many UTF-16 chars (2 bytes each)
    static final byte BIG_INTEGER = 8; // int length, then BigInteger.toByteArray()
    static final byte DURATION = 9;   // long seconds, int nanos
    static final byte BYTES = 10;     // int length, then the bytes
    static final byte LIST = 11;      // int size, then the elements (an ArrayList)
    static final byte RECORD = 12;    // class name (a STRING body), int count, then the components
    static final byte INSTANCE = 13;  // class name (a STRING body) of a class without instance fields
    static final byte CHUNK = 14;     // a map chunk: the function, then the inputs (a LIST)
    static final byte RUNNABLE = 15;  // a runnable sent as a callable: the runnable

    private static final Shape NOT_COVERED = new Shape(null, null, null);

    /** Per class: how its instances are encoded, worked out once (reflection is the slow part). */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shapeOf(type);
        }
    };

    /**
     * Whether class-naming values must pass the JVM-wide filter in this JVM. Set in the worker once it knows
     * whether an initializer ran; the parent always asks the filter.
     */
    private static volatile boolean consultJvmWideFilter = true;

    private Codec() {
    }

    /** Called by a worker JVM before it decodes anything: see the class comment. */
    static void workerJvm(boolean initializerRan) {
        consultJvmWideFilter = initializerRan || System.getProperty("jdk.serialFilter") != null
            || System.getProperty("jdk.serialFilterFactory") != null;
    }

    // ------------------------------------------------------------------------------------------------ encode

    /**
     * Encodes a task or initializer, going to a worker: compactly if it is covered, else as a Java serialization
     * stream.
     *
     * @throws NotSerializableException if {@code value} is not covered and Java serialization refuses it
     * @throws IOException if Java serialization fails otherwise
     */
    static byte[] encode(Object value) throws IOException {
        Wire.Buffer buffer = new Wire.Buffer(256);
        encode(value, buffer, true);
        return buffer.toByteArray();
    }

    /**
     * Encodes a result, going to the parent, into {@code buffer} (reset first). Objects without fields go by Java
     * serialization here: the parent never makes one by name (see {@link #decodeResult}).
     *
     * @throws NotSerializableException if {@code value} is not covered and Java serialization refuses it
     * @throws IOException if Java serialization fails otherwise
     */
    static void encodeResult(Object value, Wire.Buffer buffer) throws IOException {
        encode(value, buffer, false);
    }

    private static void encode(Object value, Wire.Buffer buffer, boolean byName) throws IOException {
        buffer.reset();
        Encoder encoder = new Encoder(buffer, byName);
        if (encoder.value(value, 0)) {
            return;
        }
        buffer.reset();
        buffer.write(JAVA);
        Wire.serializeAppending(value, buffer);
    }

    /** Whether {@code value}, going to a worker, would be encoded without Java serialization; for tests. */
    static boolean covers(Object value) {
        return new Encoder(new Wire.Buffer(64), true).value(value, 0);
    }

    private static final class Encoder {
        private static final int MAX_DEPTH = 64; // deeper values are rare: Java serialization handles them
        private final Wire.Buffer out;
        private final boolean byName;
        private final Map<Object, Boolean> lists = new IdentityHashMap<>();

        Encoder(Wire.Buffer out, boolean byName) {
            this.out = out;
            this.byName = byName;
        }

        /** Writes {@code value}; false, with the buffer in an undefined state, if it is not covered. */
        boolean value(Object value, int depth) {
            if (depth > MAX_DEPTH) {
                return false;
            }
            if (value == null) {
                out.write(NULL);
            } else if (value instanceof Boolean b) {
                out.write(b ? TRUE : FALSE);
            } else if (value.getClass() == Integer.class) {
                out.write(INT);
                writeInt((Integer) value);
            } else if (value.getClass() == Long.class) {
                out.write(LONG);
                writeLong((Long) value);
            } else if (value.getClass() == Double.class) {
                out.write(DOUBLE);
                writeLong(Double.doubleToRawLongBits((Double) value));
            } else if (value instanceof String s) {
                out.write(STRING);
                writeString(s);
            } else if (value.getClass() == BigInteger.class) {
                out.write(BIG_INTEGER);
                writeBytes(((BigInteger) value).toByteArray());
            } else if (value instanceof Duration d) {
                out.write(DURATION);
                writeLong(d.getSeconds());
                writeInt(d.getNano());
            } else if (value instanceof byte[] bytes) {
                out.write(BYTES);
                writeBytes(bytes);
            } else if (value.getClass() == ArrayList.class) {
                if (lists.put(value, Boolean.TRUE) != null) {
                    return false; // shared or cyclic: only Java serialization keeps that
                }
                ArrayList<?> list = (ArrayList<?>) value;
                out.write(LIST);
                writeInt(list.size());
                for (Object element : list) {
                    if (!value(element, depth + 1)) {
                        return false;
                    }
                }
            } else if (value instanceof ProcessPool.ChunkTask chunk) {
                out.write(CHUNK);
                return value(chunk.fn, depth + 1) && value(chunk.inputs, depth + 1);
            } else if (value instanceof ProcessPool.RunnableTask task) {
                out.write(RUNNABLE);
                return value(task.runnable, depth + 1);
            } else {
                return object(value, depth);
            }
            return true;
        }

        private boolean object(Object value, int depth) {
            Shape shape = SHAPES.get(value.getClass());
            if (shape == NOT_COVERED) {
                return false;
            }
            if (shape.components == null) {
                if (!byName) {
                    return false;
                }
                out.write(INSTANCE);
                writeString(value.getClass().getName());
                return true;
            }
            out.write(RECORD);
            writeString(value.getClass().getName());
            writeInt(shape.components.length);
            for (Field field : shape.components) {
                Object component;
                try {
                    component = field.get(value);
                } catch (IllegalAccessException e) {
                    return false; // let Java serialization try
                }
                if (!value(component, depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        // One write per number: ByteArrayOutputStream's methods are synchronized, a lock per call.
        private final byte[] scratch = new byte[8];

        private void writeInt(int v) {
            scratch[0] = (byte) (v >>> 24);
            scratch[1] = (byte) (v >>> 16);
            scratch[2] = (byte) (v >>> 8);
            scratch[3] = (byte) v;
            out.write(scratch, 0, 4);
        }

        private void writeLong(long v) {
            for (int i = 0; i < 8; i++) {
                scratch[i] = (byte) (v >>> (56 - 8 * i));
            }
            out.write(scratch, 0, 8);
        }

        private void writeBytes(byte[] bytes) {
            writeInt(bytes.length);
            out.write(bytes, 0, bytes.length);
        }

        /** UTF-16 code units as they are: every String, unpaired surrogates included, comes back equal. */
        private void writeString(String s) {
            char[] chars = s.toCharArray();
            writeInt(chars.length);
            byte[] bytes = new byte[2 * chars.length];
            for (int i = 0; i < chars.length; i++) {
                bytes[2 * i] = (byte) (chars[i] >>> 8);
                bytes[2 * i + 1] = (byte) chars[i];
            }
            out.write(bytes, 0, bytes.length);
        }
    }

    // ------------------------------------------------------------------------------------------------ decode

    /**
     * Decodes a task or initializer that {@link #encode} wrote, in a worker, under {@code limits}.
     *
     * @throws InvalidClassException if a limit or the JVM-wide filter rejects it, or it names a class that is
     *     not what the encoding says it is
     * @throws StreamCorruptedException if the bytes are not an encoded value
     * @throws ClassNotFoundException if it names a class this JVM does not have
     * @throws IOException if its Java serialization stream cannot be read
     */
    static Object decode(byte[] bytes, Limits limits) throws IOException, ClassNotFoundException {
        return decode(bytes, limits, true);
    }

    /**
     * Decodes a result that {@link #encodeResult} wrote, in the parent, under {@code limits}. Unlike a worker, the
     * parent never makes an object by name: its constructor would run, which Java serialization never does, and
     * the bytes come from a worker, where the code you trust least runs. A record is still rebuilt through its
     * canonical constructor, as Java serialization rebuilds it.
     *
     * @throws InvalidClassException as {@link #decode}, and for an object named without its fields
     * @throws StreamCorruptedException if the bytes are not an encoded value
     * @throws ClassNotFoundException if it names a class this JVM does not have
     * @throws IOException if its Java serialization stream cannot be read
     */
    static Object decodeResult(byte[] bytes, Limits limits) throws IOException, ClassNotFoundException {
        return decode(bytes, limits, false);
    }

    private static Object decode(byte[] bytes, Limits limits, boolean byName)
        throws IOException, ClassNotFoundException {
        if (bytes.length == 0) {
            throw new StreamCorruptedException("empty payload");
        }
        if (bytes[0] == JAVA) {
            return Wire.deserialize(bytes, 1, limits);
        }
        Decoder decoder = new Decoder(bytes, limits, byName);
        Object value = decoder.value(1);
        if (decoder.position != bytes.length) {
            throw new StreamCorruptedException((bytes.length - decoder.position) + " B left after the value");
        }
        return value;
    }

    private static final class Decoder {
        private final byte[] in;
        private final Limits limits;
        private final boolean byName;
        private int position;
        private long values;

        Decoder(byte[] in, Limits limits, boolean byName) {
            this.in = in;
            this.limits = limits;
            this.byName = byName;
        }

        Object value(int depth) throws IOException, ClassNotFoundException {
            if (depth > limits.maxDepth) {
                throw rejected("object graph depth " + depth + " exceeds maxdepth=" + limits.maxDepth);
            }
            if (++values > limits.maxRefs) {
                throw rejected("reference count " + values + " exceeds maxrefs=" + limits.maxRefs);
            }
            byte tag = readByte();
            return switch (tag) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case INT -> readInt();
                case LONG -> readLong();
                case DOUBLE -> Double.longBitsToDouble(readLong());
                case STRING -> readString();
                case BIG_INTEGER -> {
                    byte[] magnitude = readBytes();
                    if (magnitude.length == 0) {
                        throw new StreamCorruptedException("a BigInteger of no bytes");
                    }
                    yield new BigInteger(magnitude);
                }
                case DURATION -> Duration.ofSeconds(readLong(), readInt());
                case BYTES -> readBytes();
                case LIST -> {
                    int size = readLength(1); // every element takes at least one byte
                    ArrayList<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(value(depth + 1));
                    }
                    yield list;
                }
                case RECORD -> record(depth);
                case INSTANCE -> instance(depth);
                case CHUNK -> {
                    Object fn = value(depth + 1);
                    Object inputs = value(depth + 1);
                    if (!(fn instanceof SerializableFunction<?, ?> function) || !(inputs instanceof ArrayList<?>)) {
                        throw new StreamCorruptedException("a map chunk of " + describe(fn) + " and "
                            + describe(inputs));
                    }
                    @SuppressWarnings("unchecked")
                    ArrayList<Object> list = (ArrayList<Object>) inputs;
                    yield new ProcessPool.ChunkTask(function, list);
                }
                case RUNNABLE -> {
                    Object runnable = value(depth + 1);
                    if (!(runnable instanceof Runnable r)) {
                        throw new StreamCorruptedException("a runnable task of " + describe(runnable));
                    }
                    yield new ProcessPool.RunnableTask(r);
                }
                default -> throw new StreamCorruptedException("unknown value tag " + tag + " at byte "
                    + (position - 1));
            };
        }

        private Object record(int depth) throws IOException, ClassNotFoundException {
            Class<?> type = namedClass(depth);
            Shape shape = SHAPES.get(type);
            if (shape == NOT_COVERED || shape.components == null) {
                throw new InvalidClassException(type.getName(), "not a serializable record without"
                    + " writeReplace or readResolve, whose components this encoding covers");
            }
            int count = readInt();
            if (count != shape.components.length) {
                throw new InvalidClassException(type.getName(), count + " components sent, "
                    + shape.components.length + " expected");
            }
            Class<?>[] types = shape.constructor.getParameterTypes();
            Object[] args = new Object[count];
            for (int i = 0; i < count; i++) {
                Object component = value(depth + 1);
                Class<?> expected = types[i].isPrimitive() ? boxed(types[i]) : types[i];
                if (component == null ? types[i].isPrimitive() : !expected.isInstance(component)) {
                    throw new InvalidClassException(type.getName(), "component " + i + " is " + describe(component)
                        + ", not " + types[i].getName());
                }
                args[i] = component;
            }
            // as ObjectInputStream reports a record's canonical constructor that throws
            return construct(shape, args, " rejected its components: ");
        }

        private Object instance(int depth) throws IOException, ClassNotFoundException {
            if (!byName) {
                throw new InvalidClassException("an object named without its fields, which only a worker makes: "
                    + readString());
            }
            Class<?> type = namedClass(depth);
            Shape shape = SHAPES.get(type);
            if (shape == NOT_COVERED || shape.components != null) {
                throw new InvalidClassException(type.getName(), "not a serializable class without instance fields"
                    + " or serialization methods, with a no-argument constructor");
            }
            return construct(shape, new Object[0], "'s no-argument constructor threw ");
        }

        /** Runs the shape's constructor; what it throws becomes an InvalidObjectException saying {@code what}. */
        private static Object construct(Shape shape, Object[] args, String what) throws IOException {
            try {
                return shape.constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                InvalidObjectException failure = new InvalidObjectException(shape.type.getName() + what
                    + e.getCause());
                failure.initCause(e.getCause());
                throw failure;
            } catch (ReflectiveOperationException e) {
                throw (InvalidClassException) new InvalidClassException(shape.type.getName(), e.toString())
                    .initCause(e);
            }
        }

        private Class<?> namedClass(int depth) throws IOException, ClassNotFoundException {
            String name = readString();
            Class<?> type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
            if (consultJvmWideFilter) {
                ObjectInputFilter filter = ObjectInputFilter.Config.getSerialFilter();
                if (filter != null) {
                    ObjectInputFilter.Status status = filter.checkInput(new Info(type, depth, values, position));
                    if (status == ObjectInputFilter.Status.REJECTED) {
                        throw new InvalidClassException(name, "rejected by the JVM-wide serialization filter");
                    }
                }
            }
            return type;
        }

        private InvalidClassException rejected(String why) {
            return new InvalidClassException("rejected by the deserialization limits (" + why + "; all limits: "
                + limits + ")");
        }

        private void need(long bytes) throws StreamCorruptedException {
            if (bytes > in.length - position) {
                throw new StreamCorruptedException("value cut short at byte " + position + ": " + bytes
                    + " B more expected, " + (in.length - position) + " B left");
            }
        }

        /** A length, checked against maxarray and against the bytes left ({@code bytesEach} per element). */
        private int readLength(int bytesEach) throws IOException {
            int length = readInt();
            if (length < 0) {
                throw new StreamCorruptedException("negative length " + length + " at byte " + (position - 4));
            }
            if (length > limits.maxArray) {
                throw rejected("array length " + length + " exceeds maxarray=" + limits.maxArray);
            }
            need((long) length * bytesEach);
            return length;
        }

        private byte readByte() throws StreamCorruptedException {
            need(1);
            return in[position++];
        }

        private int readInt() throws StreamCorruptedException {
            need(4);
            int v = ((in[position] & 0xFF) << 24) | ((in[position + 1] & 0xFF) << 16)
                | ((in[position + 2] & 0xFF) << 8) | (in[position + 3] & 0xFF);
            position += 4;
            return v;
        }

        private long readLong() throws StreamCorruptedException {
            long high = readInt();
            return (high << 32) | (readInt() & 0xFFFF_FFFFL);
        }

        private byte[] readBytes() throws IOException {
            int length = readLength(1);
            byte[] bytes = new byte[length];
            System.arraycopy(in, position, bytes, 0, length);
            position += length;
            return bytes;
        }

        private String readString() throws IOException {
            int length = readLength(2);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (((in[position] & 0xFF) << 8) | (in[position + 1] & 0xFF));
                position += 2;
            }
            return new String(chars);
        }
    }

    /** What the JVM-wide filter is told about a named class, as ObjectInputStream would tell it. */
    private record Info(Class<?> serialClass, long depth, long references, long streamBytes)
        implements ObjectInputFilter.FilterInfo {

        @Override
        public long arrayLength() {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------------ shapes

    /**
     * How instances of one class are encoded: a record ({@code components}, its component fields in order, and
     * its canonical {@code constructor}), a field-less class ({@code components} null, its no-argument
     * {@code constructor}), or {@link #NOT_COVERED}. A record's fields, not its accessors, are what Java
     * serialization writes, and an accessor may be written to return something else.
     */
    private record Shape(Class<?> type, Field[] components, Constructor<?> constructor) {
    }

    private static Shape shapeOf(Class<?> type) {
        try {
            if (!Serializable.class.isAssignableFrom(type) || Externalizable.class.isAssignableFrom(type)
                || type.isEnum() || type.isHidden() || type.isArray() || type.isInterface()
                || Modifier.isAbstract(type.getModifiers()) || !onSystemLoader(type)) {
                // (A Proxy instance has a field, its handler, so the field check below turns proxies away.)
                return NOT_COVERED;
            }
            if (type.isRecord()) {
                return recordShape(type);
            }
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (var field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        return NOT_COVERED;
                    }
                }
                if (declares(c, "writeReplace") || declares(c, "readResolve") || declares(c, "writeObject")
                    || declares(c, "readObject") || declares(c, "readObjectNoData")) {
                    return NOT_COVERED;
                }
            }
            Constructor<?> constructor = type.getDeclaredConstructor();
            return constructor.trySetAccessible() ? new Shape(type, null, constructor) : NOT_COVERED;
        } catch (NoSuchMethodException | NoSuchFieldException | RuntimeException | LinkageError e) {
            return NOT_COVERED; // no no-argument constructor, or reflection refused: Java serialization decides
        }
    }

    private static Shape recordShape(Class<?> type) throws NoSuchMethodException, NoSuchFieldException {
        if (declares(type, "writeReplace") || declares(type, "readResolve")) {
            return NOT_COVERED;
        }
        RecordComponent[] components = type.getRecordComponents();
        Field[] fields = new Field[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            if (componentType.isPrimitive() && componentType != int.class && componentType != long.class
                && componentType != double.class && componentType != boolean.class) {
                return NOT_COVERED;
            }
            fields[i] = type.getDeclaredField(components[i].getName());
            types[i] = componentType;
            if (!fields[i].trySetAccessible()) {
                return NOT_COVERED;
            }
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.trySetAccessible() ? new Shape(type, fields, constructor) : NOT_COVERED;
    }

    private static boolean declares(Class<?> type, String method) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(method) && !Modifier.isStatic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a worker, which looks classes up by name on the system class loader, finds this very class. */
    private static boolean onSystemLoader(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, ClassLoader.getSystemClassLoader()) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Class<?> boxed(Class<?> primitive) {
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == double.class) {
            return Double.class;
        }
        return Boolean.class;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
