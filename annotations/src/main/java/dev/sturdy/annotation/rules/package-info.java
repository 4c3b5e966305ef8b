/**
 * The rules every annotation attribute must keep, and their wording. Not API: shared by
 * {@code sturdy-processor} (compile time) and {@code sturdy-runtime} (start-up, for placeholders
 * and configuration) so that both check the same rule and say the same thing.
 */
package dev.sturdy.annotation.rules;
