/**
 * JMH benchmarks of the per-call cost of Sturdy's policies, measured against a direct call and a
 * Micronaut interceptor that only proceeds, with peers for context.
 */
package dev.sturdy.benchmarks;
