package io.klaxon.bench;

import java.util.Map;

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
 * @param cpuCores CPU the pipeline's processes used this second, in cores, all together
 * @param rssMiB the pipeline's processes' resident memory, all together
 * @param cpuCoresByProcess CPU this second by process: each part of the pipeline, and the harness
 * @param rssMiBByProcess resident memory by process
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
    double rssMiB,
    Map<String, Double> cpuCoresByProcess,
    Map<String, Double> rssMiBByProcess) {}
