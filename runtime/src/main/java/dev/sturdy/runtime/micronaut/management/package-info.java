/**
 * The {@code /sturdy} management endpoint and the health indicator; present only when the
 * application has {@code micronaut-management}.
 */
@Internal
package dev.sturdy.runtime.micronaut.management;

import io.micronaut.core.annotation.Internal;
