package dev.jconcurrency.core.testing;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A test class that holds the bad-input rows (TESTING.md R7) of one package of concurrency-core.
 *
 * <p>Each package keeps its rows in its own test class, so a new package adds rows without editing any
 * shared file:
 * <pre>{@code
 * class NetArgumentsTest implements ArgumentRows {
 *     @Override
 *     public List<ArgumentRow> argumentRows() {
 *         ArgumentRow.Member open = ArgumentRow.member(LatencyServer.class, "open(Duration)");
 *         return List.of(open.rejectsNull(0, "delay", () -> LatencyServer.open(null)));
 *     }
 * }
 * }</pre>
 * Implementing this interface is all it takes: JUnit runs every row through the inherited
 * {@link #everyArgumentRowHolds()}, and {@code dev.jconcurrency.core.ArgumentCoverageTest} finds the class by
 * scanning core's test classes, collects its rows, and fails while any public parameter of core has none.
 * The class needs a no-argument constructor (JUnit's usual package-private default is fine) and must not be
 * abstract. {@link #argumentRows()} is called twice (by JUnit and by the coverage test), so building the rows
 * must start nothing: a row whose call needs a resource (a server, a pool) opens and closes it inside the call.
 */
public interface ArgumentRows {

    /** This package's rows; called once by JUnit and once by the coverage test. */
    List<ArgumentRow> argumentRows();

    /** Runs every row: each one's call gives exactly the exception and message it promises. */
    @TestFactory
    default Stream<DynamicTest> everyArgumentRowHolds() {
        return argumentRows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), row::verify));
    }
}
