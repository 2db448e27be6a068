package dev.jconcurrency.core.process;

import java.io.ObjectInputFilter;

/**
 * The deserialization limits of the pool's channel, enforced by an {@link ObjectInputFilter} on every stream
 * the parent or a worker reads (see the module README: untrusted deserialization is a known Java hazard).
 *
 * <p>They allow what tasks and results normally are (nested collections, arrays of millions of numbers, a few
 * hundred MiB) and stop the classic attacks on a reader: graphs so deep that reading them overflows the stack,
 * array lengths that allocate gigabytes from a few bytes of input, and streams with billions of references.
 * One filter object is made per stream, so that a rejection can say which limit was hit.
 */
final class Limits {

    static final Limits DEFAULT = new Limits(200, 16_777_216, 16_777_216, 268_435_456);

    final long maxDepth;
    final long maxArray;
    final long maxRefs;
    final long maxBytes;

    Limits(long maxDepth, long maxArray, long maxRefs, long maxBytes) {
        this.maxDepth = maxDepth;
        this.maxArray = maxArray;
        this.maxRefs = maxRefs;
        this.maxBytes = maxBytes;
    }

    /** In the JDK's {@code jdk.serialFilter} syntax, which is also how a worker receives them. */
    @Override
    public String toString() {
        return "maxdepth=" + maxDepth + ";maxarray=" + maxArray + ";maxrefs=" + maxRefs + ";maxbytes=" + maxBytes;
    }

    static Limits parse(String pattern) {
        long depth = DEFAULT.maxDepth;
        long array = DEFAULT.maxArray;
        long refs = DEFAULT.maxRefs;
        long bytes = DEFAULT.maxBytes;
        for (String part : pattern.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("limits must look like maxdepth=N;maxarray=N;...: " + pattern);
            }
            String key = part.substring(0, eq).trim();
            long value = Long.parseLong(part.substring(eq + 1).trim());
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be positive: " + value);
            }
            switch (key) {
                case "maxdepth" -> depth = value;
                case "maxarray" -> array = value;
                case "maxrefs" -> refs = value;
                case "maxbytes" -> bytes = value;
                default -> throw new IllegalArgumentException("unknown limit '" + key + "' in " + pattern);
            }
        }
        return new Limits(depth, array, refs, bytes);
    }

    Filter newFilter() {
        return new Filter();
    }

    /**
     * A one-stream filter that remembers why it rejected, for the error message. Setting a stream's filter
     * replaces the JVM-wide one ({@code -Djdk.serialFilter}), so this one consults it after its own limits.
     */
    final class Filter implements ObjectInputFilter {
        private final ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        private String rejection;

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > maxDepth) {
                return reject("object graph depth " + info.depth() + " exceeds maxdepth=" + maxDepth);
            }
            if (info.arrayLength() > maxArray) {
                return reject("array length " + info.arrayLength() + " exceeds maxarray=" + maxArray);
            }
            if (info.references() > maxRefs) {
                return reject("reference count " + info.references() + " exceeds maxrefs=" + maxRefs);
            }
            if (info.streamBytes() > maxBytes) {
                return reject("stream size " + info.streamBytes() + " B exceeds maxbytes=" + maxBytes);
            }
            return jvmWide == null ? Status.UNDECIDED : jvmWide.checkInput(info); // classes: the JVM-wide say
        }

        private Status reject(String why) {
            if (rejection == null) {
                rejection = why;
            }
            return Status.REJECTED;
        }

        /** Why this filter rejected the stream, or null if it did not. */
        String rejection() {
            return rejection;
        }
    }
}
