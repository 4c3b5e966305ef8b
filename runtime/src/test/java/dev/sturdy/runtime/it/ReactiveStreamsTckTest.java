package dev.sturdy.runtime.it;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The reactive-streams TCK's publisher rules, run against what callers of protected reactive
 * methods subscribe to. The TCK is written for TestNG: each of its rules runs here as a JUnit test,
 * and a rule the TCK skips (an optional one the publisher does not claim) is reported as aborted.
 */
class ReactiveStreamsTckTest {

    /** How long the TCK waits for a signal it expects: generous, for a busy machine. */
    private static final long TIMEOUT_MILLIS = 5000;
    /** How long it waits to be sure a signal does not come: a late signal would still be caught by a later wait. */
    private static final long NO_SIGNAL_MILLIS = 100;

    private static ApplicationContext context;
    private static TckPublishers publishers;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        publishers = context.getBean(TckPublishers.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @TestFactory
    Stream<DynamicTest> aMultiValuedMethodsPublisherKeepsTheRules() {
        return rules(new PublisherVerification<Long>(environment(), TIMEOUT_MILLIS) {
            @Override
            public Publisher<Long> createPublisher(long elements) {
                return publishers.stream(elements);
            }

            @Override
            public Publisher<Long> createFailedPublisher() {
                return publishers.failedStream();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aSingleValuedMethodsPublisherKeepsTheRules() {
        return rules(new PublisherVerification<Long>(environment(), TIMEOUT_MILLIS) {
            @Override
            public Publisher<Long> createPublisher(long elements) {
                return publishers.single(elements);
            }

            @Override
            public Publisher<Long> createFailedPublisher() {
                return publishers.failedSingle();
            }

            @Override
            public long maxElementsFromPublisher() {
                return 1;
            }
        });
    }

    private static TestEnvironment environment() {
        return new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNAL_MILLIS);
    }

    private static Stream<DynamicTest> rules(PublisherVerification<Long> verification) {
        return Arrays.stream(PublisherVerification.class.getMethods())
                .filter(rule -> rule.isAnnotationPresent(Test.class))
                .sorted(Comparator.comparing(Method::getName))
                .map(rule -> dynamicTest(rule.getName(), () -> {
                    verification.setUp();
                    try {
                        rule.invoke(verification);
                    } catch (InvocationTargetException failed) {
                        if (failed.getCause() instanceof SkipException skipped) {
                            Assumptions.abort(skipped.getMessage());
                        }
                        throw failed.getCause();
                    }
                }));
    }
}
