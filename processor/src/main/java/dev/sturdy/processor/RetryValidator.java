package dev.sturdy.processor;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.annotation.rules.Diagnostics.ExceptionLists;
import dev.sturdy.annotation.rules.DurationText;

import javax.lang.model.element.AnnotationValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code @Retry}: ranges, {@code maxDelay >= delay}, and its exception lists. */
final class RetryValidator implements Validator {

    @Override
    public List<Finding> validate(Use use) {
        List<Finding> findings = new ArrayList<>(Attributes.check(use));
        AnnotationValue delay = use.value("delay");
        AnnotationValue maxDelay = use.value("maxDelay");
        Optional<Duration> delayTime = duration(delay);
        Optional<Duration> maxDelayTime = duration(maxDelay);
        if (delayTime.isPresent() && maxDelayTime.isPresent() && maxDelayTime.get().compareTo(delayTime.get()) < 0
                && AttributeRule.RETRY_DELAY.violation(delay.getValue()).isEmpty()) {
            findings.add(Finding.error(Diagnostics.maxDelayBelowDelay(use.location(), maxDelay.toString(), delay.toString()), use,
                    use.written("maxDelay").orElse(delay)));
        }
        findings.addAll(ExceptionListRules.check(use, ExceptionLists.RETRY, "no failure is ever retried"));
        return findings;
    }

    private static Optional<Duration> duration(AnnotationValue value) {
        String text = (String) value.getValue();
        return DurationText.isPlaceholder(text) ? Optional.empty() : DurationText.parse(text);
    }
}
