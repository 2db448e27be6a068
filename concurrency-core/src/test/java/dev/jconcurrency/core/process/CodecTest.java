package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What travels compactly and what through Java serialization, and that both come back equal. The compact form is
 * there for speed in a cold worker JVM (see {@link Codec}); these tests pin down that it changes nothing else.
 */
class CodecTest {

    // The shapes a task or a result can have.

    /** A function with no fields: travels by name. */
    static final class Square implements SerializableFunction<Long, Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long apply(Long n) {
            return n * n;
        }
    }

    /** A function with state: Java serialization. */
    static final class Add implements SerializableFunction<Long, Long> {
        @Serial
        private static final long serialVersionUID = 1L;
        final long amount;

        Add(long amount) {
            this.amount = amount;
        }

        @Override
        public Long apply(Long n) {
            return n + amount;
        }
    }

    /** No fields, but it replaces itself when read: Java serialization, which honours that. */
    static final class Resolving implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return "resolved";
        }
    }

    record Point(int x, long y, double z, boolean on, String label, Duration pause) implements Serializable {
    }

    record Pair(Object first, Object second) implements Serializable {
    }

    record Positive(int value) implements Serializable {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive: " + value);
            }
        }
    }

    record Small(short value) implements Serializable {
    }

    /** An accessor that does not return its field: Java serialization writes the field, and so must we. */
    record Cents(long value) implements Serializable {
        @Override
        public long value() {
            return value / 100;
        }
    }

    record NotSerializable(int value) {
    }

    static Stream<Object> covered() {
        ArrayList<Object> mixed = new ArrayList<>(Arrays.asList(1, 2L, 3.5, "four", null, true, false));
        ArrayList<Object> nested = new ArrayList<>(List.of(new ArrayList<>(List.of("a")), new ArrayList<>()));
        return Stream.of(null, true, false, 0, -1, Integer.MIN_VALUE, Long.MAX_VALUE, -0.0, Double.NaN, "",
            "ascii", "ünïcödé \uD83D\uDE00", "\uD800 an unpaired surrogate", BigInteger.ZERO, BigInteger.ONE.negate(),
            new BigInteger("333333283333335000000"), Duration.ZERO, Duration.ofSeconds(-5, 7), new byte[] {1, -2, 3},
            new byte[0], mixed, nested,
            new Point(1, 2, 3.5, true, "p", Duration.ofMillis(10)), new Pair(new Square(), new Positive(3)),
            new Pair(null, new ArrayList<>(List.of(4L))), new Square());
    }

    @ParameterizedTest
    @MethodSource("covered")
    void coveredValuesTravelCompactlyAndComeBackEqualAndOfTheSameClass(Object value) throws Exception {
        byte[] bytes = Codec.encode(value);

        assertThat(bytes[0]).isNotEqualTo(Codec.JAVA);
        Object back = Codec.decode(bytes, Limits.DEFAULT);
        if (value instanceof Square) {
            assertThat(back).isInstanceOf(Square.class).isNotSameAs(value);
        } else if (value instanceof Pair pair && pair.first() instanceof Square) {
            assertThat(((Pair) back).first()).isInstanceOf(Square.class);
            assertThat(((Pair) back).second()).isEqualTo(pair.second());
        } else {
            assertThat(back).isEqualTo(value);
        }
        if (value != null) {
            assertThat(back).hasSameClassAs(value);
        }
    }

    static Stream<Object> notCovered() {
        ArrayList<Object> shared = new ArrayList<>(List.of("x"));
        ArrayList<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        return Stream.of(new Add(3), new HashMap<>(java.util.Map.of("k", 1)), List.of(1, 2),
            new int[] {1}, (short) 1, 1.5f, 'c', TimeUnit.SECONDS, new Small((short) 1),
            new ArrayList<>(List.of(new Add(1))), new Pair(shared, shared), cyclic);
    }

    @ParameterizedTest
    @MethodSource("notCovered")
    void everythingElseTravelsByJavaSerialization(Object value) throws Exception {
        byte[] bytes = Codec.encode(value);

        assertThat(bytes[0]).isEqualTo(Codec.JAVA);
        assertThat(Codec.covers(value)).isFalse();
        Object back = Codec.decode(bytes, Limits.DEFAULT);
        assertThat(back).hasSameClassAs(value);
    }

    @Test
    void aLambdaTravelsByJavaSerializationAndRunsOnTheOtherSide() throws Exception {
        int captured = 6;
        SerializableCallable<Integer> lambda = () -> captured * 7;

        byte[] bytes = Codec.encode(lambda);

        assertThat(bytes[0]).isEqualTo(Codec.JAVA);
        assertThat(((SerializableCallable<?>) Codec.decode(bytes, Limits.DEFAULT)).call()).isEqualTo(42);
    }

    @Test
    void theParentNeverMakesAnObjectByNameSoSuchResultsGoByJavaSerialization() throws Exception {
        Wire.Buffer result = new Wire.Buffer(64);
        Codec.encodeResult(new Pair(new Square(), 1L), result);

        assertThat(result.array()[0]).isEqualTo(Codec.JAVA);
        assertThat(((Pair) Codec.decodeResult(result.toByteArray(), Limits.DEFAULT)).first())
            .isInstanceOf(Square.class);
        assertThatThrownBy(() -> Codec.decodeResult(Codec.encode(new Square()), Limits.DEFAULT))
            .isInstanceOf(InvalidClassException.class).hasMessageContaining("named without its fields")
            .hasMessageContaining(Square.class.getName());
    }

    @Test
    void aRecordResultTravelsCompactlyAndIsRebuiltInTheParent() throws Exception {
        Point point = new Point(1, 2, 3.5, true, "p", Duration.ofMillis(10));
        Wire.Buffer result = new Wire.Buffer(64);
        Codec.encodeResult(point, result);

        assertThat(result.array()[0]).isEqualTo(Codec.RECORD);
        assertThat(Codec.decodeResult(result.toByteArray(), Limits.DEFAULT)).isEqualTo(point);
    }

    @Test
    void aRecordTravelsByItsFieldsNotItsAccessorsAsJavaSerializationWouldHaveIt() throws Exception {
        Cents back = (Cents) Codec.decode(Codec.encode(new Cents(1234)), Limits.DEFAULT);

        assertThat(back).isEqualTo(new Cents(1234));
    }

    @Test
    void aSharedListStaysSharedBecauseJavaSerializationCarriesIt() throws Exception {
        ArrayList<Object> shared = new ArrayList<>(List.of("x"));

        Pair back = (Pair) Codec.decode(Codec.encode(new Pair(shared, shared)), Limits.DEFAULT);

        assertThat(back.first()).isSameAs(back.second());
    }

    @Test
    void readResolveIsHonouredAsJavaSerializationWouldHonourIt() throws Exception {
        assertThat(Codec.encode(new Resolving())[0]).isEqualTo(Codec.JAVA);
        assertThat(Codec.decode(Codec.encode(new Resolving()), Limits.DEFAULT)).isEqualTo("resolved");
    }

    @Test
    void aRecordIsRebuiltThroughItsCanonicalConstructorSoItsChecksRun() throws Exception {
        byte[] bytes = Codec.encode(new Positive(5));
        bytes[bytes.length - 1] = 0; // the last byte of the int component: 5 becomes 0

        assertThatThrownBy(() -> Codec.decode(bytes, Limits.DEFAULT)).isInstanceOf(InvalidObjectException.class)
            .hasMessageContaining("value must be positive: 0")
            .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameThatIsNotASerializableRecordIsRefused() throws Exception {
        byte[] good = Codec.encode(new Positive(5));
        String from = Positive.class.getName();
        String to = NotSerializable.class.getName();
        byte[] bad = replaceName(good, from, to);

        assertThatThrownBy(() -> Codec.decode(bad, Limits.DEFAULT)).isInstanceOf(InvalidClassException.class)
            .hasMessageContaining(to).hasMessageContaining("not a serializable record");
    }

    @Test
    void aFieldLessClassIsNeverMadeFromARecordTagNorARecordFromAnInstanceTag() throws Exception {
        byte[] instance = Codec.encode(new Square());
        instance[0] = Codec.RECORD;

        assertThatThrownBy(() -> Codec.decode(instance, Limits.DEFAULT)).isInstanceOf(ObjectStreamException.class);
    }

    @Test
    void decodingStopsAtEveryLimitWithTheLimitNamed() throws Exception {
        Object deep = ProcessPoolFailureTest.nested(30);
        Limits small = Limits.parse("maxdepth=20;maxarray=1000;maxrefs=50;maxbytes=100000");

        assertThatThrownBy(() -> Codec.decode(Codec.encode(deep), small)).isInstanceOf(InvalidClassException.class)
            .hasMessageContaining("object graph depth 21 exceeds maxdepth=20");
        assertThatThrownBy(() -> Codec.decode(Codec.encode(new byte[2000]), small))
            .isInstanceOf(InvalidClassException.class).hasMessageContaining("array length 2000 exceeds maxarray=1000");
        assertThatThrownBy(() -> Codec.decode(Codec.encode(new ArrayList<>(java.util.Collections.nCopies(60, 1L))),
            small)).isInstanceOf(InvalidClassException.class).hasMessageContaining("exceeds maxrefs=50");
    }

    @Test
    void truncatedOrForgedBytesAreACorruptStreamNeverAnAllocationOrAHang() throws Exception {
        byte[] whole = Codec.encode(new ArrayList<>(List.of("some text", 123L, new BigInteger("99999999999999"))));
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> Codec.decode(cut, Limits.DEFAULT)).isInstanceOf(StreamCorruptedException.class);
        }
        byte[] hugeList = {Codec.LIST, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> Codec.decode(hugeList, Limits.DEFAULT)).isInstanceOf(InvalidClassException.class)
            .hasMessageContaining("exceeds maxarray");
        byte[] negative = {Codec.STRING, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> Codec.decode(negative, Limits.DEFAULT)).isInstanceOf(StreamCorruptedException.class)
            .hasMessageContaining("negative length");
        assertThatThrownBy(() -> Codec.decode(new byte[] {99}, Limits.DEFAULT))
            .isInstanceOf(StreamCorruptedException.class).hasMessageContaining("unknown value tag 99");
        byte[] trailing = Arrays.copyOf(Codec.encode(7L), 10);
        assertThatThrownBy(() -> Codec.decode(trailing, Limits.DEFAULT)).isInstanceOf(StreamCorruptedException.class)
            .hasMessageContaining("left after the value");
    }

    @Test
    void aMapChunkWithAFieldLessFunctionAndPlainInputsTravelsCompactly() throws Exception {
        ProcessPool.ChunkTask chunk = new ProcessPool.ChunkTask(new Square(), new ArrayList<>(List.of(2L, 3L)));

        byte[] bytes = Codec.encode(chunk);

        assertThat(bytes[0]).isEqualTo(Codec.CHUNK);
        assertThat(((ProcessPool.ChunkTask) Codec.decode(bytes, Limits.DEFAULT)).call()).containsExactly(4L, 9L);
        assertThat(Codec.encode(new ProcessPool.ChunkTask(new Add(1), new ArrayList<>(List.of(2L))))[0])
            .isEqualTo(Codec.JAVA);
    }

    /**
     * The reason the encoding exists, checked where it matters: a worker JVM that runs a covered task and returns a
     * covered result never loads Java serialization's reader or writer.
     */
    @Test
    void aWorkerThatRunsACoveredTaskNeverLoadsJavaSerialization(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> flags = new ArrayList<>(ChildJvm.FAST_START_FLAGS);
        flags.add("-Xlog:class+load:file=" + log);
        try (ProcessPool pool = ProcessPool.builder().workers(1).jvmFlags(flags.toArray(new String[0])).build()) {
            assertThat(pool.map(new Square(), List.of(3L, 4L), 2)).containsExactly(9L, 16L);
        }
        String loaded = Files.readString(log);
        assertThat(loaded).contains(Square.class.getName() + " ")
            .doesNotContain("java.io.ObjectInputStream ").doesNotContain("java.io.ObjectOutputStream ");
    }

    /**
     * A JVM-wide filter still has the last word on every class the compact encoding names, as it has on Java
     * serialization. Set by a property, so checked in a JVM of its own: a filter, once set, stays for the JVM.
     */
    @Test
    void theJvmWideFilterStillDecidesOnTheClassesTheEncodingNames() throws Exception {
        ChildJvm.Result result = ChildJvm.of(DecodeUnderFilter.class)
            .withJvmFlags("-Djdk.serialFilter=!" + Positive.class.getName()).run();

        assertThat(result.stdout().lines()).containsExactly(
            Positive.class.getName() + ": rejected by the JVM-wide serialization filter",
            Point.class.getName() + ": decoded");
    }

    /** In a child JVM: decodes a record the filter rejects, then one it lets through, and prints what happened. */
    static final class DecodeUnderFilter {
        public static void main(String[] args) throws Exception {
            for (Object value : List.of(new Positive(5), new Point(1, 2, 3, true, "p", Duration.ZERO))) {
                try {
                    Codec.decode(Codec.encode(value), Limits.DEFAULT);
                    System.out.println(value.getClass().getName() + ": decoded");
                } catch (InvalidClassException e) {
                    System.out.println(e.classname + ": " + e.getMessage().substring(e.getMessage().indexOf(';') + 2));
                }
            }
        }
    }

    private static byte[] replaceName(byte[] bytes, String from, String to) {
        // Names are written as an int length and UTF-16 chars, right after the tag.
        byte[] fromBytes = utf16(from);
        int at = indexOf(bytes, fromBytes);
        assertThat(at).isGreaterThan(0);
        byte[] toBytes = utf16(to);
        byte[] out = new byte[bytes.length - fromBytes.length + toBytes.length];
        System.arraycopy(bytes, 0, out, 0, at - 4);
        int length = to.length();
        out[at - 4] = (byte) (length >>> 24);
        out[at - 3] = (byte) (length >>> 16);
        out[at - 2] = (byte) (length >>> 8);
        out[at - 1] = (byte) length;
        System.arraycopy(toBytes, 0, out, at, toBytes.length);
        System.arraycopy(bytes, at + fromBytes.length, out, at + toBytes.length, bytes.length - at - fromBytes.length);
        return out;
    }

    private static byte[] utf16(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
