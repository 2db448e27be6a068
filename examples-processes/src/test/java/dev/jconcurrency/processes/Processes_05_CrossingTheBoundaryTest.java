package dev.jconcurrency.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.processes.Processes_05_CrossingTheBoundary.Attempt;
import dev.jconcurrency.processes.Processes_05_CrossingTheBoundary.Result;
import dev.jconcurrency.processes.Processes_05_CrossingTheBoundary.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Processes_05_CrossingTheBoundaryTest {

    private static final String LESSON = Processes_05_CrossingTheBoundary.class.getName();

    private static Result result;

    @BeforeAll
    static void runTheLessonOnce() throws Exception {
        result = Processes_05_CrossingTheBoundary.run();
    }

    /** Milk 1.19 + eggs 2.89 + bread 2.49, in cents. */
    private static final int BASKET_CENTS = 657;

    @Test
    void aLambdaCapturingAnUnserializableServiceIsRefusedAtSubmitNamingTheServicesClass() {
        Attempt wrong = result.attempt("capture a PriceList");

        assertThat(wrong.rightWay()).isFalse();
        assertThat(wrong.stage()).isEqualTo(Stage.REFUSED_AT_SUBMIT);
        assertThat(wrong.error()).isEqualTo("IllegalArgumentException");
        assertThat(wrong.message()).contains("a lambda written in " + LESSON)
            .contains("captures or holds a " + LESSON + "$PriceList, which is not Serializable");
        assertThat(result.attempt("build the PriceList in the worker"))
            .isEqualTo(new Attempt("build the PriceList in the worker", true, Stage.RETURNED, null, null,
                BASKET_CENTS));
    }

    @Test
    void aLambdaThatReadsAFieldCapturesThisAndTheFixIsToCopyTheFieldIntoALocal() {
        Attempt wrong = result.attempt("use a field (captures this)");

        assertThat(wrong.stage()).isEqualTo(Stage.REFUSED_AT_SUBMIT);
        assertThat(wrong.message()).contains("a lambda written in " + LESSON + "$Checkout")
            .contains("captures or holds a " + LESSON + "$Checkout, which is not Serializable");
        assertThat(result.attempt("copy the field into a local").value()).isEqualTo(BASKET_CENTS * 90 / 100);
        assertThat(result.attempt("copy the field into a local").stage()).isEqualTo(Stage.RETURNED);
    }

    @Test
    void aPlainCallableIsRefusedAndTheSameLambdaTypedSerializableCallableRuns() {
        Attempt wrong = result.attempt("a plain Callable");

        assertThat(wrong.stage()).isEqualTo(Stage.REFUSED_AT_SUBMIT);
        assertThat(wrong.message()).contains("is not Serializable, so it cannot be sent to a worker JVM")
            .contains("(Callable<T> & Serializable)");
        assertThat(result.attempt("a SerializableCallable").value()).isEqualTo(42);
    }

    /** A result that cannot travel back fails only its own future, in get(); the worker lives on. */
    @Test
    void anUnserializableResultFailsInGetNamingItsClassAndTheWorkerSurvives() {
        Attempt wrong = result.attempt("return a PriceList");

        assertThat(wrong.stage()).isEqualTo(Stage.FAILED_IN_GET);
        assertThat(wrong.error()).isEqualTo("NotSerializableException");
        assertThat(wrong.message()).contains("the task's result (" + LESSON + "$PriceList) cannot be serialized");
        assertThat(result.attempt("a named class with data fields").value()).isEqualTo(BASKET_CENTS);
        assertThat(result.workersStarted()).isEqualTo(1);
    }

    @Test
    void everyMistakeIsFollowedByItsFix() {
        assertThat(result.attempts()).hasSize(8);
        for (int i = 0; i < result.attempts().size(); i += 2) {
            assertThat(result.attempts().get(i).rightWay()).isFalse();
            assertThat(result.attempts().get(i).stage()).isNotEqualTo(Stage.RETURNED);
            assertThat(result.attempts().get(i + 1).rightWay()).isTrue();
            assertThat(result.attempts().get(i + 1).stage()).isEqualTo(Stage.RETURNED);
        }
    }

    @Test
    void theFirstSentenceOfAMessageIsWhatThePrintedLineShows() {
        assertThat(Processes_05_CrossingTheBoundary.firstSentence("It fails. Do this instead.")).isEqualTo("It fails.");
        assertThat(Processes_05_CrossingTheBoundary.firstSentence("no full stop")).isEqualTo("no full stop");
    }
}
