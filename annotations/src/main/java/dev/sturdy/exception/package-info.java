/**
 * Exceptions raised by Sturdy's policies. All extend {@link dev.sturdy.exception.SturdyException}
 * and name the method ({@code SimpleClass#method}) or the named policy in their message.
 */
package dev.sturdy.exception;
