package dev.sturdy.redis;

/** What a call does when Redis does not answer in time, or is down ({@code sturdy.redis.on-failure}). */
public enum OnFailure {
    /** The instance's own policy, with the same configuration: each instance limits on its own. */
    LOCAL,
    /** Every call passes: the dependency is not protected while Redis is away. */
    ALLOW,
    /** Every call is refused with the policy's usual exception: nothing passes while Redis is away. */
    REJECT
}
