/**
 * {@code sturdy-dashboard}: the live page at {@code /sturdy/dashboard} and the server-sent events
 * at {@code /sturdy/stream} that feed it, under the {@code /sturdy} endpoint's sensitivity.
 */
package dev.sturdy.dashboard;
