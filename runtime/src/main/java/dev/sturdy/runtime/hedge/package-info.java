/**
 * {@link dev.sturdy.annotation.Hedge}: the policy, the strategy, and one hedged call's run of
 * attempts side by side.
 */
package dev.sturdy.runtime.hedge;
