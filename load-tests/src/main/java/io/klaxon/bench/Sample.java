package io.klaxon.bench;

/**
 * One second of a run, as the harness saw it.
 *
 * @param second seconds since the run's measurement started
 * @param phase the phase it belongs to (e.g. {@code baseline}, {@code storm}, a rate step)
 * @param sentPerSecond alerts the load generator sent
 * @param routedPerSecond notifications the topology wrote (committed), all tenants
 * @param deliveredPerSecond signed webhook deliveries that arrived
 * @param lag alerts acknowledged by the broker and not yet processed by the Streams app (-1 when unknown)
 * @param routedP50 produce → routed latency, median of this second (ms), tenants other than the storm tenant
 * @param routedP99 the same, 99th percentile
 * @param deliveredP99 produce → webhook delivery latency, 99th percentile of this second (ms)
 * @param cpuCores CPU the pipeline process used this second, in cores
 * @param rssMiB the pipeline process's resident memory
 */
public record Sample(
    double second,
    String phase,
    double sentPerSecond,
    double routedPerSecond,
    double deliveredPerSecond,
    long lag,
    double routedP50,
    double routedP99,
    double deliveredP99,
    double cpuCores,
    double rssMiB) {}
