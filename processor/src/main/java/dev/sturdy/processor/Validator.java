package dev.sturdy.processor;

import java.util.List;

/**
 * Checks one use of one annotation. Pure: reads the use, returns what is wrong, prints nothing.
 */
@FunctionalInterface
interface Validator {

    List<Finding> validate(Use use);
}
