package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One bad-input case for one parameter of one public constructor or method of concurrency-core
 * (TESTING.md R7): what is passed, and what must happen.
 *
 * <p>A row names its parameter by <em>owner class + member signature + parameter index</em>, because core is
 * compiled without {@code -parameters} and reflection cannot see parameter names. The signature is the
 * member's name (a constructor's is its class's simple name) and its parameter types' simple names, erased,
 * joined by {@code ", "}, varargs written {@code ...}: {@code "sumOfSquares(long, long)"},
 * {@code "Timed(Object, Duration)"}, {@code "of(String...)"}. The coverage test prints the exact signature of
 * every parameter that has no row, ready to copy.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * ArgumentRow.Member spin = ArgumentRow.member(Workloads.class, "spin(Duration)");
 * spin.rejectsNull(0, "duration", () -> Workloads.spin(null));
 * spin.rejects(0, "duration", "duration must not be negative: PT-0.001S", () -> Workloads.spin(ofMillis(-1)));
 * }</pre>
 *
 * <p>The four kinds of row, and what {@link #verify()} checks:
 * <ul>
 *   <li>{@link Kind#NULL_REJECTED}: a {@link NullPointerException} (exactly that class) whose message is the
 *       parameter's name.
 *   <li>{@link Kind#NULL_ACCEPTED}: the call completes; for parameters documented as nullable.
 *   <li>{@link Kind#VALUE_REJECTED}: an {@link IllegalArgumentException} (or subclass) with exactly the given
 *       message, which is one line and names the parameter.
 *   <li>{@link Kind#ANY_VALUE_ACCEPTED}: the call, made with an extreme value, completes; for primitive
 *       parameters that have no invalid value.
 * </ul>
 * A reference parameter is covered by a null row (rejected or accepted), a primitive one by a value row
 * (rejected or any value accepted).
 *
 * @param owner the class that declares the member
 * @param signature the member's signature, as described above
 * @param index the parameter's position, from 0
 * @param parameter the parameter's name in the source, which a rejection's message must name
 * @param kind what must happen
 * @param message for {@link Kind#VALUE_REJECTED}, the exact message; else null
 * @param call makes the call with the bad (or accepted) value
 */
public record ArgumentRow(Class<?> owner, String signature, int index, String parameter, Kind kind, String message,
                          ThrowingCallable call) {

    /** What a row expects. */
    public enum Kind {
        /** Null gives a {@link NullPointerException} whose message is the parameter's name. */
        NULL_REJECTED,
        /** Null is documented as allowed: the call completes. */
        NULL_ACCEPTED,
        /** The value gives an {@link IllegalArgumentException} with a given message naming the parameter. */
        VALUE_REJECTED,
        /** A primitive parameter with no invalid value: the call, with an extreme value, completes. */
        ANY_VALUE_ACCEPTED;

        /** True for the kinds that cover a reference parameter's null. */
        public boolean coversNull() {
            return this == NULL_REJECTED || this == NULL_ACCEPTED;
        }
    }

    /** The signature of a constructor or method as rows write it, e.g. {@code "sumOfSquares(long, long)"}. */
    public static String signatureOf(Executable member) {
        Class<?>[] types = member.getParameterTypes();
        String name = member instanceof Constructor<?> ? member.getDeclaringClass().getSimpleName() : member.getName();
        String parameters = Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
        if (member.isVarArgs()) {
            parameters = parameters.substring(0, parameters.length() - 2) + "...";
        }
        return name + "(" + parameters + ")";
    }

    /**
     * @throws NullPointerException if a field other than {@code message} is null
     * @throws IllegalArgumentException if the row contradicts itself
     */
    public ArgumentRow {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(call, "call");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        if ((kind == Kind.VALUE_REJECTED) != (message != null)) {
            throw new IllegalArgumentException("message must be given exactly for VALUE_REJECTED rows: " + message);
        }
    }

    /** The rows of one constructor or method. */
    public static Member member(Class<?> owner, String signature) {
        return new Member(owner, signature);
    }

    /**
     * One constructor or method, to write its rows without repeating the owner and signature.
     *
     * @param owner the class that declares it
     * @param signature its signature, see {@link ArgumentRow}
     */
    public record Member(Class<?> owner, String signature) {

        /** Null for parameter {@code index} gives a {@link NullPointerException} naming {@code parameter}. */
        public ArgumentRow rejectsNull(int index, String parameter, ThrowingCallable call) {
            return new ArgumentRow(owner, signature, index, parameter, Kind.NULL_REJECTED, null, call);
        }

        /** Null for parameter {@code index} is allowed: the call completes. */
        public ArgumentRow acceptsNull(int index, String parameter, ThrowingCallable call) {
            return new ArgumentRow(owner, signature, index, parameter, Kind.NULL_ACCEPTED, null, call);
        }

        /** The value passed in {@code call} gives an {@link IllegalArgumentException} with exactly {@code message}. */
        public ArgumentRow rejects(int index, String parameter, String message, ThrowingCallable call) {
            return new ArgumentRow(owner, signature, index, parameter, Kind.VALUE_REJECTED,
                Objects.requireNonNull(message, "message"), call);
        }

        /** Primitive parameter {@code index} has no invalid value: {@code call}, with an extreme one, completes. */
        public ArgumentRow acceptsAnyValue(int index, String parameter, ThrowingCallable call) {
            return new ArgumentRow(owner, signature, index, parameter, Kind.ANY_VALUE_ACCEPTED, null, call);
        }
    }

    /** The key the coverage test matches rows by: owner, signature and index. */
    public String key() {
        return key(owner, signature, index);
    }

    /** The key of parameter {@code index} of {@code member}. */
    public static String key(Executable member, int index) {
        return key(member.getDeclaringClass(), signatureOf(member), index);
    }

    private static String key(Class<?> owner, String signature, int index) {
        return owner.getName() + "#" + signature + "#" + index;
    }

    /** Makes the call and asserts what the row promises. */
    public void verify() {
        switch (kind) {
            case NULL_REJECTED -> assertThat(catchThrowable(call)).as(toString())
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage(parameter);
            case VALUE_REJECTED -> {
                Throwable thrown = catchThrowable(call);
                assertThat(thrown).as(toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
                assertThat(message).as("%s: one line naming the parameter", this)
                    .doesNotContain("\n", "\r")
                    .containsPattern(Pattern.compile("\\b" + Pattern.quote(parameter) + "\\b"));
            }
            case NULL_ACCEPTED, ANY_VALUE_ACCEPTED -> assertThatCode(call).as(toString()).doesNotThrowAnyException();
        }
    }

    /** For the test's display name: {@code Workloads.spin(Duration) #0 duration: NULL_REJECTED}. */
    @Override
    public String toString() {
        String expected = switch (kind) {
            case NULL_REJECTED -> "null gives NullPointerException(\"" + parameter + "\")";
            case NULL_ACCEPTED -> "null is accepted";
            case VALUE_REJECTED -> "gives IllegalArgumentException(\"" + message + "\")";
            case ANY_VALUE_ACCEPTED -> "any value is accepted";
        };
        return owner.getSimpleName() + "." + signature + " #" + index + " " + parameter + ": " + expected;
    }

    private static boolean names(Executable member, Class<?> owner, String signature) {
        return member.getDeclaringClass() == owner && signatureOf(member).equals(signature);
    }

    /** A method or constructor of {@code owner} with this row's signature, or null. */
    public Executable resolve() {
        for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
            if (names(constructor, owner, signature)) {
                return constructor;
            }
        }
        for (Method method : owner.getDeclaredMethods()) {
            if (!method.isSynthetic() && !method.isBridge() && names(method, owner, signature)) {
                return method;
            }
        }
        return null;
    }
}
