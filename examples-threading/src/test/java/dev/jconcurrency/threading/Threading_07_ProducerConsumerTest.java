package dev.jconcurrency.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.threading.Threading_07_ProducerConsumer.Result;
import org.junit.jupiter.api.Test;

class Threading_07_ProducerConsumerTest {

    /** 30,000 distinct ids taken 30,000 times from 0 to 29,999: by counting, each one exactly once. */
    @Test
    void everyItemOfThreeProducersReachesTwoConsumersExactlyOnce() throws Exception {
        Result result = Threading_07_ProducerConsumer.run(3, 2, 10_000, 16);

        assertThat(result.produced()).isEqualTo(30_000);
        assertThat(result.taken()).isEqualTo(30_000);
        assertThat(result.distinctIds()).isEqualTo(30_000);
        assertThat(result.exactlyOnce()).isTrue();
        assertThat(result.perConsumer()).hasSize(2);
        assertThat(result.perConsumer().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30_000);
    }

    @Test
    void eachConsumerTakesExactlyOnePoisonPillAndStops() throws Exception {
        Result result = Threading_07_ProducerConsumer.run(2, 4, 1_000, 4);

        assertThat(result.pillsTaken()).isEqualTo(4);
        assertThat(result.perConsumer()).hasSize(4);
        assertThat(result.exactlyOnce()).isTrue();
    }

    @Test
    void withNothingProducedTheConsumersStillStop() throws Exception {
        Result result = Threading_07_ProducerConsumer.run(1, 3, 0, 1);

        assertThat(result.taken()).isZero();
        assertThat(result.pillsTaken()).isEqualTo(3);
        assertThat(result.perConsumer()).containsExactly(0, 0, 0);
        assertThat(result.exactlyOnce()).isTrue();
    }

    /** A queue of one between a fast producer and a consumer: the producer must find it full and wait. */
    @Test
    void aFullQueueMakesTheProducerWait() throws Exception {
        Result result = Threading_07_ProducerConsumer.run(1, 1, 10_000, 1);

        assertThat(result.fullPuts()).isPositive();
        assertThat(result.exactlyOnce()).isTrue();
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_07_ProducerConsumer.run(0, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("producers must be positive: 0");
        assertThatThrownBy(() -> Threading_07_ProducerConsumer.run(1, 0, 1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("consumers must be positive: 0");
        assertThatThrownBy(() -> Threading_07_ProducerConsumer.run(1, 1, -1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("itemsPerProducer must not be negative: -1");
        assertThatThrownBy(() -> Threading_07_ProducerConsumer.run(1, 1, 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be positive: 0");
    }
}
