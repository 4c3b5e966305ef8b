package dev.sturdy.runtime.it;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean whose attributes are all at the far end of what the processor and the start-up check
 * accept starts (no BeanInstantiationException) and its calls work, sync, async and fanned out.
 */
class ExtremeValuesIntegrationTest {

    @Test
    void everyAttributeAtItsLargestStartsAndWorks() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sturdy-test.extremes", "true"))) {
            ExtremeValues extremes = context.getBean(ExtremeValues.class);

            assertThat(extremes.everything()).isEqualTo("ok");
            assertThat(extremes.everythingAsync().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
            assertThat(extremes.fanout(List.of(1, 2, 3))).containsExactly(2, 4, 6);
        }
    }
}
