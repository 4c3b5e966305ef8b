package dev.sturdy.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Calls, failures, latency, retries, fallbacks and timeouts per protected method, read once a
 * second from what is already measured: the dashboard adds no work to a call.
 *
 * @see MicrometerRates
 */
interface MethodRates {

    /**
     * @param seconds the time since the last sample
     * @return per method, its totals and its rates since the last sample
     */
    List<Map<String, Object>> sample(double seconds);
}
