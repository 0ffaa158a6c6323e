package io.klaxon.traffic;

/**
 * One record to produce to the alerts topic.
 *
 * @param key the record key (the tenant id, as producers key alerts)
 * @param value the value bytes, Confluent wire format (or deliberately broken for poison kinds)
 * @param kind what the record exercises
 * @param tenantId the tenant the record claims to belong to
 * @param eventId the event id, or null when the value is not a decodable event
 */
public record GeneratedRecord(String key, byte[] value, TrafficKind kind, String tenantId, String eventId) {}
